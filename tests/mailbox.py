"""A real SMTP server (aiosmtpd) on loopback that keeps every message it receives."""
from __future__ import annotations

import asyncio
import email
import email.policy
import time
from email.message import EmailMessage
from typing import Callable

from aiosmtpd.controller import Controller

from deploy.runner.layout import Ports


class Mailbox:
    """Faults, as a real mail server has them: `refuse()` (down: connections refused),
    `hang()` (accepts, then never answers the message; nothing is delivered),
    `defer_after(n)` (delivers n more messages, then answers each next one "451, try again
    later", as a server over its rate limit does), `recover()`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.controller: Controller | None = None
        self.port = 0
        self.hanging = False
        self.hung_messages = 0  # messages that arrived while hanging (never delivered)
        self.deliveries_left: int | None = None  # set by defer_after(); None: no limit
        self.deferred_messages = 0  # messages answered 451 (never delivered)
        self.arrivals: list[tuple[str, float]] = []  # (To, time.monotonic()) of each delivery
        # Set by the `shop` fixture: True once the shop's job queue has nothing waiting or
        # running, i.e. no retry that could still send a duplicate is scheduled.
        self.jobs_settled: Callable[[], bool] = lambda: True

    async def handle_DATA(self, server, session, envelope):
        if self.hanging:
            self.hung_messages += 1
            while self.hanging:
                await asyncio.sleep(0.1)
            return "421 Service not available, closing channel"
        if self.deliveries_left is not None:
            if self.deliveries_left <= 0:
                self.deferred_messages += 1
                return "451 4.7.1 Too many messages, try again later"
            self.deliveries_left -= 1
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        self.arrivals.append((message["To"], time.monotonic()))
        return "250 Message accepted"

    def start(self) -> str:
        # aiosmtpd checks itself by connecting to its port, so it needs a real one (not 0);
        # a port found free can be taken a moment later, hence the retries.
        for _ in range(5):
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port or Ports.free().storefront)
            try:
                self.controller.start()
                self.port = self.controller.port
                return f"smtp://127.0.0.1:{self.controller.port}"
            except OSError:
                if self.port:
                    time.sleep(0.5)  # our own port, still closing
                continue
        raise RuntimeError("no free port for the test SMTP server")

    def stop(self) -> None:
        self.hanging = False
        self.deliveries_left = None
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def refuse(self) -> None:
        self.stop()

    def hang(self) -> None:
        self.hanging = True

    def defer_after(self, deliveries: int) -> None:
        self.deliveries_left, self.deferred_messages = deliveries, 0

    def recover(self) -> None:
        self.hanging = False
        self.deliveries_left = None
        if self.controller is None:
            self.start()

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if address in message["To"]]

    def wait_for(self, address: str, count: int = 1, timeout: float = 10) -> list[EmailMessage]:
        """At least `count` messages to `address` (returns early; see `exactly` for 'no more')."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.to(address)) < count:
            time.sleep(0.1)
        return self.to(address)

    def exactly(self, address: str, count: int, timeout: float = 15, quiet: float = 1,
                settle: float = 20) -> list[EmailMessage]:
        """Exactly `count` messages to `address`: waits for them, then until the shop's job queue
        has nothing waiting (a retry comes 2–8 s after a failed try, so watching a fixed couple of
        seconds could miss its duplicate; at most `settle` seconds), then `quiet` seconds more."""
        messages = self.wait_for(address, count, timeout)
        assert len(messages) == count, f"expected {count} e-mail(s) to {address}, got {len(messages)}"
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline and not self.jobs_settled():
            time.sleep(0.2)
        time.sleep(quiet)
        messages = self.to(address)
        assert len(messages) == count, f"expected {count} e-mail(s) to {address}, then got {len(messages)}"
        return messages


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()
