"""`manage.py run_jobs`: the job worker, kept running through database outages.

Procrastinate's own `procrastinate worker` stops for good when its LISTEN connection breaks
(a PostgreSQL restart or failover): the worker logs "Side task listener failed … stopping
worker" and exits, and every capture and e-mail then waits for someone to restart it. This
command runs the same worker and starts it again, with back-off, until it is told to stop
(SIGTERM / Ctrl-C). Jobs the stopped worker was running are retried as usual.
"""
from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any, cast

from django.core.management.base import BaseCommand
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

logger = logging.getLogger("jobs.worker")

FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0
# A worker that ran this long before failing was healthy: the next pause starts short again.
HEALTHY_RUN_SECONDS = 60.0


class Command(BaseCommand):
    help = "Run the job worker; after a database outage it starts again by itself."

    def handle(self, *args: Any, **options: Any) -> None:
        asyncio.run(run_until_stopped())


async def run_until_stopped() -> None:
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    running: set[asyncio.Task] = set()

    def stop() -> None:
        stopping.set()
        for task in running:
            # Procrastinate finishes the running jobs first (graceful shutdown); a cycle still
            # opening its pool (the database away) simply stops waiting.
            task.cancel()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop)

    pause = FIRST_PAUSE_SECONDS
    # The worker connector is Procrastinate's own pool, not Django's connection (see jobs.queue).
    # The app of procrastinate.contrib.django is always built on its Django connector.
    with app.replace_connector(cast(DjangoConnector, app.connector).get_worker_connector()):
        while not stopping.is_set():
            started = loop.time()
            cycle = asyncio.create_task(_work_until_stopped())
            running.add(cycle)
            try:
                await cycle
            except asyncio.CancelledError:
                if stopping.is_set():
                    break
                raise
            except Exception:
                logger.exception("The job worker failed")
            finally:
                running.discard(cycle)
            if stopping.is_set():
                break
            if loop.time() - started > HEALTHY_RUN_SECONDS:
                pause = FIRST_PAUSE_SECONDS
            logger.error("The job worker stopped on its own (database away?); starting it again in %.0f s", pause)
            try:
                await asyncio.wait_for(stopping.wait(), timeout=pause)
            except asyncio.TimeoutError:
                pass
            pause = min(pause * 2, LONGEST_PAUSE_SECONDS)
    logger.info("Job worker stopped")


async def _work_until_stopped() -> None:
    """One life of the worker, on a pool of its own. Closed explicitly, also when opening failed
    (the database away): Procrastinate would otherwise keep the dead pool and reuse it."""
    try:
        await app.open_async()
        await app.run_worker_async(install_signal_handlers=False)
    finally:
        await app.close_async()
