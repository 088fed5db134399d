"""The inspector: one photo's picture, words, rights and uses, edited in place.

Edits save on their own, when a field loses focus or after a short pause
in typing, each as one transaction; a refused value is shown beside the
form and kept in the field so nothing typed is lost. The printed credit is
recomposed on every keystroke because a wrong credit in print is the one
mistake a photo desk cannot take back.
"""

from __future__ import annotations

from concurrent.futures import BrokenExecutor, CancelledError
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    QSignalBlocker,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.photos import (
    data_mining_choices,
    photo_details,
    preview_source,
    save_photo_fields,
    set_focal_point,
    source_type_choices,
    spelling_inputs,
)
from workstation.errors import WorkstationError
from workstation.ui.kept_versions_dialog import KeptVersionsDialog
from workstation.library.database import Library
from workstation.library.photo_queries import PhotoFields, Usage
from workstation.photos.credentials import describe_state
from workstation.photos.credit import printed_credit
from workstation.photos.vocabulary import AI_LABEL, is_ai_made
from workstation.ui.code_expansion import CodeExpander
from workstation.ui.decoded_images import decoded_image
from workstation.ui.jobs import Job, runner
from workstation.ui.photo_desk.culling import marks_text
from workstation.ui.photo_desk.focal_preview import CropPreviews, FocalPreview
from workstation.workers.render_process import preview_bytes

# Wide enough for the inspector's preview on a HiDPI screen; more would only cost decoding time.
PREVIEW_WIDTH = 800
PREVIEW_AFTER_MS = 150
SAVE_AFTER_MS = 700
# How much of the open article's headline the Insert and Lead photo buttons show (the tooltip has it all).
TARGET_NAME_WIDTH = 240
CREDIT_FIELDS = (
    ("headline", "Headline"),
    ("creator", "Creator"),
    ("credit_line", "Credit line"),
    ("credit_override", "Credit override"),
)
RIGHTS_FIELDS = (("source", "Source"), ("copyright_notice", "Copyright notice"))
LICENCE_FIELDS = (("web_statement", "Web statement"), ("licensor_url", "Licensor URL"))
PLACE_FIELDS = (("city", "City"), ("region", "Region"), ("country", "Country"))


