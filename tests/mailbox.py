"""A real SMTP server (aiosmtpd) on loopback that keeps every message it receives."""
from __future__ import annotations

import email
import email.policy
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from deploy.runner.layout import Ports


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"

    def start(self) -> str:
        # aiosmtpd checks itself by connecting to its port, so it needs a real one (not 0);
        # a port found free can be taken a moment later, hence the retries.
        for _ in range(5):
            self.controller = Controller(self, hostname="127.0.0.1", port=Ports.free().storefront)
            try:
                self.controller.start()
                return f"smtp://127.0.0.1:{self.controller.port}"
            except OSError:
                continue
        raise RuntimeError("no free port for the test SMTP server")

    def stop(self) -> None:
        self.controller.stop()

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if address in message["To"]]

    def wait_for(self, address: str, count: int = 1, timeout: float = 10) -> list[EmailMessage]:
        """At least `count` messages to `address` (returns early; see `exactly` for 'no more')."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.to(address)) < count:
            time.sleep(0.1)
        return self.to(address)

    def exactly(self, address: str, count: int, timeout: float = 15, quiet: float = 2) -> list[EmailMessage]:
        """Exactly `count` messages to `address`: waits for them, then watches `quiet` seconds
        more so a late duplicate fails the check instead of slipping past it."""
        messages = self.wait_for(address, count, timeout)
        assert len(messages) == count, f"expected {count} e-mail(s) to {address}, got {len(messages)}"
        time.sleep(quiet)
        messages = self.to(address)
        assert len(messages) == count, f"expected {count} e-mail(s) to {address}, then got {len(messages)}"
        return messages


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()
