"""Saleor keeps its database connections for 10 minutes (`conn_max_age=600`). After PostgreSQL
restarts (an upgrade, a failover) each of them is dead, and Django 3.0 notices only when a
request fails on it: every Saleor process would answer one request with "terminating
connection due to administrator command". Django 4.1's CONN_HEALTH_CHECKS does not exist in
3.0, so this app does the same: before a request, a kept connection is checked (one cheap
round trip) and dropped if dead, and Django opens a fresh one."""
default_app_config = "qlclaw_saleor.connections.apps.ConnectionsConfig"  # Django 3.0 needs it named
