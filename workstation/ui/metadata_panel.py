"""The article's fields beside the editor: headline to lead photo.

The panel holds no article object; it shows plain values and reports each
edit with ``changed(field)``, so the desk alone decides when to save and
what the preview needs to redraw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.content.reading import Readability, trim_text
from workstation.editing.articles import LENGTH_HINTS, length_note, parse_tags
from workstation.editing.publishing import article_status_label
from workstation.library.publishing import is_scheduled, now_utc
from workstation.library.statuses import STATUSES, Status
from workstation.ui.labels import STATUS_LABELS


def _count_label() -> QLabel:
    label = QLabel()
    label.setObjectName("hint")
    return label


class ShortTextEdit(QPlainTextEdit):
    """A two- or three-line text box that tabs to the next field instead of inserting a tab."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)


class BylineEditor(QWidget):
    """An ordered list of authors with add, remove and reorder."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(72)
        self.picker = QComboBox()
        self.picker.setEditable(False)
        add = QToolButton(text="Add")
        remove = QToolButton(text="Remove")
        up = QToolButton(text="↑")
        down = QToolButton(text="↓")
        up.setToolTip("Move up in the byline")
        down.setToolTip("Move down in the byline")
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        row.addWidget(add)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (up, down, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(row)

    def set_choices(self, authors: Sequence[tuple[int, str]]) -> None:
        self.picker.clear()
        for author_id, name in authors:
            self.picker.addItem(name, author_id)
        self._names = dict(authors)

    def set_ids(self, ids: Sequence[int]) -> None:
        self.list.clear()
        for author_id in ids:
            item = QListWidgetItem(self._names.get(author_id, f"Author {author_id}"))
            item.setData(Qt.ItemDataRole.UserRole, author_id)
            self.list.addItem(item)

    def ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _add(self) -> None:
        author_id = self.picker.currentData()
        if author_id is None or author_id in self.ids():
            return
        self.set_ids([*self.ids(), author_id])
        self.changed.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()


class GrowingTextEdit(QPlainTextEdit):
    """A frameless text box that grows with its text (a headline over two lines shows both)."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _fit(self) -> None:
        lines = max(1, int(self.document().documentLayout().documentSize().height()))
        height = lines * self.fontMetrics().lineSpacing() + 2 * int(self.document().documentMargin()) + 4
        if height != self.height():
            self.setFixedHeight(height)

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Return goes on to the next field: a headline or dek is one paragraph."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class TitleBlock(QWidget):
    """The headline and dek, typed at the top of the page in large and medium type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("titleBlock")
        self.headline = GrowingTextEdit()
        self.headline.setObjectName("pageHeadline")
        self.headline.setPlaceholderText("Headline")
        self.dek = GrowingTextEdit()
        self.dek.setObjectName("pageDek")
        self.dek.setPlaceholderText("Dek: one or two sentences under the headline")
        self.headline_count = _count_label()
        self.dek_count = _count_label()
        for count in (self.headline_count, self.dek_count):
            # Room kept for "— too long", so the counts never push the title about.
            count.setMinimumWidth(count.fontMetrics().horizontalAdvance("Headline 000 / 000 — too long"))
        self.dek_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        counts = QHBoxLayout()
        counts.setContentsMargins(4, 0, 4, 0)
        counts.addWidget(self.headline_count)
        counts.addStretch(1)
        counts.addWidget(self.dek_count)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 14, 0, 4)
        self.layout_.setSpacing(2)
        self.layout_.addWidget(self.headline)
        self.layout_.addWidget(self.dek)
        self.layout_.addLayout(counts)
        self.headline.submitted.connect(self.dek.setFocus)

    def set_body_font(self, body: QFont) -> None:
        """Headline at about twice the body size, bold; the dek a step above the body.

        Set through the widgets' own style sheets: the application's style
        sheet would otherwise put the fields back in the interface font.
        """
        family = body.family().replace("'", "")
        size = body.pointSizeF()
        self.headline.setStyleSheet(f"font-family: '{family}'; font-size: {size * 1.6:.1f}pt; font-weight: 700;")
        self.dek.setStyleSheet(f"font-family: '{family}'; font-size: {size * 1.12:.1f}pt;")
        self.headline._fit()
        self.dek._fit()

    def set_compact(self, on: bool) -> None:
        """While the body is scrolled down, keep only the headline, to give the text the height."""
        writing_title = self.headline.hasFocus() or self.dek.hasFocus()
        compact = on and not writing_title
        self.dek.setVisible(not compact)
        self.headline_count.setVisible(not compact)
        self.dek_count.setVisible(not compact)

    def set_side_margins(self, side: int) -> None:
        """Line the title up with the body's column."""
        self.layout_.setContentsMargins(side, 14, side, 4)


