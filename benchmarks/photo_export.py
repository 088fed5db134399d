"""Photos in a first export: ``workstation export`` of a library of camera-size JPEGs, nothing cached.

The library holds ``--photos`` (200) photos of 6000x4000 (24 MP), each the
lead photo of one short published story, so the export makes every
rendition a lead photo has: WebP and JPEG at each responsive width, the
fallback and the three social crops. Its originals are the frames made by
``cli_import.make_photo`` (kept in benchmarks/.cache/cli_import/photos/,
``--distinct`` of them, made when missing), each stored as many times as
needed with a JPEG comment naming its number: every photo is then a
different file to the library (its own hash, its own renditions), while
making a frame costs some twenty seconds. The library is built once and
kept in benchmarks/.cache/photo-export/; a rerun only empties its
rendered-page cache.

Every figure is whole-process, timed from ``Popen`` to the child's exit
(interpreter start, imports, opening the library, writing the site), with
the CPU time of the child and every process it waited for (its forked
encoders), from ``os.times``:

- ``cold``: ``workstation export`` into a fresh folder, with a fresh
  renditions cache (``XDG_CACHE_HOME``) and an empty rendered-page cache:
  every rendition is decoded and encoded;
- ``warm``: the same into another fresh folder with the renditions cache
  the cold export filled (the rendered-page cache emptied again, so both
  render every page): the export without making renditions;
- the peer, a naive Pillow script making the same renditions one after
  another (sizes, crops and formats read from the cold export's file
  names), decoding the original in full for each, for ``--peer-photos``
  of the photos (10; it is too slow to do them all): its figure is per
  rendition, like the export's.

Printed per rendition: the cold export's wall time over the renditions
written (everything included), the renditions' own cost (cold minus warm),
both in wall and in CPU time (the CPU figures are what a loaded machine
moves least), and the peer's. ``--against DIR`` times a second checkout
(its ``workstation`` package on ``PYTHONPATH``) in the same run, its cold
and warm exports alternated with this one's. Budget (issue 15): under
60 ms a rendition on average.

    .venv/bin/python benchmarks/photo_export.py --photos 200
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cli import load
from cli_import import make_photo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
FRAMES = CACHE / "cli_import" / "photos"
WORK = CACHE / "photo-export"
RENDITION = re.compile(
    r"(?P<sha>[0-9a-f]{16})-(?P<width>\d+)(?:-(?P<aw>\d+)x(?P<ah>\d+))?-[0-9a-f]{8}\.(?P<ext>jpg|webp)$"
)

BUILD_CHILD = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from workstation.library.database import open_library
from workstation.library.models import Article, Section
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_bytes

path, count, frames = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
start = datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc)
library = open_library(path, create=True)
with library.transaction() as session:
    section = Section(slug="pictures", name="Pictures")
    session.add(section)
for index in range(count):
    frame = Path(frames[index % len(frames)]).read_bytes()
    # A comment segment right after the start-of-image marker: another file, the same pixels.
    data = frame[:2] + b"\\xff\\xfe\\x00\\x14" + f"photo {index:05d}".encode().ljust(18) + frame[2:]
    with library.transaction() as session:
        section = session.query(Section).filter_by(slug="pictures").one()
        photo, _ = add_photo(session, ingest_bytes(data, f"photo-{index:03d}.jpg"))
        photo.creator, photo.credit_line, photo.alt_text = "Staff Photographer", "Benchmark Wire", "A frame"
        session.flush()
        session.add(Article(slug=f"frame-{index:03d}", headline=f"Frame {index}", body="A picture story.\\n",
                            section=section, status="published", published_at=start + timedelta(hours=index),
                            feature_photo_id=photo.id))
library.close()
"""

FORGET_CHILD = """
import sys
from workstation.library.database import open_library
from workstation.publish.rendercache import forget_rendered
library = open_library(sys.argv[1])
forget_rendered(library)
library.close()
"""

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
        options = {"quality": 82, "progressive": True, "optimize": True} if fmt == "jpg" else {"quality": 80}
        resized.convert("RGB").save(out / name, "JPEG" if fmt == "jpg" else "WEBP", **options)
