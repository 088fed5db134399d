"""The main window: navigator on the left, the chosen desk in the middle, menus on top.

The window is built in two steps so that it is on screen quickly: the shell
(title, navigator with the article list, status bar, File and Help menus)
needs neither the ORM nor the article desk's modules; the article desk, its
menus and the library's sections are added by ``finish_building``, which
``open_window`` calls once the shell has painted (and which any first use of
``desk`` calls itself).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from workstation import APP_NAME, LIBRARY_SUFFIX
from workstation.errors import WalUnlinked, WorkstationError
from workstation.library.database import Library
from workstation.library.lock import LibraryLock
from workstation.library.walguard import recovery_text, write_recovery_file
from workstation.ui.drops import dropped_library
from workstation.ui.jobs import runner
from workstation.ui.navigator import Navigator
from workstation.ui.presence_bar import PresenceBridge

if TYPE_CHECKING:
    from workstation.editing.presence import Event, Presence
    from workstation.library.settings import SiteSettings
    from workstation.ui.article_desk import ArticleDesk

RECENT_LIMIT = 8
# Another desk's changes refresh a list at most this often (ms): a colleague typing saves every second.
OTHERS_CHANGES_MS = 500
# Which lists a changed table refreshes.
REFRESHED_BY = {
    "articles": "articles", "article_authors": "articles", "article_tags": "articles", "sections": "articles",
    "photos": "photos", "photo_thumbnails": "photos", "authors": "authors",
}
OTHER_DESKS = {
    "photos": ("workstation.ui.photo_desk", "PhotoDesk"),
    "authors": ("workstation.ui.author_desk", "AuthorDesk"),
    "budget": ("workstation.ui.budget_desk", "BudgetDesk"),
}


def _key_of(address: str) -> str:
    return hashlib.sha1(address.encode()).hexdigest()[:16]


def library_key(library: Library) -> str:
    """What this computer's settings about ``library`` are filed under: its resolved path, or its newsroom URL."""
    return _key_of(str(library.path.resolve()) if library.path is not None else library.address)


def user_key(library: Library) -> str:
    """Where the name this desk works as in ``library`` (a newsroom) is remembered."""
    return f"newsroom_user/{library_key(library)}"


def remembered_user(settings: QSettings, url: str) -> str | None:
    """The name this desk last worked as in the newsroom at ``url``, if any."""
    from workstation.library.newsroom import shown

    name = settings.value(f"newsroom_user/{_key_of(shown(url))}")
    return str(name) if name else None


# Room the window manager's title bar and borders take around the client area.
FRAME_ALLOWANCE = 64


