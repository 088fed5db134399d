"""Quitting while the photo desk is busy: from closing the window to the process's exit.

Whole-process figure. Each run starts the real app (``run_app``, the entry
point of ``workstation LIBRARY``) on a fresh copy of a demo library, opens
the photo desk, drops the 24 photos of 24 MP from ``benchmarks/.cache/ingest``
on it (made by ``benchmarks/ingest.py``), waits until a few have landed,
selects one (the inspector's preview and crops start in the render helper,
the grid's thumbnails are being read) and closes the window. The child
prints when the close was asked for; this script notes when the process
has exited. Afterwards it checks what the library kept: the photos that
landed, and SQLite's quick_check.

With ``--old DIR`` (a ``git archive`` of another revision) the two trees
are run alternately, A/B, in the same run; ``--busy`` keeps one core
busy meanwhile, as a loaded machine would. The display is ``$DISPLAY``,
or offscreen when none is set.

    python benchmarks/shutdown.py --runs 5 --old /tmp/shutdown-old --busy
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PHOTOS = HERE / ".cache" / "ingest"
# Photos that must have landed before the window is closed (the import is then still running).
LANDED = 3
# How long the selected photo's preview and crops are given to start before the close.
SETTLE_MS = 300
CHILD_TIMEOUT_S = 600


def child(library: str, photos: list[str]) -> int:
    """Run the app, import ``photos``, close the window mid-way (runs in the measured process)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import workstation.ui.app as app_module

    app_module.prepare_qt()
    app = QApplication(sys.argv[:1])

    def say(what: str) -> None:
        print(f"{what} {time.monotonic():.6f}", flush=True)

    def drive() -> None:
        windows = [w for w in app_module._windows if w.isVisible()]
        if not windows:
            QTimer.singleShot(20, drive)
            return
        window = windows[-1]
        window.show_desk("photos")
        desk = window.desks["photos"]
        before = desk.model.total()
        desk.import_paths([Path(p) for p in photos])
        say("importing")

        def landed() -> None:
            if desk.model.total() < before + LANDED:
                QTimer.singleShot(20, landed)
                return
            desk.select_photos([desk.model.photo_id(desk.model.total() - 1)])
            QTimer.singleShot(SETTLE_MS, close)

        def close() -> None:
            say("closing")
            window.close()
            say("closed")

        landed()

    QTimer.singleShot(0, app, drive)
    code = app_module.run_app(library)
    say("exec-returned")
    return code


def photo_count(library: Path) -> tuple[int, str]:
    with sqlite3.connect(f"file:{library}?mode=ro", uri=True) as connection:
        count = connection.execute("select count(*) from photos").fetchone()[0]
        check = connection.execute("pragma quick_check").fetchone()[0]
    return count, check


def run_once(tree: Path, demo: Path, photos: list[Path], work: Path) -> dict[str, float]:
    library = work / "library.wslib"
    for leftover in work.glob("library.wslib*"):
        leftover.unlink()
    shutil.copy(demo, library)
    before, _check = photo_count(library)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env["XDG_CONFIG_HOME"] = str(work / "config")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(library), *map(str, photos)],
        env=env,
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    marks: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        name, _, stamp = line.strip().rpartition(" ")
        if name in ("importing", "closing", "closed", "exec-returned"):
            marks[name] = float(stamp)
    process.wait(CHILD_TIMEOUT_S)
    exited = time.monotonic()
    if "closing" not in marks or process.returncode != 0:
        raise SystemExit(f"the app did not close cleanly (exit code {process.returncode}, marks {sorted(marks)})")
    after, check = photo_count(library)
    return {
        "close_to_exit": (exited - marks["closing"]) * 1000,
        "close_event": (marks["closed"] - marks["closing"]) * 1000,
        "landed": after - before,
        "quick_check_ok": float(check == "ok"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", type=Path, help="another source tree to run alternately (A/B)")
    parser.add_argument("--busy", action="store_true", help="keep one core busy during the runs")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.child[1:])
    photos = sorted(PHOTOS.glob("*.jpg"))
    if not photos:
        raise SystemExit(f"no photos in {PHOTOS}: run benchmarks/ingest.py once to make them")
    trees = {"this tree": ROOT}
    if args.old is not None:
        trees["old tree"] = args.old.resolve()
    burner = (
        subprocess.Popen([sys.executable, "-c", "while 1: pass"]) if args.busy else None
    )
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    try:
        with tempfile.TemporaryDirectory(prefix="ws-shutdown-") as folder:
            work = Path(folder)
            demo = work / "demo.wslib"
            subprocess.run(
                [sys.executable, "-m", "workstation", "demo", str(demo)],
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                check=True,
                stdout=subprocess.DEVNULL,
            )
            for run in range(args.runs):
                order = list(trees.items()) if run % 2 == 0 else list(reversed(trees.items()))
                for name, tree in order:
                    result = run_once(tree, demo, photos, work)
                    results[name].append(result)
                    print(
                        f"run {run + 1} {name}: close to exit {result['close_to_exit']:,.0f} ms"
                        f" (close event {result['close_event']:,.0f} ms), {result['landed']:.0f} photos landed,"
                        f" quick_check {'ok' if result['quick_check_ok'] else 'FAILED'},"
                        f" load {os.getloadavg()[0]:.2f}",
                        flush=True,
                    )
    finally:
        if burner is not None:
            burner.kill()
            burner.wait()
    print(f"whole process, close of the window to exit of the process ({'one core busy' if args.busy else 'no added load'}):")
    for name, runs in results.items():
        figures = sorted(r["close_to_exit"] for r in runs)
        print(
            f"  {name}: median {statistics.median(figures):,.0f} ms,"
            f" range {figures[0]:,.0f}-{figures[-1]:,.0f} ms over {len(figures)} runs"
        )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
