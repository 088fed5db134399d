"""Debian's Chromium, headless, driven over the DevTools protocol on a pipe.

``--remote-debugging-pipe`` makes Chromium read commands on descriptor 3
and answer on 4, one JSON message per NUL-terminated record: no port, no
WebSocket library, nothing to clash with another run. The browser is spawned
with ``posix_spawn`` (no ``fork`` of a threaded test process) and each page
gets its own tab (``Target.createTarget``) driven through a flat session.

``serve`` serves a folder on 127.0.0.1 the way a web host would, so pages
are checked as readers get them, not as ``file://`` documents.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import select
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
NPM_MODULES = Path(__file__).resolve().parents[1] / ".cache" / "npm" / "node_modules"
# As root Chromium refuses to start without --no-sandbox; the rest keeps it from calling home on a closed network.
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe",
)
TIMEOUT = 60.0


class BrowserError(RuntimeError):
    pass


def chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (packaging/setup.sh --test installs it)")
    return CHROMIUM


def npm_file(package: str, name: str) -> Path:
    path = NPM_MODULES / package / name
    if not path.is_file():
        pytest.skip(f"npm {package} is not installed in .cache/npm (packaging/setup.sh --test installs it)")
    return path


class Browser:
    """One headless Chromium; ``page()`` opens a tab."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="ws-chromium-")
        to_browser_r, self._out = os.pipe()
        self._in, from_browser_w = os.pipe()
        actions = [
            (os.POSIX_SPAWN_DUP2, to_browser_r, 3),
            (os.POSIX_SPAWN_DUP2, from_browser_w, 4),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ]
        arguments = [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        self.pid = os.posix_spawn(CHROMIUM, arguments, os.environ, file_actions=actions, setsid=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._out, data):]
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the pipe")
            self._buffer += chunk
        record, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(record)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = TIMEOUT) -> dict[str, Any]:
        with self._lock:
            wanted = self._send(method, params, session)
            deadline = time.monotonic() + timeout
            while True:
                message = self._receive(deadline)
                if message.get("id") == wanted:
                    if "error" in message:
                        raise BrowserError(f"{method}: {message['error'].get('message')}")
                    return message.get("result", {})
                if "method" in message:
                    self._events.append(message)

    def wait_for(self, method: str, session: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for index, event in enumerate(self._events):
                    if event["method"] == method and event.get("sessionId") == session:
                        return self._events.pop(index).get("params", {})
                message = self._receive(deadline)
                if "method" in message:
                    self._events.append(message)

    @contextmanager
    def page(self, width: int = 1366, height: int = 900, *, dark: bool = False, mobile: bool = False,
             media: str = "") -> Iterator[Page]:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            page = Page(self, session)
            page.call("Page.enable")
            page.call("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
            })
            page.call("Emulation.setEmulatedMedia", {
                "media": media,
                "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
            })
            yield page
        finally:
            self.call("Target.closeTarget", {"targetId": target})
            self._events = [e for e in self._events if e.get("sessionId") != session]

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except BrowserError:
            pass
        try:
            os.kill(-self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self._in)
        os.close(self._out)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = TIMEOUT) -> dict[str, Any]:
        return self.browser.call(method, params, self.session, timeout)

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its ``load`` event (every image and stylesheet in)."""
        self.browser._events = [
            e for e in self.browser._events
            if not (e.get("sessionId") == self.session and e["method"] == "Page.loadEventFired")
        ]
        self.call("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression: str, timeout: float = TIMEOUT) -> Any:
        """The value of a script run in the page (promises awaited)."""
        result = self.call("Runtime.evaluate", {
            "expression": expression, "awaitPromise": True, "returnByValue": True,
        }, timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = True) -> None:
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": full_page}
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", params)["data"]))

    def pdf(self, paper: tuple[float, float]) -> bytes:
        """The page printed (print stylesheet) on paper of ``paper`` inches, default margins."""
        result = self.call("Page.printToPDF", {
            "paperWidth": paper[0], "paperHeight": paper[1], "printBackground": False,
        })
        return base64.b64decode(result["data"])


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        return


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` on http://127.0.0.1:PORT/ for as long as the block runs; yields the root URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
