"""Ports.free() gives a test stack four different ports, even from a kernel that hands a
port that was just released straight out again."""
from __future__ import annotations

import socket
from types import SimpleNamespace

from deploy.runner import layout
from deploy.runner.layout import Ports


class EagerKernel:
    """Binds port 0 to the lowest port not bound at that moment: a port closed a moment ago
    is the very next one handed out (real kernels may do so too, only less predictably)."""

    def __init__(self) -> None:
        self.bound: set[int] = set()

    def socket(self, *args, **kwargs) -> _Probe:
        return _Probe(self)


class _Probe:
    def __init__(self, kernel: EagerKernel) -> None:
        self.kernel = kernel
        self.port = 0

    def __enter__(self) -> _Probe:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def bind(self, address: tuple[str, int]) -> None:
        assert address[1] == 0
        self.port = next(port for port in range(40000, 40100) if port not in self.kernel.bound)
        self.kernel.bound.add(self.port)

    def getsockname(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def close(self) -> None:
        self.kernel.bound.discard(self.port)


def test_the_four_ports_differ_even_when_a_released_port_is_handed_out_again(monkeypatch):
    kernel = EagerKernel()
    # Only the runner's layout module sees the stand-in kernel; every other socket stays real.
    monkeypatch.setattr(layout, "socket", SimpleNamespace(socket=kernel.socket))

    ports = Ports.free()

    assert len({ports.storefront, ports.saleor, ports.localstripe, ports.postgres}) == 4
    assert kernel.bound == set(), "every probe socket is closed once the ports are chosen"


def test_the_four_ports_are_different_and_free_on_this_machine():
    ports = Ports.free()
    chosen = [ports.storefront, ports.saleor, ports.localstripe, ports.postgres]

    assert len(set(chosen)) == 4
    for port in chosen:
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))
