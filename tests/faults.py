"""A TCP proxy on loopback that the test stack puts between the storefront and Saleor, and
between Saleor and localstripe, so tests can break the wire the way real outages do:
refuse connections (the service is down), or hold a response back (the service is slow)."""
from __future__ import annotations

import re
import socket
import threading
import time
from typing import Optional

from deploy.runner.layout import Ports

REQUEST_LINE = re.compile(rb"(?:GET|POST|PUT|PATCH|DELETE|HEAD) /\S* HTTP/1\.[01](?=\r\n)")


class FaultProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = Ports.free().storefront
        self.delay_marker: Optional[bytes] = None
        self.delay_seconds = 0.0
        self.down_marker: Optional[bytes] = None
        self.cut_marker: Optional[bytes] = None
        self.request_lines: list[str] = []  # "POST /v1/payment_intents/pi_…/capture HTTP/1.1", …
        self.counted_marker: Optional[bytes] = None
        self.counted = 0  # requests passed on that contained counted_marker
        self._listener: Optional[socket.socket] = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # Faults ------------------------------------------------------------------------------
    def down(self) -> None:
        """Stop listening and cut every open connection, as a stopped service does: new
        connections are refused (kept-alive ones would otherwise carry on)."""
        with self._lock:
            listener, self._listener = self._listener, None
            open_sockets, self._open = self._open, set()
        if listener:
            # close() alone would not wake the thread blocked in accept(), and the socket
            # would go on listening; shutdown() does.
            _shutdown(listener, socket.SHUT_RDWR)
            listener.close()
        for sock in open_sockets:
            _shutdown(sock, socket.SHUT_RDWR)
            sock.close()

    def up(self) -> None:
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(128)
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def go_down_at(self, marker: bytes) -> None:
        """The service stops the moment a request containing `marker` arrives: that request
        never reaches it, and new connections are refused until `heal()`."""
        self.down_marker = marker

    def cut_answer_at(self, marker: bytes) -> None:
        """The request containing `marker` reaches the service, which does its work; the service
        then stops before its answer leaves (the client's connection breaks), and new connections
        are refused until `heal()`: the outage that leaves the caller not knowing what happened."""
        self.cut_marker = marker

    def delay_responses(self, marker: bytes, seconds: float) -> None:
        """Requests containing `marker` reach the service at once; its answer is held back."""
        self.delay_marker, self.delay_seconds = marker, seconds

    def count_requests_with(self, marker: bytes) -> None:
        """From now on, `counted` tells how many requests containing `marker` were passed on."""
        self.counted_marker, self.counted = marker, 0

    def requests_to(self, path_fragment: str) -> int:
        """How many requests reached the service with `path_fragment` in their request line."""
        return sum(path_fragment in line for line in self.request_lines)

    def heal(self) -> None:
        self.delay_marker, self.delay_seconds, self.down_marker, self.cut_marker = None, 0.0, None, None
        self.counted_marker = None
        self.up()

    # Plumbing ----------------------------------------------------------------------------
    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by down()
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        with self._lock:
            self._open.update((client, upstream))
        held = threading.Event()  # set once a delayed request was seen
        cut = threading.Event()  # set once a request whose answer is to be lost was seen
        threading.Thread(target=self._pump_request, args=(client, upstream, held, cut), daemon=True).start()
        self._pump_response(upstream, client, held, cut)

    def _pump_request(
        self, client: socket.socket, upstream: socket.socket, held: threading.Event, cut: threading.Event
    ) -> None:
        seen = b""
        counted = False  # this request already counted
        try:
            while chunk := client.recv(65536):
                if REQUEST_LINE.match(chunk):
                    seen = b""  # a new request on a kept-alive connection: the last one's markers are gone
                    counted = False
                seen = (seen + chunk)[-65536:]
                if self.down_marker and self.down_marker in seen:
                    self.down_marker = None
                    self.down()
                    client.close()
                    upstream.close()
                    return
                if self.delay_marker and self.delay_marker in seen:
                    held.set()
                if self.cut_marker and self.cut_marker in seen:
                    self.cut_marker = None
                    cut.set()
                upstream.sendall(chunk)
                if self.counted_marker and not counted and self.counted_marker in seen:
                    counted = True
                    with self._lock:
                        self.counted += 1
                # Counted once passed on. Clients keep connections alive: every request on
                # one is counted, not only the first.
                self.request_lines.extend(line.decode("latin-1") for line in REQUEST_LINE.findall(chunk))
        except OSError:
            pass
        finally:
            _shutdown(upstream, socket.SHUT_WR)

    def _pump_response(
        self, upstream: socket.socket, client: socket.socket, held: threading.Event, cut: threading.Event
    ) -> None:
        try:
            while chunk := upstream.recv(65536):
                if cut.is_set():
                    # The service has answered, so it did the work; the answer is lost.
                    self.down()
                    return
                if held.is_set():
                    # The answer to the marked request, whichever request of a kept-alive
                    # connection it was (Stripe's client sends the confirmation on the
                    # connection that created the intent).
                    held.clear()
                    time.sleep(self.delay_seconds)
                client.sendall(chunk)
        except OSError:
            pass
        finally:
            # shutdown() wakes the request pump blocked in recv(); close() alone would leave
            # it reading (and counting) requests that can no longer reach the service.
            for sock in (upstream, client):
                _shutdown(sock, socket.SHUT_RDWR)
                sock.close()
            with self._lock:
                self._open.difference_update((client, upstream))


def _shutdown(sock: socket.socket, how: int) -> None:
    try:
        sock.shutdown(how)
    except OSError:
        pass
