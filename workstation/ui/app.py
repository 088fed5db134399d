"""Starting the app: schemes, QApplication, the library (locked or read-only), the window.

Only what the first frame needs is imported before the window is shown:
the window's shell with the article list. The article desk (and the ORM
and editing modules it needs) is built once the shell has painted its first
frame, and the article (and with it QtWebEngine, the spelling dictionaries
and the preview) opens on the turn after that, so the reporter sees the
window while the rest loads. The other desks are built when first chosen.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from workstation import APP_NAME
from workstation.errors import WorkstationError
from workstation.resources import resource

EXIT_OK, EXIT_BAD_INPUT = 0, 2
# How long a thread holding the interpreter lock keeps it once another asks (Python's default is 5 ms).
# The UI thread asks at every call into Python (each painted cell, each slot); while a job computes,
# each ask waited up to 5 ms, so a frame of forty cells could stall for 200 ms.
GIL_SWITCH_S = 0.0005
_windows: list = []


def prepare_qt() -> None:
    """What must happen before any QApplication exists (GL sharing for QtWebEngine, the app's names).

    It also hands the interpreter lock over sooner (``GIL_SWITCH_S``): the
    job runner's workers run Python beside the UI thread, which must never
    queue long behind them for the lock. And what exists by now is kept out
    of the cyclic collector's way (``keep_long_lived``).

    The preview's URL schemes are registered later, just before the first
    web view is made (``schemes.register_schemes``): importing QtWebEngine
    here would keep the window off the screen for a quarter of a second.
    """
    from PySide6.QtCore import QCoreApplication, Qt

    sys.setswitchinterval(GIL_SWITCH_S)
    keep_long_lived()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)


def keep_long_lived() -> None:
    """Leave every object alive now out of the cyclic collector's full passes (``gc.freeze``).

    A full pass walks every object the collector tracks, on whichever
    thread allocated last, while holding the interpreter lock: with the
    modules, the ORM and a first desk loaded, some 100,000 objects, 70 ms
    measured, a stall at a random moment of a scroll or a desk's opening.
    What is alive once the app has started (modules, classes, the window)
    lives as long as the process, so later passes need only walk what was
    made since. Called as the app starts and once its first window is
    built, not later: an object frozen while it is garbage in a cycle is
    never freed.
    """
    gc.freeze()


def open_locked(target: Path | str, user: str | None = None):  # type: ignore[no-untyped-def]
    """Open ``target`` for writing, or read-only when another process holds its lock.

    A newsroom (a ``postgresql://`` URL) takes many writers and has no lock.
    Returns (library, lock or None, holder or None).
    """
    from workstation.library.database import inspect_file, is_newsroom_url, open_library
    from workstation.library.lock import LibraryLock

    if is_newsroom_url(target):
        return open_library(target, user=user), None, None
    user = user if user is not None else file_user()
    path = Path(target)
    # Refuse a file that is no library before a lock file appears beside it.
    inspect_file(path)
    lock = LibraryLock(path)
    if lock.acquire():
        try:
            return open_library(path, user=user), lock, None
        except BaseException:
            lock.release()
            raise
    return open_library(path, readonly=True, user=user), None, lock.holder() or "another process"


def file_user() -> str:
    """Who works through a library file: the name in Preferences, else the account's.

    Read before the first paint, so through modules that import neither the
    article desk nor the ORM.
    """
    from PySide6.QtCore import QSettings

    from workstation.library.user_names import chosen_or_default
    from workstation.ui.preference_keys import USER_NAME_KEY

    return chosen_or_default(QSettings().value(USER_NAME_KEY))


def _who_is_working(library, settings, parent=None) -> bool:  # type: ignore[no-untyped-def]
    """In a newsroom, settle who works at this desk: remembered, named by the environment, or asked.

    False when the person declined to say (the newsroom is then not opened).
    """
    if library.path is not None or library.readonly:
        return True
    # Imported only for a newsroom: a library file's window shows before the ORM is imported.
    from PySide6.QtWidgets import QDialog, QMessageBox

    from workstation.editing.identity import named_by_environment, people, work_as
    from workstation.ui.main_window import user_key
    from workstation.ui.who_dialog import WhoDialog

    key = user_key(library)
    if named_by_environment() or settings.value(key):
        return True
    dialog = WhoDialog(library.address, people(library), library.user, parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            settings.setValue(key, work_as(library, dialog.chosen()))
            return True
        except WorkstationError as exc:
            QMessageBox.warning(dialog, dialog.windowTitle(), str(exc))
    return False


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


def open_window(target: Path | str, open_slug: str | None = None):  # type: ignore[no-untyped-def]
    """A main window on the library at ``target`` (a path or a newsroom URL), shown; None if its opening was declined.

    The article desk is built, and then the article opened, once the window has painted.
    """
    import shiboken6
    from PySide6.QtCore import QSettings, QTimer

    from workstation.library.database import is_newsroom_url
    from workstation.ui.main_window import MainWindow, remember_library, remembered_user

    settings = QSettings()
    user = remembered_user(settings, target) if is_newsroom_url(target) else None
    library, lock, holder = open_locked(target, user)
    try:
        if not _who_is_working(library, settings):
            library.close()
            return None
        window = MainWindow(library, lock, holder)
    except BaseException:
        library.close()
        if lock is not None:
            lock.release()
        raise
    if not library.readonly:
        remember_library(window.settings, library)
    # As given (a newsroom's URL may carry its password): to reopen it if a switch fails.
    window.opened_from = target
    window.open_library_requested.connect(lambda target: switch_library(window, target))
    window.show()
    window.raise_()
    window.activateWindow()
    first = not _windows
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
        if first:
            keep_long_lived()

    def finish() -> None:
        if still_open():
            window.finish_building()
            QTimer.singleShot(0, open_article)

    after_first_paint(window, finish)
    return window


def switch_library(current, target: str) -> None:  # type: ignore[no-untyped-def]
    """Close ``current``'s library and open ``target`` (a path or a newsroom URL) in a new window.

    When the new one cannot be opened (or its opening is declined), the old one opens again.
    """
    from PySide6.QtWidgets import QMessageBox

    from workstation.library.database import library_target

    try:
        wanted = library_target(target)
        if _same_library(current.library, wanted):
            return
    except WorkstationError as exc:
        QMessageBox.warning(current, APP_NAME, str(exc))
        return
    previous = current.opened_from
    current.close()
    current.release()
    try:
        opened = open_window(wanted)
    except WorkstationError as exc:
        QMessageBox.warning(None, APP_NAME, str(exc))
        opened = None
    if opened is None:
        open_window(previous)
    if current in _windows:
        _windows.remove(current)


def _same_library(library, target: Path | str) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(target, Path):
        return library.path is not None and target.resolve() == library.path.resolve()
    from workstation.library.newsroom import shown

    return library.path is None and shown(target) == library.address


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

            target: Path | str = ensure_default_library()
        else:
            from workstation.library.database import library_target

            target = library_target(library_path)
        if open_window(target, open_slug) is None:
            return EXIT_OK
    except WorkstationError as exc:
        print(f"workstation: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return EXIT_BAD_INPUT
    status = app.exec()
    from workstation.ui.jobs import runner

    # A job a late timer started after the window closed must not still run Python while the interpreter ends.
    runner().finish()
    return EXIT_OK if status == 0 else 1
