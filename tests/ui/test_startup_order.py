"""Start-up shows the window first: the article desk, the ORM, QtWebEngine and the article load after its first frame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from workstation.library.database import Library

CHILD = """
import sys
from pathlib import Path
from workstation.ui.app import prepare_qt
prepare_qt()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from workstation.ui.app import open_window
app = QApplication(sys.argv[:1])
window = open_window(Path(sys.argv[1]))

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            engine = any(name.startswith("PySide6.QtWebEngine") for name in sys.modules)
            desk = "workstation.ui.article_desk" in sys.modules
            orm = "sqlalchemy.orm" in sys.modules
            seen.append(f"first paint: engine={engine} desk={desk} orm={orm}")
        return False

seen = []
watch = Watch()
window.installEventFilter(watch)

def opened():
    if "workstation.ui.article_desk" not in sys.modules or window.desk.article_id is None:
        return
    print(seen[0] if seen else "no paint", flush=True)
    print(f"then: article={window.desk.article_id is not None}", flush=True)
    app.exit(0)

timer = QTimer()
timer.timeout.connect(opened)
timer.start(20)
QTimer.singleShot(60_000, lambda: app.exit(1))
app.exec()
"""


def test_the_window_paints_before_the_article_desk_the_web_engine_and_the_article_load(
    library: Library, filled: dict[str, Any], tmp_path: Path
) -> None:
    path = library.path
    library.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox")
    result = subprocess.run([sys.executable, "-c", CHILD, str(path)], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["first paint: engine=False desk=False orm=False", "then: article=True"]