class CollapsibleSection(QWidget):
    """A titled group of fields that folds away with a click on its title."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(text=title, checkable=True, checked=True)
        self.toggle.setObjectName("sectionToggle")
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setContentsMargins(8, 0, 4, 8)
        self.form.setVerticalSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self.set_open)

    def set_open(self, on: bool) -> None:
        self.toggle.setChecked(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.body.setVisible(on)

    def is_open(self) -> bool:
        return self.toggle.isChecked()


class MetadataPanel(QScrollArea):
    """The article's fields: the title block for the page, and Details in collapsible sections.

    Headline and dek live in ``title`` (placed by the desk above the text);
    the rest are grouped as Publishing, Byline, Lead photo, SEO and Readability.
    """

    changed = Signal(str)
    choose_lead_photo = Signal()
    publish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(250)
        self._loading = False
        self._slug_preview: Callable[[str], str] = lambda text: text
        self.limits = {"headline": LENGTH_HINTS["headline"], "dek": 220}
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(8, 6, 8, 10)
        column.setSpacing(4)

        self.title = TitleBlock()
        self.headline = self.title.headline
        self.dek = self.title.dek
        self.headline_count = self.title.headline_count
        self.dek_count = self.title.dek_count

        self.sections: dict[str, CollapsibleSection] = {}
        publishing = self._section("Publishing", column)
        # The working statuses only: publishing is the Publish button's decision, never a pick in this box.
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self._published_item().setFlags(self._published_item().flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setToolTip("Check the article and publish it (Ctrl+Shift+Return)")
        self.publish_button.clicked.connect(self.publish_requested)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.publish_button)
        publishing.form.addRow("Status", status_row)
        self.publication = QLabel()
        self.publication.setObjectName("hint")
        self.publication.setWordWrap(True)
        # Room for two lines from the start: a wrapped label that grows later is clipped by the form.
        self.publication.setMinimumHeight(self.publication.fontMetrics().lineSpacing() * 2 + 2)
        publishing.form.addRow(self.publication)
        self._published_at: datetime | None = None
        self.section = QComboBox()
        publishing.form.addRow("Section", self.section)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Comma-separated, e.g. Kyiv, energy")
        publishing.form.addRow("Tags", self.tags)
        self.word_target = QSpinBox()
        self.word_target.setRange(0, 100_000)
        self.word_target.setSingleStep(50)
        self.word_target.setSpecialValueText("No target")
        self.word_target.setSuffix(" words")
        self.word_target.setToolTip("The length the assignment asked for; the status bar shows progress")
        publishing.form.addRow("Word target", self.word_target)
        self.slug = QLineEdit()
        self.slug.setPlaceholderText("made from the headline")
        self.slug_hint = _count_label()
        self.slug_hint.setWordWrap(True)
        publishing.form.addRow("Slug (web address)", self.slug)
        publishing.form.addRow(self.slug_hint)

        byline = self._section("Byline", column)
        self.byline = BylineEditor()
        byline.form.addRow(self.byline)

        lead = self._section("Lead photo", column)
        self.lead_thumb = QLabel("No lead photo")
        self.lead_thumb.setObjectName("leadThumb")
        self.lead_thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lead_thumb.setMinimumHeight(90)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_lead_photo)
        self.remove_lead = QPushButton("Remove")
        self.remove_lead.clicked.connect(lambda: self.set_lead_photo(None, None))
        lead_buttons = QHBoxLayout()
        lead_buttons.addWidget(choose)
        lead_buttons.addWidget(self.remove_lead)
        lead_buttons.addStretch(1)
        lead.form.addRow(self.lead_thumb)
        lead.form.addRow(lead_buttons)
        self.feature_caption = ShortTextEdit(2)
        self.feature_caption.setPlaceholderText("Photo's own caption")
        lead.form.addRow("Caption for this article", self.feature_caption)
        self.feature_alt = QLineEdit()
        self.feature_alt.setPlaceholderText("Photo's own alt text")
        lead.form.addRow("Alt text for this article", self.feature_alt)
        self._feature_photo_id: int | None = None

        seo = self._section("SEO", column)
        self.seo_title = QLineEdit()
        self.seo_title.setPlaceholderText("Defaults to the headline")
        self.seo_title_count = _count_label()
        seo.form.addRow(self._label("SEO title", self.seo_title_count), self.seo_title)
        self.seo_description = ShortTextEdit(3)
        self.seo_description.setPlaceholderText("Defaults to the dek")
        self.seo_description_count = _count_label()
        seo.form.addRow(self._label("SEO description", self.seo_description_count), self.seo_description)

        reading = self._section("Readability", column)
        self.readability = QLabel("")
        self.readability.setObjectName("readability")
        self.readability.setWordWrap(True)
        self.readability.setTextFormat(Qt.TextFormat.PlainText)
        reading.form.addRow(self.readability)
        column.addStretch(1)
        self.setWidget(body)

        texts = {
            "headline": self.headline,
            "dek": self.dek,
            "seo_description": self.seo_description,
            "feature_caption": self.feature_caption,
        }
        for name, widget in texts.items():
            widget.textChanged.connect(lambda name=name: self._emit(name))
        lines = {"tags": self.tags, "slug": self.slug, "seo_title": self.seo_title, "feature_alt": self.feature_alt}
        for name, widget in lines.items():
            widget.textChanged.connect(lambda _t, name=name: self._emit(name))
        self.section.currentIndexChanged.connect(lambda _i: self._emit("section_id"))
        self.status.currentIndexChanged.connect(lambda _i: self._emit("status"))
        self.byline.changed.connect(lambda: self._emit("author_ids"))
        self.word_target.valueChanged.connect(lambda _v: self._emit("word_target"))

    def _section(self, title: str, column: QVBoxLayout) -> CollapsibleSection:
        section = CollapsibleSection(title)
        column.addWidget(section)
        self.sections[title] = section
        return section

    def set_limits(self, headline: int, dek: int) -> None:
        """The house's headline and dek lengths (Preferences), shown against what is typed."""
        self.limits = {"headline": headline, "dek": dek}
        self._update_hints()

    def show_readability(self, figure: Readability) -> None:
        if not figure.sentences:
            self.readability.setText("No sentences yet.")
            return
        noun = "sentence" if figure.sentences == 1 else "sentences"
        lines = [f"{figure.sentences} {noun}, {figure.average_words:.1f} words on average.", "Longest:"]
        lines += [f"• {words} words: “{trim_text(text, 90)}”" for words, text in figure.longest]
        self.readability.setText("\n".join(lines))

    @staticmethod
    def _label(text: str, count: QLabel) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(text))
        row.addStretch(1)
        row.addWidget(count)
        return box

    def _published_item(self) -> QStandardItem:
        model = self.status.model()
        assert isinstance(model, QStandardItemModel)
        return model.item(self.status.findData(Status.PUBLISHED.value))

    def set_publication(self, status: str, published_at: datetime | None) -> None:
        """Status and publication time as the file holds them (loaded, or just written by a publishing verb)."""
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self._published_at = published_at
        self._show_publication(status, published_at)

    def _show_publication(self, status: str, published_at: datetime | None) -> None:
        """The article's publishing state: the box locked on "Published" or "Scheduled" while it is out.

        Only the publishing verbs change a published article's state; the
        box offers the working statuses of an article not yet out.
        """
        published = status == Status.PUBLISHED
        scheduled = is_scheduled(status, published_at, now_utc())
        self._published_item().setText("Scheduled" if scheduled else STATUS_LABELS[Status.PUBLISHED.value])
        self.status.setEnabled(not published)
        self.publish_button.setText("Update…" if published and not scheduled else "Publish…")
        self.publication.setText(
            article_status_label(status, published_at) if published else "Not published: the Publish button checks and publishes it"
        )

    def _emit(self, name: str) -> None:
        self._update_hints()
        if not self._loading:
            self.changed.emit(name)

    # -- filling and reading ------------------------------------------------

    def set_choices(self, sections: Sequence[tuple[int, str]], authors: Sequence[tuple[int, str]]) -> None:
        self._loading = True
        self.section.clear()
        self.section.addItem("No section", None)
        for section_id, name in sections:
            self.section.addItem(name, section_id)
        self.byline.set_choices(authors)
        self._loading = False

    def set_slug_preview(self, preview: Callable[[str], str]) -> None:
        """How a typed slug will be saved (transliterated, made safe)."""
        self._slug_preview = preview

    def load(self, values: dict[str, Any], lead_thumbnail: bytes | None = None) -> None:
        self._loading = True
        try:
            self.headline.setPlainText(values["headline"])
            self.dek.setPlainText(values["dek"])
            index = self.section.findData(values["section_id"])
            self.section.setCurrentIndex(max(index, 0))
            self.set_publication(values["status"], values["published_at"])
            self.byline.set_ids(values["author_ids"])
            self.tags.setText(", ".join(values["tags"]))
            self.slug.setText(values["slug"])
            self.seo_title.setText(values["seo_title"])
            self.seo_description.setPlainText(values["seo_description"])
            self.feature_caption.setPlainText(values["feature_caption"])
            self.feature_alt.setText(values["feature_alt"])
            self.word_target.setValue(int(values.get("word_target") or 0))
            self.set_lead_photo(values["feature_photo_id"], lead_thumbnail)
        finally:
            self._loading = False
        self._update_hints()

    def values(self) -> dict[str, Any]:
        return {
            "headline": " ".join(self.headline.toPlainText().split()),
            "dek": self.dek.toPlainText().strip(),
            "section_id": self.section.currentData(),
            "status": self.status.currentData(),
            "published_at": self._published_at,
            "author_ids": self.byline.ids(),
            "tags": parse_tags(self.tags.text()),
            "slug": self.slug.text().strip(),
            "seo_title": self.seo_title.text().strip(),
            "seo_description": self.seo_description.toPlainText().strip(),
            "feature_photo_id": self._feature_photo_id,
            "feature_caption": self.feature_caption.toPlainText().strip(),
            "feature_alt": self.feature_alt.text().strip(),
            "word_target": self.word_target.value(),
        }

    def set_lead_photo(self, photo_id: int | None, thumbnail: bytes | None) -> None:
        changed = photo_id != self._feature_photo_id
        self._feature_photo_id = photo_id
        if photo_id is None:
            self.lead_thumb.setPixmap(QPixmap())
            self.lead_thumb.setText("No lead photo")
        else:
            pixmap = QPixmap()
            if thumbnail:
                pixmap.loadFromData(thumbnail)
            if pixmap.isNull():
                self.lead_thumb.setText(f"Photo {photo_id}")
            else:
                self.lead_thumb.setPixmap(
                    pixmap.scaled(240, 135, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
                )
        self.remove_lead.setEnabled(photo_id is not None)
        if changed:
            self._emit("feature_photo_id")

    def show_slug_error(self, message: str) -> None:
        self.slug_hint.setText(message)
        self.slug_hint.setProperty("error", True)
        self.slug_hint.style().polish(self.slug_hint)

    def _update_hints(self) -> None:
        headline = " ".join(self.headline.toPlainText().split())
        self._limit_note(self.headline_count, "headline", headline)
        self._limit_note(self.dek_count, "dek", self.dek.toPlainText().strip())
        self.seo_title_count.setText(length_note("seo_title", self.seo_title.text()))
        self.seo_description_count.setText(length_note("seo_description", self.seo_description.toPlainText()))
        typed = self.slug.text().strip()
        saved = self._slug_preview(typed or headline)
        if not typed:
            self.slug_hint.setText(f"Will be: {saved}")
        elif saved != typed:
            self.slug_hint.setText(f"Will be saved as: {saved}")
        else:
            self.slug_hint.setText("")
        self.slug_hint.setProperty("error", False)

    def _limit_note(self, label: QLabel, field: str, text: str) -> None:
        limit = self.limits[field]
        label.setText(f"{'Headline' if field == 'headline' else 'Dek'} {length_note(field, text, limit)}")
        over = len(text) > limit
        if label.property("error") != over:
            label.setProperty("error", over)
            label.style().polish(label)

    def set_read_only(self, on: bool) -> None:
        self.widget().setEnabled(not on)
        self.title.setEnabled(not on)
