from django.apps import AppConfig
from django.core.signals import request_started
from django.db import connections


def drop_dead_connections(**kwargs) -> None:
    for connection in connections.all():
        if connection.connection is not None and not connection.is_usable():
            connection.close()


class ConnectionsConfig(AppConfig):
    name = "qlclaw_saleor.connections"
    label = "qlclaw_connections"

    def ready(self) -> None:
        # After Django's own close_old_connections (connected at import time), before any view.
        request_started.connect(drop_dead_connections, dispatch_uid="qlclaw-drop-dead-connections")
