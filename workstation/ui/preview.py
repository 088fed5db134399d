"""The live preview: the published page, patched block by block as you type.

On opening an article the whole page is rendered once (the export's own
template and CSS). After that an edit re-renders only the Markdown blocks
whose text changed (the renderer caches blocks by content) and sends just
those to ``preview.js``, which swaps them in place: no reload, no flicker,
no jump in the reader's scroll position. Edits arriving while a patch is
still being applied are coalesced into the next one.
"""

from __future__ import annotations

import itertools
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.library.database import Library

if TYPE_CHECKING:
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from workstation.library.article_state import ArticleState

PHONE_WIDTH = 390


def app_scheme() -> str:
    """"dark" or "light": the scheme of the palette the app is drawn in now."""
    return "dark" if QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128 else "light"


def show_in_scheme(view: Any, scheme: str, loaded: bool) -> None:
    """Draw ``view``'s page (one that runs preview.js) light or dark: named before it loads, switched once loaded.

    A script run at document creation names the scheme before preview.js
    runs, so a newly loaded page is drawn in it from the first paint; an
    open page is switched in place.
    """
    from PySide6.QtWebEngineCore import QWebEngineScript

    scripts = view.page().scripts()
    for old in scripts.find("ws-scheme"):
        scripts.remove(old)
    script = QWebEngineScript()
    script.setName("ws-scheme")
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setSourceCode(f"window.wsSchemeWanted = {json.dumps(scheme)};")
    scripts.insert(script)
    if loaded:
        view.page().runJavaScript(f"wsScheme({json.dumps(scheme)})", 0)


def _make_page_class() -> type:
    """The QWebEnginePage subclass, built on first use so startup skips QtWebEngine."""
    from PySide6.QtWebEngineCore import QWebEnginePage

    class PreviewPage(QWebEnginePage):
        patched = Signal(int)

        def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:  # noqa: N802
            if message.startswith("ws:patched:"):
                self.patched.emit(int(message.rsplit(":", 1)[1]))

        def acceptNavigationRequest(self, url: QUrl, nav_type: Any, is_main_frame: bool) -> bool:  # noqa: N802
            return not is_main_frame or url.scheme() == "ws-app"

    return PreviewPage


