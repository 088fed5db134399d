"""The import itself, run in a separate process the desk's ImportWorker talks to.

Decoding, metadata parsing and SQLAlchemy inserts are Python-heavy; in a
thread of the GUI process they compete with the UI thread for the GIL, and
every Qt call the UI thread makes (hundreds per repaint of the grid) can
then wait a whole switch interval: measured stalls of 100-400 ms while 200
photos landed. In a child process they cannot stall the UI at all. This
module imports no Qt, so the child starts small; each photo is still its
own transaction, on the child's own connection to the same WAL library.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.synchronize import Event
from pathlib import Path

from workstation.errors import ImageRefused, WorkstationError
from workstation.library.database import open_library
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_files

# The child runs at the lowest priority: on a two-core laptop its decoder
# threads would otherwise take time slices from the UI thread mid-repaint
# (measured: 50-70 ms stalls at niceness 10, 14 ms at 19). When the UI is
# idle the child still gets every spare cycle.
NICENESS = 19

# Messages sent to the parent, one tuple each:
#   ("landed", filename, photo_id, is_new)
#   ("refused", filename, reason)
#   ("finished", cancelled)
#   ("failed", reason)          the library could not be opened; nothing was imported


def import_context() -> BaseContext:
    """Children are forked from a small server process, never from the GUI (Qt threads do not fork).

    Where there is no fork server (Windows), children are spawned afresh.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _without_name(name: str, reason: str) -> str:
    prefix = f"{name}: "
    return reason.removeprefix(prefix)


def import_files(
    library_path: str,
    files: list[str],
    max_pixels: int,
    channel: Connection,
    cancel: Event,
) -> None:
    """Import ``files`` into the library at ``library_path``, reporting each through ``channel``."""
    os.nice(NICENESS)
    try:
        library = open_library(Path(library_path))
    except WorkstationError as exc:
        channel.send(("failed", str(exc)))
        channel.close()
        return
    processed = 0
    try:
        for path, result in ingest_files(
            [Path(f) for f in files], max_pixels=max_pixels, cancelled=cancel.is_set
        ):
            processed += 1
            if isinstance(result, ImageRefused):
                channel.send(
                    ("refused", path.name, _without_name(path.name, str(result)))
                )
                continue
            try:
                with library.transaction() as session:
                    photo, is_new = add_photo(session, result)
                    photo_id = photo.id
            except WorkstationError as exc:
                channel.send(("refused", path.name, _without_name(path.name, str(exc))))
                continue
            except Exception as exc:  # noqa: BLE001 - one file that cannot be stored must not end the import
                channel.send(
                    (
                        "refused",
                        path.name,
                        f"could not be stored ({type(exc).__name__}: {exc})",
                    )
                )
                continue
            channel.send(("landed", path.name, photo_id, is_new))
        channel.send(("finished", processed < len(files)))
    finally:
        library.close()
        channel.close()
