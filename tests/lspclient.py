"""A small LSP client for the tests: JSON-RPC with Content-Length framing over a subprocess's pipes.

Written out rather than borrowed from pygls so the tests check the server against
the wire format itself, the way an editor sees it.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

TIMEOUT = 30.0


class LspClient:
    def __init__(self, cwd: str | Path, *args: str) -> None:
        cmd = [sys.executable, "-m", "newslint", "lsp", *args]
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = out.readline()
                if not line:
                    self.incoming.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.incoming.put(json.loads(body.decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"method": method, **({"params": params} if params is not None else {})})

    def request(self, method: str, params: Any = None) -> Any:
        """Send a request and return its result; notifications that arrive meanwhile are kept."""
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, **({"params": params} if params is not None else {})})
        message = self._until(lambda m: m.get("id") == wanted and "method" not in m, f"an answer to {method}")
        if "error" in message:
            raise RuntimeError(f"{method} failed: {message['error']}")
        return message.get("result")

    def notification(self, method: str, where: Any = lambda params: True, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The first (kept or new) notification ``method`` whose params satisfy ``where``; it is consumed."""
        for i, m in enumerate(self.notifications):
            if m["method"] == method and where(m.get("params")):
                return self.notifications.pop(i)["params"]
        m = self._until(lambda m: m.get("method") == method and where(m.get("params")), method, timeout)
        return m["params"]

    def _until(self, match: Any, what: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                message = self.incoming.get(timeout=max(left, 0.01))
            except queue.Empty:
                raise TimeoutError(f"no {what} within {timeout} s") from None
            if message is None:
                raise EOFError(f"server closed its output waiting for {what}: {self.stderr_text()}")
            if match(message):
                return message
            if "method" in message and "id" in message:  # a request from the server: answer it
                self.send({"id": message["id"], "result": None})
            elif "method" in message:
                self.notifications.append(message)

    def stderr_text(self) -> str:
        if self.proc.poll() is None:
            return ""
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode("utf-8", "replace")

    def close(self) -> int:
        """shutdown, exit, and the server's exit code."""
        if self.proc.poll() is None:
            self.request("shutdown")
            self.notify("exit")
        try:
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream:
                    stream.close()
