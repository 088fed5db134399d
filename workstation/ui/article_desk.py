"""The article desk: editor, fields, live preview and history, and the autosave.

Never lose a word: every keystroke restarts a one-second timer whose expiry
saves the article; switching article, leaving the window and closing also
save. The desk shows and forwards: what a save writes, which revisions are
kept, what "unsaved" means and what Undo of a restore brings back are the
application layer's (``editing.article_edit.ArticleEdit``); "Saved" is shown
only from the committed result it returns.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workstation.content.house_style import rules_or_none
from workstation.content.reading import minutes_for, readability, reading_time_label, target_progress, word_count
from workstation.content.slugs import slugify
from workstation.editing import articles, dictionary, photos
from workstation.editing.settings import desk_settings
from workstation.editing.article_edit import AUTOSAVE_AFTER_S, ArticleEdit
from workstation.editing.articles import Conflicted, Restored, Saved
from workstation.editing.presence import Event, Holding, Presence, Released, TakenOver
from workstation.errors import WorkstationError
from workstation.library.article_state import ArticleState
from workstation.library.database import Library
from workstation.library.settings import SiteSettings
from workstation.ui.comment_margin import CommentMargin
from workstation.ui.editor import MarkdownEditor
from workstation.ui.find_replace import FindReplaceBar
from workstation.ui.history import HistoryPanel
from workstation.ui.icons import icon
from workstation.ui.metadata_panel import MetadataPanel
from workstation.ui.presence_bar import PresenceBar
from workstation.ui.preview import PreviewPane
from workstation.ui.typography import Typography, stored_typography

STATS_MS = 250
# How often the desk looks at the library's change marker to refresh the names it knows.
NAMES_CHECK_MS = 3000
# Commands that change the words directly: off in suggestion mode, where a change must be a suggestion.
REWRITING_ACTIONS = {"bold", "italic", "link", "heading", "quote", "list", "photo", "related", "video", "replace"}
NOTE_ACTIONS = ("suggest", "comment", "accept", "reject", "accept_all", "reject_all")
# Where this computer's user keeps the name comments are signed with (Preferences ▸ Your name).
# Toolbar actions that only look at the article, so stay on when it is read-only.
VIEW_ACTIONS = {"find", "preview", "panel", "focus"}
# Fields whose change alters the page around the body (headline, byline...).
CHROME_FIELDS = {
    "headline",
    "dek",
    "section_id",
    "author_ids",
    "published_at",
    "tags",
    "feature_photo_id",
    "feature_caption",
    "feature_alt",
}


class ArticleDesk(QWidget):
    status_message = Signal(str)
    stats_changed = Signal(str)
    article_saved = Signal(int)
    article_opened = Signal(int)
    focus_mode_changed = Signal(bool)

    def __init__(self, library: Library, settings: SiteSettings, readonly: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        # Nothing can be saved at all (a read-only library, a lost journal): see ``readonly``.
        self._stopped = readonly
        # Who else holds the open article in a newsroom (None: nobody, or this desk).
        self.held_by: str | None = None
        self.presence: Presence = Presence()
        self.edit: ArticleEdit | None = None
        # While the conflict dialog is open, leaving the editor (focus moves to the dialog) saves nothing.
        self._resolving = False
        self._loading = False
        # The editor's undo depth just after a restore's text went in: undoing
        # past it means the restore is undone, and every field goes back too.
        self._restore_steps: int | None = None
        self._restore_place = (0, 0)  # where the reader was when the last restore replaced the text
        self._revision_text: tuple[int, str] | None = None
        self._last_body = ""
        self._spell: Any = None
        self.spelling_ready = False
        self.focus_mode = False
        self._last_body = ""
        self._sized = False

        self.editor = MarkdownEditor()
        self.editor.setPlaceholderText("Write the story here. Markdown: **bold**, *italic*, ## sub-head, > quote, - list.")
        self._names_marker: str | None = None
        self._counted: tuple[str | None, int] = (None, 0)
        self._house_rules = ""
        self._names_job: Any = None
        self.find_bar = FindReplaceBar(self.editor)
        self.find_bar.hide()
        self.comment_margin = CommentMargin(self.editor, self.editor.suggestions)
        self.panel = MetadataPanel()
        self.history = HistoryPanel()
        self.preview = PreviewPane(library)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.presence_bar = PresenceBar()
        self.presence_bar.take_over_requested.connect(self.take_over)

        self.toolbar = QToolBar("Formatting")
        self.toolbar.setObjectName("formatting")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()

        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.toolbar)
        column.addWidget(self.find_bar)
        self.page = QWidget()
        self.page.setObjectName("page")
        page = QVBoxLayout(self.page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.panel.title)
        text_row = QHBoxLayout()
        text_row.setContentsMargins(0, 0, 0, 0)
        text_row.setSpacing(0)
        text_row.addWidget(self.editor, 1)
        text_row.addWidget(self.comment_margin)
        page.addLayout(text_row, 1)
        column.addWidget(self.page, 1)
        self.editor.side_margins_changed.connect(self._line_up_title)
        self.panel.dek.submitted.connect(self.editor.setFocus)
        self.editor.verticalScrollBar().valueChanged.connect(lambda value: self.panel.title.set_compact(value > 0))

        self.side = QTabWidget()
        self.side.setObjectName("sidePanel")
        self.side.addTab(self.panel, "Details")
        self.side.addTab(self.history, "History")
        self.side.currentChanged.connect(self._side_tab_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("deskSplitter")
        self.splitter.addWidget(editor_column)
        self.splitter.addWidget(self.preview)
        self.splitter.addWidget(self.side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.presence_bar)
        layout.addWidget(self.splitter, 1)

        self._autosave = QTimer(self, singleShot=True, interval=int(AUTOSAVE_AFTER_S * 1000))
        self._autosave.timeout.connect(self.autosave)
        self._stats_timer = QTimer(self, singleShot=True, interval=STATS_MS)
        self._stats_timer.timeout.connect(self._typing_settled)
        self._names_timer = QTimer(self, interval=NAMES_CHECK_MS)
        self._names_timer.timeout.connect(self.refresh_known_names)
        self._names_timer.start()

        self.editor.textChanged.connect(self._body_changed)
        self.editor.focus_lost.connect(self.save_if_dirty)
        self.editor.word_added.connect(self._remember_word)
        self.editor.cursorPositionChanged.connect(self._caret_moved)
        self.editor.files_dropped.connect(self.import_dropped)
        self.panel.changed.connect(self._field_changed)
        self.panel.sections["Readability"].toggle.toggled.connect(self._update_stats)
        self.panel.choose_lead_photo.connect(self.choose_lead_photo)
        self.panel.publish_requested.connect(self.publish_article)
        self.history.selected.connect(self._show_revision)
        self.history.restore_requested.connect(self.restore_revision)
        self._set_enabled(False)
        self.apply_typography(stored_typography())
        self._apply_desk_settings()
        self._setup_spelling()
        if readonly:
            self.set_read_only("")

    # -- actions ----------------------------------------------------------------

    def _action(self, name: str, text: str, slot: Any, shortcut: Any = None, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(icon(name), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # The whole window: after a dialog closes, focus may come back outside the desk
            # (the menu bar, the navigator), and the desk's keys must still work. The main
            # window hides these actions while another desk is shown.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        hint = tip or text.replace("…", "")
        if shortcut is not None:
            hint += f" ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(hint)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        bar = self.toolbar
        bar.addAction(self._action("bold", "Bold", self.editor.make_bold, QKeySequence.StandardKey.Bold))
        bar.addAction(self._action("italic", "Italic", self.editor.make_italic, QKeySequence.StandardKey.Italic))
        bar.addAction(self._action("link", "Link", lambda: self.editor.make_link(), "Ctrl+K"))
        bar.addAction(self._action("heading", "Sub-heading", self.editor.make_heading, "Ctrl+Alt+2"))
        bar.addAction(self._action("quote", "Block quote", self.editor.make_quote, "Ctrl+Alt+Q"))
        bar.addAction(self._action("list", "Bulleted list", self.editor.make_list, "Ctrl+Alt+L"))
        bar.addSeparator()
        bar.addAction(self._action("photo", "Insert photo…", self.insert_photo_dialog, "Ctrl+Shift+P"))
        bar.addAction(self._action("related", "Insert related article…", self.insert_related_dialog, "Ctrl+Shift+R"))
        bar.addAction(self._action("video", "Insert video…", self.insert_video_dialog, "Ctrl+Shift+V"))
        bar.addSeparator()
        bar.addAction(self._action("suggest", "Suggest changes", self.set_suggesting, "Ctrl+Shift+E",
                                   "Suggest changes: typing and deleting are recorded as suggestions", checkable=True))
        bar.addAction(self._action("comment", "Comment…", self.add_comment_dialog, "Ctrl+Alt+M",
                                   "Comment on the selected words"))
        self._action("accept", "Accept suggestion", self._accept_here, "Ctrl+Alt+Y")
        self._action("reject", "Reject suggestion", self._reject_here, "Ctrl+Alt+N")
        self._action("accept_all", "Accept all suggestions", self._accept_all)
        self._action("reject_all", "Reject all suggestions", self._reject_all)
        bar.addSeparator()
        bar.addAction(self._action("find", "Find…", lambda: self.find_bar.open(False), QKeySequence.StandardKey.Find))
        self._action("replace", "Find and replace…", lambda: self.find_bar.open(True), QKeySequence.StandardKey.Replace)
        self._action("preview", "Show preview", self._toggle_preview, "Ctrl+Shift+W", checkable=True)
        self._action("panel", "Show details and history", self._toggle_side, "Ctrl+Shift+D", checkable=True)
        self._action("focus", "Focus mode", self.toggle_focus_mode, "F11", checkable=True)
        self.actions_by_name["preview"].setChecked(True)
        self.actions_by_name["panel"].setChecked(True)
        self.actions_by_name["replace"].setShortcut(QKeySequence("Ctrl+H"))
        self._action("publish", "Publish…", self.publish_article, "Ctrl+Shift+Return",
                     tip="Check the article with preflight and publish, schedule or update it")
        self._action("unpublish", "Unpublish…", self.unpublish_article, tip="Take the article off the site")
        self._action("correct", "Add correction…", self.add_correction, tip="A dated correction note on the page")
        self._action("import_url", "Import image from URL…", self.import_image_from_url,
                     tip="Bring a picture from another site into the library, so readers' browsers never fetch it")

    def view_actions(self) -> list[QAction]:
        return [self.actions_by_name[name] for name in ("preview", "panel", "focus")]

    def publishing_actions(self) -> list[QAction]:
        return [self.actions_by_name[name] for name in ("publish", "unpublish", "correct", "import_url")]

    def editing_actions(self) -> list[QAction]:
        return [self.actions_by_name[name] for name in ("bold", "italic", "link", "heading", "quote", "list")]

    def note_actions(self) -> list[QAction]:
        return [self.actions_by_name[name] for name in NOTE_ACTIONS]

    # -- suggestions and comments -------------------------------------------------

    def set_suggesting(self, on: bool) -> None:
        """Suggestion mode: typing records suggestions, and the commands that rewrite text wait until it is off."""
        self.editor.suggestions.on = on
        self.actions_by_name["suggest"].setChecked(on)
        self._set_enabled(self.article_id is not None)
        self.status_message.emit(
            "Suggesting: what you type and delete is recorded as suggestions" if on else "Editing: changes go straight into the text"
        )

    @property
    def suggesting(self) -> bool:
        return self.editor.suggestions.on

    def comment_author(self) -> str:
        """Who works through the library (``Library.user``): comments are signed as revisions are marked."""
        return self.library.user

    def add_comment(self, note: str) -> None:
        if self.edit is None or self.readonly or not note.strip():
            return
        self.editor.suggestions.add_comment(self.comment_author(), note.strip())

    def add_comment_dialog(self) -> None:
        if self.edit is None or self.readonly:
            return
        note, ok = QInputDialog.getMultiLineText(self, "Comment", f"Comment as {self.comment_author()}:")
        if ok:
            self.add_comment(note)
        self.editor.setFocus()

    def _accept_here(self) -> None:
        if not self.editor.suggestions.accept():
            self.status_message.emit("Put the caret in a suggestion or comment to accept it")

    def _reject_here(self) -> None:
        if not self.editor.suggestions.reject():
            self.status_message.emit("Put the caret in a suggestion to reject it")

    def _accept_all(self) -> None:
        if not self.editor.suggestions.accept_all():
            self.status_message.emit("There are no suggestions to accept")

    def _reject_all(self) -> None:
        if not self.editor.suggestions.reject_all():
            self.status_message.emit("There are no suggestions to reject")

    # -- spelling ---------------------------------------------------------------

    def _setup_spelling(self) -> None:
        """Load the dictionaries in a worker: the Ukrainian one alone takes most of a second."""
        from workstation.ui.jobs import run_in_background

        self.spelling_ready = False
        languages = self.settings.spell_languages.split(",")
        rules = self._house_rules
        run_in_background(lambda: self._load_spelling(languages, rules), self._spelling_loaded, self._spelling_failed)

    def _load_spelling(self, languages: list[str], rules: str) -> Any:
        """The spell checker with the library's known names, and the compiled house style (off the UI thread)."""
        from workstation.content.spelling import SpellChecker

        spell = SpellChecker(languages, dictionary.dictionary_words(self.library))
        known = dictionary.known_names(self.library)
        spell.set_known(known.words)
        return spell, known.marker, rules_or_none(rules)

    def _spelling_loaded(self, loaded: Any) -> None:
        if not shiboken6.isValid(self):
            return
        spell, self._names_marker, style = loaded
        self.editor.set_house_style(style)
        self._spell = spell
        self.editor.set_spell_checker(spell if spell.available else None)
        self.spelling_ready = True
        if spell.note:
            self.status_message.emit(spell.note)

    def _spelling_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.spelling_ready = True
        self.status_message.emit(f"Spell checking is off: {exc}")

    def refresh_known_names(self) -> None:
        """Read the library's names again when it changed (an author added, a story published...).

        One cheap read of the change marker; the names themselves are read
        in the background, and the text is re-underlined only if they changed.
        """
        if self._spell is None or self._names_job is not None or not self.isVisible():
            return
        try:
            marker = dictionary.library_marker(self.library)
        except Exception:  # a library being closed or lost: the names stay as they were
            return
        if marker == self._names_marker:
            return
        from workstation.ui.jobs import run_in_background

        self._names_job = run_in_background(
            lambda: dictionary.known_names(self.library), self._known_names_read, self._known_names_failed
        )

    def _known_names_read(self, known: Any) -> None:
        self._names_job = None
        if not shiboken6.isValid(self) or self._spell is None:
            return
        self._names_marker = known.marker
        if self._spell.set_known(known.words):
            self.editor.highlighter.rehighlight()

    def _known_names_failed(self, _exc: BaseException) -> None:
        self._names_job = None

    def _remember_word(self, word: str) -> None:
        if self.readonly:
            return
        try:
            dictionary.add_word(self.library, word)
        except WorkstationError as exc:
            self.status_message.emit(str(exc))

    def apply_settings(self, settings: SiteSettings) -> None:
        self.settings = settings
        self._apply_desk_settings()
        self.editor.suggestions.restyle()  # Preferences may have changed the theme
        self._setup_spelling()
        self._update_stats()

    def _apply_desk_settings(self) -> None:
        """House limits for headline and dek, and the house-style rules, as the library holds them now."""
        desk = desk_settings(self.library)
        self.panel.set_limits(desk.headline_limit, desk.dek_limit)
        # Compiled with the spell checker in the background: patterns cost a regex import and a probe each.
        self._house_rules = desk.house_style

    def _line_up_title(self, side: int) -> None:
        """Start the headline and dek where the body's text starts."""
        self.panel.title.set_side_margins(side + int(self.editor.document().documentMargin()) - 2)

    def apply_typography(self, typography: Typography) -> None:
        """Set the page in the reader's font (Preferences): the body, and the headline and dek above it."""
        self.editor.set_typography(typography)
        self.panel.title.set_body_font(self.editor.font())
        self._line_up_title(self.editor.viewportMargins().left())

    # -- opening and closing ------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        return None if self.edit is None else self.edit.article_id

    @property
    def readonly(self) -> bool:
        """Whether typing would go unsaved: nothing can be saved, or someone else holds the open article."""
        return self._stopped or self.held_by is not None

    def _set_enabled(self, on: bool) -> None:
        self.editor.setReadOnly(not on or self.readonly)
        self.panel.set_read_only(not on or self.readonly)
        for name, action in self.actions_by_name.items():
            rewrites = self.suggesting and name in REWRITING_ACTIONS
            action.setEnabled(name in VIEW_ACTIONS or (on and not self.readonly and not rewrites))

    def set_read_only(self, holder: str) -> None:
        who = f" ({holder})" if holder else ""
        self.stop_editing(
            f"Read-only: this library is open in another Workstation window{who}. "
            "You can read and search, but nothing you change here is saved."
        )

    def stop_editing(self, notice: str) -> None:
        """Keep the text readable and copyable, but take no more typing, and say why in the banner.

        Used when nothing typed could be saved: text accepted after that
        would be lost on quit without a word.
        """
        self._stopped = True
        self.banner.setText(notice)
        self.banner.show()
        self._set_enabled(self.article_id is not None)
        self.history.restore_button.setEnabled(False)
        self.history.setEnabled(True)

    def open_slug(self, slug: str) -> bool:
        try:
            article_id = articles.article_id_for_slug(self.library, slug)
        except WorkstationError as exc:
            self.status_message.emit(str(exc))
            return False
        return self.open_article(article_id)

    def open_article(self, article_id: int) -> bool:
        """Show an article; the one open before is saved first."""
        if article_id == self.article_id:
            return True
        self.close_article()
        try:
            opened = articles.open_article(self.library, article_id)
        except Exception as exc:  # a load that failed must never lead to a save
            self.edit = None
            self._set_enabled(False)
            self.editor.clear()
            message = str(exc) if isinstance(exc, WorkstationError) else f"could not open the article ({exc})"
            self.status_message.emit(message)
            QMessageBox.warning(self, "Cannot open the article", message)
            return False
        self._claim(article_id)
        self._show_opened(opened)
        self.article_opened.emit(article_id)
        return True

    def _show_opened(self, opened: articles.OpenedArticle, keep_place: bool = False) -> None:
        """Put an opened article into the editor, the fields and the preview (``keep_place``: where the reader was)."""
        state = opened.state
        place = (self.editor.textCursor().position(), self.editor.verticalScrollBar().value())
        self._loading = True
        try:
            self.panel.set_choices(opened.sections, opened.authors)
            self.panel.set_slug_preview(slugify)
            self.panel.load(self._values_of(state), opened.lead_thumbnail)
            self.editor.setPlainText(state.body)
            self.editor.document().clearUndoRedoStacks()
            if keep_place:
                cursor = self.editor.textCursor()
                cursor.setPosition(min(place[0], len(state.body)))
                self.editor.setTextCursor(cursor)
                self.editor.verticalScrollBar().setValue(place[1])
            else:
                self.editor.moveCursor(self.editor.textCursor().MoveOperation.Start)
        finally:
            self._loading = False
        self.edit = ArticleEdit(self.library, opened)
        self._last_body = state.body
        self._restore_steps = None
        self._revision_text = None
        self._set_enabled(True)
        self.preview.show_state(state, same_article=keep_place)
        self._update_stats()
        self._refresh_history()

    def refresh_library_data(self) -> None:
        """Authors, sections and photos may have changed on another desk: show them as they are now."""
        if self.edit is None:
            return
        values = self.panel.values()
        sections, authors = articles.choices(self.library)
        lead = photos.thumbnail(self.library, values["feature_photo_id"])
        self._loading = True
        try:
            self.panel.set_choices(sections, authors)
            self.panel.load(values, lead)
        finally:
            self._loading = False
        if self.preview.view is not None:
            self.preview.renderer.invalidate()
            self.preview.show_state(self.current_state(), same_article=True)

    def reload_article(self, article_id: int) -> None:
        """Another desk changed this article (the budget moved it): show it as the file now holds it.

        Otherwise the next save would write the fields shown, undoing the change.
        """
        if self.edit is None or self.edit.article_id != article_id:
            return
        self.close_article()
        self.edit = None
        self.open_article(article_id)

    def new_article(self) -> bool:
        if self._stopped:
            return False
        try:
            article_id = articles.create_article(self.library)
        except WorkstationError as exc:
            self.status_message.emit(str(exc))
            return False
        self.article_saved.emit(article_id)
        opened = self.open_article(article_id)
        self.show_details()
        self.panel.verticalScrollBar().setValue(0)
        self.panel.headline.setFocus()
        return opened

    def close_article(self) -> None:
        """Save what is open, with a "close" revision if it was edited, and give up its hold."""
        if self.edit is None:
            return
        if not self.readonly:
            self._autosave.stop()
            self._save(lambda shown: self.edit.close(shown), asked_for=False)
        if self.held_by is None and not self._stopped:
            self._presence_call(self.presence.release, self.edit.article_id)
        self.held_by = None
        self.presence_bar.hide()

    # -- presence (a newsroom: who else is editing) --------------------------------------

    def set_presence(self, presence: Presence) -> None:
        self.presence = presence

    def _presence_call(self, call: Callable[[int], Any], article_id: int) -> Any:
        """A presence call whose failure (a lost server) is said in the status bar, never blocking the article."""
        try:
            return call(article_id)
        except WorkstationError as exc:
            self.status_message.emit(f"Others may not see that you are editing: {exc}")
            return None

    def _claim(self, article_id: int) -> None:
        """Hold the article being opened; when someone else holds it, open it read-only and say who."""
        other = None if self._stopped else self._presence_call(self.presence.hold, article_id)
        self.held_by = None if other is None else other.user
        if other is None:
            self.presence_bar.hide()
        else:
            self._show_held(other.user, f" (since {other.since.astimezone():%H:%M})")

    def take_over(self) -> None:
        """Hold the open article whoever holds it (they are told), and show it as it is now, for editing."""
        if self.edit is None or self._stopped:
            return
        article_id = self.edit.article_id
        try:
            taken = self.presence.take_over(article_id)
        except WorkstationError as exc:
            self.status_message.emit(f"Not taken over: {exc}")
            return
        self.held_by = None
        self.presence_bar.hide()
        self._show_latest()
        whom = f" from {taken.user}; they have been told" if taken is not None else ""
        self.status_message.emit(f"You took the article over{whom}.")

    def _show_latest(self) -> None:
        """Show the open article as the store now holds it, keeping the reader's place."""
        if self.edit is None:
            return
        try:
            opened = articles.open_article(self.library, self.edit.article_id)
        except WorkstationError as exc:
            self.status_message.emit(str(exc))
            return
        self._show_opened(opened, keep_place=True)

    def presence_heard(self, event: Event) -> None:
        """What presence heard about the open article: taken from this desk, freed, or taken by a third person."""
        if self.edit is None or getattr(event, "article_id", None) != self.edit.article_id:
            return
        if isinstance(event, TakenOver) and event.from_me:
            # The last words typed here are kept before the article passes on.
            self.save_if_dirty()
            self.held_by = event.user
            self._autosave.stop()
            self._set_enabled(True)
            self.presence_bar.show_holder(
                f"{event.user} took this article over at {time.strftime('%H:%M')}. Your changes up to then are saved; "
                "what you see now follows their edits.",
                "Take back",
            )
            self.status_message.emit(f"{event.user} took the article over")
        elif isinstance(event, TakenOver) and not event.mine and self.held_by is not None:
            self.held_by = event.user
            self._show_held(event.user)
        elif isinstance(event, Released) and not event.mine and self.held_by is not None:
            self._claim(self.edit.article_id)
            self._show_latest()
            if self.held_by is None:
                self.status_message.emit(f"{event.user} closed the article; you can edit it now")
        elif isinstance(event, Holding) and not event.mine and self.held_by is None and not self._stopped:
            # Only when this desk's own hold lapsed (a lost connection) can another desk take the article so.
            self.save_if_dirty()
            self.held_by = event.user
            self._show_held(event.user)

    def _show_held(self, user: str, since: str = "") -> None:
        """Say that ``user`` holds the open article, which is then shown read-only."""
        self._autosave.stop()
        self._set_enabled(self.edit is not None)
        self.presence_bar.show_holder(
            f"{user} is editing this article{since}. You can read it here as they save; "
            "take it over to edit it yourself.",
            "Take over",
        )

    def presence_regained(self) -> None:
        """Presence is back after a lost connection: hold the open article again (unless someone took it meanwhile)."""
        if self.edit is not None and self.held_by is None and not self._stopped:
            self.save_if_dirty()
            self._claim(self.edit.article_id)
            if self.held_by is not None:
                self._show_latest()

    def others_changed_articles(self) -> None:
        """Another desk saved articles: an article someone else holds is shown as they saved it."""
        if self.edit is not None and self.held_by is not None:
            self._show_latest()

    # -- editing --------------------------------------------------------------------

    @staticmethod
    def _values_of(state: ArticleState) -> dict[str, Any]:
        """The panel's values from an ``ArticleState``: the inverse of ``current_state``."""
        values = {field.name: getattr(state, field.name) for field in dataclasses.fields(state) if field.name != "body"}
        values["author_ids"] = list(state.author_ids)
        values["tags"] = list(state.tags)
        return values

    def current_values(self) -> dict[str, Any]:
        values = self.panel.values()
        values["body"] = self.editor.toPlainText()
        return values

    def current_state(self) -> ArticleState:
        values = self.current_values()
        values["tags"] = tuple(values["tags"])
        values["author_ids"] = tuple(values["author_ids"])
        return ArticleState(**values)

    def _mark_dirty(self, body: str | None = None) -> None:
        self.edit.note_edit(body)
        self._autosave.start()
        self.status_message.emit("Editing…")

    def _body_changed(self) -> None:
        if self._loading or self.edit is None or self.readonly:
            return
        if self._follow_restore():
            return
        text = self.editor.toPlainText()
        if text == self._last_body:
            return  # a highlighting pass, not an edit
        self._last_body = text
        self._mark_dirty(text)
        self.preview.set_body(text)
        self._stats_timer.start()

    def _field_changed(self, name: str) -> None:
        if self._loading or self.edit is None or self.readonly:
            return
        self._mark_dirty()
        if name == "status":
            self.save_now("status")
        if name in CHROME_FIELDS:
            self.preview.set_chrome(self.current_state())
        self._stats_timer.start()

    def _caret_moved(self) -> None:
        if self.edit is not None:
            self.preview.reveal_line(self.editor.textCursor().blockNumber())

    def _typing_settled(self) -> None:
        self._update_stats()
        self._refresh_diff()

    def word_count(self) -> int:
        """Words in the text as typed (counted again only when the text changed)."""
        body = self.editor.toPlainText()
        if self._counted[0] != body:
            self._counted = (body, word_count(body))
        return self._counted[1]

    def _update_stats(self) -> None:
        body = self.editor.toPlainText()
        words = self.word_count()
        minutes = minutes_for(words, self.settings.words_per_minute)
        target = self.panel.word_target.value()
        progress = target_progress(words, target)
        if target:
            progress += f" ({min(999, round(100 * words / target))}%)"
        label = f"{progress} · {reading_time_label(minutes)}" if self.edit is not None else ""
        self.stats_changed.emit(label)
        reading = self.panel.sections["Readability"]  # counted only where it is seen
        shown = self.side.isVisible() and self.side.currentWidget() is self.panel
        if self.edit is not None and shown and reading.is_open():
            self.panel.show_readability(readability(body))

    # -- saving ------------------------------------------------------------------------

    def autosave(self) -> None:
        if self.edit is not None and not self.readonly and self.edit.is_dirty(self.current_state()):
            self._save(lambda shown: self.edit.autosave(shown), asked_for=False)

    def save_if_dirty(self) -> None:
        if self.edit is not None and not self.readonly and self.edit.is_dirty(self.current_state()):
            self.save_now(None)

    def save_now(self, revision_reason: str | None = None) -> bool:
        """Write the open article now; True when it is committed to the file."""
        if self.edit is None or self.readonly:
            return False
        if revision_reason is None and not self.edit.is_dirty(self.current_state()):
            return True
        return self._save(lambda shown: self.edit.save(shown, revision_reason))

    def _save(self, write: Callable[[ArticleState], Saved | Conflicted | None], asked_for: bool = True) -> bool:
        """Run one of ``ArticleEdit``'s saves on what is shown, and show its committed result.

        A save that met someone else's newer version shows the merged text,
        or (``asked_for``: always; an autosave: once per version) the
        conflict dialog.
        """
        self._autosave.stop()
        if self._resolving:
            return False
        try:
            saved = write(self.current_state())
        except Exception as exc:  # the text stays in the editor and the next save retries
            self._not_saved(exc)
            return False
        if isinstance(saved, Conflicted):
            return self._conflicted(saved, asked_for)
        if saved is not None and saved.merged is not None:
            self._show_merged(saved)
        elif saved is not None:
            self._show_saved(saved)
        return True

    def _show_merged(self, saved: Saved, done: str | None = None) -> None:
        """Someone else's changes were merged with what is shown: show the merged article, the caret kept in place."""
        state = saved.state
        self._loading = True
        try:
            if self.current_state() != dataclasses.replace(state, body=self.editor.toPlainText()):
                self.panel.load(self._values_of(state), photos.thumbnail(self.library, state.feature_photo_id))
            if self.editor.toPlainText() != state.body:
                self.editor.merge_in(state.body)
        finally:
            self._loading = False
        self._last_body = state.body
        self.preview.set_body(state.body)
        self.preview.set_chrome(self.current_state())
        self._update_stats()
        self._refresh_history()
        self._show_saved(saved, done or f"{saved.merged.message()}; saved")

    def _conflicted(self, conflicted: Conflicted, asked_for: bool) -> bool:
        """Both sides are already kept in History; ask which to keep, and save the choices. True once saved."""
        from workstation.ui.merge_dialog import MergeDialog

        self._refresh_history()
        who = conflicted.changed.user or "someone else"
        if not self.edit.should_ask(conflicted, asked_for):
            self.status_message.emit(
                f"Not saved over {who}'s changes; both versions are in History. Save (Ctrl+S) to choose what to keep"
            )
            return False
        dialog = MergeDialog(articles.conflict_summary(conflicted), conflicted.changed.user,
                             articles.conflict_views(self.library, conflicted), self)
        self._resolving = True
        try:
            chosen = dialog.exec()
        finally:
            self._resolving = False
        if not chosen:
            self.status_message.emit(f"Not saved over {who}'s changes; both versions are in History")
            return False
        try:
            result = self.edit.resolve(dialog.choices())
        except Exception as exc:
            self._not_saved(exc)
            return False
        if isinstance(result, Conflicted):
            return self._conflicted(result, asked_for=True)
        self._show_merged(result, f"Kept your choices with {who}'s changes; saved")
        return True

    def _not_saved(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, WorkstationError) else f"could not save ({exc})"
        self.status_message.emit(f"Not saved: {message}")

    def _show_saved(self, saved: Saved, done: str = "Saved") -> None:
        if saved.revision_kept:
            self._refresh_history()
        if not self.panel.slug.hasFocus() and saved.state.slug != self.panel.slug.text().strip():
            self._loading = True
            self.panel.slug.setText(saved.state.slug)
            self._loading = False
        if saved.slug_problem:
            self.panel.show_slug_error(saved.slug_problem)
        for problem in saved.problems:
            self.status_message.emit(problem)
        if not saved.problems:
            self.status_message.emit(f"{done} {time.strftime('%H:%M:%S')}")
        if saved.body_kept:
            self.status_message.emit("The empty text was not saved over the stored one")
        self.article_saved.emit(saved.article_id)

    # -- history -----------------------------------------------------------------------

    def _side_tab_changed(self, index: int) -> None:
        if self.side.widget(index) is self.history:
            self._refresh_history()
        else:
            self._update_stats()

    def _refresh_history(self) -> None:
        self._revision_text = None
        if self.edit is None:
            self.history.set_revisions([])
            return
        self.history.set_revisions(articles.revision_summaries(self.library, self.edit.article_id))

    def _show_revision(self, revision_id: int) -> None:
        if self.edit is None:
            return
        try:
            text = articles.revision_diff_text(self.library, self.edit.article_id, revision_id)
        except WorkstationError as exc:
            self.status_message.emit(str(exc))
            return
        self._revision_text = (revision_id, text)
        self._refresh_diff()
        self.history.restore_button.setEnabled(not self.readonly)

    def _refresh_diff(self) -> None:
        """Compare the chosen revision with the text as it is now (after typing, a restore or an undo)."""
        item = self.history.list.currentItem()
        if self._revision_text is None or item is None or item.data(Qt.ItemDataRole.UserRole) != self._revision_text[0]:
            return
        now = self.panel.values()
        self.history.diff.show_diff(
            self._revision_text[1],
            articles.diff_text(now["headline"], now["dek"], self.editor.toPlainText()),
            item.text(),
        )

    def restore_revision(self, revision_id: int) -> None:
        """Bring a revision's text and fields back; Edit ▸ Undo brings every field of the text before back.

        Headline, dek, byline, section, tags, SEO and lead photo come back with
        the body, since a reporter restoring "the version from this morning"
        means all of it; slug, status and date stay (``KEPT_ON_RESTORE``).
        """
        if self.edit is None or self.readonly:
            return
        try:
            restored = self.edit.restore(revision_id, self.current_state())
        except Exception as exc:  # nothing was written: the text and fields stay as shown
            self._not_saved(exc)
            return
        # Always one undoable step, even when only the fields differ, so Undo can find the restore.
        self._loading = True
        self._restore_place = self.editor.place()
        try:
            self.editor.replace_all_text(restored.saved.state.body)
        finally:
            self._loading = False
        self._show_restored(restored, "Revision restored (Edit ▸ Undo brings every field back), saved")
        self._restore_steps = self.editor.document().availableUndoSteps()
        self._refresh_history()

    def _show_restored(self, restored: Restored, done: str) -> None:
        """Show the fields a restore (or its undo or redo) wrote; the editor already holds its body."""
        state = restored.saved.state
        self._loading = True
        try:
            self.panel.load(self._values_of(state), restored.lead_thumbnail)
        finally:
            self._loading = False
        self._last_body = self.editor.toPlainText()
        self.preview.set_body(state.body)
        self.preview.set_chrome(self.current_state())
        self._typing_settled()
        self._show_saved(restored.saved, done)

    def _follow_restore(self) -> bool:
        """The editor's undo or redo just crossed the last restore: take every field along, and save."""
        point = self.edit.restore_point
        if point is None or self._restore_steps is None:
            return False
        document = self.editor.document()
        steps = document.availableUndoSteps()
        text = self.editor.toPlainText()
        try:
            if not point.undone and steps < self._restore_steps:
                restored, done = self.edit.undo_restore(self.current_state()), "Restore undone, saved"
            elif point.undone and steps >= self._restore_steps and text == point.after.body:
                restored, done = self.edit.redo_restore(self.current_state()), "Revision restored again, saved"
            else:
                if point.undone and not document.isRedoAvailable():
                    self._restore_steps = None  # typed after the undo: the redo is gone
                return False
        except Exception as exc:  # the editor shows the text; the next save writes it
            self._not_saved(exc)
            return True
        self._show_restored(restored, done)
        # The undo or redo replaced the whole text and leaves the caret at its end once this returns.
        place = self._restore_place
        QTimer.singleShot(0, lambda: self.editor.go_to(place))
        return True

    # -- inserting ----------------------------------------------------------------------

    def insert_photo(self, photo_id: int) -> None:
        if self.edit is None or self.readonly:
            return
        try:
            markdown = articles.photo_markdown(self.library, photo_id)
        except WorkstationError as exc:
            self.status_message.emit(str(exc))
            return
        self.editor.insert_block(markdown)
        self.editor.setFocus()

    def import_dropped(self, paths: list, position: int) -> None:
        """Photos dropped on the text: imported in the background, then placed where they fell."""
        if self.article_id is None or self.readonly:
            return
        from workstation.ui.photo_desk import start_import

        article_id = self.article_id
        self.status_message.emit(f"Importing {len(paths)} dropped file(s)…")

        def finished(report: Any) -> None:
            if self.article_id != article_id:
                self.status_message.emit("The dropped photos were imported; the article was closed meanwhile.")
                return
            cursor = self.editor.textCursor()
            cursor.setPosition(min(position, len(self.editor.toPlainText())))
            self.editor.setTextCursor(cursor)
            for photo_id in report.photo_ids:
                self.insert_photo(photo_id)
            refused = "; ".join(f"{refusal.name}: {refusal.reason}" for refusal in report.refused)
            self.status_message.emit(f"Not imported — {refused}" if refused else "Dropped photos inserted")

        self._import_job = start_import(self.library, paths, on_done=finished, owner=self)

    def set_lead_photo(self, photo_id: int) -> None:
        if self.edit is None or self.readonly:
            return
        self.panel.set_lead_photo(photo_id, photos.thumbnail(self.library, photo_id))

    def insert_photo_dialog(self) -> None:
        from workstation.ui.pickers import PhotoPicker

        picker = PhotoPicker(self.library, self)
        if picker.exec() and picker.chosen() is not None:
            self.insert_photo(int(picker.chosen()))

    def choose_lead_photo(self) -> None:
        from workstation.ui.pickers import PhotoPicker

        picker = PhotoPicker(self.library, self)
        picker.setWindowTitle("Choose the lead photo")
        picker.ok.setText("Use as lead photo")
        if picker.exec() and picker.chosen() is not None:
            self.set_lead_photo(int(picker.chosen()))

    def insert_related_dialog(self) -> None:
        from workstation.ui.pickers import ArticlePicker

        picker = ArticlePicker(self.library, self.article_id, self)
        if picker.exec() and picker.chosen():
            self.editor.insert_block(f"[[{picker.chosen()}]]")
            self.editor.setFocus()

    def insert_video_dialog(self) -> None:
        from workstation.ui.pickers import VideoDialog

        dialog = VideoDialog(self.library, self)
        if dialog.exec():
            self.editor.insert_block(dialog.address())
            self.editor.setFocus()

    # -- publishing -----------------------------------------------------------------------

    def _ready_to_publish(self) -> bool:
        """An article is open for writing and everything typed is saved, so the gate sees what is shown."""
        if self.edit is None or self.readonly:
            return False
        if not self.save_now(None):
            QMessageBox.warning(self, "Not saved", "The article could not be saved; nothing was published.")
            return False
        return True

    def _published(self, state: ArticleState, message: str) -> None:
        """Show the state a publishing verb committed: the panel's status and the page around the body."""
        self.edit.adopt(state)
        self._loading = True
        try:
            self.panel.set_publication(state.status, state.published_at)
        finally:
            self._loading = False
        self.preview.set_chrome(self.current_state())
        self._refresh_history()
        self.status_message.emit(message)
        self.article_saved.emit(self.edit.article_id)

    def publish_article(self) -> None:
        """Preflight, then the publish dialog; publishing itself is the application layer's."""
        from workstation.editing import publishing
        from workstation.ui.publish_dialog import PublishDialog

        if not self._ready_to_publish():
            return
        try:
            plan = publishing.plan_publish(self.library, self.edit.article_id)
        except WorkstationError as exc:
            self.status_message.emit(str(exc))
            return
        dialog = PublishDialog(plan, self)
        if not dialog.exec():
            return
        try:
            done = publishing.publish(
                self.library, plan.article_id, at=dialog.chosen_time(), override=dialog.override_reason()
            )
        except WorkstationError as exc:
            QMessageBox.warning(self, "Not published", str(exc))
            return
        self._published(done.state, done.message())

    def unpublish_article(self) -> None:
        from workstation.editing import publishing

        if not self._ready_to_publish():
            return
        state = self.edit.stored
        if state.status != "published":
            self.status_message.emit("This article is not published")
            return
        answer = QMessageBox.question(
            self,
            "Unpublish",
            f"Take “{state.headline or state.slug}” off the site?\n\nThe next export removes its page; "
            "links to it from other published articles become preflight errors.",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            unpublished = publishing.unpublish(self.library, self.edit.article_id)
        except WorkstationError as exc:
            QMessageBox.warning(self, "Not unpublished", str(exc))
            return
        self._published(unpublished, "Unpublished: the next export removes the page")

    def add_correction(self) -> None:
        from workstation.editing import publishing
        from workstation.library.publishing import date_label

        if not self._ready_to_publish():
            return
        text, ok = QInputDialog.getMultiLineText(
            self, "Add correction", "What was wrong and what is right (shown with today's date above the author box):"
        )
        if not ok or not text.strip():
            return
        try:
            noted = publishing.correct(self.library, self.edit.article_id, text)
        except WorkstationError as exc:
            QMessageBox.warning(self, "No correction added", str(exc))
            return
        self._published(self.edit.stored, f"Correction of {date_label(noted)} added")

    def import_image_from_url(self) -> None:
        """Download a picture (the body's first remote one is offered), import it, and use it in the body."""
        from workstation.content.markdown import remote_images
        from workstation.editing.url_import import download_image, use_library_photo
        from workstation.ui.jobs import run_in_background
        from workstation.ui.photo_desk import start_import

        if self.edit is None or self.readonly:
            return
        found = remote_images(self.editor.toPlainText())
        ask = QInputDialog(self)
        ask.setWindowTitle("Import image from URL")
        ask.setLabelText("Address of the picture (downloaded into the library with its embedded metadata):")
        ask.setTextValue(found[0] if found else "")
        ask.resize(max(560, ask.sizeHint().width()), ask.sizeHint().height())
        if not ask.exec() or not ask.textValue().strip():
            return
        url = ask.textValue().strip()
        article_id = self.edit.article_id
        folder = Path(tempfile.mkdtemp(prefix="workstation-url-import-"))
        self.status_message.emit(f"Downloading {url.strip()}…")

        def imported(report: Any) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            refused = "; ".join(f"{refusal.name}: {refusal.reason}" for refusal in report.refused)
            if refused or not report.photo_ids:
                QMessageBox.warning(self, "Not imported", refused or "The image was not imported.")
                return
            photo_id = report.photo_ids[0]
            if self.edit is None or self.edit.article_id != article_id:
                self.status_message.emit(f"Imported as photo {photo_id}; the article was closed meanwhile")
                return
            text = self.editor.toPlainText()
            replaced = use_library_photo(text, url, photo_id)
            if replaced != text:
                self.editor.replace_all_text(replaced)
            else:
                self.insert_photo(photo_id)
            self.status_message.emit(f"Imported as photo {photo_id}, with its embedded metadata")

        def downloaded(path: Path) -> None:
            self._import_job = start_import(self.library, [path], on_done=imported, owner=self)

        def failed(exc: BaseException) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            QMessageBox.warning(self, "Not imported", str(exc))

        run_in_background(lambda: download_image(url, folder), downloaded, failed, owner=self)

    # -- view -----------------------------------------------------------------------------

    def _toggle_preview(self, on: bool) -> None:
        self.preview.setVisible(on)

    def _toggle_side(self, on: bool) -> None:
        self.side.setVisible(on)

    def show_details(self) -> None:
        self.side.show()
        self.actions_by_name["panel"].setChecked(True)
        self.side.setCurrentWidget(self.panel)

    def show_history(self) -> None:
        self.side.show()
        self.actions_by_name["panel"].setChecked(True)
        self.side.setCurrentWidget(self.history)

    def toggle_focus_mode(self, on: bool) -> None:
        self.focus_mode = on
        self.actions_by_name["focus"].setChecked(on)
        self.preview.setVisible(not on and self.actions_by_name["preview"].isChecked())
        self.side.setVisible(not on and self.actions_by_name["panel"].isChecked())
        self.toolbar.setVisible(not on)
        self.editor.set_focus_mode(on)
        self.editor.setFocus()
        self.focus_mode_changed.emit(on)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.focus_mode:
            self.toggle_focus_mode(False)
            return
        super().keyPressEvent(event)

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue("desk/splitter", self.splitter.saveState())

    def restore_layout(self, settings: QSettings) -> None:
        state = settings.value("desk/splitter")
        if state is not None:
            self.splitter.restoreState(state)
            self._sized = True

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = self.splitter.width()
            # The page gets the most room: it is where the reporter writes.
            self.splitter.setSizes([int(width * 0.46), int(width * 0.30), int(width * 0.24)])
