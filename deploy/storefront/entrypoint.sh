#!/bin/sh
# Storefront container: migrate its own database, then serve.
set -e
# PostgreSQL may still be starting (podman ignores depends_on conditions; Docker honours them):
# try the migration for up to two minutes before giving up (and being restarted).
tries=0
until python manage.py migrate_exclusively; do
    tries=$((tries + 1))
    [ "$tries" -lt 24 ] || exit 1
    echo "database not ready; trying again in 5 s" >&2
    sleep 5
done
# The concurrency budget (README, "Capacity"): Granian's many threads hand each request to the
# storefront's admission control at once, which bounds the work by STOREFRONT_THREADS (= pooled
# database connections per process). Granian's backpressure counts open (also idle kept-alive)
# connections, so it is set well above the threads.
exec granian --interface wsgi --host 0.0.0.0 --port 8000 --workers "${STOREFRONT_WORKERS:-2}" \
  --blocking-threads "${STOREFRONT_ACCEPT_THREADS:-128}" --backpressure "${STOREFRONT_CONNECTIONS:-128}" \
  --no-access-log config.wsgi:application
