"""Time from launch to a visible main window, for the bundle against the pip-installed program.

Run on an X display (Xvfb is fine). Each program is started on the same
library; the clock stops when a window of that process is mapped, as seen
from outside by xdotool, so both are measured the same way, whatever is
inside them. Prints one line per program with the median of the runs.

    DISPLAY=:96 python packaging/compare_start.py LIBRARY dist/workstation/workstation .venv/bin/workstation
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 60.0


def window_shown(pid: int) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "Workstation"],
                           capture_output=True, text=True)
    return found.returncode == 0 and bool(found.stdout.strip())


def launch_once(program: str, library: Path, home: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"))
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    start = time.perf_counter()
    child = subprocess.Popen([program, str(library)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not window_shown(child.pid):
            if child.poll() is not None:
                raise SystemExit(f"compare_start: {program} exited with {child.returncode} before showing a window")
            if time.perf_counter() - start > TIMEOUT_SECONDS:
                raise SystemExit(f"compare_start: {program} showed no window within {TIMEOUT_SECONDS:.0f} s")
            time.sleep(POLL_SECONDS)
        return time.perf_counter() - start
    finally:
        child.terminate()
        child.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("programs", nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if "DISPLAY" not in os.environ or shutil.which("xdotool") is None:
        print("compare_start: needs an X display (DISPLAY) and xdotool", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ws-start-") as folder:
        for number, program in enumerate(args.programs):
            home = Path(folder) / f"program-{number}"
            library = Path(folder) / f"{home.name}-{args.library.name}"
            shutil.copyfile(args.library, library)
            launch_once(program, library, home)  # warm the file cache
            times = [launch_once(program, library, home) for _ in range(args.runs)]
            print(f"{program}: window shown in {statistics.median(times) * 1000:.0f} ms "
                  f"(median of {args.runs}; min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
