#!/bin/sh
# Saleor API container: migrate, apply the catalog data file, then serve on the private network.
set -e
# PostgreSQL may still be starting (podman ignores depends_on conditions; Docker honours them).
tries=0
until python -m django migrate --noinput; do
    tries=$((tries + 1))
    [ "$tries" -lt 24 ] || exit 1
    echo "database not ready; trying again in 5 s" >&2
    sleep 5
done
python -m django seed_catalog /app/seed/catalog.yaml
exec uwsgi --http-socket 0.0.0.0:8000 --module saleor.wsgi:application --master \
  --processes "${UWSGI_PROCESSES:-2}" --enable-threads --die-on-term --need-app \
  --disable-logging --buffer-size 16384 --harakiri 30
