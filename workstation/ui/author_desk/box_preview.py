"""The author box exactly as an article page will print it, from the unsaved form.

It is the export's own template and CSS (``PreviewRenderer.author_box``) in
a web view on the off-the-record preview profile, so nothing it shows can
reach the network. The web view is built on first use, keeping QtWebEngine
out of the application's start-up.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.ui.preview import app_scheme, show_in_scheme

# Re-render this long after the last keystroke; a bio is short, so this is about not reloading per key.
DEBOUNCE_MS = 150


def _page_class() -> type:
    from PySide6.QtWebEngineCore import QWebEnginePage

    class BoxPage(QWebEnginePage):
        """Links in the box ("Read more", the name) are shown, not followed."""

        def acceptNavigationRequest(self, url: QUrl, nav_type: Any, is_main_frame: bool) -> bool:  # noqa: N802
            return not is_main_frame or url.scheme() == "ws-app"

    return BoxPage


class AuthorBoxPreview(QWidget):
    """Call ``show_fields`` on every edit; ``rendered`` fires with each page loaded."""

    rendered = Signal(bool)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.view: Any = None
        self.profile: Any = None
        self.html = ""
        self._renderer: Any = None
        self._fields: dict[str, Any] | None = None
        self._scheme = ""
        self._names = itertools.count(1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        title = QLabel("As published: the author box under each article", self)
        title.setObjectName("paneTitle")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.addWidget(title)
        self._layout.addWidget(self.message)

    def show_fields(self, fields: dict[str, Any]) -> None:
        """Schedule a render of ``fields`` (name, slug, role, bio, avatar, avatar_mime)."""
        self._fields = fields
        self._timer.start()

    def render_now(self) -> None:
        self._timer.stop()
        if self._fields is None:
            return
        try:
            self.html = self.renderer.author_box(self._fields)
        except WorkstationError as exc:
            self.message.setText(f"The preview cannot be shown: {exc}")
            self.message.show()
            return
        self.message.hide()
        view = self.ensure_view()
        view.load(self.profile.app_handler.set_page(f"author-box-{next(self._names)}.html", self.html))

    @property
    def renderer(self) -> Any:
        if self._renderer is None:
            from workstation.publish.preview import PreviewRenderer

            self._renderer = PreviewRenderer(self.library)
        return self._renderer

    def ensure_view(self) -> Any:
        if self.view is None:
            from PySide6.QtWebEngineWidgets import QWebEngineView

            from workstation.ui.schemes import PreviewProfile, register_schemes

            register_schemes()
            self.profile = PreviewProfile(self.library)
            self.view = QWebEngineView(self)
            page = _page_class()(self.profile, self.view)
            self.view.setPage(page)
            # QtWebEngine requires the page to go before its profile: owned by the page,
            # the profile is destroyed only after the page's own destructor has run.
            self.profile.setParent(page)
            self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            self.view.setAccessibleName("Author box preview")
            self.view.loadFinished.connect(self.rendered)
            self._layout.addWidget(self.view, 1)
            self._scheme = ""
            self.follow_app_scheme()
        return self.view

    def follow_app_scheme(self) -> None:
        """The box in the app's light or dark scheme, as the article preview shows pages."""
        if self.view is None:
            return
        scheme = app_scheme()
        if scheme != self._scheme:
            loaded = bool(self._scheme)
            self._scheme = scheme
            show_in_scheme(self.view, scheme, loaded)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.follow_app_scheme()
