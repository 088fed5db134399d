"""An unchanged ``workstation export`` into a decade's site: with the export's record, and without (the full check).

Whether a folder is current costs the same whatever the library holds (one
row is read from it), but grows with the folder: so the site is fabricated.
The demo library is exported for real once, then the folder is filled to a
decade's archive (``--articles`` article folders of one page each,
``--photos`` files in ``images/``, list pages, ``--tags`` tag folders with
pages), each file empty and listed in the manifest with a hash, a size and
inputs like a real entry, so the manifest is as large as a real one. The
record (``publish.export_record``) is then taken as a finished export takes it.

Prints, whole process and as medians of ``--rounds`` runs alternated in the
same run: ``record_s`` (``workstation export`` with the record: folder by
folder), ``full_check_s`` (the record removed: the manifest is read and
every file it lists looked at, as before the record existed), beside
``python_s`` (an interpreter that does nothing), with the load average.
``record_write_s`` is what taking the record adds to a finished export.
Budget: under 2 s. Run with ``python benchmarks/unchanged_scale.py``;
the site is kept under ``benchmarks/.cache/`` (``--rebuild`` to start over).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from workstation.library.changes import read_marker
from workstation.publish import export_record
from workstation.publish.paths import CURRENT_NAME, MANIFEST_NAME
from workstation.publish.stamp import export_stamp
from workstation.publish.writer import FILE_MODE, temp_file_name

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"


def workstation(*args: str, expect: str = "") -> float:
    """Run the CLI in a fresh interpreter; the whole process's wall time. Stops unless its output holds ``expect``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "workstation", *args], env=env, check=True, capture_output=True,
                            text=True)
    elapsed = time.perf_counter() - start
    if expect not in result.stdout:
        raise SystemExit(f"expected {expect!r} from {args}, got {result.stdout!r}")
    return elapsed


def fabricate(site: Path, articles: int, photos: int, tags: int) -> dict[str, dict[str, object]]:
    """Empty files at the paths a decade's site has; their manifest entries."""
    entries: dict[str, dict[str, object]] = {}

    def add(relpath: str) -> None:
        path = site / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        fake = f"{hash(relpath) & 0xFFFFFFFFFFFFFFFF:016x}" * 4
        entries[relpath] = {"sha256": fake, "size": 0, "inputs": fake[:32]}

    for number in range(articles):
        add(f"articles/archive-story-{number}/index.html")
    for number in range(photos):
        add(f"images/archive-photo-{number:06d}-{number % 3}.webp")
    for page in range(2, articles // 20 + 1):
        add(f"page/{page}/index.html")
    for tag in range(tags):
        add(f"tag/archive-tag-{tag}/index.html")
        for page in range(2, 6):
            add(f"tag/archive-tag-{tag}/page/{page}/index.html")
    return entries


def build(site: Path, library: Path, args: argparse.Namespace) -> None:
    """The demo library exported by this code, and the decade's files added (kept if already there)."""
    if args.rebuild or not library.is_file():
        if site.exists():
            shutil.rmtree(site)
        library.unlink(missing_ok=True)
        workstation("demo", str(library))
        workstation("export", str(library), str(site))  # the first gives the library its id
    # The real export drops the fabricated entries (their bytes are not what they claim) but leaves their files.
    workstation("export", str(library), str(site))
    manifest = json.loads((site / MANIFEST_NAME).read_text())
    manifest["files"].update(fabricate(site, args.articles, args.photos, args.tags))
    manifest["files"] = dict(sorted(manifest["files"].items()))
    (site / MANIFEST_NAME).write_text(json.dumps(manifest))


def take_record(site: Path) -> float:
    """Take the record as a finished export does; how long that took."""
    manifest = json.loads((site / MANIFEST_NAME).read_text())
    start = time.perf_counter()
    export_record.record(
        site, manifest["files"], stamp=manifest["stamp"], articles=manifest["articles"],
        release=manifest.get("release", ""), temp_name=temp_file_name(), mode=FILE_MODE,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--photos", type=int, default=380_000)
    parser.add_argument("--tags", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"unchanged_scale-{args.articles}-{args.photos}-{args.tags}"
    site, library = CACHE / name, CACHE / f"{name}.wslib"
    stamp, listed = _manifest_of(site)
    wanted = export_stamp(read_marker(library), base_url=None, drafts=False) if library.is_file() else ""
    if args.rebuild or not wanted or stamp != wanted or listed < args.articles + args.photos:
        build(site, library, args)
    files = len(json.loads((site / MANIFEST_NAME).read_text())["files"])
    # What an export that found the folder current says (one that did any work says "written" first).
    unchanged = f": 0 files written, {files} unchanged"
    folders = sum(1 for _ in os.walk(site)) - 1
    print(f"site: {files} files in {folders} folders, manifest {(site / MANIFEST_NAME).stat().st_size / 1e6:.0f} MB")
    record_write = take_record(site)
    record_size = (site / CURRENT_NAME).stat().st_size
    timings: dict[str, list[float]] = {"record_s": [], "full_check_s": [], "python_s": []}
    load_before = os.getloadavg()
    for _round in range(args.rounds):
        timings["python_s"].append(_bare())
        (site / CURRENT_NAME).unlink(missing_ok=True)
        timings["full_check_s"].append(workstation("export", str(library), str(site), expect=unchanged))
        take_record(site)
        timings["record_s"].append(workstation("export", str(library), str(site), expect=unchanged))
    load_after = os.getloadavg()
    for key, values in timings.items():
        print(f"{key}: {statistics.median(values):.3f}  (all: {', '.join(f'{v:.3f}' for v in values)})")
    print(f"record_write_s: {record_write:.3f}  (record {record_size / 1e6:.1f} MB)")
    print(f"load: before {load_before[0]:.1f} {load_before[1]:.1f}, after {load_after[0]:.1f} {load_after[1]:.1f}")


def _manifest_of(site: Path) -> tuple[object, int]:
    """The stamp of the folder's manifest and how many files it lists."""
    try:
        manifest = json.loads((site / MANIFEST_NAME).read_bytes())
    except (OSError, ValueError):
        return None, 0
    return manifest.get("stamp"), len(manifest.get("files", {}))


def _bare() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
