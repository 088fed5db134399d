"""The profile form: every field of an author, checked as it is typed.

The form only gathers and shows; the checks are the application layer's
(``editing.authors.field_problem`` and ``slug_hint``, which run the same
core rules as saving), so what the form accepts is exactly what saving
accepts. Avatar pictures are decoded, turned upright and cropped in the
thread pool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workstation.editing import authors
from workstation.editing.authors import AuthorRefused
from workstation.errors import ImageRefused, WorkstationError
from workstation.library.authors import BIO_LIMIT, LINE_LIMITS
from workstation.library.database import Library
from workstation.photos.avatars import OrientedImage, crop_square, image_mime, oriented_preview
from workstation.ui.author_desk.avatar_images import avatar_pixmap
from workstation.ui.author_desk.crop_view import CropDialog
from workstation.ui.author_desk.links_table import LinksTable
from workstation.ui.pickers import PhotoPicker
from workstation.ui.jobs import run_in_background

ROLES = ("Reporter", "Correspondent", "Editor", "Photo editor", "Photographer", "Producer", "Columnist", "Contributor")
# Refuse to read a picture file bigger than this into memory (a 24 MP camera JPEG is ~15 MB).
MAX_AVATAR_FILE = 60 * 1024 * 1024
AVATAR_PREVIEW = 96
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.webp *.gif *.tif *.tiff)"


class ErrorLine(QLabel):
    """A field's error on one line whose space is kept while there is none, so the form never shifts.

    A message longer than the field is cut with an ellipsis; the whole of it is the tooltip.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #b3261e;")
        self._message = ""
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802
        self._message = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        return self._message

    def _elide(self) -> None:
        width = max(self.width(), 40)
        super().setText(self.fontMetrics().elidedText(self._message, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()


def _error_label(parent: QWidget) -> QLabel:
    return ErrorLine(parent)


class ProfileForm(QWidget):
    """One author's fields; ``changed`` fires on every edit, ``busy`` while a picture is processed."""

    changed = Signal()
    busy = Signal(bool)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.author_id: int | None = None
        self._stored_avatar: tuple[bytes, str] | None = None
        self._pending_avatar: bytes | None = None
        self._avatar_changed = False
        self._slug_touched = False
        self._loading = False
        self._stored_fields: dict[str, Any] | None = None

        self.avatar_label = QLabel(self)
        self.avatar_label.setFixedSize(AVATAR_PREVIEW, AVATAR_PREVIEW)
        self.avatar_label.setAccessibleName("Avatar")
        self.choose_file_button = QPushButton("Choose image…", self)
        self.library_photo_button = QPushButton("From photo library…", self)
        self.remove_avatar_button = QPushButton("Use initials", self)
        self.remove_avatar_button.setToolTip("Remove the picture; the generated initials avatar is shown instead")
        self.avatar_status = QLabel(self)
        self.avatar_status.setWordWrap(True)
        self.choose_file_button.clicked.connect(self.choose_file)
        self.library_photo_button.clicked.connect(self.choose_library_photo)
        self.remove_avatar_button.clicked.connect(self.remove_avatar)

        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(LINE_LIMITS["name"])
        self.name_edit.setPlaceholderText("Full name, as printed in the byline")
        self.slug_edit = QLineEdit(self)
        self.slug_edit.setMaxLength(LINE_LIMITS["slug"])
        self.slug_hint = QLabel(self)
        self.slug_hint.setObjectName("hint")
        self.slug_hint.setWordWrap(True)
        self.slug_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.role_edit = QComboBox(self)
        self.role_edit.setEditable(True)
        self.role_edit.addItems(["", *ROLES])
        self.role_edit.lineEdit().setMaxLength(LINE_LIMITS["role"])
        self.role_edit.lineEdit().setPlaceholderText("e.g. Reporter")
        self.email_edit = QLineEdit(self)
        self.email_edit.setPlaceholderText("name@example.com")
        self.website_edit = QLineEdit(self)
        self.website_edit.setPlaceholderText("https://")
        self.location_edit = QLineEdit(self)
        self.location_edit.setMaxLength(LINE_LIMITS["location"])
        self.location_edit.setPlaceholderText("e.g. Kharkiv")
        self.links = LinksTable(self)
        self.bio_edit = QPlainTextEdit(self)
        self.bio_edit.setPlaceholderText("A few sentences in Markdown: beat, background, how to reach them.")
        self.bio_edit.setTabChangesFocus(True)
        self.bio_edit.setMinimumHeight(120)
        self.bio_count = QLabel(self)
        self.bio_count.setObjectName("hint")
        self.bio_count.setWordWrap(True)
        self.errors = {key: _error_label(self) for key in ("name", "slug", "email", "website", "links", "bio")}

        for widget, name in (
            (self.name_edit, "Name"),
            (self.slug_edit, "Slug"),
            (self.role_edit, "Role"),
            (self.email_edit, "Email"),
            (self.website_edit, "Website"),
            (self.location_edit, "Location"),
            (self.bio_edit, "Bio"),
        ):
            widget.setAccessibleName(name)

        avatar_buttons = QVBoxLayout()
        avatar_buttons.addWidget(self.choose_file_button)
        avatar_buttons.addWidget(self.library_photo_button)
        avatar_buttons.addWidget(self.remove_avatar_button)
        avatar_buttons.addStretch(1)
        avatar_row = QHBoxLayout()
        avatar_row.addWidget(self.avatar_label, 0, Qt.AlignmentFlag.AlignTop)
        avatar_row.addLayout(avatar_buttons)
        avatar_row.addWidget(self.avatar_status, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Avatar", avatar_row)
        form.addRow("Name *", self._stacked(self.name_edit, self.errors["name"]))
        form.addRow("Slug", self._stacked(self.slug_edit, self.slug_hint, self.errors["slug"]))
        form.addRow("Role", self.role_edit)
        form.addRow("Email", self._stacked(self.email_edit, self.errors["email"]))
        form.addRow("Website", self._stacked(self.website_edit, self.errors["website"]))
        form.addRow("Location", self.location_edit)
        form.addRow("Links", self._stacked(self.links, self.errors["links"]))
        form.addRow("Bio", self._stacked(self.bio_edit, self.bio_count, self.errors["bio"]))
        layout = QVBoxLayout(self)
        layout.addLayout(form)

        self.name_edit.textEdited.connect(self._name_edited)
        self.slug_edit.textEdited.connect(self._slug_edited)
        # Checked when the field is left, and again as it is corrected, never while first typed.
        self.email_edit.editingFinished.connect(self._check_email)
        self.website_edit.editingFinished.connect(self._check_website)
        self.email_edit.textChanged.connect(lambda _t: self.errors["email"].isVisible() and self._check_email())
        self.website_edit.textChanged.connect(lambda _t: self.errors["website"].isVisible() and self._check_website())
        self.bio_edit.textChanged.connect(self._bio_edited)
        for signal in (
            self.name_edit.textChanged,
            self.slug_edit.textChanged,
            self.role_edit.currentTextChanged,
            self.email_edit.textChanged,
            self.website_edit.textChanged,
            self.location_edit.textChanged,
            self.bio_edit.textChanged,
            self.links.changed,
        ):
            signal.connect(self._edited)
        self.clear()

    # -- loading and reading ----------------------------------------------------------

    def clear(self) -> None:
        """An empty form for a new author."""
        self.load(None, {}, None)

    def load(self, author_id: int | None, fields: dict[str, Any], avatar: tuple[bytes, str] | None) -> None:
        """Show a stored profile (``fields`` as ``author_fields`` gives them) as unchanged."""
        self._loading = True
        self.author_id = author_id
        self._stored_avatar = avatar
        self._pending_avatar = None
        self._avatar_changed = False
        self._slug_touched = author_id is not None
        self.name_edit.setText(fields.get("name", ""))
        self.slug_edit.setText(fields.get("slug", ""))
        self.role_edit.setEditText(fields.get("role", ""))
        self.email_edit.setText(fields.get("email", ""))
        self.website_edit.setText(fields.get("website", ""))
        self.location_edit.setText(fields.get("location", ""))
        self.links.set_links(list(fields.get("social_links", [])))
        self.bio_edit.setPlainText(fields.get("bio", ""))
        for label in self.errors.values():
            label.hide()
        self.avatar_status.clear()
        self._loading = False
        self._refresh_slug_hint()
        self._bio_edited()
        self._show_avatar()
        self._stored_fields = self.fields() if author_id is not None else None

    def stored_fields(self) -> dict[str, Any] | None:
        """The profile's fields as they were opened (what a save is made against); None for a new author."""
        return self._stored_fields

    def rebase(self, stored: dict[str, Any]) -> None:
        """Someone else's save was met: what is stored now becomes what the next save is made against."""
        self._stored_fields = stored

    def fields(self) -> dict[str, Any]:
        """The typed profile as keywords for ``create_author``/``update_author`` (avatar apart)."""
        values: dict[str, Any] = {
            "name": self.name_edit.text(),
            "role": self.role_edit.currentText(),
            "email": self.email_edit.text(),
            "website": self.website_edit.text(),
            "location": self.location_edit.text(),
            "social_links": self.links.links(),
            "bio": self.bio_edit.toPlainText(),
        }
        if self.slug_edit.text().strip() or self.author_id is not None:
            values["slug"] = self.slug_edit.text()
        return values

    @property
    def dirty(self) -> bool:
        """Unsaved changes: the application layer compares what is shown with what was opened."""
        return authors.profile_unsaved(self._stored_fields, self.fields(), self._avatar_changed)

    def avatar_change(self) -> tuple[bool, bytes | None]:
        """(changed, new avatar bytes or None for the initials avatar)."""
        return self._avatar_changed, self._pending_avatar

    def current_avatar(self) -> tuple[bytes, str] | None:
        """The avatar as it would be saved now, for the preview."""
        if self._avatar_changed:
            return (self._pending_avatar, image_mime(self._pending_avatar)) if self._pending_avatar else None
        return self._stored_avatar

    def check_fields(self) -> None:
        """Show every inline refusal at once, not only the first one saving stops at."""
        self._check_email()
        self._check_website()
        self._refresh_slug_hint()
        self._bio_edited()

    def show_refusal(self, refusal: AuthorRefused) -> None:
        """Put a refusal beside the field (and social-link row) it names."""
        key, message = refusal.field, str(refusal)
        if key == "links" and refusal.row is not None:
            self.links.mark_row(refusal.row, message)
        if key in self.errors:
            self.errors[key].setText(message)
            self.errors[key].show()
            {
                "name": self.name_edit,
                "slug": self.slug_edit,
                "email": self.email_edit,
                "website": self.website_edit,
                "links": self.links.table,
                "bio": self.bio_edit,
            }[key].setFocus()

    # -- the avatar ---------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Choose a picture for the avatar", "", IMAGE_FILTER)
        if name:
            self.crop_file(Path(name))

    def crop_file(self, path: Path) -> None:
        try:
            size = path.stat().st_size
            if size > MAX_AVATAR_FILE:
                message = f"{path.name} is {size / 2**20:.1f} MB; the limit is {MAX_AVATAR_FILE / 2**20:.0f} MB"
                self._avatar_failed(ImageRefused(message))
                return
            data = path.read_bytes()
        except OSError as exc:
            self._avatar_failed(WorkstationError(f"{path.name} cannot be read ({exc.strerror or exc})"))
            return
        self.crop_bytes(data)

    def choose_library_photo(self) -> None:
        picker = PhotoPicker(self.library, self, title="Choose a photo for the avatar", action="Crop this photo")
        photo_id = picker.chosen() if picker.exec() else None
        if photo_id is not None:
            self._set_busy("Reading the photo…")

            def work() -> tuple[bytes, OrientedImage]:
                data = authors.photo_for_avatar(self.library, photo_id)
                return data, oriented_preview(data)

            run_in_background(work, lambda result: self._open_crop(*result), self._avatar_failed)

    def crop_bytes(self, data: bytes) -> None:
        """Decode ``data`` off the UI thread, then let the user choose the square."""
        self._set_busy("Reading the picture…")
        run_in_background(
            lambda: (data, oriented_preview(data)), lambda result: self._open_crop(*result), self._avatar_failed
        )

    def apply_crop(self, data: bytes, box: tuple[int, int, int] | None) -> None:
        """Crop ``data`` to ``box`` in the pool and make it the pending avatar."""
        self._set_busy("Cropping…")
        run_in_background(lambda: crop_square(data, box), self._cropped, self._avatar_failed)

    def remove_avatar(self) -> None:
        self._pending_avatar = None
        self._avatar_changed = self._stored_avatar is not None
        self._show_avatar()
        self._edited()

    def _open_crop(self, data: bytes, picture: OrientedImage) -> None:
        self._set_busy("")
        dialog = CropDialog(picture, self)
        if dialog.exec():
            self.apply_crop(data, dialog.box())

    def _cropped(self, avatar: bytes) -> None:
        self._set_busy("")
        self._pending_avatar = avatar
        self._avatar_changed = True
        self._show_avatar()
        self._edited()

    def _avatar_failed(self, error: BaseException) -> None:
        self._set_busy("")
        message = str(error) if isinstance(error, WorkstationError) else f"the picture could not be used ({error})"
        self.avatar_status.setText(message)
        self.avatar_status.setStyleSheet("color: #b3261e;")

    def _set_busy(self, message: str) -> None:
        self.avatar_status.setStyleSheet("")
        self.avatar_status.setText(message)
        for button in (self.choose_file_button, self.library_photo_button, self.remove_avatar_button):
            button.setEnabled(not message)
        self.busy.emit(bool(message))

    def _show_avatar(self) -> None:
        current = self.current_avatar()
        self.avatar_label.setPixmap(
            avatar_pixmap(current[0] if current else None, self.name_edit.text(), AVATAR_PREVIEW, round_corners=True)
        )
        self.remove_avatar_button.setEnabled(current is not None)
        self.avatar_label.setToolTip("" if current else "No picture: the initials avatar is used")

    # -- inline checks ----------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _name_edited(self, text: str) -> None:
        self.errors["name"].setVisible(False)
        if not self._slug_touched:
            self.slug_edit.setText(authors.suggested_slug(self.library, text))
        self._refresh_slug_hint()
        if self.current_avatar() is None:
            self._show_avatar()

    def _slug_edited(self, _text: str) -> None:
        self._slug_touched = True
        self._refresh_slug_hint()

    def _refresh_slug_hint(self) -> None:
        typed = self.slug_edit.text()
        self.errors["slug"].hide()
        if not typed.strip():
            self.slug_hint.setText("Made from the name when saved.")
            return
        try:
            hint = authors.slug_hint(self.library, typed, self.author_id)
        except WorkstationError as exc:
            self.slug_hint.setText(str(exc))
            return
        self.slug_hint.setText(f"Author page: {hint.address}")
        if (self.author_id is not None or self._slug_touched) and hint.taken_by is not None:
            self.errors["slug"].setText(f"slug {hint.slug!r} is already used by {hint.taken_by}")
            self.errors["slug"].show()

    def _check_email(self) -> None:
        self._check("email", self.email_edit.text())

    def _check_website(self) -> None:
        self._check("website", self.website_edit.text())

    def _check(self, field: str, value: str) -> None:
        problem = authors.field_problem(field, value)
        self.errors[field].setText(problem or "")
        self.errors[field].setVisible(problem is not None)

    def _bio_edited(self) -> None:
        text = self.bio_edit.toPlainText()
        self.bio_count.setText(
            f"{len(text):,} of {BIO_LIMIT:,} characters. Markdown: *italic*, **bold**, [link](https://…)"
        )
        self._check("bio", text)

    @staticmethod
    def _stacked(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in widgets:
            layout.addWidget(widget)
        return box