def _words(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .")


def alt_text_hint(alt: str, caption: str) -> str:
    """Advice when alt text is missing or only repeats the caption (screen readers read both)."""
    if not alt.strip():
        return "No alt text: describe what the picture shows for readers who cannot see it."
    if caption.strip() and (
        _words(alt) == _words(caption) or _words(alt) in _words(caption)
    ):
        return (
            "The alt text repeats the caption; describe what the picture shows instead."
        )
    return ""


def credentials_text(credentials: dict[str, Any]) -> str:
    """What a photo's Content Credentials say, one fact a line."""
    if not credentials:
        return ""
    signer = credentials.get("signer", "") or "unknown signer"
    if credentials.get("issuer"):
        signer += f" (certificate from {credentials['issuer']})"
    lines = [f"Signed by: {signer}"]
    lines.append(f"Signed at: {credentials.get('signed_at') or 'no trusted time stamp'}")
    if credentials.get("tool"):
        lines.append(f"Made with: {credentials['tool']}")
    lines.append(f"Manifest: {describe_state(credentials)}")
    return "\n".join(lines)


def _render_preview(library: Library, photo_id: int, job: Job) -> tuple[int, bytes, QImage] | None:
    """The inspector's picture: read here, encoded by the helper process (runs as a job; None once cancelled)."""
    try:
        source = preview_source(library, photo_id, PREVIEW_WIDTH)
        data = source.data if source.ready else preview_bytes(source.data, PREVIEW_WIDTH, job.cancelled)
    except (WorkstationError, BrokenExecutor, CancelledError, OSError):
        return None
    return photo_id, data, decoded_image(data)


def _load_spelling(library: Library, factory: type) -> object:
    """The spell checker (Enchant dictionaries take a fifth of a second to load; runs as a job)."""
    languages, words, known = spelling_inputs(library)
    checker = factory(languages, words)
    checker.set_known(known)
    return checker


class _Choice(QComboBox):
    """A combo that leaves the wheel to the scrolling form unless it has focus.

    A plain combo under the pointer takes the wheel: scrolling the
    inspector past "Made by" would change (and save) the photo's source type.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _Plain(QPlainTextEdit):
    """A multi-line field sized for a few lines, where Tab moves on instead of typing a tab."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)


class Inspector(QWidget):
    photo_saved = Signal(int)
    insert_photo_requested = Signal(int)
    set_lead_requested = Signal(int)
    batch_edit_requested = Signal()
    # An article id from the where-used list, to open on the article desk.
    open_article_requested = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._photo: PhotoFields | None = None
        self._dirty: set[str] = set()
        self._loading = False
        self._credit_style = "({creator}/{credit})"
        self._highlighter: object | None = None
        # Asked for by the desk (``enable_spelling``); loaded once a photo's caption is shown.
        self._spelling_wanted = False
        self._spelling_requested = False
        # False until the first show_photo, which must fill even the empty state.
        self._filled = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save)
        # The large preview is made once the selection has settled: arrowing
        # through a shoot starts no renditions, and the grid repaints first.
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_AFTER_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self._fields: dict[str, QLineEdit | _Plain] = {}
        self._combos: dict[str, QComboBox] = {}
        self.codes = CodeExpander(self)
        self._build()
        self.show_photo(None)

    # Building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 8, 10, 10)

        self.selection_banner = QFrame()
        self.selection_banner.setStyleSheet(
            "QFrame { background: palette(alternate-base); border-radius: 4px; }"
        )
        banner = QHBoxLayout(self.selection_banner)
        self.selection_label = QLabel()
        self.selection_label.setToolTip(
            "The inspector shows and edits one of them; Batch edit changes them all"
        )
        # Ignored width: the wrapped text takes what the panel has, never widening it.
        self.selection_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.batch_button = QPushButton("Batch edit…")
        self.batch_button.clicked.connect(self.batch_edit_requested)
        banner.addWidget(self.selection_label, 1)
        banner.addWidget(self.batch_button)
        layout.addWidget(self.selection_banner)

        self.preview = FocalPreview()
        self.preview.focal_clicked.connect(self._on_focal)
        layout.addWidget(self.preview)
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.file_label.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.file_label)
        self.marks_label = QLabel()
        self.marks_label.setToolTip("Culling marks: 0–5 stars, 6–9 colour labels, P pick, X reject (keys in the grid)")
        layout.addWidget(self.marks_label)
        self.credentials_title = self._section_title("Content Credentials (C2PA)")
        layout.addWidget(self.credentials_title)
        self.credentials_label = QLabel()
        self.credentials_label.setWordWrap(True)
        self.credentials_label.setTextFormat(Qt.TextFormat.PlainText)
        self.credentials_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.credentials_label)
        self.crops_title = QLabel(
            "<b>Crops</b> — click the picture to move the focal point"
        )
        layout.addWidget(self.crops_title)
        self.crops = CropPreviews()
        layout.addWidget(self.crops)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.caption_edit = self._add_plain(form, "caption", "Caption", 4)
        self.alt_edit = self._add_plain(form, "alt_text", "Alt text", 2)
        self.alt_hint = QLabel()
        self.alt_hint.setWordWrap(True)
        self.alt_hint.setStyleSheet("color: #8a5a00;")
        form.addRow("", self.alt_hint)
        long_alt = self._add_plain(form, "extended_description", "Long description", 2)
        long_alt.setPlaceholderText("for a chart or a busy scene: what the alt text cannot hold")
        self._add_combo(form, "digital_source_type", "Made by", source_type_choices())
        for name, label in CREDIT_FIELDS:
            self._add_line(form, name, label)
        self._fields["credit_override"].setPlaceholderText(
            "empty: the house style composes it"
        )
        self.credit_label = QLabel()
        self.credit_label.setWordWrap(True)
        self.credit_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.credit_label.setStyleSheet("font-weight: 600;")
        form.addRow("Prints as", self.credit_label)
        for name, label in RIGHTS_FIELDS:
            self._add_line(form, name, label)
        self._add_plain(form, "usage_terms", "Usage terms", 2)
        expiry = QHBoxLayout()
        self.expiry_check = QCheckBox("Expire on")
        self.expiry_edit = QDateEdit()
        self.expiry_edit.setCalendarPopup(True)
        self.expiry_edit.setDisplayFormat("d MMM yyyy")
        self.expiry_edit.setEnabled(False)
        self.expiry_check.toggled.connect(self.expiry_edit.setEnabled)
        self.expiry_check.toggled.connect(lambda _on: self._changed("rights_expiry"))
        self.expiry_edit.dateChanged.connect(lambda _d: self._changed("rights_expiry"))
        self.expiry_edit.installEventFilter(self)
        expiry.addWidget(self.expiry_check)
        expiry.addWidget(self.expiry_edit, 1)
        form.addRow("Rights", expiry)
        self.expiry_edit.setMinimumWidth(0)
        for name, label in LICENCE_FIELDS:
            self._add_line(form, name, label).setPlaceholderText("https://…")
        self._add_combo(form, "data_mining", "Data mining", data_mining_choices())
        taken = self._add_line(form, "date_taken", "Date taken")
        taken.setPlaceholderText("YYYY-MM-DD HH:MM, optionally +HH:MM")
        for name, label in PLACE_FIELDS:
            self._add_line(form, name, label)
        self._add_line(form, "keywords", "Keywords").setPlaceholderText("separated by semicolons")
        layout.addLayout(form)

        # Below the scrolled form, not in it: "Saved", "Focal point saved" and
        # "Not saved: why" must be seen from wherever the form is scrolled.
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setContentsMargins(10, 2, 10, 4)
        outer.addWidget(self.status_label)
        # Text that lost a conflict is kept (``editing.kept_versions``): here it is seen and put back.
        self.kept_button = QPushButton("Earlier versions…")
        self.kept_button.setToolTip("Captions and other fields kept when a save met someone else's change")
        self.kept_button.clicked.connect(self.show_kept_versions)
        outer.addWidget(self.kept_button, 0, Qt.AlignmentFlag.AlignRight)

        layout.addWidget(self._section_title("Where used"))
        self.usage_tree = QTreeWidget()
        self.usage_tree.setHeaderLabels(["Article", "Status", "Use"])
        self.usage_tree.setRootIsDecorated(False)
        self.usage_tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.usage_tree.setMaximumHeight(120)
        self.usage_tree.header().setStretchLastSection(False)
        self.usage_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.usage_tree.itemActivated.connect(self._open_usage)
        layout.addWidget(self.usage_tree)
        # One above the other: each names the open article, and side by side
        # two headlines would make the inspector wider than its pane.
        buttons = QVBoxLayout()
        self.lead_button = QPushButton("Set as lead photo")
        self.lead_button.setToolTip(
            "Make this the lead photo of the article open in the editor"
        )
        self.lead_button.clicked.connect(self._request_lead)
        self.insert_button = QPushButton("Insert into article")
        self.insert_button.setToolTip(
            "Insert this photo as a figure at the cursor in the open article"
        )
        self.insert_button.clicked.connect(self._request_insert)
        buttons.addWidget(self.lead_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.insert_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)

        layout.addWidget(
            self._section_title("Embedded metadata (as imported, read-only)")
        )
        self.metadata_tree = QTreeWidget()
        self.metadata_tree.setHeaderLabels(["Field", "Value"])
        self.metadata_tree.setColumnWidth(0, 190)
        self.metadata_tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.metadata_tree.setMinimumHeight(180)
        self.metadata_tree.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
        )
        layout.addWidget(self.metadata_tree)

        self.creator_completions = QStringListModel(self)
        self.credit_completions = QStringListModel(self)
        for name, model in (
            ("creator", self.creator_completions),
            ("credit_line", self.credit_completions),
        ):
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line = self._fields[name]
            assert isinstance(line, QLineEdit)
            line.setCompleter(completer)
        for name in ("creator", "credit_line", "credit_override"):
            self._fields[name].textChanged.connect(self._update_credit)
        self._combos["digital_source_type"].currentIndexChanged.connect(lambda _i: self._update_credit())
        self.caption_edit.textChanged.connect(self._update_alt_hint)
        self.alt_edit.textChanged.connect(self._update_alt_hint)

    def _section_title(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>")
        label.setContentsMargins(0, 8, 0, 0)
        return label

    def _add_line(self, form: QFormLayout, name: str, label: str) -> QLineEdit:
        line = QLineEdit()
        line.textEdited.connect(lambda _t, n=name: self._changed(n))
        self.codes.attach(line)
        line.installEventFilter(self)
        form.addRow(label, line)
        self._fields[name] = line
        return line

    def _add_combo(self, form: QFormLayout, name: str, label: str, choices: list[tuple[str, str]]) -> QComboBox:
        """A controlled vocabulary: readable names shown, the stored URI kept as each item's data."""
        combo = _Choice()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        for value, text in choices:
            combo.addItem(text, value)
        combo.activated.connect(lambda _i, n=name: self._changed(n))
        combo.installEventFilter(self)
        form.addRow(label, combo)
        self._combos[name] = combo
        return combo

    def _add_plain(
        self, form: QFormLayout, name: str, label: str, lines: int
    ) -> _Plain:
        edit = _Plain(lines)
        edit.textChanged.connect(lambda n=name: self._changed(n))
        self.codes.attach(edit)
        edit.installEventFilter(self)
        form.addRow(label, edit)
        self._fields[name] = edit
        return edit

    # Public

    @property
    def photo_id(self) -> int | None:
        return self._photo.id if self._photo else None

    @property
    def spell_highlighter(self) -> object | None:
        """The caption's spelling highlighter, once the checker has loaded."""
        return self._highlighter

    def field(self, name: str) -> QLineEdit | _Plain:
        return self._fields[name]

    def set_completions(self, creators: list[str], credits: list[str]) -> None:
        self.creator_completions.setStringList(creators)
        self.credit_completions.setStringList(credits)

    def set_credit_style(self, style: str) -> None:
        self._credit_style = style
        self._update_credit()

    def enable_spelling(self) -> None:
        """Underline misspellings in the caption with the article desk's checker, when it is installed.

        Loading the Hunspell dictionaries takes a fifth of a second, and
        reading a decade's known names (``editing.dictionary.known_names``)
        longer, so the checker is built by a job and attached when it is
        ready; and only once a photo is shown, so that job does not compete
        with the grid's first screens for the interpreter.
        """
        self._spelling_wanted = True
        if self._photo is not None:
            self._start_spelling()

    def _start_spelling(self) -> None:
        if self._spelling_requested:
            return
        self._spelling_requested = True
        try:
            from workstation.content.spelling import SpellChecker
        except ImportError:
            return
        library = self._library
        self._start_job(lambda _job: _load_spelling(library, SpellChecker), self._attach_spelling, "spell checker")

    def _attach_spelling(self, checker: object) -> None:
        try:
            from workstation.ui.highlighter import MarkdownHighlighter
        except ImportError:
            return
        self._highlighter = MarkdownHighlighter(self.caption_edit.document(), checker)

    def show_selection_count(self, count: int) -> None:
        self.selection_banner.setVisible(count > 1)
        self.selection_label.setText(f"<b>{count} photos selected</b>")
        self.batch_button.setText(f"Batch edit all {count}…")

    def show_photo(self, photo_id: int | None) -> None:
        """Show ``photo_id`` (saving any pending edit of the previous photo first)."""
        self.save()
        shown = self._photo.id if self._photo is not None else None
        if photo_id == shown and self._filled:
            return
        self._filled = True
        self._dirty.clear()
        self.status_label.clear()
        self._photo = None
        usages: list[Usage] = []
        thumb = b""
        if photo_id is not None:
            try:
                details = photo_details(self._library, photo_id)
                self._photo, usages, thumb = details.fields, details.usages, details.thumbnail
            except WorkstationError as exc:
                self.status_label.setText(str(exc))
        self._fill(self._photo, usages, thumb)
        if self._photo is not None and self._spelling_wanted:
            self._start_spelling()

    def reload(self) -> None:
        """Re-read the shown photo (after a batch edit changed it underneath)."""
        photo_id = self.photo_id
        self._photo = None
        self.show_photo(photo_id)

    def _fill(
        self, photo: PhotoFields | None, usages: list[Usage], thumb: bytes
    ) -> None:
        self._loading = True
        try:
            values = photo.values if photo else {}
            for name, widget in self._fields.items():
                value = values.get(name)
                if name == "date_taken":
                    text = (
                        value.isoformat(sep=" ", timespec="minutes")
                        if isinstance(value, datetime)
                        else ""
                    )
                else:
                    text = value or ""
                with QSignalBlocker(widget):
                    widget.setText(text)
                widget.setEnabled(photo is not None)
            for name, combo in self._combos.items():
                value = values.get(name) or ""
                with QSignalBlocker(combo):
                    if combo.findData(value) < 0:
                        combo.addItem(value, value)  # a code newer than this list, kept as imported
                    combo.setCurrentIndex(combo.findData(value))
                combo.setEnabled(photo is not None)
            expiry = values.get("rights_expiry")
            with QSignalBlocker(self.expiry_check), QSignalBlocker(self.expiry_edit):
                self.expiry_check.setChecked(isinstance(expiry, date))
                self.expiry_edit.setEnabled(isinstance(expiry, date))
                self.expiry_edit.setDate(
                    QDate(expiry.year, expiry.month, expiry.day)
                    if isinstance(expiry, date)
                    else QDate.currentDate().addYears(1)
                )
            self.expiry_check.setEnabled(photo is not None)
            self.preview.set_image(QImage.fromData(thumb) if thumb else QImage())
            self.preview.set_focal(
                values.get("focal_x", 0.5), values.get("focal_y", 0.5)
            )
            self.crops.set_source(thumb, self.preview.focal())
            self.file_label.setText(self._file_text(photo))
            self.marks_label.setText(marks_text(photo.rating, photo.label, photo.pick) if photo else "")
            self.marks_label.setVisible(photo is not None)
            credentials = photo.content_credentials if photo else {}
            self.credentials_label.setText(credentials_text(credentials))
            self.credentials_title.setVisible(bool(credentials))
            self.credentials_label.setVisible(bool(credentials))
            self._fill_usages(usages)
            self._fill_metadata(photo.embedded_metadata if photo else {})
            for button in (self.lead_button, self.insert_button):
                button.setEnabled(photo is not None)
            self.crops_title.setVisible(photo is not None)
            self.crops.setVisible(photo is not None)
            self._update_credit()
            self._update_alt_hint()
        finally:
            self._loading = False
        if photo is not None:
            self._preview_timer.start()

    def _start_job(self, work: Any, on_done: Any, name: str) -> None:
        runner().start(work, on_done=on_done, owner=self, name=name)

    def _start_preview(self) -> None:
        if self._photo is not None:
            library, photo_id = self._library, self._photo.id
            self._start_job(lambda job: _render_preview(library, photo_id, job), self._on_preview, "photo preview")

    def _file_text(self, photo: PhotoFields | None) -> str:
        if photo is None:
            return ""
        size = (
            f"{photo.size_bytes / 1_048_576:.1f} MB"
            if photo.size_bytes >= 1_048_576
            else f"{photo.size_bytes // 1024 + 1} KB"
        )
        return f"{photo.original_filename or '(no file name)'} · {photo.width}×{photo.height} · {size}"

    def _fill_usages(self, usages: list[Usage]) -> None:
        self.usage_tree.clear()
        for usage in usages:
            use = " and ".join(
                part
                for part, on in (
                    ("lead photo", usage.as_lead),
                    ("in body", usage.in_body),
                )
                if on
            )
            item = QTreeWidgetItem([usage.headline or usage.slug, usage.status, use])
            item.setData(0, Qt.ItemDataRole.UserRole, usage.article_id)
            item.setToolTip(0, f"{usage.slug} — double-click to open the article")
            self.usage_tree.addTopLevelItem(item)
        if not usages:
            item = QTreeWidgetItem(["Not used in any article", "", ""])
            item.setDisabled(True)
            self.usage_tree.addTopLevelItem(item)
        self.usage_tree.resizeColumnToContents(1)
        self.usage_tree.resizeColumnToContents(2)

    def _fill_metadata(self, metadata: dict[str, Any]) -> None:
        self.metadata_tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for key in sorted(metadata):
            value = metadata[key]
            group, _sep, name = (
                str(key).partition(":") if ":" in str(key) else ("", "", str(key))
            )
            parent: QTreeWidget | QTreeWidgetItem = self.metadata_tree
            if group:
                if group not in groups:
                    groups[group] = QTreeWidgetItem(self.metadata_tree, [group])
                    groups[group].setExpanded(True)
                parent = groups[group]
            text = value if isinstance(value, str) else repr(value)
            item = QTreeWidgetItem(parent, [name, " ".join(text.split())[:500]])
            item.setToolTip(1, text[:2000])
        if not metadata:
            QTreeWidgetItem(self.metadata_tree, ["(none embedded)", ""]).setDisabled(
                True
            )

    # Editing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._dirty:
            self.save()
        return super().eventFilter(watched, event)

    def _changed(self, name: str) -> None:
        if self._loading or self._photo is None:
            return
        self._dirty.add(name)
        self._save_timer.start()

    def _value(self, name: str) -> Any:
        if name == "rights_expiry":
            return (
                self.expiry_edit.date().toPython()
                if self.expiry_check.isChecked()
                else None
            )
        if name in self._combos:
            return self._combos[name].currentData()
        return self._fields[name].text()

    def save(self) -> bool:
        """Write pending edits now; False (with the reason shown) when a value is refused."""
        self._save_timer.stop()
        if self._photo is None or not self._dirty:
            return True
        changes = {name: self._value(name) for name in sorted(self._dirty)}
        base = {name: self._photo.values[name] for name in changes if name in self._photo.values}
        try:
            saved = save_photo_fields(self._library, self._photo.id, changes, base=base)
        except WorkstationError as exc:
            self.status_label.setStyleSheet("color: #b3261e;")
            self.status_label.setText(f"Not saved: {exc}")
            return False
        self._dirty.clear()
        self._photo.values.update(saved.values)
        self._show_stored(saved.values)
        note = saved.conflict_note() or (saved.merged.message() + "; saved" if saved.merged is not None else "Saved")
        self.status_label.setStyleSheet("color: #b3261e;" if saved.conflicts else "color: palette(placeholder-text);")
        self.status_label.setText(note)
        self.status_label.setToolTip(note)
        self.photo_saved.emit(self._photo.id)
        return True

    def show_kept_versions(self) -> None:
        """The photo's kept versions; a restored one is shown as stored."""
        if self._photo is None or not self.save():
            return
        dialog = KeptVersionsDialog(self._library, "photo", self._photo.id, self)
        if dialog.exec() and dialog.restored is not None:
            photo_id = self._photo.id
            self.show_photo(photo_id)
            self.status_label.setStyleSheet("color: palette(placeholder-text);")
            self.status_label.setText("Earlier version restored; the text it replaced was kept")
            self.photo_saved.emit(photo_id)

    def _show_stored(self, values: dict[str, Any]) -> None:
        """Put a stored text back where it differs from the typed one (a pasted code, expanded on saving)."""
        for name, value in values.items():
            widget = self._fields.get(name)
            if widget is None or not isinstance(value, str) or name == "date_taken":
                continue
            if widget.text().strip() != value:
                with QSignalBlocker(widget):
                    widget.setText(value)

    def _on_focal(self, x: float, y: float) -> None:
        if self._photo is None:
            return
        self.crops.set_focal((x, y))
        try:
            set_focal_point(self._library, self._photo.id, x, y)
        except WorkstationError as exc:
            self.status_label.setStyleSheet("color: #b3261e;")
            self.status_label.setText(f"Focal point not saved: {exc}")
            return
        self._photo.values.update(focal_x=x, focal_y=y)
        self.status_label.setStyleSheet("color: palette(placeholder-text);")
        self.status_label.setText("Focal point saved")
        self.photo_saved.emit(self._photo.id)

    def _update_credit(self) -> None:
        if self._photo is None:
            self.credit_label.setText("")
            return
        shown = SimpleNamespace(
            **{
                name: self._fields[name].text()
                for name in ("creator", "credit_line", "credit_override")
            }
        )
        try:
            credit = printed_credit(shown, self._credit_style)
        except WorkstationError as exc:
            self.credit_label.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.credit_label.setText(f"House credit style is invalid: {exc}")
            return
        if credit:
            self.credit_label.setStyleSheet("font-weight: 600;")
            made_by_ai = is_ai_made(self._combos["digital_source_type"].currentData() or "")
            self.credit_label.setText(f"{credit}  ·  {AI_LABEL}" if made_by_ai else credit)
        else:
            self.credit_label.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.credit_label.setText("No credit — nothing will print")

    def _update_alt_hint(self) -> None:
        hint = (
            alt_text_hint(self.alt_edit.text(), self.caption_edit.text())
            if self._photo
            else ""
        )
        self.alt_hint.setText(hint)
        self.alt_hint.setVisible(bool(hint))

    def _on_preview(self, result: tuple[int, bytes, QImage] | None) -> None:
        if result is None:
            return
        photo_id, data, image = result
        if self._photo is None or photo_id != self._photo.id or image.isNull():
            return
        self.preview.set_image(image)
        self.crops.set_source(data, self.preview.focal())

    def _open_usage(self, item: QTreeWidgetItem, _column: int) -> None:
        article_id = item.data(0, Qt.ItemDataRole.UserRole)
        if article_id is not None:
            self.open_article_requested.emit(int(article_id))

    def set_target_article(self, headline: str | None) -> None:
        """Name the article "Insert" and "Set as lead photo" act on: the one open on the article desk."""
        if headline is None:
            self.lead_button.setText("Set as lead photo")
            self.insert_button.setText("Insert into article")
            why = "Open an article on the article desk first"
            self.lead_button.setToolTip(why)
            self.insert_button.setToolTip(why)
            self.lead_button.setEnabled(False)
            self.insert_button.setEnabled(False)
            return
        name = self.fontMetrics().elidedText(f"“{headline or 'untitled'}”", Qt.TextElideMode.ElideRight, TARGET_NAME_WIDTH)
        self.lead_button.setText(f"Lead photo of {name}")
        self.insert_button.setText(f"Insert into {name}")
        self.lead_button.setToolTip(f"Make this the lead photo of “{headline}”")
        self.insert_button.setToolTip(f"Insert this photo as a figure at the cursor in “{headline}”")
        self.lead_button.setEnabled(True)
        self.insert_button.setEnabled(True)

    def _request_lead(self) -> None:
        if self._photo is not None:
            self.set_lead_requested.emit(self._photo.id)

    def _request_insert(self) -> None:
        if self._photo is not None:
            self.insert_photo_requested.emit(self._photo.id)

    def wait_for_images(self, msecs: int = 5_000) -> bool:
        """Block until the preview, the crops and the inspector's other reads in flight are done (for tests)."""
        if self._preview_timer.isActive():
            self._preview_timer.stop()
            self._start_preview()
        return self.crops.wait(msecs) and runner().wait(msecs, owner=self)
