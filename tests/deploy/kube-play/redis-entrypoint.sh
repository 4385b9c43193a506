#!/bin/sh
# As the official redis image: options alone are redis-server's, which then listens on every
# address (the network, not the server, decides who reaches it).
set -e
if [ "${1#-}" != "$1" ]; then
    set -- redis-server "$@"
fi
if [ "$1" = "redis-server" ]; then
    shift
    set -- redis-server --bind 0.0.0.0 --protected-mode no "$@"
fi
exec "$@"
