"""Time from launch to the main window on screen with the demo library open.

Starts a fresh Python process that opens the demo library in Workstation's
main window and reports as soon as the window has painted its first frame,
beside the same measurement for a bare PySide6 window in the same run, so
the figure can be read against Qt's own cost on this machine. Both figures
are whole-process: from ``Popen`` to the child's line saying it painted.
Prints ``startup workstation_ms=.. bare_pyside6_ms=.. ratio=..`` (median of
5 launches each) with the load average. Budgets: under 1.5 s, and at most
3x the bare window.

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

from cli import load

RUNS = 5

# Both children report from the window's first paint event, and quit on the next turn.
ON_PAINT = """
from PySide6.QtCore import QEvent, QObject, QTimer
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", flush=True)
            QTimer.singleShot(0, lambda: app.exit(0))
            window.removeEventFilter(self)
        return False
"""

WORKSTATION_CHILD = """
import sys
from pathlib import Path
from workstation.ui.app import prepare_qt
prepare_qt()
from PySide6.QtWidgets import QApplication
from workstation.ui.app import open_window
from workstation.ui.theme import apply_theme
app = QApplication(sys.argv[:1])
apply_theme(app)
window = open_window(Path(sys.argv[1]))
""" + ON_PAINT + """
painted = Painted()
window.installEventFilter(painted)
app.exec()
"""

BARE_CHILD = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
""" + ON_PAINT + """
painted = Painted()
window.installEventFilter(painted)
window.show()
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
    print(f"load average at start: {load()}")
    workstation, bare = [], []
    for _ in range(RUNS):
        # Interleaved, so a change of load on the machine moves both figures alike.
        workstation.append(launch(WORKSTATION_CHILD, str(library), env=env))
        bare.append(launch(BARE_CHILD, env=env))
    ws, qt = statistics.median(workstation), statistics.median(bare)
    print(f"startup workstation_ms={ws:.0f} bare_pyside6_ms={qt:.0f} ratio={ws / qt:.1f} (budget 3.0) "
          f"(whole process, launch to first paint; runs: {' '.join(f'{v:.0f}' for v in workstation)} ms "
          f"vs {' '.join(f'{v:.0f}' for v in bare)} ms)")
    print(f"load average at end: {load()} (uptime)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
