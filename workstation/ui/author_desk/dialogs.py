"""Asking before profiles disappear: merging two authors, and where a deleted author's articles go."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class AuthorChoice:
    id: int
    name: str
    slug: str
    article_count: int

    @property
    def label(self) -> str:
        count = f"{self.article_count} article{'s' if self.article_count != 1 else ''}"
        return f"{self.name} ({self.slug}) · {count}"


def _articles(count: int) -> str:
    return f"{count} article{'s' if count != 1 else ''}"


class MergeDialog(QDialog):
    """Pick the profile to keep and the duplicate to fold into it."""

    def __init__(self, authors: list[AuthorChoice], remove_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge two authors")
        self._authors = {a.id: a for a in authors}
        self.remove_combo = QComboBox(self)
        self.keep_combo = QComboBox(self)
        for combo in (self.remove_combo, self.keep_combo):
            for author in authors:
                combo.addItem(author.label, author.id)
        self.remove_combo.setCurrentIndex(max(0, self.remove_combo.findData(remove_id)))
        self.keep_combo.setCurrentIndex(next((i for i, a in enumerate(authors) if a.id != remove_id), 0))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        # A merge cannot be undone: Enter must not do it.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.remove_combo.currentIndexChanged.connect(self._explain)
        self.keep_combo.currentIndexChanged.connect(self._explain)
        form = QFormLayout()
        form.addRow("Merge and remove", self.remove_combo)
        form.addRow("Into (kept)", self.keep_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 220)
        self._explain()

    def choice(self) -> tuple[int, int]:
        """(keep id, remove id)."""
        return int(self.keep_combo.currentData()), int(self.remove_combo.currentData())

    def _explain(self) -> None:
        keep, remove = (self._authors[i] for i in self.choice())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if keep.id == remove.id:
            self.summary.setText("Choose two different authors.")
            ok.setEnabled(False)
            return
        ok.setEnabled(True)
        self.summary.setText(
            f"{remove.name}'s {_articles(remove.article_count)} will be credited to {keep.name}, in the same "
            f"place in each byline, and {remove.name}'s profile will be deleted. Fields {keep.name} has left "
            f"empty are filled from {remove.name}'s profile."
        )


class DeleteDialog(QDialog):
    """Deleting an author who has articles: their bylines must go to someone."""

    def __init__(self, author: AuthorChoice, others: list[AuthorChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Delete {author.name}")
        self.move_combo = QComboBox(self)
        for other in others:
            self.move_combo.addItem(other.label, other.id)
        text = QLabel(
            f"{author.name} is in the byline of {_articles(author.article_count)}. Choose who those articles "
            "will be credited to; the profile is then deleted. This cannot be undone.",
            self,
        )
        text.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Move articles and delete")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(others))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Move their articles to", self.move_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(480, 180)

    def move_to(self) -> int:
        return int(self.move_combo.currentData())
