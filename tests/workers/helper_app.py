"""Stands in for the app in the orphan test: starts every kind of helper, then waits to be killed."""

from __future__ import annotations

import io
import sys
import threading
import time
from pathlib import Path

from PIL import Image

from workstation.workers.ingest_process import decode_in_child
from workstation.workers.render_process import preview_bytes


def main(folder: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (120, 30, 30)).save(buffer, "JPEG")
    preview_bytes(buffer.getvalue(), 300)
    files = []
    for n in range(60):
        path = folder / f"frame-{n}.jpg"
        Image.new("RGB", (1200, 900), (n * 4, 60, 90)).save(path, "JPEG")
        files.append(path)
    started = threading.Event()

    def consume() -> None:
        for _result in decode_in_child(files, 100_000_000):
            started.set()
            time.sleep(1)

    threading.Thread(target=consume, daemon=True).start()
    started.wait(60)
    print("ready", flush=True)
    time.sleep(120)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
