#!/bin/sh
# Restores one backup (default: the newest) into the databases and the media folder:
#   docker compose --profile restore run --rm restore            # newest
#   docker compose --profile restore run --rm restore 20261206T081500Z
# Run it with the storefront, worker and Saleor stopped, into freshly created (empty) databases:
# each database is restored by its owner role, so the applications own what they get back.
# BACKUP_DIR and MEDIA_DIR move the two folders (the tests run it on the host).
set -eu
BACKUPS="${BACKUP_DIR:-/backups}"
MEDIA="${MEDIA_DIR:-/srv/media}"
wanted="${1:-}"
if [ -z "$wanted" ]; then
    wanted=$(ls -1d "$BACKUPS"/2*Z 2>/dev/null | sort | tail -n 1 | xargs -r basename)
fi
source="$BACKUPS/$wanted"
[ -n "$wanted" ] && [ -d "$source" ] || { echo "no backup '$wanted' in $BACKUPS; there are: $(ls "$BACKUPS")" >&2; exit 1; }

# Check the whole backup before anything is replaced.
for database in saleor storefront; do
    pg_restore --list "$source/$database.dump" > /dev/null || { echo "$source/$database.dump is unreadable: nothing restored" >&2; exit 1; }
done
tar -tzf "$source/media.tar.gz" > /dev/null || { echo "$source/media.tar.gz is unreadable: nothing restored" >&2; exit 1; }

tries=0
until pg_isready --quiet --dbname postgres --username saleor; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "PostgreSQL did not answer in 120 s" >&2; exit 1; }
    sleep 2
done

for database in saleor storefront; do
    case "$database" in
        saleor) password="$SALEOR_DB_PASSWORD" ;;
        storefront) password="$STOREFRONT_DB_PASSWORD" ;;
    esac
    # Comments on extensions belong to the superuser; everything else is restored by the owner.
    list=$(mktemp)
    pg_restore --list "$source/$database.dump" | grep -v "COMMENT - EXTENSION" > "$list"
    PGPASSWORD="$password" pg_restore --username "$database" --dbname "$database" --no-owner --no-privileges \
        --clean --if-exists --exit-on-error --single-transaction --use-list "$list" "$source/$database.dump"
    rm -f "$list"
    echo "restored $database from $wanted"
done
# Unpacked beside the live folder first, so a failure leaves the old media in place.
staging="$MEDIA/.restoring"
rm -rf "$staging" && mkdir "$staging"
tar -C "$staging" -xzf "$source/media.tar.gz"
find "$MEDIA" -mindepth 1 -maxdepth 1 ! -name .restoring -exec rm -rf {} +
find "$staging" -mindepth 1 -maxdepth 1 -exec mv {} "$MEDIA"/ \;
rmdir "$staging"
echo "restored media from $wanted"
