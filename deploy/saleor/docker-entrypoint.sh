#!/bin/sh
# A named volume first mounted by another container belongs to root: take the media folder for
# the saleor user, then drop root for the real command (the API, the Celery worker, a one-off).
set -e
if [ "$(id -u)" = "0" ]; then
    chown saleor /srv/media
    exec setpriv --reuid=saleor --regid=saleor --init-groups "$@"
fi
exec "$@"
