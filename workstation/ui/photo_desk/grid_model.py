"""The thumbnail grid's model: ids in SQL order, everything else fetched lazily.

The model holds only the sorted ids, packed in an array: SQLite hands a
decade's 300,000 over in one step, so the job reading them barely holds the
interpreter lock the painting UI thread needs. A large library is listed by
a job on the runner and the grid keeps showing its last listing until the
new one is in (``listed``); a small one is listed at once. Each row's photo
is found by id through an index of the rows shown so far, grown as they
are (building one of all 300,000 would hold the lock for tens of
milliseconds at every listing). Rows are
exposed to the view a page at a time (``canFetchMore``/``fetchMore``) so
the view never lays out more than has been scrolled to; captions and
thumbnails are read a page at a time by a job on the runner (thumbnails
decoded there too, and kept in a small LRU cache), so scrolling and
repainting never wait on SQLite or JPEG.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage

from workstation.editing.photos import grid_ids, grid_page, grid_size_bound
from workstation.library.database import Library
from workstation.library.photo_queries import PhotoFilter, PhotoSummary
from workstation.ui.after_paint import after_paint
from workstation.ui.decoded_images import decoded_image
from workstation.ui.jobs import Job, runner

PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
THUMB_SIZE = QSize(176, 132)
# Rows handed to the view per fetchMore.
PAGE = 240
# Captions and flags read per query, around the first row that lacks them.
SUMMARY_PAGE = 120
# Decoded thumbnails kept; a screenful is ~40, so this covers long scrolls back.
CACHE_SIZE = 1_200
# A library with at most this many photos is listed on the UI thread, within a frame; a larger one on the runner.
LIST_AT_ONCE = 5_000

AnyIndex = QModelIndex | QPersistentModelIndex


def decode_thumbnail(data: bytes) -> QImage:
    """The stored thumbnail decoded straight at grid size (the JPEG decoder scales as it decodes; runs as a job)."""
    return decoded_image(data, fit=(THUMB_SIZE.width(), THUMB_SIZE.height()))


def _read_page(
    library: Library, summary_ids: list[int], image_ids: list[int], job: Job
) -> tuple[dict[int, PhotoSummary], dict[int, QImage]]:
    """Captions and decoded thumbnails for a batch of rows (runs as a job; stops decoding once cancelled)."""
    summaries, blobs = grid_page(library, summary_ids, image_ids)
    images: dict[int, QImage] = {}
    for photo_id in image_ids:
        if job.cancelled():
            break
        images[photo_id] = decode_thumbnail(blobs.get(photo_id, b""))
    return summaries, images


def _listing(library: Library, flt: PhotoFilter, indexed: int) -> tuple[array[int], dict[int, int]]:
    """The ids ``flt`` lists, and the rows of the first ``indexed`` of them (runs as a job for a large library)."""
    ids = grid_ids(library, flt)
    return ids, dict(zip(ids[:indexed], range(indexed)))


class PhotoGridModel(QAbstractListModel):
    """One row per photo the current filter selects.

    ``listed`` is sent each time a new listing is in, ``listing_failed``
    with the error when reading one failed.
    """

    listed = Signal()
    listing_failed = Signal(object)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._filter = PhotoFilter()
        self._ids: array[int] = array("q")
        # The row of each of the first len(_rows) ids; at least the exposed ones.
        self._rows: dict[int, int] = {}
        self._exposed = 0
        self._summaries: dict[int, PhotoSummary] = {}
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._pending: set[int] = set()
        self._queue: list[int] = []
        self._summary_pending: set[int] = set()
        self._summary_queue: list[int] = []
        # Counts forgets; a page read started before a photo was last forgotten carries stale captions for it.
        self._generation = 0
        self._forgotten: dict[int, int] = {}
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._start_job)
        # Counts listings; an answer overtaken by a newer listing is dropped.
        self._listing = 0
        self._listing_job: Job | None = None
        self._from_start = False
        self._discarded: list[tuple[array[int], dict[int, int]]] = []

    def set_filter(self, flt: PhotoFilter) -> None:
        """List what ``flt`` selects, from its start: only the first page becomes rows again."""
        self._filter = flt
        self._from_start = True
        self.refresh()

    def refresh(self) -> None:
        """Re-read the id list (after imports or edits); cached pictures are kept.

        A small library's listing is in when this returns; a large one's is
        read by a job, and ``listed`` says when it is in.
        """
        self._listing += 1
        listing, library, flt = self._listing, self._library, self._filter
        indexed = PAGE if self._from_start else max(self._exposed, PAGE)
        if grid_size_bound(library) <= LIST_AT_ONCE:
            self._listing_job = None
            self._listed(listing, *_listing(library, flt, indexed))
            return
        self._listing_job = runner().start(
            lambda _job: _listing(library, flt, indexed),
            on_done=lambda result: self._listed(listing, *result),
            on_error=lambda exc: self._listing_failed(listing, exc),
            owner=self,
            name="photo grid listing",
        )

    def listing(self) -> bool:
        """Whether a listing is being read (the rows shown are the last one's)."""
        return self._listing_job is not None

    def _listed(self, listing: int, ids: array[int], rows: dict[int, int]) -> None:
        if listing != self._listing:
            return
        self._listing_job = None
        # Freeing a row index of a decade's photos (after Select All) takes tens of milliseconds: done after the new rows are painted.
        self._discarded.append((self._ids, self._rows))
        after_paint(self, self._discarded.clear)
        self.beginResetModel()
        self._ids = ids
        self._rows = rows
        # A refresh keeps the rows scrolled to; a new filter's listing starts again at its first page.
        self._exposed = min(len(ids), PAGE if self._from_start else max(self._exposed, PAGE))
        self._from_start = False
        self._index_to(self._exposed)
        self.endResetModel()
        self.listed.emit()

    def _listing_failed(self, listing: int, exc: BaseException) -> None:
        if listing == self._listing:
            self._listing_job = None
            self.listing_failed.emit(exc)

    def forget(self, ids: Sequence[int]) -> None:
        """Drop cached captions of edited photos so the grid re-reads them."""
        self._generation += 1
        for photo_id in ids:
            self._forgotten[photo_id] = self._generation
            self._summaries.pop(photo_id, None)
            self._summary_pending.discard(photo_id)
            row = self._rows.get(photo_id)
            if row is not None and row < self._exposed:
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def total(self) -> int:
        return len(self._ids)

    def row_of(self, photo_id: int) -> int | None:
        """The row of ``photo_id`` in the listing (exposed or not); None if it is not listed.

        A photo beyond the rows indexed so far indexes the rest of the
        listing at once: selections reaching that deep (an import's photos,
        Select All) ask for many, and one pass beats a scan for each.
        """
        if photo_id not in self._rows:
            self._index_to(len(self._ids))
        return self._rows.get(photo_id)

    def _index_to(self, count: int) -> None:
        """Index the rows of the first ``count`` ids (a page at a time as rows are exposed)."""
        start = len(self._rows)
        if count > start:
            self._rows.update(zip(self._ids[start:count], range(start, count)))

    def ensure_exposed(self, row: int) -> None:
        while self._exposed <= row and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def expose_all(self) -> None:
        """Make every listed photo a row: Select All must reach the photos not yet scrolled to."""
        if self._exposed < len(self._ids):
            self.beginInsertRows(QModelIndex(), self._exposed, len(self._ids) - 1)
            self._exposed = len(self._ids)
            self._index_to(self._exposed)
            self.endInsertRows()

    def photo_id(self, row: int) -> int:
        return self._ids[row]

    # Typed accessors for the delegate: calling the model's own Python
    # methods skips the QVariant round trip of ``QModelIndex.data``.

    def image_at(self, row: int) -> QImage | None:
        return self._image(self._ids[row]) if 0 <= row < self._exposed else None

    def summary_of(self, photo_id: int) -> PhotoSummary | None:
        """The cached caption, flags and marks of ``photo_id`` (None until read)."""
        return self._summaries.get(photo_id)

    def summary_at(self, row: int) -> PhotoSummary | None:
        return self._summary(row) if 0 <= row < self._exposed else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._exposed

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._exposed < len(self._ids)

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        count = min(PAGE, len(self._ids) - self._exposed)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._exposed, self._exposed + count - 1)
        self._exposed += count
        self._index_to(self._exposed)
        self.endInsertRows()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._exposed:
            return None
        photo_id = self._ids[index.row()]
        if role == PHOTO_ID_ROLE:
            return photo_id
        if role == Qt.ItemDataRole.DecorationRole:
            return self._image(photo_id)
        if role not in (
            SUMMARY_ROLE,
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        summary = self._summary(index.row())
        if summary is None:
            return None
        if role == SUMMARY_ROLE:
            return summary
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.caption or summary.filename
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{summary.filename}\n{summary.caption}"
                if summary.caption
                else summary.filename
            )
        return None

    def _summary(self, row: int) -> PhotoSummary | None:
        """The cached caption and flags of ``row``; missing ones are read on the pool, a page at a time."""
        photo_id = self._ids[row]
        summary = self._summaries.get(photo_id)
        if summary is None and photo_id not in self._summary_pending:
            start = row - row % SUMMARY_PAGE
            wanted = [
                i
                for i in self._ids[start : start + SUMMARY_PAGE]
                if i not in self._summaries and i not in self._summary_pending
            ]
            self._summary_pending.update(wanted)
            self._summary_queue.extend(wanted)
            self._flush.start()
        return summary

    def _image(self, photo_id: int) -> QImage | None:
        image = self._images.get(photo_id)
        if image is not None:
            self._images.move_to_end(photo_id)
            return image
        if photo_id not in self._pending:
            self._pending.add(photo_id)
            self._queue.append(photo_id)
            self._flush.start()
        return None

    def _start_job(self) -> None:
        if not self._queue and not self._summary_queue:
            return
        images, self._queue = self._queue, []
        summaries, self._summary_queue = self._summary_queue, []
        library, generation = self._library, self._generation
        runner().start(
            lambda job: _read_page(library, summaries, images, job),
            on_done=lambda result: self._on_loaded(*result, generation=generation),
            owner=self,
            name="photo grid page",
        )

    def _on_loaded(
        self, summaries: dict[int, PhotoSummary], images: dict[int, QImage], generation: int = 0
    ) -> None:
        stale = [i for i in summaries if self._forgotten.get(i, 0) > generation]
        summaries = {i: summary for i, summary in summaries.items() if i not in stale}
        self._summary_pending.difference_update(summaries)
        self._summaries.update(summaries)
        for photo_id, image in images.items():
            self._pending.discard(photo_id)
            self._images[photo_id] = image
            self._images.move_to_end(photo_id)
        while len(self._images) > CACHE_SIZE:
            self._images.popitem(last=False)
        changed = [
            r
            for r in (self._rows.get(i) for i in (*summaries, *images))
            if r is not None and r < self._exposed
        ]
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))

    def wait_for_thumbnails(self, msecs: int = 5_000) -> bool:
        """Block until the grid's listing, caption and thumbnail reads finish (for tests)."""
        self._start_job()
        return runner().wait(msecs, owner=self)
