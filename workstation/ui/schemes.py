"""What the preview's web view may load: our two schemes, and nothing else.

* ``ws-app://static/<file>`` serves ``resources/static`` (preview.js);
  ``ws-app://preview/<name>`` serves the page the desk rendered.
* ``ws-photo://photo/<id>/<width>`` serves a photo from the library, sized
  for the preview, from an in-memory LRU cache or a worker thread.
* Every http, https or other network request is blocked: a reporter on a
  front-line connection must not have the preview phone home, and an
  embedded video stays a facade.

The schemes must be registered before QtWebEngine starts, that is before
the first web view or profile is made: each place that makes one calls
``register_schemes`` first. The main window is on screen by then.
"""

from __future__ import annotations

import mimetypes
from collections import OrderedDict
import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from workstation.editing.previews import preview_photo
from workstation.library.database import Library
from workstation.resources import resource
from workstation.ui.jobs import run_in_background

APP_SCHEME = b"ws-app"
PHOTO_SCHEME = b"ws-photo"
ALLOWED_SCHEMES = {"ws-app", "ws-photo", "data", "blob", "about"}
CACHE_BYTES = 64 * 1024 * 1024


def register_schemes() -> None:
    """Declare ws-app and ws-photo to Chromium (idempotent; before the first web view or profile)."""
    for name in (APP_SCHEME, PHOTO_SCHEME):
        if QWebEngineUrlScheme.schemeByName(QByteArray(name)).name() == QByteArray(name):
            continue
        scheme = QWebEngineUrlScheme(QByteArray(name))
        scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
        scheme.setFlags(
            QWebEngineUrlScheme.Flag.SecureScheme
            | QWebEngineUrlScheme.Flag.LocalAccessAllowed
            | QWebEngineUrlScheme.Flag.CorsEnabled
        )
        QWebEngineUrlScheme.registerScheme(scheme)


def _reply(job: QWebEngineUrlRequestJob, data: bytes, mime: str) -> None:
    buffer = QBuffer(job)
    buffer.setData(QByteArray(data))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    job.reply(QByteArray(mime.encode()), buffer)


class AppSchemeHandler(QWebEngineUrlSchemeHandler):
    """The static files, and the pages the desk hands over with ``set_page``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._static = resource("static").resolve()
        self._pages: dict[str, bytes] = {}

    def set_page(self, name: str, html: str) -> QUrl:
        """Serve ``html`` as the preview page; the one shown before is forgotten."""
        self._pages = {name: html.encode("utf-8")}
        return QUrl(f"ws-app://preview/{name}")

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802
        url = job.requestUrl()
        host, path = url.host(), url.path().lstrip("/")
        if host == "preview" and path in self._pages:
            _reply(job, self._pages[path], "text/html; charset=utf-8")
            return
        if host == "static":
            target = (self._static / path).resolve()
            if target.is_relative_to(self._static) and target.is_file():
                mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                _reply(job, target.read_bytes(), mime)
                return
        job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)


class PhotoSchemeHandler(QWebEngineUrlSchemeHandler):
    """Library photos at preview sizes; renditions are made off the UI thread."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._cache: OrderedDict[tuple[int, int], tuple[bytes, str]] = OrderedDict()
        self._cache_size = 0
        self._waiting: dict[tuple[int, int], list[QWebEngineUrlRequestJob]] = {}

    @staticmethod
    def parse(url: QUrl) -> tuple[int, int] | None:
        parts = url.path().strip("/").split("/")
        if url.host() != "photo" or len(parts) != 2 or not all(p.isdigit() and len(p) < 10 for p in parts):
            return None
        photo_id, width = int(parts[0]), int(parts[1])
        return (photo_id, width) if width > 0 else None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802
        key = self.parse(job.requestUrl())
        if key is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            _reply(job, *cached)
            return
        if key in self._waiting:
            self._waiting[key].append(job)
            return
        self._waiting[key] = [job]
        run_in_background(lambda: self._load(key), lambda result: self._finish(key, result), lambda _e: self._finish(key, None))

    def _load(self, key: tuple[int, int]) -> tuple[bytes, str]:
        return preview_photo(self.library, *key)

    def _finish(self, key: tuple[int, int], result: tuple[bytes, str] | None) -> None:
        if result is not None:
            self._remember(key, result)
        for job in self._waiting.pop(key, []):
            if not shiboken6.isValid(job):
                continue
            if result is None:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            else:
                _reply(job, *result)

    def _remember(self, key: tuple[int, int], value: tuple[bytes, str]) -> None:
        self._cache[key] = value
        self._cache_size += len(value[0])
        while self._cache_size > CACHE_BYTES and len(self._cache) > 1:
            _key, (data, _mime) = self._cache.popitem(last=False)
            self._cache_size -= len(data)

    def forget(self, photo_id: int) -> None:
        """Drop cached sizes of a photo whose pixels or crop changed."""
        for key in [k for k in self._cache if k[0] == photo_id]:
            data, _mime = self._cache.pop(key)
            self._cache_size -= len(data)


class NetworkBlocker(QWebEngineUrlRequestInterceptor):
    """Refuses every request that would leave the machine."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802
        url = info.requestUrl()
        if url.scheme() not in ALLOWED_SCHEMES:
            info.block(True)
            if len(self.blocked) < 1000:
                self.blocked.append(url.toString())


class PreviewProfile(QWebEngineProfile):
    """An off-the-record profile: no disk cache, no cookies, our schemes only."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_handler = AppSchemeHandler(self)
        self.photo_handler = PhotoSchemeHandler(library, self)
        self.blocker = NetworkBlocker(self)
        self.installUrlSchemeHandler(QByteArray(APP_SCHEME), self.app_handler)
        self.installUrlSchemeHandler(QByteArray(PHOTO_SCHEME), self.photo_handler)
        self.setUrlRequestInterceptor(self.blocker)
        self.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)

