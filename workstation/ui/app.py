"""Starting the app: schemes, QApplication, the library (locked or read-only), the window.

Only what the first frame needs is imported before the window is shown:
the window's shell with the article list. The article desk (and the ORM
and editing modules it needs) is built once the shell has painted its first
frame, and the article (and with it QtWebEngine, the spelling dictionaries
and the preview) opens on the turn after that, so the reporter sees the
window while the rest loads. The other desks are built when first chosen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workstation import APP_NAME
from workstation.errors import WorkstationError
from workstation.resources import resource

EXIT_OK, EXIT_BAD_INPUT = 0, 2
_windows: list = []


def prepare_qt() -> None:
    """What must happen before any QApplication exists (GL sharing for QtWebEngine, the app's names).

    The preview's URL schemes are registered later, just before the first
    web view is made (``schemes.register_schemes``): importing QtWebEngine
    here would keep the window off the screen for a quarter of a second.
    """
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)


def open_locked(path: Path):  # type: ignore[no-untyped-def]
    """Open ``path`` for writing, or read-only when another process holds its lock.

    Returns (library, lock or None, holder or None).
    """
    from workstation.library.database import inspect_file, open_library
    from workstation.library.lock import LibraryLock

    path = Path(path)
    # Refuse a file that is no library before a lock file appears beside it.
    inspect_file(path)
    lock = LibraryLock(path)
    if lock.acquire():
        try:
            return open_library(path), lock, None
        except BaseException:
            lock.release()
            raise
    return open_library(path, readonly=True), None, lock.holder() or "another process"


def after_first_paint(window, callback) -> None:  # type: ignore[no-untyped-def]
    """Call ``callback`` on the event loop's turn after ``window`` first paints (it is then on screen)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, callback)
                self.deleteLater()
            return False

    window.installEventFilter(FirstPaint(window))


def open_window(path: Path, open_slug: str | None = None):  # type: ignore[no-untyped-def]
    """A main window on the library at ``path``, shown; the desk is built and the article opens after it paints."""
    import shiboken6
    from PySide6.QtCore import QTimer

    from workstation.ui.main_window import MainWindow, remember_library

    library, lock, holder = open_locked(path)
    try:
        window = MainWindow(library, lock, holder)
    except BaseException:
        library.close()
        if lock is not None:
            lock.release()
        raise
    if not library.readonly:
        remember_library(window.settings, library.path)
    window.open_library_requested.connect(lambda target: switch_library(window, Path(target)))
    window.show()
    window.raise_()
    window.activateWindow()
    _windows.append(window)

    def still_open() -> bool:
        return shiboken6.isValid(window) and window.isVisible()

    def open_article() -> None:
        if not still_open():
            return
        if open_slug:
            window.open_slug(open_slug)
        else:
            window.open_last_article()

    def finish() -> None:
        if still_open():
            window.finish_building()
            QTimer.singleShot(0, open_article)

    after_first_paint(window, finish)
    return window


def switch_library(current, target: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    if target.resolve() == current.library.path.resolve():
        return
    current.close()
    current.release()
    try:
        open_window(target)
    except WorkstationError as exc:
        QMessageBox.warning(None, APP_NAME, str(exc))
        open_window(current.library.path)
    if current in _windows:
        _windows.remove(current)


def run_app(library_path: str | Path | None, open_slug: str | None = None) -> int:
    """The GUI entry point of ``workstation [LIBRARY] [--open SLUG]``; returns the exit code."""
    prepare_qt()
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from workstation.ui.theme import apply_theme, follow_system

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The installed menu entry's id, so docks group the window with its launcher.
    QGuiApplication.setDesktopFileName("io.github.workstation.Workstation")
    app.setWindowIcon(QIcon(str(resource("icons", "workstation.svg"))))
    apply_theme(app)
    follow_system(app)
    try:
        if library_path is None:
            from workstation.library.default import ensure_default_library

            path = ensure_default_library()
        else:
            path = Path(library_path)
        open_window(path, open_slug)
    except WorkstationError as exc:
        print(f"workstation: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return EXIT_BAD_INPUT
    return EXIT_OK if app.exec() == 0 else 1
