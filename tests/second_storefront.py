"""A second storefront process on the test stack's database, Saleor and localstripe, with settings
of its own (a small checkout room, an offer switched on), while the suite's storefront keeps its."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

import httpx

from deploy.runner.layout import STOREFRONT_VENV, Ports
from deploy.runner.stack import STOREFRONT_ACCEPT_THREADS, STOREFRONT_DIR, Stack
from tests.checkout.buyer import Buyer


@contextmanager
def second_storefront(shop: Stack, name: str, settings: dict[str, str]) -> Iterator[str]:
    """Runs `storefront-<name>` with `settings` over the stack's own; yields its base URL."""
    port = Ports.free().storefront
    url = f"http://127.0.0.1:{port}"
    process = f"storefront-{name}"
    env = {**shop.storefront_env(), "DATABASE_APPLICATION_NAME": process, "SHOP_BASE_URL": url, **settings}
    shop.processes.start(
        process,
        [str(STOREFRONT_VENV / "bin" / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         # As many threads taking requests as the shop's own: a crowd waiting for work slots must
         # not keep the lanes' requests (the queue page, /healthz) from being taken at all.
         "--workers", "1", "--blocking-threads", str(STOREFRONT_ACCEPT_THREADS), "--no-access-log",
         "config.wsgi:application"],
        env=env, log_path=shop.state.log(process), cwd=STOREFRONT_DIR,
    )
    try:
        shop.processes.wait_until_answering(process, f"{url}/healthz", timeout=60)
        yield url
    finally:
        shop.processes.stop(process)


def buyers_of(new_buyer: Callable[[str], Buyer], url: str) -> Callable[[str], Buyer]:
    """`new_buyer`, browsing the storefront at `url` instead of the suite's."""
    def make(email: str) -> Buyer:
        buyer = new_buyer(email)
        buyer.http.close()
        buyer.http = httpx.Client(base_url=url, timeout=30, headers={"Origin": url})
        return buyer

    return make