class PreviewPane(QWidget):
    """The web view with its small toolbar; fed by the article desk."""

    patched = Signal(int)
    loaded = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.view: QWebEngineView | None = None
        self.profile: Any = None
        self._renderer: Any = None
        self._names = itertools.count(1)
        self._articles = itertools.count(1)
        self._article = 0
        self._seq = itertools.count(1)
        self.last_seq = 0
        self._order: list[str] = []
        self._html: dict[str, str] = {}
        self._lines: list[tuple[int, str]] = []
        self._ready = False
        self._in_flight = False
        self._body: str | None = None
        self._chrome_state: ArticleState | None = None
        self._revealed = ""
        self._scheme = ""

        self._flush_timer = QTimer(self, singleShot=True, interval=0)
        self._flush_timer.timeout.connect(self._flush)
        self._chrome_timer = QTimer(self, singleShot=True, interval=120)
        self._chrome_timer.timeout.connect(self._flush_chrome)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        title = QLabel("Preview")
        title.setObjectName("paneTitle")
        bar.addWidget(title)
        bar.addStretch(1)
        self.phone_button = QToolButton(text="Phone width", checkable=True)
        self.phone_button.setToolTip(f"Show the page at a phone's width ({PHONE_WIDTH} px)")
        self.phone_button.toggled.connect(self.set_phone_width)
        bar.addWidget(self.phone_button)
        layout.addLayout(bar)
        self._frame = QHBoxLayout()
        self._frame.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._frame, 1)
        self._placeholder = QLabel("Open an article to see its page.", alignment=Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setObjectName("placeholder")
        self._frame.addWidget(self._placeholder, 1)

    # -- the web view, created on first use ---------------------------------

    def ensure_view(self) -> QWebEngineView:
        if self.view is not None:
            return self.view
        from PySide6.QtWebEngineWidgets import QWebEngineView

        from workstation.ui.schemes import PreviewProfile, register_schemes

        register_schemes()
        self.view = QWebEngineView(self)
        self.profile = PreviewProfile(self.library)
        page = _make_page_class()(self.profile, self.view)
        # The profile must outlive its page: as the page's child it is deleted after it.
        self.profile.setParent(page)
        page.patched.connect(self._on_patched)
        self.view.setPage(page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.view.loadFinished.connect(self._on_loaded)
        self.view.setMinimumSize(QSize(200, 200))
        self._frame.removeWidget(self._placeholder)
        self._placeholder.hide()
        self._frame.addWidget(self.view, 1)
        self.set_phone_width(self.phone_button.isChecked())
        self._scheme = ""
        self.follow_app_scheme()
        return self.view

    def follow_app_scheme(self) -> None:
        """Show the page light or dark as the app is, without reloading it.

        A script run at document creation names the scheme before preview.js
        runs, so a newly loaded page is drawn in it from the first paint;
        an open page is switched in place.
        """
        if self.view is None:
            return
        scheme = app_scheme()
        if scheme == self._scheme:
            return
        self._scheme = scheme
        show_in_scheme(self.view, scheme, self._ready)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.follow_app_scheme()

    def release(self) -> None:
        """Delete the page, then its profile, while Qt is still running (never the other way round)."""
        if self.view is None:
            return
        import shiboken6

        page = self.view.page()
        self.view.hide()
        self._frame.removeWidget(self.view)
        shiboken6.delete(self.view)
        if shiboken6.isValid(page):
            shiboken6.delete(page)
        self.view = None
        self.profile = None
        self._ready = False

    @property
    def renderer(self) -> Any:
        if self._renderer is None:
            from workstation.publish.preview import PreviewRenderer

            self._renderer = PreviewRenderer(self.library)
        return self._renderer

    def run_js(self, script: str, callback: Any = None) -> None:
        page = self.ensure_view().page()
        if callback is None:
            page.runJavaScript(script, 0)
        else:
            page.runJavaScript(script, 0, callback)

    # -- feeding it --------------------------------------------------------------

    def show_state(self, state: ArticleState, same_article: bool = False) -> None:
        """Render the whole page for a newly opened article.

        The page keeps its reading position across reloads of the same
        article (new settings, a lost page); another article starts at its
        top. The page's address says which article it is for (see preview.js).
        """
        if not same_article:
            self._article = next(self._articles)
        view = self.ensure_view()
        html = self.renderer.page(state)
        self._remember(self.renderer.blocks(state.body))
        self._ready = False
        self._in_flight = False
        self._body = None
        self._chrome_state = None
        self._revealed = ""
        view.load(self.profile.app_handler.set_page(f"article-{self._article}-{next(self._names)}.html", html))

    def set_body(self, body: str) -> None:
        """A new body text; patched into the page on the next turn of the event loop."""
        self._body = body
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def set_chrome(self, state: ArticleState) -> None:
        """Headline, dek, byline or lead photo changed: re-render the page around the body."""
        self._chrome_state = state
        self._chrome_timer.start()

    def reveal_line(self, line: int) -> None:
        """Scroll the preview to the block that holds editor line ``line`` (0-based)."""
        if not self._ready or not self._lines:
            return
        block_id = self._lines[0][1]
        for start, candidate in self._lines:
            if start > line:
                break
            block_id = candidate
        if block_id != self._revealed:
            self._revealed = block_id
            self.run_js(f"wsReveal({json.dumps(block_id)})")

    def set_phone_width(self, on: bool) -> None:
        if self.view is None:
            return
        if self._ready:
            self.run_js(f"wsPhone({json.dumps(on)})")
        if on:
            self.view.setFixedWidth(PHONE_WIDTH)
            self._frame.setAlignment(self.view, Qt.AlignmentFlag.AlignHCenter)
        else:
            # Back to filling the pane: left centred, the view kept its phone width's size hint.
            self._frame.setAlignment(self.view, Qt.AlignmentFlag(0))
            self.view.setMinimumWidth(200)
            self.view.setMaximumWidth(16_777_215)

    # -- internals --------------------------------------------------------------

    def _remember(self, blocks: list[Any]) -> None:
        self._order = [block.id for block in blocks]
        self._html = {block.id: block.html for block in blocks}
        self._lines = [(block.start_line, block.id) for block in blocks]

    def _on_loaded(self, ok: bool) -> None:
        self._ready = ok
        if ok and self.phone_button.isChecked():
            self.run_js("wsPhone(true)")
        self.loaded.emit()
        if ok and self._body is not None:
            self._flush()

    def _on_patched(self, seq: int) -> None:
        self.last_seq = max(self.last_seq, seq)
        self._in_flight = False
        self.patched.emit(seq)
        if self._body is not None:
            self._flush()

    def _flush(self) -> None:
        if not self._ready or self._in_flight or self._body is None:
            return
        body, self._body = self._body, None
        blocks = self.renderer.blocks(body)
        order = [block.id for block in blocks]
        changed = {block.id: block.html for block in blocks if self._html.get(block.id) != block.html}
        if not changed and order == self._order:
            return
        message: dict[str, Any] = {"seq": next(self._seq), "html": changed}
        if order != self._order:
            message["order"] = order
        self._remember(blocks)
        self._in_flight = True
        self.run_js(f"wsPatch({json.dumps(message)})")

    def _flush_chrome(self) -> None:
        if self._chrome_state is None or self.view is None:
            return
        state, self._chrome_state = self._chrome_state, None
        if not self._ready:
            self.show_state(state, same_article=True)
            return
        self.run_js(f"wsChrome({json.dumps(self.renderer.page(state))})")
