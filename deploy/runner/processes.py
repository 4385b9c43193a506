"""Child processes of a stack: started with their output in a log file, waited for until
they answer, and stopped in reverse order (SIGTERM, then SIGKILL after a grace period)."""
from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from .errors import RunnerError


@dataclass
class Service:
    name: str
    process: subprocess.Popen
    log_path: Path
    stop_signal: int = signal.SIGTERM


def tail(path: Path, lines: int = 20) -> str:
    if not path.exists():
        return "(no log written)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class ProcessGroup:
    def __init__(self) -> None:
        self.services: Dict[str, Service] = {}

    def start(
        self,
        name: str,
        command: List[str],
        *,
        env: Dict[str, str],
        log_path: Path,
        cwd: Optional[Path] = None,
        user: Optional[str] = None,
        stop_signal: int = signal.SIGTERM,
    ) -> Service:
        log = open(log_path, "ab")
        # A new session keeps the terminal's Ctrl-C away from the children: the runner stops
        # them itself, in order, so PostgreSQL outlives the servers that use it.
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            user=user,
        )
        log.close()
        service = Service(name, process, log_path, stop_signal)
        self.services[name] = service
        return service

    def wait_until_answering(self, name: str, url: str, timeout: float, ok_status: int = 200) -> None:
        service = self.services[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if service.process.poll() is not None:
                raise RunnerError(
                    f"{name} exited with code {service.process.returncode} while starting. "
                    f"Last lines of {service.log_path}:\n{tail(service.log_path)}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == ok_status:
                        return
            except urllib.error.HTTPError as error:
                if error.code == ok_status:
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RunnerError(
            f"{name} did not answer at {url} within {timeout:.0f} s. "
            f"Last lines of {service.log_path}:\n{tail(service.log_path)}"
        )

    def wait_until_running(self, name: str, seconds: float) -> None:
        """For a service with no address to ask: it must still be running after `seconds`."""
        service = self.services[name]
        try:
            service.process.wait(seconds)
        except subprocess.TimeoutExpired:
            return
        raise RunnerError(
            f"{name} exited with code {service.process.returncode} while starting. "
            f"Last lines of {service.log_path}:\n{tail(service.log_path)}"
        )

    def move_to_front(self, name: str) -> None:
        """Services stop in reverse start order; a restarted one keeps its first place."""
        self.services = {name: self.services[name], **{k: v for k, v in self.services.items() if k != name}}

    def stop(self, name: str, grace: float = 10.0, kill: bool = False) -> None:
        service = self.services.pop(name, None)
        if service is None or service.process.poll() is not None:
            return
        try:
            os.killpg(service.process.pid, signal.SIGKILL if kill else service.stop_signal)
        except ProcessLookupError:
            return
        try:
            service.process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(service.process.pid, signal.SIGKILL)
            service.process.wait()

    def stop_all(self) -> None:
        for name in reversed(list(self.services)):
            self.stop(name)
