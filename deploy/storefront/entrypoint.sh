#!/bin/sh
# Storefront container: migrate its own database, then serve.
set -e
python manage.py migrate --noinput
python manage.py createcachetable
# The concurrency budget (README, "Capacity"): requests at once per process = threads =
# pooled database connections per process; more wait for a thread. Granian's backpressure
# counts open (also idle kept-alive) connections, so it is set well above the threads.
exec granian --interface wsgi --host 0.0.0.0 --port 8000 --workers "${STOREFRONT_WORKERS:-2}" \
  --blocking-threads "${STOREFRONT_THREADS:-8}" --backpressure "${STOREFRONT_CONNECTIONS:-128}" \
  --no-access-log config.wsgi:application
