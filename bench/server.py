"""Start gunicorn on a free loopback port for the length of a ``with`` block, and always stop it."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Self

from bench import BenchError
from bench.scenarios import BARE_PATH

START_TIMEOUT_S = 90  # Wagtail's imports and a cold SQLite file on a slow disk
STOP_TIMEOUT_S = 15


class ServerError(BenchError):
    pass


def free_port() -> int:
    # The port is free when we ask; gunicorn binds it a moment later. If another process takes
    # it in between, gunicorn exits and start() says so with the log.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, *, workers: int, root: Path, log_path: Path, env: dict[str, str]):
        self.workers = workers
        self.root = root
        self.log_path = log_path
        self.env = env
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=sync",
            f"--chdir={self.root}",
            "--timeout=120",
            "--graceful-timeout=5",
            # Gunicorn 27's control socket defaults to one path per user; a second server
            # (``make run``) would fight over it.
            "--no-control-socket",
            "--log-level=warning",
            f"--error-logfile={self.log_path}",
        ]  # fmt: skip

    def __enter__(self) -> Self:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path.write_text("")
        self._log = self.log_path.open("a")
        # Its own session and process group, so stop() reaches the master and every worker
        # and a Ctrl-C in the terminal does not kill it before we have finished with it.
        self.process = subprocess.Popen(
            self.command(), cwd=self.root, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"gunicorn exited with status {self.process.returncode}.\n{self.log_tail()}")
            try:
                status, _ = fetch(self.base_url, "GET", BARE_PATH)
                if status == 200:
                    return
                raise ServerError(f"{BARE_PATH} answered {status}, not 200.\n{self.log_tail()}")
            except (OSError, http.client.HTTPException):  # not listening yet, or a worker still booting
                time.sleep(0.2)
        raise ServerError(f"gunicorn did not answer within {START_TIMEOUT_S} s.\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return f"--- last lines of {self.log_path} ---\n" + "\n".join(text[-lines:]) if text else ""


def fetch(base_url: str, method: str, path: str, headers=None, body=None, timeout: float = 30) -> tuple[int, bytes]:
    """One request outside the load run, to check a scenario before timing it."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
