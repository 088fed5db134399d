"""Export memory benchmark: one article with four 100-megapixel PNGs, exported cold.

Prints ``export_memory tree=.. peak_rss_mb=.. seconds=..`` for this checkout
and, with ``--baseline REV``, for that git revision in the same run (its
``workstation`` package is unpacked with ``git archive`` into a temporary
folder). Each export runs as a whole ``workstation export`` process with an
empty rendition cache, under a small Python parent that reads
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` once the export has exited: the
peak resident memory of the export process (its threads included).

The PNGs are nearly flat (well under a megabyte each) yet decode to 300 MB apiece:
the case where a pool decoding several at once ran out of memory.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
SIDE = 10_000  # 100 megapixels, the import's default limit
PHOTOS = 4

MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def flat_png(index: int, side: int) -> bytes:
    image = Image.new("RGB", (side, side), (200 - 30 * index, 180, 40 + 40 * index))
    draw = ImageDraw.Draw(image)
    for step in range(0, side, max(1, side // 20)):
        draw.line([(step, 0), (side - step, side)], fill=(20, 20, 20), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def build_library(path: Path, side: int, photos: int) -> None:
    from workstation.library.database import open_library
    from workstation.library.models import Article, ArticleAuthor, Author, Section
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_bytes

    library = open_library(path, create=True)
    try:
        with library.transaction() as session:
            section = Section(slug="news", name="News", position=0)
            author = Author(slug="maria-lys", name="Maria Lys", role="Photographer", bio="Maria photographs rivers.")
            ids = []
            for index in range(photos):
                photo, _ = add_photo(session, ingest_bytes(flat_png(index, side), f"plate-{index}.png"))
                photo.alt_text, photo.creator = f"Plate {index}", "Maria Lys"
                ids.append(photo.id)
            figures = "\n\n".join(f'![Plate {i}](photo:{photo_id} "Plate {i}")' for i, photo_id in enumerate(ids))
            article = Article(slug="plates", headline="Four plates", body=f"The plates, in order.\n\n{figures}\n",
                              section=section, status="published", feature_photo_id=ids[0],
                              published_at=datetime(2026, 3, 2, 9, tzinfo=timezone.utc))
            article.bylines = [ArticleAuthor(author=author, position=0)]
            session.add(article)
    finally:
        library.close()


def unpack(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", revision, "workstation", "resources"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def measure(tree: Path, library: Path, work: Path) -> tuple[float, float]:
    """Peak RSS in MB and seconds of one cold ``workstation export`` run from ``tree``."""
    outdir = work / f"site-{tree.name}"
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(work / f"cache-{tree.name}")}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "workstation", "export", str(library), str(outdir)],
        cwd=tree, env=env, check=True, capture_output=True, text=True,
    )
    return int(done.stdout.split()[-1]) / 1024, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="REV", help="also measure this git revision, e.g. main")
    parser.add_argument("--side", type=int, default=SIDE, help="side of each square PNG in pixels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ws-export-memory-") as folder:
        work = Path(folder)
        library = work / "plates.wslib"
        build_library(library, args.side, PHOTOS)
        trees = {"current": ROOT}
        if args.baseline:
            trees[args.baseline] = unpack(args.baseline, work / "baseline")
        for name, tree in trees.items():
            peak, seconds = measure(tree, library, work)
            print(f"export_memory tree={name} photos={PHOTOS} side={args.side} peak_rss_mb={peak:.0f} "
                  f"seconds={seconds:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
