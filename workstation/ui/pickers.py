"""Pickers the editor's Insert commands open: a photo, a related article, a video."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.content.reading import trim_text
from workstation.editing.choices import photo_choices, related_articles
from workstation.editing.photos import thumbnail
from workstation.library.database import Library
from workstation.ui.choice_list_model import Choice, ChoiceListModel
from workstation.ui.decoded_images import decoded_image
from workstation.ui.jobs import run_in_background

PICKER_LIMIT = 300
HINT_VIDEO = "The page shows a still until the reader clicks; nothing loads before that."
HINT_NOT_LIVE = "Not on the site: the card shows readers a missing article until it is published"


class _SearchPicker(QDialog):
    """A search box over a list; the list is refilled shortly after typing stops.

    The search runs on a worker (in a decade's archive it reads hundreds of
    rows and thumbnails), and so does making each row's label, so typing
    never waits for it; an answer overtaken by newer typing is dropped.
    ``refilled`` is sent once the list shows an answer.
    """

    refilled = Signal()

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.search = QLineEdit(placeholderText=prompt)
        self.search.setClearButtonEnabled(True)
        self.model = ChoiceListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        # Every row is one line (a photo picker's, one grid cell): the view measures one, not hundreds, per answer.
        self.list.setUniformItemSizes(True)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Insert")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refill)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.list.doubleClicked.connect(lambda _i: self.accept())
        self.list.selectionModel().currentChanged.connect(lambda current, _p: self.ok.setEnabled(current.isValid()))
        self.ok.setEnabled(False)
        self.search.installEventFilter(self)
        self._generation = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up and Down in the search box move through the results, so a picker never needs the mouse."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        ):
            QApplication.sendEvent(self.list, event)
            return True
        return super().eventFilter(watched, event)

    def refill(self) -> None:
        self._generation += 1
        generation, text = self._generation, self.search.text()
        run_in_background(
            lambda: self._found(text),
            lambda found: self._answered(generation, found),
            lambda exc: self._answered(generation, exc),
            owner=self,
        )

    def _answered(self, generation: int, found: Any) -> None:
        if generation != self._generation:
            return
        if isinstance(found, BaseException):
            self.model.set_choices([])
            self.select_row(-1)
            self.empty.setText(f"The search failed: {found}")
        else:
            self._fill(found)
        self.refilled.emit()

    def _found(self, text: str) -> Any:
        """What ``text`` finds, read on a worker (no widgets here)."""
        raise AssertionError("subclasses search")

    def _fill(self, found: Any) -> None:
        raise AssertionError("subclasses fill the list")

    def _show_results(self, empty_text: str) -> None:
        """Selects the first result, so Enter after typing a search inserts the best match."""
        self.select_row(0)
        self.empty.setText("" if self.model.rowCount() else empty_text)

    def select_row(self, row: int) -> None:
        """Make ``row`` the current result (-1 or a row past the end: none)."""
        self.list.setCurrentIndex(self.model.index(row) if 0 <= row < self.model.rowCount() else QModelIndex())
        # A new list clears the current row without a signal: say here whether there is one to insert.
        self.ok.setEnabled(self.list.currentIndex().isValid())

    def chosen(self) -> object:
        index = self.list.currentIndex()
        return self.model.value(index.row()) if index.isValid() else None


class PhotoPicker(_SearchPicker):
    """Thumbnails of the library's photos, searchable by caption, credit and creator.

    The editor inserts the choice as a figure; the author desk crops it into an avatar.
    """

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        title: str = "Insert photo",
        action: str = "Insert",
    ) -> None:
        super().__init__(title, "Search captions, credits, photographers", parent)
        self.ok.setText(action)
        self.library = library
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(160, 120))
        self.list.setGridSize(QSize(184, 170))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.resize(860, 600)
        self.refill()

    def _found(self, text: str) -> list[Choice]:
        # Decoded here, without Qt's decoders (see photos.pixels); a QPixmap may not be made off the UI thread.
        return [
            Choice(
                photo.id,
                trim_text(photo.caption or photo.filename or f"Photo {photo.id}", 60),
                photo.caption or photo.filename,
                decoded_image(photo.thumbnail) if photo.thumbnail is not None else None,
            )
            for photo in photo_choices(self.library, text, PICKER_LIMIT)
        ]

    def _fill(self, found: list[Choice]) -> None:
        self.model.set_choices(found)
        self._show_results("No photos match. Import photos on the photo desk first.")


class ArticlePicker(_SearchPicker):
    """Other articles, searchable by their text, for a related-article card."""

    def __init__(self, library: Library, exclude_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Insert related article", "Search headlines and text", parent)
        self.library = library
        self.exclude_id = exclude_id
        self._drafts: set[str] = set()
        self.empty.setWordWrap(True)
        self.resize(560, 480)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._note_choice())
        self.refill()

    def _found(self, text: str) -> tuple[list[Choice], set[str]]:
        """The rows, labelled, and the slugs of those not on the site."""
        rows = related_articles(self.library, text, self.exclude_id, PICKER_LIMIT)
        return [
            Choice(row.slug, f"{row.headline or row.slug}   ·   {row.state_label}", "" if row.live else HINT_NOT_LIVE)
            for row in rows
        ], {row.slug for row in rows if not row.live}

    def _fill(self, found: tuple[list[Choice], set[str]]) -> None:
        choices, self._drafts = found
        self.model.set_choices(choices)
        # Never preselect an article that is not on the site; the first live one, if any.
        self.select_row(next((i for i, choice in enumerate(choices) if choice.value not in self._drafts), -1))
        self.empty.setText("" if choices else "No other article matches.")
        self._note_choice()

    def _note_choice(self) -> None:
        """Say so when the chosen article is not on the site."""
        slug = self.chosen()
        if slug is not None and slug in self._drafts:
            self.empty.setText("This article is not published: its card shows readers a missing article "
                               "until it is. Publishing this one is blocked until then.")
        elif self.model.rowCount():
            self.empty.setText("")


class VideoDialog(QDialog):
    """Asks for a YouTube or Vimeo address (refusing anything else), a title, and optionally a poster photo."""

    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from workstation.content.video import video_embed

        self._parse = video_embed
        self.library = library
        self.poster_id = 0
        self.setWindowTitle("Insert video")
        self.url = QLineEdit(placeholderText="https://www.youtube.com/watch?v=… or https://vimeo.com/…")
        self.title = QLineEdit(placeholderText="What the video shows, e.g. The embankment from the air")
        self.message = QLabel(HINT_VIDEO)
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.poster = QLabel()
        self.poster.setFixedSize(96, 54)
        self.poster.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.poster_note = QLabel("No poster: the card draws a play button")
        self.poster_note.setObjectName("hint")
        choose = QPushButton("Choose poster…")
        choose.clicked.connect(self.choose_poster)
        choose.setEnabled(library is not None)
        self.clear_poster = QPushButton("No poster")
        self.clear_poster.clicked.connect(lambda: self.set_poster(0))
        self.clear_poster.setEnabled(False)
        poster_row = QHBoxLayout()
        poster_row.addWidget(self.poster)
        poster_row.addWidget(self.poster_note, 1)
        poster_row.addWidget(choose)
        poster_row.addWidget(self.clear_poster)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Insert")
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Video address"))
        layout.addWidget(self.url)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("Title (shown on the card)"))
        layout.addWidget(self.title)
        layout.addWidget(QLabel("Poster photo (optional)"))
        layout.addLayout(poster_row)
        layout.addWidget(buttons)
        self.resize(560, 300)
        self.url.textChanged.connect(self._validate)

    def _validate(self, text: str) -> None:
        ok = bool(text.strip()) and self._parse(text.strip()) is not None
        self.ok.setEnabled(ok)
        self.message.setText("Not a YouTube or Vimeo video address." if text.strip() and not ok else HINT_VIDEO)

    def choose_poster(self) -> None:
        if self.library is None:
            return
        picker = PhotoPicker(self.library, self, title="Choose the video's poster", action="Use as poster")
        if picker.exec() and picker.chosen() is not None:
            self.set_poster(int(picker.chosen()))

    def set_poster(self, photo_id: int) -> None:
        """Show ``photo_id``'s thumbnail as the poster (0: none, the card draws its own)."""
        self.poster_id = photo_id
        data = thumbnail(self.library, photo_id) if photo_id and self.library is not None else None
        pixmap = QPixmap()
        if data:
            pixmap.loadFromData(data)
        self.poster.setPixmap(pixmap.scaled(96, 54, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation) if data else QPixmap())
        self.poster_note.setText("The card shows this photo until the reader clicks" if photo_id
                                 else "No poster: the card draws a play button")
        self.clear_poster.setEnabled(bool(photo_id))

    def address(self) -> str:
        """The line to insert: the address, then the title and poster if given (``content.video.video_line``)."""
        from workstation.content.references import photo_ref
        from workstation.content.video import video_line_text

        poster = photo_ref(self.poster_id) if self.poster_id else ""
        return video_line_text(self.url.text().strip(), self.title.text(), poster)
