"""Every way Saleor can fail reaches the storefront as one of two typed errors."""
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

import pytest

from saleor_client.client import SaleorClient
from saleor_client.errors import SaleorGraphQLError, SaleorUnavailable


def fake_saleor(reply: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            reply(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/graphql/"
    finally:
        server.shutdown()
        server.server_close()


def answer(status: int, body: bytes, content_type: str = "application/json"):
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


@pytest.fixture
def saleor_answering(request):
    generator = fake_saleor(request.param)
    yield next(generator)
    next(generator, None)


@pytest.mark.parametrize("saleor_answering", [answer(502, b"Bad gateway", "text/plain")], indirect=True)
def test_a_server_error_means_saleor_is_unavailable(saleor_answering):
    with pytest.raises(SaleorUnavailable, match="HTTP 502"):
        SaleorClient(saleor_answering, timeout=2).shop_status()


@pytest.mark.parametrize("saleor_answering", [answer(200, b"<html>proxy error</html>", "text/html")], indirect=True)
def test_an_answer_that_is_not_graphql_means_saleor_is_unavailable(saleor_answering):
    with pytest.raises(SaleorUnavailable, match="not GraphQL"):
        SaleorClient(saleor_answering, timeout=2).shop_status()


@pytest.mark.parametrize(
    "saleor_answering",
    [answer(200, json.dumps({"data": None, "errors": [{"message": "You do not have permission"}]}).encode())],
    indirect=True,
)
def test_graphql_errors_become_a_typed_error_with_their_messages(saleor_answering):
    with pytest.raises(SaleorGraphQLError) as raised:
        SaleorClient(saleor_answering, timeout=2).shop_status()
    assert raised.value.messages == ["You do not have permission"]


@pytest.mark.parametrize(
    "saleor_answering",
    [answer(200, json.dumps({"data": {"shop": {"__typename": "Shop", "name": "QL Claw"}}}).encode())],
    indirect=True,
)
def test_a_good_answer_is_parsed_into_typed_fields_and_counted(saleor_answering):
    client = SaleorClient(saleor_answering, timeout=2)

    assert client.shop_status().shop.name == "QL Claw"
    assert client.calls == 1


def test_a_refused_connection_means_saleor_is_unavailable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SaleorUnavailable, match="could not be reached"):
        SaleorClient(f"http://127.0.0.1:{port}/graphql/", timeout=2).shop_status()


@pytest.mark.parametrize("saleor_answering", [lambda handler: time.sleep(3)], indirect=True)
def test_a_saleor_that_hangs_is_given_up_on_after_the_timeout(saleor_answering):
    started = time.monotonic()
    with pytest.raises(SaleorUnavailable, match="in time"):
        SaleorClient(saleor_answering, timeout=0.5).shop_status()
    assert time.monotonic() - started < 1.5


ARRIVED = threading.Event()


def arrive_then_answer_after_a_second(handler: BaseHTTPRequestHandler) -> None:
    ARRIVED.set()
    time.sleep(1)
    answer(200, json.dumps({"data": {"shop": {"__typename": "Shop", "name": "QL Claw"}}}).encode())(handler)


@pytest.mark.parametrize("saleor_answering", [arrive_then_answer_after_a_second], indirect=True)
def test_calls_beyond_the_bulkhead_wait_their_turn_then_are_told_saleor_is_busy(saleor_answering):
    # One call in flight at a time: a second waits up to its queue timeout, then gives up
    # without ever reaching Saleor (the page shows "temporarily unavailable" instead of piling on).
    client = SaleorClient(saleor_answering, timeout=5, in_flight=threading.BoundedSemaphore(1), queue_timeout=0.3)
    ARRIVED.clear()
    first = threading.Thread(target=client.shop_status)
    first.start()
    assert ARRIVED.wait(5)  # the first call holds the only place now
    with pytest.raises(SaleorUnavailable, match="Saleor is busy: ShopStatus waited 0.3 s"):
        client.shop_status()
    first.join()
    # Once the first call is done, the next one goes through.
    assert client.shop_status().shop.name == "QL Claw"
