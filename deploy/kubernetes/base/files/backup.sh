#!/bin/sh
# The backup service: dumps both databases (as the read-only `backup` role) and the media folder
# into /backups/<UTC time>/, every BACKUP_INTERVAL_SECONDS, keeping the newest BACKUP_KEEP.
#   backup.sh            the schedule loop (the service's entrypoint; first backup at start)
#   backup.sh once       one backup now:  docker compose exec backup sh /backup/backup.sh once
#   backup.sh healthcheck  fails when the last good backup is older than two intervals
# BACKUP_DIR and MEDIA_DIR move the two folders (the tests run it on the host).
set -eu
INTERVAL="${BACKUP_INTERVAL_SECONDS:-86400}"
KEEP="${BACKUP_KEEP:-14}"
RETRY="${BACKUP_RETRY_SECONDS:-60}"
BACKUPS="${BACKUP_DIR:-/backups}"
MEDIA="${MEDIA_DIR:-/srv/media}"
DATABASES="saleor storefront"

backup_once() {
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    partial="$BACKUPS/.partial-$stamp"
    rm -rf "$BACKUPS"/.partial-*
    mkdir -p "$partial"
    for database in $DATABASES; do
        pg_dump --format=custom --no-owner --no-privileges --dbname "$database" --file "$partial/$database.dump"
    done
    tar -C "$MEDIA" -czf "$partial/media.tar.gz" .
    # A folder without the .partial- prefix is always complete.
    mv "$partial" "$BACKUPS/$stamp"
    date -u +%s > "$BACKUPS/.last-success"
    ls -1d "$BACKUPS"/2*Z 2>/dev/null | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do rm -rf "$old"; done
    echo "backup $stamp: $(du -sk "$BACKUPS/$stamp" | cut -f1) KiB"
}

wait_for_database() {
    tries=0
    until pg_isready --quiet --dbname postgres; do
        tries=$((tries + 1))
        [ "$tries" -lt 60 ] || { echo "PostgreSQL did not answer in 120 s" >&2; return 1; }
        sleep 2
    done
}

case "${1:-loop}" in
    once)
        wait_for_database && backup_once ;;
    healthcheck)
        last=$(cat "$BACKUPS/.last-success" 2>/dev/null || echo 0)
        [ $(( $(date -u +%s) - last )) -lt $((INTERVAL * 2)) ] ;;
    loop)
        while true; do
            # A failed backup is logged and tried again after BACKUP_RETRY_SECONDS (the first one
            # can meet a migration's locks at start: pg_dump then ends with "deadlock detected");
            # the healthcheck turns red once two intervals pass without a good one.
            # Each backup in a shell of its own: inside an `if`, `set -e` would not stop a failed
            # pg_dump, and a broken backup would be kept as good.
            if sh "$0" once; then
                sleep "$INTERVAL"
            else
                echo "backup failed; trying again in ${RETRY} s" >&2
                sleep "$RETRY"
            fi
        done ;;
    *)
        echo "usage: backup.sh [loop|once|healthcheck]" >&2; exit 2 ;;
esac
