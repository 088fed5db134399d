"""The author desk: the list of profiles, the form, and the author box as published.

Saving is all or nothing (``editing.authors.save_profile``): a refused
field leaves the stored profile exactly as it was, and the refusal is shown
beside the field it names. "Saved." appears only once the save returned.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workstation.editing import authors
from workstation.editing.authors import AuthorConflict, AuthorRefused
from workstation.errors import WorkstationError
from workstation.ui.kept_versions_dialog import KeptVersionsDialog
from workstation.library.database import Library
from workstation.ui.after_paint import after_paint
from workstation.ui.author_desk.author_list_model import AuthorListModel
from workstation.ui.author_desk.box_preview import AuthorBoxPreview
from workstation.ui.author_desk.dialogs import AuthorChoice, DeleteDialog, MergeDialog
from workstation.ui.author_desk.profile_form import ProfileForm

LIST_ICON = 36


class AuthorDesk(QWidget):
    """Hosted by the main window; ``authorsChanged`` tells the other desks to refresh their byline pickers."""

    authorsChanged = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._choices: dict[int, AuthorChoice] = {}

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search names and bios")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search authors")
        self.author_model = AuthorListModel(lambda author_id: authors.avatar(library, author_id), LIST_ICON, self)
        self.author_list = QListView(self)
        self.author_list.setModel(self.author_model)
        # Every row is an avatar beside two lines: one row's size is every row's.
        self.author_list.setUniformItemSizes(True)
        self.author_list.setIconSize(QSize(LIST_ICON, LIST_ICON))
        self.author_list.setAccessibleName("Authors")
        self.author_list.setSpacing(2)
        self.author_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.author_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")
        self.new_button = QPushButton("New author", self)
        self.merge_button = QPushButton("Merge…", self)
        self.delete_button = QPushButton("Delete…", self)
        self.merge_button.setToolTip("Fold a duplicate profile into another; its articles move over")

        # Built on the turn after the desk opens, or at first use (``form``): see ``_build_form``.
        self._form: ProfileForm | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("deskHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.error_banner = QLabel(self)
        self.error_banner.setWordWrap(True)
        self.error_banner.setStyleSheet(
            "background: #fde2e1; color: #5c1410; border: 1px solid #e0a19c; border-radius: 4px; padding: 6px;"
        )
        self.error_banner.setAccessibleName("Save error")
        self.error_banner.hide()
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("hint")
        self.save_button = QPushButton("Save", self)
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("Revert", self)
        # A profile field that lost a conflict is kept (``editing.kept_versions``): here it is seen and put back.
        self.kept_button = QPushButton("Earlier versions…", self)
        self.kept_button.clicked.connect(self.show_kept_versions)
        self.preview = AuthorBoxPreview(library, self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.author_list, 1)
        left_layout.addWidget(self.count_label)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.merge_button)
        list_buttons.addWidget(self.delete_button)
        left_layout.addLayout(list_buttons)

        scroll = self._scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(4, 8, 4, 8)
        middle_layout.addWidget(self.heading)
        middle_layout.addWidget(scroll, 1)
        middle_layout.addWidget(self.error_banner)
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.kept_button)
        save_row.addWidget(self.save_button)
        middle_layout.addLayout(save_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([250, 520, 400])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.author_list.selectionModel().currentChanged.connect(self._selection_changed)
        # While the desk moves the selection itself (a refresh, a refused leave), it opens nobody.
        self._quiet = False
        # Hidden since the list was last read: the next visit reads it again.
        self._stale = False
        self.new_button.clicked.connect(self.new_author)
        self.merge_button.clicked.connect(self.ask_merge)
        self.delete_button.clicked.connect(self.ask_delete)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        # Only while the desk has focus: the article desk has its own Ctrl+S in the same window.
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.refresh()
        after_paint(self, self._build_form)

    @property
    def form(self) -> ProfileForm:
        """The profile form, with the first author open; built on the turn after the desk opens, or now if asked first."""
        return self._build_form()

    def _build_form(self) -> ProfileForm:
        """Build the form and open the chosen author, else the first (or a new one in an empty library).

        In a decade's newsroom reading the list and building and filling the
        form took one turn of the event loop past its budget; so the desk
        shows its list first and the profile on the next turn.
        """
        if self._form is not None:
            return self._form
        form = self._form = ProfileForm(self.library, self)
        self._scroll.setWidget(form)
        form.show()
        form.changed.connect(self._form_changed)
        form.busy.connect(lambda busy: self.save_button.setEnabled(not busy and not self.library.readonly))
        current = self.author_list.currentIndex()
        if current.isValid():  # chosen before the form was built
            self.open_author(self.author_model.author_id(current.row()))
        elif self.author_model.rowCount():
            self.select_row(0)
        else:
            self.new_author()
        return form

    def _open_id(self) -> int | None:
        """The author the form shows (None for a new one, or before the form is built)."""
        return self._form.author_id if self._form is not None else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Bylines may have been added in the article desk meanwhile: recount on every return visit."""
        super().showEvent(event)
        if not event.spontaneous() and self._stale:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        if not event.spontaneous():
            self._stale = True

    # -- the list --------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Re-read the list (keeping the selection, or selecting ``select_id``)."""
        keep = select_id if select_id is not None else self._open_id()
        found = authors.author_list(self.library, self.search.text())
        self._stale = False
        self._choices = {a.id: AuthorChoice(a.id, a.name, a.slug, a.article_count) for a in found.everyone}
        self._quiet = True
        self.author_model.set_rows(found.rows)
        row = self.author_model.row_of(keep) if keep is not None else None
        if row is not None:
            self.author_list.setCurrentIndex(self.author_model.index(row))
        self._quiet = False
        total = len(self._choices)
        shown = len(found.rows)
        self.count_label.setText(
            f"{total} author{'s' if total != 1 else ''}" if shown == total else f"{shown} of {total} authors match"
        )
        self._update_buttons()

    def select_author(self, author_id: int) -> None:
        row = self.author_model.row_of(author_id)
        if row is not None:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        """Make ``row`` the current author, opening it (as a click does)."""
        self.author_list.setCurrentIndex(self.author_model.index(row))

    def _selection_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid() or self._quiet:
            return
        author_id = self.author_model.author_id(current.row())
        if author_id == self.form.author_id:
            return
        if not self.confirm_leave():
            self._quiet = True
            self.author_list.setCurrentIndex(previous)
            self._quiet = False
            return
        self.open_author(author_id)

    def open_author(self, author_id: int) -> None:
        try:
            profile = authors.open_profile(self.library, author_id)
        except WorkstationError as exc:
            self._show_error(str(exc))
            self.refresh()
            return
        self.form.load(author_id, profile.fields, profile.avatar)
        self.heading.setText(profile.fields["name"])
        self._clear_messages()
        self._update_buttons()
        self._update_preview()

    def new_author(self) -> None:
        if not self.confirm_leave():
            return
        self._quiet = True
        self.author_list.clearSelection()
        self.author_list.setCurrentIndex(QModelIndex())
        self._quiet = False
        self.form.clear()
        self.heading.setText("New author")
        self._clear_messages()
        self._update_buttons()
        self._update_preview()
        self.form.name_edit.setFocus()

    def confirm_leave(self) -> bool:
        """True when the form may be replaced: nothing unsaved, or the user saved or discarded it."""
        if not self.form.dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {self.form.name_edit.text() or 'the new author'}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the form; on a refusal show it and keep every stored value as it was."""
        self._clear_messages()
        fields = self.form.fields()
        changed, avatar = self.form.avatar_change()
        try:
            author_id = authors.save_profile(
                self.library, self.form.author_id, fields, avatar_changed=changed, avatar=avatar,
                base=self.form.stored_fields(),
            )
        except AuthorConflict as exc:
            self.form.rebase(exc.stored)
            self._show_error(str(exc))
            return False
        except AuthorRefused as exc:
            self._show_error(str(exc))
            self.form.check_fields()
            self.form.show_refusal(exc)
            return False
        except WorkstationError as exc:
            self._show_error(str(exc))
            return False
        self.form.author_id = author_id
        self.refresh(select_id=author_id)
        self.open_author(author_id)
        self.saved_label.setText("Saved.")
        self.authorsChanged.emit()
        return True

    def show_kept_versions(self) -> None:
        """The open profile's kept versions; a restored one is shown as stored."""
        author_id = self.form.author_id
        if author_id is None:
            return
        dialog = KeptVersionsDialog(self.library, "author", author_id, self)
        if dialog.exec() and dialog.restored is not None:
            self.refresh(select_id=author_id)
            self.open_author(author_id)
            self.saved_label.setText("Earlier version restored; the text it replaced was kept.")
            self.authorsChanged.emit()

    def revert(self) -> None:
        if self.form.author_id is None:
            self.form.clear()
            self._update_preview()
        else:
            self.open_author(self.form.author_id)

    # -- merging and deleting ----------------------------------------------------------------

    def ask_merge(self) -> None:
        if len(self._choices) < 2 or not self.confirm_leave():
            return
        current = self.form.author_id or next(iter(self._choices))
        dialog = MergeDialog(list(self._choices.values()), current, self)
        if dialog.exec():
            self.merge(*dialog.choice())

    def merge(self, keep_id: int, remove_id: int) -> bool:
        try:
            authors.merge_authors(self.library, keep_id, remove_id)
        except WorkstationError as exc:
            self._show_error(str(exc), "Not merged")
            return False
        self.form.author_id = None
        self.refresh(select_id=keep_id)
        self.open_author(keep_id)
        self.saved_label.setText("Merged.")
        self.authorsChanged.emit()
        return True

    def ask_delete(self) -> None:
        author_id = self.form.author_id
        if author_id is None or author_id not in self._choices:
            return
        choice = self._choices[author_id]
        if choice.article_count == 0:
            answer = QMessageBox.question(
                self,
                "Delete author",
                f"Delete {choice.name}'s profile? They are on no article. This cannot be undone.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.delete(author_id, None)
            return
        others = [c for c in self._choices.values() if c.id != author_id]
        dialog = DeleteDialog(choice, others, self)
        if dialog.exec():
            self.delete(author_id, dialog.move_to())

    def delete(self, author_id: int, move_to_id: int | None) -> bool:
        try:
            authors.delete_author(self.library, author_id, move_to_id)
        except WorkstationError as exc:
            self._show_error(str(exc), "Not deleted")
            return False
        self.form.author_id = None
        self.refresh(select_id=move_to_id)
        if move_to_id is not None:
            self.open_author(move_to_id)
        elif self.author_model.rowCount():
            self.select_row(0)
        else:
            self.new_author()
        self.saved_label.setText("Deleted.")
        self.authorsChanged.emit()
        return True

    # -- feedback -------------------------------------------------------------------------------

    def _form_changed(self) -> None:
        self.saved_label.setText("Unsaved changes" if self.form.dirty else "")
        self.heading.setText(self.form.name_edit.text() or "New author")
        self._update_preview()

    def _update_preview(self) -> None:
        fields: dict[str, Any] = dict(self.form.fields())
        fields["id"] = self.form.author_id or 0
        fields.setdefault("slug", "")
        avatar = self.form.current_avatar()
        fields["avatar"], fields["avatar_mime"] = avatar if avatar else (None, "")
        self.preview.show_fields(fields)

    def _update_buttons(self) -> None:
        writable = not self.library.readonly
        stored = self._open_id() is not None
        self.delete_button.setEnabled(writable and stored)
        self.merge_button.setEnabled(writable and len(self._choices) >= 2)
        self.new_button.setEnabled(writable)
        self.save_button.setEnabled(writable)
        if not writable:
            self.saved_label.setText("Read-only library: profiles can be viewed, not changed.")

    def _show_error(self, message: str, what: str = "Not saved") -> None:
        self.error_banner.setText(f"{what}: {message}")
        self.error_banner.show()
        self.saved_label.clear()

    def _clear_messages(self) -> None:
        self.error_banner.hide()
        self.saved_label.clear()
