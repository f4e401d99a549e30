"""A real ``newslint serve`` on 127.0.0.1 and a free port, for the API and browser tests."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

#: A short fictional article with defects several rules catch (repeated word, weekday, quotes).
STORY = (
    "---\ndate: 2024-03-15\n---\n"
    "# Harbour board backs the the new ferry\n\n"
    "The Westmere harbour board voted on Tuesday, 14 March 2024, to buy a second ferry.\n\n"
    "Chair Alma Ruiz said the vote was \"a fair result for the island.\n\n"
    "Ms Ruiz said the ferry would sail from June.\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(*extra: str) -> Iterator[str]:
    """Start ``python -m newslint serve`` and yield its base URL; stop it (by its pid) afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newslint", "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
