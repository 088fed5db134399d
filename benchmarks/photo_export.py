"""Photos in a first export: ``workstation export`` of a library of camera-size JPEGs, nothing cached.

Builds a library of ``--photos`` 24-megapixel JPEGs (6000x4000, made once by
``cli_import.make_photo`` and kept in benchmarks/.cache/cli_import/), each
the lead photo of one short article, then times as whole processes (from
``Popen`` to exit, interpreter start included):

- ``cold``: ``workstation export`` into a fresh folder with a fresh
  renditions cache (``XDG_CACHE_HOME``): every rendition is decoded and
  encoded;
- ``warm``: the same command into another fresh folder with the renditions
  cache the cold export filled: the pages alone (the library's render
  cache is emptied first, so both exports render every page);
- the peer, a naive Pillow script that makes the same renditions (the
  sizes, formats and crops read from the cold export's file names) by
  decoding every original in full and resizing it for each.

The rendition cost is ``(cold - warm) / renditions``; the naive script's
is its whole time over the same count. Budget (issue 15): under 60 ms a
rendition on average.

    .venv/bin/python benchmarks/photo_export.py --photos 200
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cli import load, timed
from cli_import import make_photo

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PHOTOS = CACHE / "cli_import" / "photos"
RENDITION = re.compile(
    r"(?P<sha>[0-9a-f]{16})-(?P<width>\d+)(?:-(?P<aw>\d+)x(?P<ah>\d+))?-[0-9a-f]{8}\.(?P<ext>jpg|webp)$"
)

NAIVE = """
import sys
from pathlib import Path
from PIL import Image
jobs = [line.split("\\t") for line in Path(sys.argv[1]).read_text().splitlines()]
out = Path(sys.argv[2])
for source, width, aw, ah, fmt, name in jobs:
    with Image.open(source) as image:
        image.load()
        if aw:
            w, h = image.size
            aw, ah = int(aw), int(ah)
            cw, ch = (w, w * ah // aw) if w * ah <= h * aw else (h * aw // ah, h)
            image = image.crop(((w - cw) // 2, (h - ch) // 2, (w - cw) // 2 + cw, (h - ch) // 2 + ch))
        width = int(width)
        resized = image.resize((width, max(1, round(image.height * width / image.width))), Image.LANCZOS)
        options = {"quality": 82, "progressive": True, "optimize": True} if fmt == "jpg" else {"quality": 80, "method": 4}
        resized.convert("RGB").save(out / name, "JPEG" if fmt == "jpg" else "WEBP", **options)
"""


def photo_files(count: int) -> list[Path]:
    PHOTOS.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        path = PHOTOS / f"frame-{index:02d}.jpg"
        if not path.exists():
            print(f"making {path.name}", file=sys.stderr)
            make_photo(index, path)
        files.append(path)
    return files


def build_library(path: Path, files: list[Path]) -> None:
    from workstation.library.database import open_library
    from workstation.library.models import Article, Section
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_file

    start = datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc)
    library = open_library(path, create=True)
    with library.transaction() as session:
        section = Section(slug="pictures", name="Pictures")
        session.add(section)
        for index, file in enumerate(files):
            photo, _ = add_photo(session, ingest_file(file))
            photo.creator, photo.credit_line, photo.alt_text = "Staff Photographer", "Benchmark Wire", "A frame"
            session.flush()
            session.add(Article(slug=f"frame-{index:03d}", headline=f"Frame {index}", body="A picture story.\n",
                                section=section, status="published", published_at=start + timedelta(hours=index),
                                feature_photo_id=photo.id))
    library.close()


def forget_rendered(library: Path) -> None:
    code = ("import sys; from workstation.library.database import open_library; "
            "from workstation.publish.rendercache import forget_rendered; "
            "lib = open_library(sys.argv[1]); forget_rendered(lib); lib.close()")
    subprocess.run([sys.executable, "-c", code, str(library)], check=True)


def naive_jobs(site: Path, files: list[Path]) -> list[str]:
    """One line per rendition the export wrote: its original (by content hash), width, crop and format."""
    by_sha = {hashlib.sha256(file.read_bytes()).hexdigest()[:16]: file for file in files}
    jobs = []
    for path in sorted((site / "images").iterdir()):
        match = RENDITION.match(path.name)
        if match is None:
            continue
        source = by_sha.get(match["sha"], files[0])
        jobs.append("\t".join([str(source), match["width"], match["aw"] or "", match["ah"] or "",
                               match["ext"], path.name]))
    return jobs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=200, help="photos in the library (24 MP each)")
    args = parser.parse_args()
    files = photo_files(max(1, args.photos))
    work = CACHE / "photo-export-run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    library = work / "photos.wslib"
    build_library(library, files)
    print(f"load average at start: {load()}")
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "xdg"))
    export = [sys.executable, "-m", "workstation", "export", str(library)]
    cold = timed([*export, str(work / "site-cold")], env=env)
    forget_rendered(library)
    warm = timed([*export, str(work / "site-warm")], env=env)
    jobs = naive_jobs(work / "site-cold", files)
    (work / "jobs.txt").write_text("\n".join(jobs), encoding="utf-8")
    (work / "naive").mkdir()
    script = work / "naive.py"
    script.write_text(NAIVE, encoding="utf-8")
    naive = timed([sys.executable, str(script), str(work / "jobs.txt"), str(work / "naive")])
    renditions = len(jobs)
    print(f"{len(files)} photos of 6000x4000, {renditions} renditions; every figure whole-process:")
    print(f"  workstation cold export        {cold:8.2f} s")
    print(f"  workstation, renditions cached {warm:8.2f} s")
    print(f"  naive Pillow renditions        {naive:8.2f} s")
    print(f"photo_export per_rendition_ms={(cold - warm) * 1000 / max(1, renditions):.0f} (budget 60) "
          f"naive_per_rendition_ms={naive * 1000 / max(1, renditions):.0f} cores={os.cpu_count()}")
    print(f"load average at end: {load()} (uptime)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
