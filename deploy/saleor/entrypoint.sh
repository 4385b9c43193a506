#!/bin/sh
# Saleor API container: migrate, apply the catalog data file, then serve on the private network.
set -e
python -m django migrate --noinput
python -m django seed_catalog /app/seed/catalog.yaml
exec uwsgi --http-socket 0.0.0.0:8000 --module saleor.wsgi:application --master \
  --processes "${UWSGI_PROCESSES:-2}" --enable-threads --die-on-term --need-app \
  --disable-logging --buffer-size 16384 --harakiri 30
