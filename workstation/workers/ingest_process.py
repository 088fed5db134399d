"""Decoding photo files in a helper process, for the app to store.

Decoding and metadata parsing are Python-heavy; in a thread of the GUI
process they compete with the UI thread for the GIL, and every Qt call the
UI thread makes (hundreds per repaint of the grid) can then wait a whole
switch interval: measured stalls of 100-400 ms while 200 photos landed. The
child only decodes (``photos.ingest.ingest_files``) and sends each result
back through a pipe; it never opens the library. The app stores each photo
in its own short transaction (``editing.imports``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path

from workstation.errors import ImageRefused
from workstation.photos.ingest import IngestedImage, ingest_files
from workstation.regular_files import printable_name
from workstation.workers.processes import helper_context, start_helper

# How often the app looks at its cancel flag while it waits for the child.
CANCEL_POLL_S = 0.1

# Messages the child sends, one tuple each:
#   ("decoded", filename, IngestedImage)
#   ("refused", filename, reason)
#   ("finished",)


def _without_name(name: str, reason: str) -> str:
    return reason.removeprefix(f"{name}: ")


def decode_files(files: list[str], max_pixels: int, channel: Connection, cancel: Event) -> None:
    """Decode ``files`` in order, sending each result through ``channel`` (runs in the child)."""
    start_helper()
    try:
        for path, result in ingest_files([Path(f) for f in files], max_pixels=max_pixels, cancelled=cancel.is_set):
            name = printable_name(path)
            if isinstance(result, ImageRefused):
                channel.send(("refused", name, _without_name(name, str(result))))
            else:
                channel.send(("decoded", name, result))
        channel.send(("finished",))
    except (BrokenPipeError, ConnectionResetError):
        return  # the app has gone (or stopped listening): nobody is left to tell
    finally:
        channel.close()


def decode_in_child(
    files: Sequence[Path], max_pixels: int, cancelled: Callable[[], bool] = lambda: False
) -> Iterator[tuple[str, IngestedImage | str]]:
    """Each file's name with its decoded image, or with the reason it was refused, in file order.

    A cancelled run ends at once: the child, which never touches the
    library, is ended mid-decode, and no file after the last one yielded
    is. A child that dies yields a refusal for every file it did not report.
    """
    if not files or cancelled():
        return
    context = helper_context()
    stop = context.Event()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=decode_files,
        args=([str(f) for f in files], max_pixels, sender, stop),
        name="workstation-photo-decode",
    )
    try:
        child.start()
    except OSError as exc:
        receiver.close()
        for path in files:
            yield path.name, f"the importer could not be started ({exc})"
        return
    finally:
        sender.close()
    reported = 0
    finished = stopped = False
    try:
        while True:
            if cancelled():
                stopped = True
                break
            if not receiver.poll(CANCEL_POLL_S):
                continue
            try:
                message = receiver.recv()
            except EOFError:
                break
            if message[0] == "finished":
                finished = True
                break
            reported += 1
            yield message[1], message[2]
    finally:
        stop.set()
        receiver.close()
        if not finished:
            # Cancelled, or the consumer gave up on this generator: what the child still decodes is not wanted.
            child.terminate()
        child.join()
    if not finished and not stopped:
        for path in files[reported:]:
            yield path.name, f"the importer stopped unexpectedly (exit code {child.exitcode})"
