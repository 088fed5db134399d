"""Storing the files of an import in a library: one transaction per file.

``library.importer.import_paths`` finds the files and starts decoding the
images; this module stores them in the contract's order (authors, then
photos, then articles), so that bylines and figures find what they name.
It needs the ORM but not the article machinery, which
``library.import_markdown`` holds and which is loaded only when the
import has a Markdown file: a shoot is stored without it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from workstation.errors import ImageRefused, StorageFailed, WorkstationError
from workstation.library.database import CHECKPOINT_BYTES, Library
from workstation.library.import_report import ImportReport
from workstation.library.import_sources import ImportFiles
from workstation.library.ingest_templates import TemplateRun, add_ingested
from workstation.library.storage_errors import NO_SPACE, storage_problem
from workstation.photos.ingest import IngestedImage
from workstation.regular_files import printable, printable_name, real_path

# What one file of an import does inside its transaction.
Work = Callable[[Session, "Pending"], None]


# How the library's write-ahead log is moved into the file while an import runs (``Checkpointer``).
CHECKPOINT = "PRAGMA wal_checkpoint(PASSIVE)"
# Each page in the log is preceded by a header of this many bytes (SQLite's WAL format).
WAL_FRAME_HEADER = 24


class _StorageFull(Exception):
    """The library cannot take another byte: the rest of the batch is not tried."""


@dataclass
class Pending:
    """What one file's transaction added; it counts only once committed."""

    photo_ids: dict[Path, int] = field(default_factory=dict)
    created: list[int] = field(default_factory=list)
    # An image file of the batch: the photo it became, and whether that photo was already there.
    landed_photo: int | None = None
    duplicate: bool = False


class Importer:
    """One import's files stored one transaction each, and what landed, in ``report``."""

    def __init__(
        self, library: Library, report: ImportReport, files: ImportFiles, max_pixels: int,
        template: TemplateRun | None = None,
    ) -> None:
        self.library = library
        # The ingest template filled into each new photo, if one was chosen.
        self.template = template
        self.report = report
        self.files = files
        self.max_pixels = max_pixels
        # Photos already committed, by resolved path: an image named by ten articles is read once.
        self.photo_ids: dict[Path, int] = {}
        # Copies the log into the file beside the import, while ``store_files`` runs: asked after each
        # new photo (the import's bulk: 8 MB a camera JPEG), not after each article's few kilobytes.
        self.checkpointer: Checkpointer | None = None

    def run(self, path: Path, work: Work) -> None:
        """One file, one transaction; a refusal rolls back everything it did.

        Raises ``_StorageFull`` when the library has no room left: every
        later file would be refused for the same reason.
        """
        pending = Pending()
        try:
            with self.library.transaction() as session:
                work(session, pending)
        except StorageFailed as exc:
            self.report.refuse(path, exc.problem)
            if exc.problem == NO_SPACE:
                raise _StorageFull from None
            return
        except WorkstationError as exc:
            self.report.refuse(path, _reason(exc, path))
            return
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            problem = storage_problem(exc, self.library.path.parent if self.library.path else None)
            self.report.refuse(path, problem or f"could not be stored ({one_line(exc)})")
            if problem == NO_SPACE:
                raise _StorageFull from None
            return
        if self.checkpointer is not None and pending.created:
            self.checkpointer.committed()
        self.photo_ids.update(pending.photo_ids)
        self.report.photos.extend(pending.created)
        if pending.landed_photo is not None:
            self.report.photo_ids.append(pending.landed_photo)
            if pending.duplicate:
                self.report.duplicates.append((path, pending.landed_photo))
        self.report.landed += 1

    def store_image(self, session: Session, path: Path, image: IngestedImage | ImageRefused, pending: Pending) -> None:
        """A decoded image file of the batch, as a photo of its own."""
        if isinstance(image, ImageRefused):
            raise image
        if image.sidecar_warning:
            self.report.warn(path, image.sidecar_warning)
        if self.checkpointer is not None:
            # Waited for here, with the photo decoded: the copying has had the wait for the decoder to run
            # in, and the transaction's first statement, next, finds the log copied and starts it over.
            self.checkpointer.keep_up()
        photo, created = add_ingested(session, image, self.template)
        pending.photo_ids[real_path(path)] = photo.id
        pending.landed_photo = photo.id
        if created:
            pending.created.append(photo.id)
        else:
            pending.duplicate = True


