#!/bin/sh
# Runs once, when the PostgreSQL volume is first created (the image's initdb.d step, as the
# superuser): one owner role per Django project's database, and a read-only role for backups.
# The init step cannot read environment variables from SQL files, hence this shell script.
set -eu
: "${SALEOR_DB_PASSWORD:?}" "${STOREFRONT_DB_PASSWORD:?}" "${BACKUP_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
     -v saleor_password="$SALEOR_DB_PASSWORD" -v storefront_password="$STOREFRONT_DB_PASSWORD" \
     -v backup_password="$BACKUP_DB_PASSWORD" <<'SQL'
CREATE ROLE saleor LOGIN PASSWORD :'saleor_password';
CREATE ROLE storefront LOGIN PASSWORD :'storefront_password';
-- pg_read_all_data: SELECT on every table and sequence, nothing else.
CREATE ROLE backup LOGIN PASSWORD :'backup_password' IN ROLE pg_read_all_data;
CREATE DATABASE saleor OWNER saleor;
CREATE DATABASE storefront OWNER storefront;
-- Each application reaches only its own database; the backup reads both.
REVOKE ALL ON DATABASE saleor, storefront FROM PUBLIC;
GRANT CONNECT ON DATABASE saleor TO backup;
GRANT CONNECT ON DATABASE storefront TO backup;
SQL