def first_run_size(available: QSize) -> QSize | None:
    """The window's size before the user has chosen one; None means maximised.

    A laptop screen cannot hold the three-pane desk plus a title bar at the
    comfortable size; sizing the client area to the whole screen would push
    the status bar (word count, "Saved") below the bottom edge, so such a
    screen gets a maximised window that the window manager fits exactly.
    """
    width = max(1280, available.width() * 85 // 100)
    height = 900
    if width > available.width() or height + FRAME_ALLOWANCE > available.height():
        return None
    return QSize(width, height)


class MainWindow(QMainWindow):
    open_library_requested = Signal(str)
    # Sent from whichever thread found the library's journal deleted.
    library_stopped = Signal(object)

    def __init__(self, library: Library, lock: LibraryLock | None, holder: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.lock = lock
        self.readonly = library.readonly
        self._holder = holder
        self._desk: ArticleDesk | None = None
        # Started with the article desk (``finish_building``), which shows who holds what.
        self.presence: Presence | None = None
        self._site: SiteSettings | None = None
        self.settings = QSettings()
        self._focus_restore: tuple[bool, bool] | None = None
        # Desks whose lists others changed while they were hidden: refreshed when shown.
        self._stale_desks: set[str] = set()
        self.recovery_file: Path | None = None
        # What the library was opened from, to open it again (``app.open_window`` keeps a newsroom's URL as given).
        self.opened_from: Path | str = library.path if library.path is not None else library.address
        self.setWindowTitle(self._title())
        self.resize(1280, 760)

        self.navigator = Navigator(library)
        self.stack = QStackedWidget()
        # Holds the article desk's place until finish_building puts the desk there.
        self.stack.addWidget(QWidget())
        self.desks: dict[str, QWidget] = {}
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1030])
        # The article desk's split, kept while another desk folds the navigator.
        self._article_splitter = self.splitter.sizes()
        self.setCentralWidget(self.splitter)

        self.message = QLabel()
        self.stats = QLabel()
        self.stats.setObjectName("stats")
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addPermanentWidget(self.stats)
        self.article_status: list[QWidget] = [self.stats]
        self.who = QLabel()
        self.who.setObjectName("who")
        if self.newsroom:
            self.who.setText(f"Working as {self.library.user}")
            self.who.setToolTip(f"You work in {self.library.address} as {self.library.user}")
            self.statusBar().insertPermanentWidget(0, self.who)
        self._build_menus()

        for key, (module, _name) in OTHER_DESKS.items():
            available = importlib.util.find_spec(module) is not None
            self.navigator.set_desk_available(key, available, "Not available in this build")

        self.navigator.desk_chosen.connect(self.show_desk)
        self.navigator.article_chosen.connect(self.open_article)
        self.navigator.new_article_requested.connect(self.new_article)
        self.navigator.new_button.setEnabled(not self.readonly)
        QApplication.instance().applicationStateChanged.connect(self._app_state_changed)

        self.library_stopped.connect(self._library_stopped, Qt.ConnectionType.QueuedConnection)
        if library.guard is not None:
            library.guard.on_unlinked(self.library_stopped.emit)
        self._restore_layout()
        self.setAcceptDrops(True)

    @property
    def desk(self) -> ArticleDesk:
        """The article desk; the first use builds it (and the menus that act on it) if start-up has not yet."""
        if self._desk is None:
            self.finish_building()
        assert self._desk is not None
        return self._desk

    @property
    def site(self) -> SiteSettings:
        if self._site is None:
            from workstation.editing.settings import site_settings

            self._site = site_settings(self.library)
        return self._site

    @site.setter
    def site(self, value: SiteSettings) -> None:
        self._site = value

    def finish_building(self) -> None:
        """Add the article desk, its menus and status-bar buttons, and the section filter; once."""
        if self._desk is not None:
            return
        from workstation.editing import articles
        from workstation.ui.article_desk import ArticleDesk

        sections, _authors = articles.choices(self.library)
        self.navigator.set_sections(sections)
        desk = ArticleDesk(self.library, self.site, readonly=self.readonly)
        self._desk = desk
        placeholder = self.stack.widget(0)
        elsewhere = self.stack.currentWidget() is not placeholder
        self.stack.insertWidget(0, desk)
        if not elsewhere:
            self.stack.setCurrentWidget(desk)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.desks["articles"] = desk
        for action in desk.view_actions():
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            self.statusBar().addPermanentWidget(button)
            self.article_status.append(button)
        self._build_article_menus(desk)
        desk.status_message.connect(self.show_message)
        desk.stats_changed.connect(self.stats.setText)
        desk.article_saved.connect(self._article_saved)
        desk.article_opened.connect(self._article_opened)
        desk.focus_mode_changed.connect(self._focus_mode_changed)
        if self._holder is not None:
            desk.set_read_only(self._holder)
        desk.restore_layout(self.settings)
        self._start_presence()
        # Listed from a worker only now that this thread has imported the ORM: two threads importing
        # the same modules at once can meet in a circular import.
        self.navigator.refresh()
        if elsewhere:
            # Another desk was chosen before this one was built: the article commands stay hidden until it returns.
            for action in self._article_only:
                action.setVisible(False)
            for widget in self.article_status:
                widget.setVisible(False)

    def _title(self) -> str:
        suffix = " (read-only)" if self.readonly else ""
        who = f" — {self.library.user}" if self.newsroom else ""
        return f"{self.library.name}{suffix}{who} — {APP_NAME}"

    @property
    def newsroom(self) -> bool:
        """Whether the window shows a newsroom on a server rather than a library file."""
        return self.library.path is None

    # -- presence -----------------------------------------------------------------

    def _start_presence(self) -> None:
        """In a newsroom: say who works here, hear who edits what, and refresh the lists others change."""
        from workstation.editing.presence import open_presence

        self.presence_bridge = PresenceBridge(self)
        self.presence_bridge.heard.connect(self._heard, Qt.ConnectionType.QueuedConnection)
        self.presence = open_presence(self.library, self.library.user, self.presence_bridge.deliver)
        self.desk.set_presence(self.presence)
        self._pending_lists: set[str] = set()
        self._lists_timer = QTimer(self, singleShot=True, interval=OTHERS_CHANGES_MS)
        self._lists_timer.timeout.connect(self._refresh_changed_lists)
        self._show_holders()

    def _show_holders(self) -> None:
        assert self.presence is not None
        self.navigator.set_holders({article_id: hold.user for article_id, hold in self.presence.others().items()})

    def _heard(self, event: Event) -> None:
        from workstation.editing.presence import Changed, Holding, Lost, Regained, Released, TakenOver

        if isinstance(event, Changed):
            if not event.mine and event.table in REFRESHED_BY:
                self._pending_lists.add(REFRESHED_BY[event.table])
                if not self._lists_timer.isActive():
                    self._lists_timer.start()
            return
        if isinstance(event, Lost):
            self.navigator.set_holders({})
            self.show_message(f"Others no longer see what you edit, nor you what they do: {event.problem}")
            return
        if isinstance(event, Regained):
            self._show_holders()
            self.desk.presence_regained()
            self.show_message("Connected again: others see what you edit")
            return
        if isinstance(event, Holding) and not event.mine:
            self.navigator.set_holder(event.article_id, event.user)
        elif isinstance(event, Released) and not event.mine:
            self.navigator.set_holder(event.article_id, None)
        elif isinstance(event, TakenOver):
            self.navigator.set_holder(event.article_id, None if event.mine else event.user)
            if event.from_me:
                self.show_message(f"{event.user} took over the article you were editing")
        self.desk.presence_heard(event)

    def _refresh_changed_lists(self) -> None:
        """Show what other desks changed: the article list, the photo grid and the author list (once made)."""
        pending, self._pending_lists = self._pending_lists, set()
        if "articles" in pending:
            self.navigator.refresh(keep_place=True)
            self.desk.others_changed_articles()
        for key in ("photos", "authors"):
            desk = self.desks.get(key)
            if key in pending and desk is not None and self.stack.currentWidget() is desk:
                desk.refresh()
            elif key in pending and desk is not None:
                self._stale_desks.add(key)

    # -- menus --------------------------------------------------------------------

    def _menu_action(self, menu: Any, text: str, slot: Any, shortcut: Any = None, enabled: bool = True) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        """The menu bar; the article desk's commands join Edit, Insert, Article and View when it is built."""
        bar = self.menuBar()
        writable = not self.readonly
        file_menu = bar.addMenu("&File")
        self._menu_action(file_menu, "&New article", self.new_article, QKeySequence.StandardKey.New, writable)
        self._menu_action(file_menu, "New &library…", self.new_library)
        self._menu_action(file_menu, "&Open library…", self.choose_library, QKeySequence.StandardKey.Open)
        self._menu_action(file_menu, "Open ne&wsroom…", self.choose_newsroom, "Ctrl+Shift+O")
        self.recent_menu = file_menu.addMenu("Recent libraries")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._menu_action(file_menu, "&Import photos…", self.import_photos, "Ctrl+Shift+I", writable)
        # A newsroom's copy is a take-out of chosen articles, not a copy of the whole server.
        self._menu_action(file_menu, "Save a &copy…", self.save_copy, QKeySequence.StandardKey.SaveAs, not self.newsroom)
        self._menu_action(file_menu, "&Take offline…", self.take_offline, enabled=self.newsroom)
        self._menu_action(file_menu, "&Bring back…", self.bring_back, enabled=writable)
        self._menu_action(file_menu, "&Export site…", self.export_site, "Ctrl+E")
        file_menu.addSeparator()
        self._menu_action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self._edit_menu = bar.addMenu("&Edit")
        # The window's Undo (a photo batch edit, or the text's last change): there before any desk is.
        self._menu_action(self._edit_menu, "&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self._insert_menu = bar.addMenu("&Insert")
        self._article_menu = bar.addMenu("&Article")
        self._view_menu = bar.addMenu("&View")
        self._article_only: list[QAction] = []
        help_menu = bar.addMenu("&Help")
        self._menu_action(help_menu, f"&About {APP_NAME}", self.about)

    def _build_article_menus(self, desk: ArticleDesk) -> None:
        writable = not self.readonly
        edit_menu: QMenu = self._edit_menu
        editor = desk.editor
        redo = self._menu_action(edit_menu, "&Redo", editor.redo, QKeySequence.StandardKey.Redo)
        edit_menu.addSeparator()
        finding = [desk.actions_by_name[name] for name in ("find", "replace")]
        edit_menu.addActions(finding)
        edit_menu.addSeparator()
        edit_menu.addActions(desk.editing_actions())
        notes_menu = edit_menu.addMenu("S&uggestions and comments")
        notes_menu.addActions(desk.note_actions())
        insert_menu = self._insert_menu
        inserting = [desk.actions_by_name[name] for name in ("photo", "related", "video")]
        insert_menu.addActions(inserting)
        article_menu = self._article_menu
        publishing = desk.publishing_actions()
        article_menu.addActions(publishing[:3])
        article_menu.addSeparator()
        article_menu.addActions(publishing[3:])
        for action in publishing:
            action.setEnabled(writable)
        # They act on the article's editor, which stays open but hidden behind the other desks.
        self._article_only = [
            redo, *finding, *desk.editing_actions(), notes_menu.menuAction(), insert_menu.menuAction(), *inserting,
            article_menu.menuAction(), *publishing,
        ]
        edit_menu.addSeparator()
        preferences = self._menu_action(edit_menu, "&Preferences…", self.preferences, QKeySequence.StandardKey.Preferences, writable)
        if not preferences.shortcuts():
            preferences.setShortcut(QKeySequence("Ctrl+,"))

        view_menu = self._view_menu
        for name in ("focus", "preview", "panel"):
            view_menu.addAction(desk.actions_by_name[name])
        self._menu_action(view_menu, "&History", desk.show_history, "Ctrl+Shift+H")
        phone = QAction("&Phone width preview", self, checkable=True)
        phone.setShortcut(QKeySequence("Ctrl+Alt+P"))
        phone.toggled.connect(desk.preview.phone_button.setChecked)
        desk.preview.phone_button.toggled.connect(phone.setChecked)
        view_menu.addAction(phone)
        # The desk's keys work window-wide (so after any dialog), and only while it is shown.
        self._article_only += [*desk.view_actions(), phone]

    # -- desks ----------------------------------------------------------------------

    def show_desk(self, key: str) -> None:
        if not self._may_leave_current_desk(key):
            self.navigator.set_desk(self._current_desk_key())
            return
        desk = self.desk if key == "articles" else self.desks.get(key)
        if desk is None:
            desk = self._create_desk(key)
            if desk is None:
                self.navigator.set_desk("articles")
                return
        article_desk = self._desk
        if key != "articles":
            if article_desk is not None:
                article_desk.save_if_dirty()
        elif self.stack.currentWidget() is not desk:
            self.desk.refresh_library_data()
        if key in self._stale_desks:
            self._stale_desks.discard(key)
            desk.refresh()
        self.stack.setCurrentWidget(desk)
        if hasattr(desk, "set_target_article"):
            open_article = article_desk is not None and article_desk.article_id is not None
            desk.set_target_article(article_desk.panel.values()["headline"] if open_article else None)
        for action in self._article_only:
            action.setVisible(key == "articles")
        self._fit_navigator(key)
        for widget in self.article_status:
            widget.setVisible(key == "articles")

    def _create_desk(self, key: str) -> QWidget | None:
        module_name, class_name = OTHER_DESKS[key]
        try:
            module = importlib.import_module(module_name)
            desk = getattr(module, class_name)(self.library, parent=self.stack)
        except WorkstationError as exc:
            self.show_message(str(exc))
            return None
        except ImportError as exc:
            self.navigator.set_desk_available(key, False, f"Not available: {exc}")
            return None
        if hasattr(desk, "insert_photo_requested"):
            desk.insert_photo_requested.connect(self._insert_photo)
        if hasattr(desk, "set_lead_requested"):
            desk.set_lead_requested.connect(self._set_lead)
        if hasattr(desk, "open_article_requested"):
            desk.open_article_requested.connect(self.open_article)
        if hasattr(desk, "authorsChanged"):
            desk.authorsChanged.connect(self.desk.refresh_library_data)
        if hasattr(desk, "story_moved"):
            desk.story_moved.connect(self.desk.reload_article)
        if hasattr(desk, "open_article_requested"):
            desk.open_article_requested.connect(self.open_article)
        if hasattr(desk, "status_message"):
            desk.status_message.connect(self.show_message)
        self.stack.addWidget(desk)
        self.desks[key] = desk
        return desk

    def _fit_navigator(self, key: str) -> None:
        """Fold the navigator to its rail beside the photo and author desks, and give its width back after."""
        was_compact = self.navigator.compact
        if key != "articles" and not was_compact:
            self._article_splitter = self.splitter.sizes()
        self.navigator.set_desk(key)
        total = sum(self.splitter.sizes())
        if key != "articles":
            rail = self.navigator.minimumSizeHint().width()
            self.splitter.setSizes([rail, max(total - rail, 0)])
        elif was_compact:
            self.splitter.setSizes(self._article_splitter)

    def _current_desk_key(self) -> str:
        current = self.stack.currentWidget()
        return next((key for key, desk in self.desks.items() if desk is current), "articles")

    def _may_leave_current_desk(self, going_to: str | None) -> bool:
        """Ask a desk holding unsaved edits (the author form) before it is hidden or closed."""
        current = self.stack.currentWidget()
        if going_to is not None and current is self.desks.get(going_to):
            return True
        confirm = getattr(current, "confirm_leave", None)
        return confirm is None or bool(confirm())

    def undo(self) -> None:
        """Edit ▸ Undo: the photo desk's latest batch edit while that desk is shown, else the text's last change."""
        current = self.stack.currentWidget()
        if current is not self._desk and hasattr(current, "undo"):
            current.undo()
        else:
            self.desk.editor.undo()

    def import_photos(self) -> None:
        self.show_desk("photos")
        photos = self.desks.get("photos")
        if photos is not None and self.stack.currentWidget() is photos:
            photos.open_import_dialog()

    def _insert_photo(self, photo_id: int) -> None:
        self.show_desk("articles")
        if self.desk.article_id is None:
            self.show_message("Open an article first, then insert the photo.")
            return
        self.desk.insert_photo(photo_id)

    def _set_lead(self, photo_id: int) -> None:
        self.show_desk("articles")
        if self.desk.article_id is None:
            self.show_message("Open an article first, then set its lead photo.")
            return
        self.desk.set_lead_photo(photo_id)

    # -- articles ----------------------------------------------------------------------

    def open_article(self, article_id: int) -> bool:
        self.show_desk("articles")
        return self.desk.open_article(article_id)

    def open_slug(self, slug: str) -> bool:
        self.show_desk("articles")
        opened = self.desk.open_slug(slug)
        if opened:
            self.desk.editor.setFocus()
        else:
            QMessageBox.warning(self, APP_NAME, f"There is no article with the slug “{slug}” in this library.")
        return opened

    def new_article(self) -> None:
        self.show_desk("articles")
        if self.desk.new_article():
            self.navigator.refresh(select_id=self.desk.article_id)

    def _article_saved(self, article_id: int) -> None:
        values = self.desk.panel.values()
        if self.navigator.current_id() == article_id:
            words = self.desk.word_count() if values["word_target"] else 0
            self.navigator.update_item(article_id, values["headline"], values["status"], (words, values["word_target"]))

    def _article_opened(self, article_id: int) -> None:
        self.navigator.select(article_id)
        self.settings.setValue(f"last_article/{library_key(self.library)}", article_id)

    def open_last_article(self) -> None:
        """Reopen the article last worked on here; on a first visit, the most recently changed one.

        A first run then shows a story beside its live page, not an empty editor.
        """
        from workstation.editing import articles

        last = self.settings.value(f"last_article/{library_key(self.library)}")
        article_id = articles.article_to_reopen(self.library, last)
        if article_id is not None:
            self.desk.open_article(article_id)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def _library_stopped(self, error: WalUnlinked) -> None:
        """The library's journal vanished: keep the open article in a file beside the library, and say so.

        The article desk then takes no more typing: what was typed after the
        recovery file was written could be neither saved nor recovered.
        """
        text = str(error).rstrip(".") + "."
        notice = "Saving has stopped: the library's journal was deleted. Quit Workstation and open the library again."
        if self.desk.article_id is not None:
            try:
                saved = write_recovery_file(
                    self.library.path, recovery_text(self.desk.panel.values(), self.desk.editor.toPlainText())
                )
            except OSError as exc:
                text += (
                    f"\n\nThe open article could not be written to a recovery file ({exc.strerror or exc}): "
                    "copy its text somewhere safe now."
                )
            else:
                self.recovery_file = saved
                text += f"\n\nThe open article's text and fields were written to {saved}."
                notice += f" The open article was written to {saved.name}."
        self.desk.stop_editing(notice)
        self.show_message("Saving has stopped: the library's journal was deleted.")
        QMessageBox.critical(self, APP_NAME, text)

    # -- libraries ------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        here = remembered_form(self.library)
        places = [place for place in recent_libraries(self.settings) if str(place) != here]
        if not places:
            empty = self.recent_menu.addAction("No other recent libraries")
            empty.setEnabled(False)
        for place in places:
            action = self.recent_menu.addAction(str(place))
            action.triggered.connect(lambda _c=False, place=place: self.open_library_requested.emit(str(place)))

    def _folder(self) -> Path:
        """Where file dialogs start: the library file's folder (for a newsroom, the home folder)."""
        return self.library.path.parent if self.library.path is not None else Path.home()

    def choose_library(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Open library", str(self._folder()), f"Workstation libraries (*{LIBRARY_SUFFIX});;All files (*)"
        )
        if path:
            self.open_library_requested.emit(path)

    def choose_newsroom(self) -> None:
        """File ▸ Open newsroom…: a ``postgresql://`` URL, or the name of a service in the PostgreSQL service file."""
        from workstation.ui.newsroom_dialog import NewsroomDialog

        dialog = NewsroomDialog(self)
        if dialog.exec():
            self.open_library_requested.emit(dialog.url())

    def new_library(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "New library", str(self._folder() / f"newsroom{LIBRARY_SUFFIX}"),
            f"Workstation libraries (*{LIBRARY_SUFFIX})",
        )
        if not path:
            return
        if not path.endswith(LIBRARY_SUFFIX):
            path += LIBRARY_SUFFIX
        from workstation.library.database import open_library

        try:
            open_library(Path(path), create=True).close()
        except WorkstationError as exc:
            QMessageBox.warning(self, "New library", str(exc))
            return
        self.open_library_requested.emit(path)

    def save_copy(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save a copy of the library",
            str(self.library.path.with_name(f"{self.library.path.stem} copy{LIBRARY_SUFFIX}")),
            f"Workstation libraries (*{LIBRARY_SUFFIX})",
        )
        if not path:
            return
        from workstation.library.database import copy_library

        self.desk.save_if_dirty()
        target = Path(path)
        if target.resolve() == self.library.path.resolve():
            QMessageBox.warning(self, "Save a copy", "Choose a different file from the open library.")
            return
        try:
            copy_library(self.library.path, target)
        except (OSError, WorkstationError) as exc:
            QMessageBox.warning(self, "Save a copy", f"The copy was not written: {exc}")
            return
        self.show_message(f"Copy saved as {target}")

    def take_offline(self) -> None:
        from workstation.ui.take_out_dialogs import take_offline

        self.desk.save_if_dirty()
        take_offline(self, self.library)

    def bring_back(self) -> None:
        from workstation.ui.take_out_dialogs import bring_back_offline

        self.desk.save_if_dirty()
        bring_back_offline(self, self.library)

    def export_site(self) -> None:
        from workstation.ui.export_dialog import run_export

        self.desk.save_if_dirty()
        run_export(self, self.library, self.site)

    def preferences(self) -> None:
        from workstation.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.library, self.site, self)
        if dialog.exec():
            self.site = dialog.saved
            self.desk.apply_settings(self.site)
            self.desk.apply_typography(dialog.typography())
            photos = self.desks.get("photos")
            if photos is not None:
                photos.reload_settings()

    def about(self) -> None:
        from workstation.ui.about_dialog import AboutDialog

        AboutDialog(self.library.address, self).exec()

    # -- window state ----------------------------------------------------------------------

    def _focus_mode_changed(self, on: bool) -> None:
        if on:
            self._focus_restore = (self.isMaximized(), self.navigator.isVisible())
            self.navigator.hide()
            self.menuBar().hide()
            self.showFullScreen()
        else:
            maximised, navigator = self._focus_restore or (False, True)
            self.navigator.setVisible(navigator)
            self.menuBar().show()
            self.showMaximized() if maximised else self.showNormal()

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and self._desk is not None:
            self._desk.save_if_dirty()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QApplication.primaryScreen().availableGeometry()
            size = first_run_size(screen.size())
            if size is None:
                self.setWindowState(Qt.WindowState.WindowMaximized)
            else:
                self.resize(size)
                self.move(screen.topLeft())
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_library(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = dropped_library(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_library_requested.emit(str(path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._may_leave_current_desk(None):
            event.ignore()
            return
        photos = self.desks.get("photos")
        if photos is not None:
            photos.shutdown()
        # No job may still read or write the library once it is closed.
        runner().finish()
        desk = self._desk
        if desk is not None:
            desk.close_article()
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.navigator.compact:
            self.splitter.setSizes(self._article_splitter)
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if desk is not None:
            desk.save_layout(self.settings)
        self.settings.sync()
        if desk is not None:
            desk.preview.release()
        super().closeEvent(event)
        QTimer.singleShot(0, self.release)

    def release(self) -> None:
        """Close the library file, end the render helper and give up the write lock."""
        from workstation.workers.render_process import stop_helper

        stop_helper()
        if self.presence is not None:
            self.presence.close()
        self.library.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def recent_libraries(settings: QSettings) -> list[Path | str]:
    """The libraries opened lately, newest first: files that still exist, and newsrooms by URL (never a password)."""
    from workstation.library.database import is_newsroom_url

    stored = settings.value("recent_libraries") or []
    if isinstance(stored, str):
        stored = [stored]
    places: list[Path | str] = [p if is_newsroom_url(p) else Path(p) for p in map(str, stored)]
    return [p for p in places if not isinstance(p, Path) or p.is_file()][:RECENT_LIMIT]


def remembered_form(library: Library) -> str:
    """How the recent list keeps ``library``: its file's resolved path, or its newsroom's URL without a password."""
    return str(library.path.resolve()) if library.path is not None else library.address


def remember_library(settings: QSettings, library: Library) -> None:
    here = remembered_form(library)
    places = [here] + [str(p) for p in recent_libraries(settings) if str(p) != here]
    settings.setValue("recent_libraries", places[:RECENT_LIMIT])
