"""The side-by-side conflict dialog: each place two people changed differently, mine beside theirs, choose per place.

It shows the ``ConflictView``s the application layer made of a
``Conflicted`` save and hands back one choice per conflict ("mine",
"theirs" or "both"); the desk saves them through ``ArticleEdit.resolve``.
Both sides are already kept in History, which the dialog says, so
whatever is chosen nothing is lost.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workstation.content.merge import Choice
from workstation.editing.articles import ConflictView
from workstation.ui.labels import dialog_title

_CHOICES: tuple[Choice, ...] = ("mine", "theirs", "both")


class MergeDialog(QDialog):
    """Choose, for each conflict, my text, theirs, or both (mine first)."""

    def __init__(self, summary: str, theirs_name: str, views: list[ConflictView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Someone else changed this article")
        self._groups: list[QButtonGroup] = []

        title = dialog_title(summary)
        places = "place differs" if len(views) == 1 else "places differ"
        note = QLabel(
            f"Their other changes are merged with yours. {len(views)} {places}: choose what to keep in each. "
            "Both versions stay in History whatever you choose."
        )
        note.setWordWrap(True)

        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        for view in views:
            rows_layout.addWidget(self._conflict_box(view, theirs_name))
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows)

        buttons = QDialogButtonBox()
        for label, choice in (("Keep all mine", "mine"), (f"Keep all {_short(theirs_name)}", "theirs")):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, c=choice: self.choose_all(c))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        save = buttons.addButton("Save my choices", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.addButton("Decide later", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self._fit_to_screen(parent, rows.sizeHint().height())

    def _conflict_box(self, view: ConflictView, theirs_name: str) -> QGroupBox:
        box = QGroupBox(view.title)
        grid = QGridLayout(box)
        group = QButtonGroup(box)
        options = [("Keep mine", "mine"), (f"Keep {_short(theirs_name)}", "theirs")]
        if view.can_keep_both:
            options.append(("Keep both (mine first)", "both"))
        lines = max(_lines(view.mine), _lines(view.theirs))
        for column, (text, heading) in enumerate(((view.mine, "Mine"), (view.theirs, theirs_name or "Theirs"))):
            label = QLabel(heading)
            label.setObjectName("mergeSideTitle")
            grid.addWidget(label, 0, column)
            shown = QPlainTextEdit(text)
            shown.setReadOnly(True)
            shown.setAccessibleName(f"{view.title}: {heading}")
            shown.setFixedHeight(QFontMetrics(shown.font()).lineSpacing() * lines + 16)
            grid.addWidget(shown, 1, column)
        choices = QWidget()
        row = QGridLayout(choices)
        row.setContentsMargins(0, 0, 0, 0)
        for index, (text, choice) in enumerate(options):
            radio = QRadioButton(text)
            group.addButton(radio, _CHOICES.index(choice))
            row.addWidget(radio, 0, index)
        group.button(_CHOICES.index("both" if view.can_keep_both else "mine")).setChecked(True)
        row.setColumnStretch(len(options), 1)
        grid.addWidget(choices, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._groups.append(group)
        return box

    def _fit_to_screen(self, parent: QWidget | None, rows_height: int) -> None:
        """As tall as the conflicts need (the rest scrolls), never past most of the screen."""
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        wanted = self.sizeHint().height() - self.findChild(QScrollArea).sizeHint().height() + rows_height + 8
        self.resize(min(1100, int(screen.width() * 0.85)), min(wanted, int(screen.height() * 0.85)))

    def choose_all(self, choice: Choice) -> None:
        for group in self._groups:
            group.button(_CHOICES.index(choice)).setChecked(True)

    def choices(self) -> list[Choice]:
        """One choice per conflict, in the order shown."""
        return [_CHOICES[group.checkedId()] for group in self._groups]


def _lines(text: str) -> int:
    """Roughly how many lines ``text`` wraps to in a pane, kept between 2 and 10 (the rest scrolls)."""
    return max(2, min(10, text.count("\n") + 2 + len(text) // 70))


def _short(name: str) -> str:
    """"Olena's" for a person's name; "theirs" when there is none."""
    return f"{name.split()[0]}'s" if name.strip() else "theirs"
