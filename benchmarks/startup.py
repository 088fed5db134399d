"""Time from launch to the main window shown with the demo library open.

Starts a fresh Python process that opens the demo library in Workstation's
main window and reports as soon as the window has been shown (the first
turn of the event loop after ``show``), beside the same measurement for a
bare PySide6 window, so the figure can be read against Qt's own cost on
this machine. Prints ``startup workstation_ms=.. bare_pyside6_ms=..``
(median of 5 launches). Budget: under 1.5 s.

The script sets what the children need itself: an offscreen platform when
none is given, a fresh configuration folder, and, when run as root (where
Chromium refuses its sandbox and QtWebEngine would not start),
``--no-sandbox`` in ``QTWEBENGINE_CHROMIUM_FLAGS``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5

WORKSTATION_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from workstation.ui.app import prepare_qt
prepare_qt()
from PySide6.QtWidgets import QApplication
from workstation.ui.app import open_window
from workstation.ui.theme import apply_theme
app = QApplication(sys.argv[:1])
apply_theme(app)
window = open_window(Path(sys.argv[1]))
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.exit(0)))
app.exec()
"""

BARE_CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.exit(0)))
app.exec()
"""


def launch(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    child.wait(timeout=30)
    if line.strip() != "shown":
        raise SystemExit(f"startup: the child did not show its window (exit status {child.returncode})")
    return elapsed


def child_environment(folder: Path) -> dict[str, str]:
    """The environment a launch needs on this machine, whatever the caller's shell holds."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=str(folder / "config"))
    if os.geteuid() == 0:
        flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
        if "--no-sandbox" not in flags:
            env["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([*flags, "--no-sandbox"])
    return env


def main() -> int:
    from workstation.library.demo import create_demo_library

    folder = Path(tempfile.mkdtemp(prefix="ws-startup-"))
    library = folder / "demo.wslib"
    create_demo_library(library)
    env = child_environment(folder)
    launch(BARE_CHILD, env=env)  # warm the file cache
    workstation = [launch(WORKSTATION_CHILD, str(library), env=env) for _ in range(RUNS)]
    bare = [launch(BARE_CHILD, env=env) for _ in range(RUNS)]
    print(f"startup workstation_ms={statistics.median(workstation):.0f} bare_pyside6_ms={statistics.median(bare):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
