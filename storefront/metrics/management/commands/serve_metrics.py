"""`manage.py serve_metrics`: the Prometheus endpoint of a storefront or worker pod, on its own
port (9100) in its own process, so it is never routed through the caching proxy.

It adds up the figures the pod's processes wrote to PROMETHEUS_MULTIPROC_DIR; with
`--shop-figures` it also reads the job queue and the payments without an order from the
database (the worker pod serves these, once for the whole shop).
"""
from __future__ import annotations

import os
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.core.management.base import BaseCommand, CommandError, CommandParser
from prometheus_client import CollectorRegistry, make_wsgi_app
from prometheus_client.multiprocess import MultiProcessCollector


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # a scrape every 15 s is not news
        pass


class Command(BaseCommand):
    help = "Serve the Prometheus figures of this pod's storefront or worker processes on a private port."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="0.0.0.0")
        parser.add_argument("--port", type=int, default=9100)
        parser.add_argument("--shop-figures", action="store_true",
                            help="also the job queue and payments without an order, read from the database")

    def handle(self, *args: Any, host: str, port: int, shop_figures: bool, **options: Any) -> None:
        folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        if not folder or not os.path.isdir(folder):
            raise CommandError("Set PROMETHEUS_MULTIPROC_DIR to the folder the storefront or worker processes "
                               "of this pod write their figures to (the same value as theirs).")
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        if shop_figures:
            from metrics.collectors import ShopCollector

            registry.register(ShopCollector())
        server = make_server(host, port, make_wsgi_app(registry), handler_class=_QuietHandler)
        self.stdout.write(f"Prometheus figures on http://{host}:{port}/metrics", ending="\n")
        self.stdout.flush()
        server.serve_forever()
