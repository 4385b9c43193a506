#!/bin/sh
# Storefront container: migrate its own database, then serve.
set -e
python manage.py migrate --noinput
python manage.py createcachetable
exec granian --interface wsgi --host 0.0.0.0 --port 8000 --workers "${STOREFRONT_WORKERS:-2}" \
  --no-access-log config.wsgi:application
