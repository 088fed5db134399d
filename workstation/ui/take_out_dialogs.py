"""File ▸ Take offline… and File ▸ Bring back…: the desk's side of ``editing.take_out`` and ``editing.bring_back``.

Taking offline lists the newsroom's articles to tick and asks where the
library file goes; bringing back asks for the take-out file (in a newsroom)
or the newsroom's address (in a take-out file). The work runs on the job
runner, and a report lists what became of each article.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation import LIBRARY_SUFFIX
from workstation.editing.bring_back import BringBackReport, bring_back_file, bring_back_to, origin_address
from workstation.editing.take_out import TakeOutReport, articles_to_take, take_out_to_file
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.ui.jobs import run_in_background

TITLE_TAKE, TITLE_BRING = "Take offline", "Bring back"


class TakeOutDialog(QDialog):
    """Tick the articles to take offline and name the library file they go into."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(TITLE_TAKE)
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose the articles to work on offline. They are copied, with their photos and authors, "
            "into a library file; bring them back when you are connected again."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter articles")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._fill)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Articles to take offline")
        self.list.itemChanged.connect(self._update)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("Library file:"))
        self.path = QLineEdit(str(Path.home() / f"offline{LIBRARY_SUFFIX}"))
        self.path.setAccessibleName("Library file")
        self.path.textChanged.connect(self._update)
        row.addWidget(self.path, 1)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose)
        row.addWidget(choose)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.take = self.buttons.addButton("Take offline", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.chosen: set[str] = set()
        self._fill()

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for offered in articles_to_take(self.library, self.filter.text()):
            item = QListWidgetItem(f"{offered.headline or offered.slug}  ·  {offered.slug}  ·  {offered.status}")
            item.setData(Qt.ItemDataRole.UserRole, offered.slug)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = offered.slug in self.chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update()

    def _update(self, item: QListWidgetItem | None = None) -> None:
        if item is not None:
            slug = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked:
                self.chosen.add(slug)
            else:
                self.chosen.discard(slug)
        count = len(self.chosen)
        self.take.setText(f"Take {count} offline" if count else "Take offline")
        self.take.setEnabled(bool(count) and bool(self.path.text().strip()))

    def _choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Library file to take the articles into", self.path.text(),
            f"Workstation libraries (*{LIBRARY_SUFFIX})", options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path.setText(path if path.endswith(LIBRARY_SUFFIX) else path + LIBRARY_SUFFIX)

    def target(self) -> Path:
        return Path(self.path.text().strip()).expanduser()


class BringBackReportDialog(QDialog):
    """What a bring-back did: one row per article (and per photo or author with a conflict)."""

    def __init__(self, report: BringBackReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE_BRING)
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        summary = QLabel(report.summary())
        summary.setWordWrap(True)
        layout.addWidget(summary)
        if report.conflicted:
            note = QLabel(
                "Where both sides changed the same words, the newsroom's text stays and both versions are kept "
                "in the article's History (reason “conflict”), each under the name of who wrote it."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Article", "Outcome", "Detail"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for outcome in (*report.articles, *report.record_notes):
            item = QTreeWidgetItem([outcome.name, outcome.outcome, outcome.detail])
            item.setToolTip(2, outcome.detail)
            self.table.addTopLevelItem(item)
        self.table.setColumnWidth(0, 260)
        self.table.resizeColumnToContents(1)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def take_offline(parent: QWidget, library: Library) -> None:
    """Ask which articles and where, then take them offline in the background and say what was copied."""
    dialog = TakeOutDialog(library, parent)
    if not dialog.exec():
        return
    slugs, target = sorted(dialog.chosen), dialog.target()

    def done(report: TakeOutReport) -> None:
        QMessageBox.information(parent, TITLE_TAKE, report.summary())

    def failed(error: BaseException) -> None:
        QMessageBox.warning(parent, TITLE_TAKE, f"Nothing was taken offline: {error}")

    run_in_background(lambda: take_out_to_file(library, target, slugs), done, failed, owner=parent, writes=True)


def bring_back_offline(parent: QWidget, library: Library) -> None:
    """In a newsroom: choose a take-out file to bring back. In a take-out file: bring it back to its newsroom."""
    if library.path is None:
        path, _filter = QFileDialog.getOpenFileName(
            parent, "Take-out file to bring back", str(Path.home()), f"Workstation libraries (*{LIBRARY_SUFFIX})"
        )
        if not path:
            return

        def work() -> BringBackReport:
            return bring_back_file(Path(path), library)
    else:
        origin = origin_address(library)
        if origin is None:
            QMessageBox.information(
                parent, TITLE_BRING,
                "Nothing in this library was taken out of a newsroom. Open the newsroom and use "
                "File ▸ Take offline… to work on its articles here.",
            )
            return
        ask = QInputDialog(parent)
        ask.setWindowTitle(TITLE_BRING)
        ask.setLabelText("Bring this file's articles back to the newsroom at:")
        ask.setTextValue(origin)
        # Wide enough to read a whole address (a socket folder, a service name).
        ask.resize(620, ask.sizeHint().height())
        if not ask.exec() or not ask.textValue().strip():
            return
        url = ask.textValue()

        def work() -> BringBackReport:
            return bring_back_to(library, url.strip())

    def done(report: BringBackReport) -> None:
        BringBackReportDialog(report, parent).exec()

    def failed(error: BaseException) -> None:
        message = str(error) if isinstance(error, WorkstationError) else f"{type(error).__name__}: {error}"
        QMessageBox.warning(
            parent, TITLE_BRING,
            f"The bring-back stopped: {message}\nArticles already brought back stay so; run it again to bring the rest.",
        )

    run_in_background(work, done, failed, owner=parent, writes=True)
