"""Django's PostgreSQL backend (settings.DATABASES ENGINE "core.postgresql"), whose connection
pool drops every dead connection at once after a PostgreSQL restart.

psycopg_pool checks each connection as it leaves the pool (CONN_HEALTH_CHECKS); when one fails,
it tries the next idle one after 0 s, then 1 s, 2 s, … (its back-off), and after a restart every
idle one is dead: the first request waited past DATABASE_POOL_TIMEOUT (3 s) and got the 503 page.
Here the first dead one found means the server went away, so all idle ones are checked and
replaced at once, and the request gets a new connection in milliseconds.
"""
from __future__ import annotations

from typing import Optional

from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.postgresql import base
from psycopg import Connection
from psycopg_pool import ConnectionPool


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self) -> Optional[ConnectionPool]:
        options = self.settings_dict["OPTIONS"].get("pool")
        if options and self.alias != NO_DB_ALIAS and self.alias not in self._connection_pools:
            # Built as Django builds it (django/db/backends/postgresql/base.py), with our check;
            # Django's own property then finds it and uses it.
            connect_kwargs = {**self.get_connection_params(), "autocommit": True}
            pool = ConnectionPool(
                kwargs=connect_kwargs, open=False, configure=self._configure_connection,
                check=self._check_then_drain if self.settings_dict["CONN_HEALTH_CHECKS"] else None,
                **({} if options is True else options),
            )
            self._connection_pools.setdefault(self.alias, pool)
        return super().pool

    def _check_then_drain(self, conn: Connection) -> None:
        try:
            ConnectionPool.check_connection(conn)
        except Exception:
            # Every idle connection checked now (the pool is shared by the process's threads);
            # dead ones are replaced at once.
            self._connection_pools[self.alias].check()
            raise
