"""Compare: two to four frames side by side, as large as the screen allows, or pixel for pixel.

The originals are decoded at full size on the job runner (never on the
UI thread). "Fit" shows each whole frame in its pane; "100%" shows every
pixel, and the panes scroll together so the same detail (eyes in focus, a
sign's lettering) is compared across frames. The culling keys work here
too, on the frame under the mouse or the last one clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.photos import original_bytes
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.photo_queries import PhotoFields
from workstation.ui.decoded_images import decoded_image
from workstation.ui.jobs import Job, runner
from workstation.ui.photo_desk.culling import key_change, marks_text

MIN_FRAMES, MAX_FRAMES = 2, 4


def decode_full(data: bytes) -> QImage:
    """The original at full size, turned upright by its EXIF orientation (runs as a job)."""
    return decoded_image(data, upright=True)


def _load(library: Library, photo_id: int, job: Job) -> tuple[int, QImage, PhotoFields] | str:
    """One frame's original, decoded (runs as a job; not decoded once cancelled)."""
    try:
        data, fields = original_bytes(library, photo_id)
    except WorkstationError as exc:
        return str(exc)
    if job.cancelled():
        return "cancelled"
    return photo_id, decode_full(data), fields


class ComparePane(QFrame):
    """One frame: its picture (fitted or 1:1) and its name and marks."""

    def __init__(self, photo_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo_id = photo_id
        self.image = QImage()
        self.actual_size = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # A neutral grey, as the grid's frames: colours are judged against no tint of the theme.
        self.scroll.viewport().setStyleSheet("background: #2b2b2b; color: #cccccc;")
        self.picture = QLabel("Loading…")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.caption)

    def set_active(self, on: bool) -> None:
        """Outline the frame the culling keys act on."""
        self.setStyleSheet("ComparePane { border: 2px solid palette(highlight); }" if on else "")

    def set_loaded(self, image: QImage, fields: PhotoFields) -> None:
        self.image = image
        self.show_fields(fields)
        self.redraw()

    def show_fields(self, fields: PhotoFields) -> None:
        self.caption.setText(f"{fields.original_filename}  {marks_text(fields.rating, fields.label, fields.pick)}")

    def set_actual_size(self, on: bool) -> None:
        self.actual_size = on
        self.scroll.setWidgetResizable(not on)
        self.redraw()

    def redraw(self) -> None:
        if self.image.isNull():
            return
        if self.actual_size:
            self.picture.setPixmap(QPixmap.fromImage(self.image))
            self.picture.adjustSize()
            return
        area = self.scroll.viewport().size()
        scaled = self.image.scaled(area, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.actual_size:
            self.redraw()


class CompareDialog(QDialog):
    """Two to four selected photos side by side."""

    marks_requested = Signal(list, object)

    def __init__(
        self,
        library: Library,
        photo_ids: Sequence[int],
        current_marks: Callable[[int], tuple[int, str, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        ids = list(photo_ids)[:MAX_FRAMES]
        self._library = library
        self._current_marks = current_marks
        self._syncing = False
        self.setWindowTitle(f"Compare {len(ids)} photos")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.size_button = QPushButton("100%")
        self.size_button.setCheckable(True)
        self.size_button.setToolTip("Show every pixel (Z); the frames scroll together")
        self.size_button.toggled.connect(self._set_actual_size)
        hint = QLabel("0–5 stars · 6–9 labels · P pick · X reject, on the frame under the mouse")
        hint.setStyleSheet("color: palette(placeholder-text);")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        bar.addWidget(self.size_button)
        bar.addWidget(hint, 1)
        bar.addWidget(close)
        layout.addLayout(bar)
        row = QHBoxLayout()
        self.panes = [ComparePane(photo_id) for photo_id in ids]
        self.active = self.panes[0] if self.panes else None
        for pane in self.panes:
            row.addWidget(pane, 1)
            pane.installEventFilter(self)
            pane.scroll.viewport().installEventFilter(self)
            for bar_ in (pane.scroll.horizontalScrollBar(), pane.scroll.verticalScrollBar()):
                bar_.valueChanged.connect(lambda _v, p=pane: self._sync_from(p))
            self._start(pane)
        layout.addLayout(row, 1)
        if self.panes:
            self.activate(self.panes[0])

    def _start(self, pane: ComparePane) -> None:
        library, photo_id = self._library, pane.photo_id
        runner().start(lambda job: _load(library, photo_id, job), on_done=self._loaded, owner=self, name="compare image")

    def _loaded(self, result: tuple[int, QImage, PhotoFields] | str) -> None:
        if isinstance(result, str):
            return
        photo_id, image, fields = result
        for pane in self.panes:
            if pane.photo_id == photo_id:
                pane.set_loaded(image, fields)

    def wait_for_images(self, msecs: int = 10_000) -> bool:
        """Block until the frames are read and decoded (for tests)."""
        return runner().wait(msecs, owner=self)

    def _set_actual_size(self, on: bool) -> None:
        for pane in self.panes:
            pane.set_actual_size(on)

    def _sync_from(self, source: ComparePane) -> None:
        """Scroll the other panes to the same place, as a fraction of each picture."""
        if self._syncing or not self.size_button.isChecked():
            return
        self._syncing = True
        try:
            for axis in ("horizontalScrollBar", "verticalScrollBar"):
                bar = getattr(source.scroll, axis)()
                fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
                for pane in self.panes:
                    if pane is not source:
                        other = getattr(pane.scroll, axis)()
                        other.setValue(round(fraction * other.maximum()))
        finally:
            self._syncing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Enter, QEvent.Type.MouseButtonPress):
            for pane in self.panes:
                if watched is pane or watched is pane.scroll.viewport():
                    self.activate(pane)
        return super().eventFilter(watched, event)

    def activate(self, pane: ComparePane) -> None:
        """Make ``pane`` the one the culling keys act on."""
        self.active = pane
        for other in self.panes:
            other.set_active(other is pane)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Z and not event.modifiers():
            self.size_button.toggle()
            return
        if self.active is not None:
            change = key_change(event.key(), event.modifiers(), self._current_marks(self.active.photo_id))
            if change is not None:
                self.marks_requested.emit([self.active.photo_id], change)
                return
        super().keyPressEvent(event)

    def show_marks(self, photo_id: int, fields: PhotoFields) -> None:
        """After the desk stored new marks: show them under the frame."""
        for pane in self.panes:
            if pane.photo_id == photo_id:
                pane.show_fields(fields)