class Checkpointer:
    """Moves the committed log into the library file on a thread of its own, while the next files are stored.

    A camera JPEG is a commit of 8 MB. Left to SQLite, every other commit
    would checkpoint (``database.CHECKPOINT_BYTES``) and wait, with the
    import's next photos behind it, for the file's pages to be written and
    synced. Here each new photo's commit asks for a passive checkpoint on
    another of the engine's connections, which copies what is committed
    without holding up the writer. SQLite starts the log over only in a
    transaction that begins with all of it copied; so once the log has
    grown past ``CHECKPOINT_BYTES``, or the copying has fallen two photos
    behind, the next photo waits (``keep_up``) for the copying in hand to
    finish, and the log stays within that and two photos. Durability is
    unchanged: a commit is in the log when it returns, as before, and a
    checkpoint cut short (a kill) leaves the log to be copied at the next
    open, as SQLite always does.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self._changed = threading.Condition()
        # Commits asked to be copied, and how many of them the last finished checkpoint covered.
        self._asked = 0
        self._copied = 0
        # The log's length in bytes as the last checkpoint found it (it starts over from nothing).
        self._log_bytes = 0
        self._ending = False
        self._thread = threading.Thread(target=self._run, name="checkpoint", daemon=True)

    def committed(self) -> None:
        """A commit landed: copy it (at once, or after the checkpoint in hand)."""
        with self._changed:
            self._asked += 1
            self._changed.notify_all()

    def keep_up(self) -> None:
        """Before a transaction: wait until all of the log is copied if it has grown past ``CHECKPOINT_BYTES``.

        Also if two commits are waiting to be copied: the thread has fallen
        behind (a slow disk), and the log's length it last found is stale.
        That transaction then starts the log over from its beginning.
        """
        with self._changed:
            if self._log_bytes >= CHECKPOINT_BYTES or self._asked - self._copied >= 2:
                self._changed.wait_for(lambda: self._copied >= self._asked)
                self._log_bytes = 0

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._asked > self._copied or self._ending)
                if self._ending:
                    return
                covering = self._asked
            log_bytes = 0
            try:
                log_bytes = self.checkpoint()
            except SQLAlchemyError:
                pass  # not copied now: SQLite's own checkpoint or the next one does it, and closing copies the rest
            finally:
                with self._changed:
                    self._copied = covering
                    self._log_bytes = log_bytes
                    self._changed.notify_all()

    def checkpoint(self) -> int:
        """Copy what is committed into the file now, without waiting on the writer; the log's length in bytes."""
        with self.library.engine.connect() as connection:
            page_size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
            _busy, log_frames, _copied = connection.exec_driver_sql(CHECKPOINT).one()
        return max(log_frames, 0) * (page_size + WAL_FRAME_HEADER)

    @contextmanager
    def running(self) -> Iterator[Checkpointer]:
        """The thread for the length of the block; it finishes the checkpoint in hand before the block ends."""
        self._thread.start()
        try:
            yield self
        finally:
            with self._changed:
                self._ending = True
                self._changed.notify_all()
            self._thread.join()


def _reason(exc: Exception, path: Path) -> str:
    """The refusal's message without a repeated file name (ingest names the file itself)."""
    message = one_line(exc)
    name = printable_name(path)
    return message[len(name) + 2:] if message.startswith(f"{name}: ") else message


def one_line(exc: BaseException) -> str:
    """The gist of an error in one line: a database error without its SQL, parameters and links."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    text = str(cause).strip().splitlines()
    return printable(text[0])[:300] if text else type(cause).__name__


def store_files(
    library: Library,
    files: ImportFiles,
    decoded: Iterator[tuple[Path, IngestedImage | ImageRefused]],
    report: ImportReport,
    run: TemplateRun | None,
    progress: Callable[[int, int, str], None] | None,
    cancel: Callable[[], bool] | None,
    max_pixels: int,
) -> ImportReport:
    """Store ``files``, the images among them as ``decoded`` yields them (every one of ``files.images``, in order).

    An image found to be an author's avatar is skipped: its decoded result
    is dropped unused. The caller closes ``decoded``.
    """
    importer = Importer(library, report, files, max_pixels, run)
    before: list[tuple[Path, Work]] = []
    after: list[tuple[Path, Work]] = []
    images = files.images
    if files.markdown:
        # Loaded only for Markdown: a shoot of photos never pays for the article machinery.
        from workstation.library.import_markdown import MarkdownImport

        markdown = MarkdownImport(importer)
        images = markdown.images_without_avatars(images)
        before, after = markdown.author_steps(), markdown.article_steps()
    kept = set(images)

    def next_image(session: Session, pending: Pending) -> None:
        path, image = next(decoded)
        while path not in kept:
            path, image = next(decoded)
        importer.store_image(session, path, image, pending)

    steps = [*before, *[(path, next_image) for path in images], *after]
    report.total = len(steps)
    try:
        with _checkpointing(library, importer):
            for done, (path, work) in enumerate(steps):
                if cancel is not None and cancel():
                    report.cancelled = True
                    break
                if progress is not None:
                    progress(done, len(steps), printable_name(path))
                importer.run(path, work)
    except KeyboardInterrupt:
        report.cancelled = True
    except _StorageFull:
        report.stopped = NO_SPACE
    if progress is not None and not (report.cancelled or report.stopped):
        progress(len(steps), len(steps), "")
    return report


@contextmanager
def _checkpointing(library: Library, importer: Importer) -> Iterator[None]:
    """A library file's log checkpointed beside the import (``Checkpointer``); a newsroom's server keeps its own."""
    if library.path is None:
        yield
        return
    with Checkpointer(library).running() as checkpointer:
        importer.checkpointer = checkpointer
        try:
            yield
        finally:
            importer.checkpointer = None
