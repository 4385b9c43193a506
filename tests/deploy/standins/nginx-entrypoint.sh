#!/bin/sh
# As the official image does: each template's ${VARIABLES} that are set in the environment are
# replaced, nginx's own $variables are left alone.
set -e
defined=$(printf '${%s} ' $(env | cut -d= -f1))
for template in /etc/nginx/templates/*.template; do
    [ -f "$template" ] || continue
    name=$(basename "$template" .template)
    envsubst "$defined" < "$template" > "/etc/nginx/conf.d/$name"
done
exec "$@"