"""


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(command: list[str], env: dict[str, str]) -> Timing:
    """Wall seconds from starting ``command`` to its exit, and the CPU seconds of it and every process it waited for."""
    before = os.times()
    started = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = os.times()
    if result.returncode != 0:
        raise SystemExit(f"photo_export: {command[:4]} failed: {result.stderr.decode(errors='replace').strip()[-600:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Timing(wall, cpu)


def frames(count: int) -> list[Path]:
    """The distinct 24 MP frames the photos are copies of, made when missing."""
    FRAMES.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        path = FRAMES / f"frame-{index:02d}.jpg"
        if not path.exists():
            print(f"making {path.name}", file=sys.stderr)
            make_photo(index, path)
        files.append(path)
    return files


def environment(package_root: Path, cache_home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(package_root))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = str(cache_home)
    return env


def library_for(count: int, files: list[Path]) -> Path:
    """The cached library of ``count`` photos made from ``files``, built the first time it is asked for."""
    path = WORK / f"photos-{count}-of-{len(files)}.wslib"
    done = path.with_suffix(".built")
    if not done.exists():
        for stale in WORK.glob(path.name + "*"):
            stale.unlink()
        print(f"building {path.name} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-c", BUILD_CHILD, str(path), str(count), *map(str, files)],
                       env=environment(ROOT), check=True, stdout=subprocess.DEVNULL)
        done.write_text("built\n", encoding="utf-8")
    return path


def naive_jobs(site: Path, library_files: dict[str, Path], photos: int) -> list[str]:
    """One line per rendition of the first ``photos`` photos the export wrote: source, width, crop, format, name."""
    jobs = []
    chosen: list[str] = []
    for path in sorted((site / "images").iterdir()):
        match = RENDITION.match(path.name)
        if match is None or match["sha"] not in library_files:
            continue
        if match["sha"] not in chosen:
            if len(chosen) == photos:
                continue
            chosen.append(match["sha"])
        jobs.append("\t".join([str(library_files[match["sha"]]), match["width"], match["aw"] or "",
                               match["ah"] or "", match["ext"], path.name]))
    return jobs


def photo_sources(library: Path, files: list[Path]) -> dict[str, Path]:
    """Each photo's hash prefix (as rendition names carry it) and the frame its pixels are those of."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "print('\\n'.join(f'{s[:16]} {n}' for s, n in c.execute('select sha256, original_filename from photos')))")
    listing = subprocess.run([sys.executable, "-c", code, str(library)], check=True, capture_output=True, text=True)
    sources = {}
    for line in listing.stdout.splitlines():
        sha, name = line.split()
        sources[sha] = files[int(name.removeprefix("photo-").removesuffix(".jpg")) % len(files)]
    return sources


def renditions_in(site: Path) -> int:
    return sum(1 for path in (site / "images").iterdir() if RENDITION.match(path.name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=200, help="photos (and stories) in the library")
    parser.add_argument("--distinct", type=int, default=24, help="distinct 24 MP frames the photos are copies of")
    parser.add_argument("--peer-photos", type=int, default=10, help="photos whose renditions the naive peer makes")
    parser.add_argument("--against", type=Path, help="another checkout to time in the same run, alternated")
    args = parser.parse_args()
    files = frames(max(1, min(args.distinct, args.photos)))
    WORK.mkdir(parents=True, exist_ok=True)
    library = library_for(max(1, args.photos), files)
    runs = WORK / "run"
    shutil.rmtree(runs, ignore_errors=True)
    runs.mkdir()
    checkouts = {"this": ROOT}
    if args.against is not None:
        checkouts["against"] = args.against.resolve()
    for root in checkouts.values():
        compileall.compile_dir(root / "workstation", quiet=1)
    export = [sys.executable, "-m", "workstation", "export", str(library)]
    forget = [sys.executable, "-c", FORGET_CHILD, str(library)]
    print(f"load average at start: {load()}")
    cold: dict[str, Timing] = {}
    warm: dict[str, Timing] = {}
    written: dict[str, int] = {}
    for step in ("cold", "warm"):
        for name, root in checkouts.items():
            env = environment(root, runs / f"xdg-{name}")
            subprocess.run(forget, env=env, check=True)
            timing = timed([*export, str(runs / f"site-{step}-{name}")], env)
            (cold if step == "cold" else warm)[name] = timing
            written[f"{step}-{name}"] = renditions_in(runs / f"site-{step}-{name}")
            print(f"  {name:7} {step}: {timing.wall:7.2f} s wall, {timing.cpu:7.2f} s CPU, "
                  f"{written[f'{step}-{name}']} renditions in the site, load {load()}", flush=True)
    jobs = naive_jobs(runs / "site-cold-this", photo_sources(library, files), args.peer_photos)
    (runs / "jobs.txt").write_text("\n".join(jobs), encoding="utf-8")
    (runs / "naive").mkdir()
    (runs / "naive.py").write_text(NAIVE, encoding="utf-8")
    naive = timed([sys.executable, str(runs / "naive.py"), str(runs / "jobs.txt"), str(runs / "naive")], dict(os.environ))
    print(f"{args.photos} photos of 6000x4000 ({len(files)} distinct frames), one story each; "
          f"{os.cpu_count()} cores; every figure whole-process:")
    for name in checkouts:
        renditions = max(1, written[f"cold-{name}"])
        c, w = cold[name], warm[name]
        print(f"  {name}: cold export {c.wall:.2f} s ({c.cpu:.2f} s CPU), renditions cached {w.wall:.2f} s "
              f"({w.cpu:.2f} s CPU), {written[f'cold-{name}']} renditions written")
        print(f"photo_export[{name}] wall_per_rendition_ms={c.wall * 1000 / renditions:.1f} "
              f"cpu_per_rendition_ms={c.cpu * 1000 / renditions:.1f} "
              f"rendition_only_wall_ms={(c.wall - w.wall) * 1000 / renditions:.1f} "
              f"rendition_only_cpu_ms={(c.cpu - w.cpu) * 1000 / renditions:.1f} (budget 60)")
    peer = max(1, len(jobs))
    print(f"naive Pillow peer, serial, {len(jobs)} renditions of {args.peer_photos} photos: {naive.wall:.2f} s wall "
          f"({naive.cpu:.2f} s CPU): wall_per_rendition_ms={naive.wall * 1000 / peer:.1f} "
          f"cpu_per_rendition_ms={naive.cpu * 1000 / peer:.1f}")
    print(f"load average at end: {load()} (uptime)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
