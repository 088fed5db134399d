"""The publish dialog: preflight's findings, the publication time with its zone, and an override's reason.

It shows a ``PublishPlan`` (``editing.publishing``) and hands back what the
editor chose; the desk then asks the application layer to publish, which
runs the gate again. Nothing here decides what blocks: the plan's errors do.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.publishing import PublishPlan
from workstation.library.publishing import moment_label, now_utc, zone_label
from workstation.ui.labels import dialog_title

# UTC offsets a newsroom publishes in, every quarter hour that any zone uses.
_OFFSET_MINUTES = sorted({h * 60 for h in range(-12, 15)} | {-570, -210, 210, 270, 330, 345, 390, 525, 570, 630, 765})


def to_qdatetime(value: datetime) -> QDateTime:
    offset = value.utcoffset() or timedelta(0)
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone(int(offset.total_seconds())))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), timezone(timedelta(seconds=value.offsetFromUtc())))


class PublishDialog(QDialog):
    """Asks the editor to confirm a publish (or update) after seeing what preflight found."""

    def __init__(self, plan: PublishPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("publishDialog")
        self.setWindowTitle(f"{plan.verb} “{plan.headline or plan.slug}”")
        self.setMinimumWidth(560)

        title = dialog_title(f"{plan.verb} “{plan.headline or plan.slug}”")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.findings = QListWidget()
        self.findings.setObjectName("preflightFindings")
        self.findings.setWordWrap(True)
        # A list to read, not to choose from: no row is picked out.
        self.findings.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.findings.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.findings.setMaximumHeight(170)
        for finding in (*plan.errors, *plan.warnings):
            error = finding in plan.errors
            pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical if error else QStyle.StandardPixmap.SP_MessageBoxWarning
            item = QListWidgetItem(self.style().standardIcon(pixmap), f"{'Error' if error else 'Warning'}: {finding.message}")
            item.setToolTip(str(finding))
            self.findings.addItem(item)
        self.findings.setVisible(bool(plan.findings))

        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMMM yyyy, HH:mm")
        self.zone = QComboBox()
        offset = int((plan.published_at.utcoffset() or timedelta(0)).total_seconds()) // 60
        for minutes in sorted({*_OFFSET_MINUTES, offset}):
            self.zone.addItem(zone_label(minutes), minutes)
        self.zone.setCurrentIndex(self.zone.findData(offset))
        self._show_time(plan.published_at)
        when_row = QHBoxLayout()
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.when, 1)
        when_row.addWidget(self.zone)
        self.when.setEnabled(plan.date_editable)
        self.zone.setEnabled(plan.date_editable)
        self.when_note = QLabel()
        self.when_note.setObjectName("hint")
        self.when_note.setWordWrap(True)

        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why this goes out despite the errors (kept in the history)")
        self.reason_label = QLabel("Override reason")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("First published" if plan.live else "Publication time", when_row)
        form.addRow(self.when_note)
        form.addRow(self.reason_label, self.reason)
        self.reason.setVisible(bool(plan.errors))
        self.reason_label.setVisible(bool(plan.errors))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.confirm = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.when.dateTimeChanged.connect(lambda _d: self._update())
        self.zone.currentIndexChanged.connect(self._zone_changed)
        self.reason.textChanged.connect(lambda _t: self._update())
        self._update()

    def _show_time(self, moment: datetime) -> None:
        self.when.setTimeZone(QTimeZone(int((moment.utcoffset() or timedelta(0)).total_seconds())))
        self.when.setDateTime(to_qdatetime(moment))

    def _zone_changed(self) -> None:
        """The same wall-clock time in the zone chosen: the editor typed 09:00 and means 09:00 there."""
        shown = self.when.dateTime()
        zone = QTimeZone(int(self.zone.currentData()) * 60)
        moved = QDateTime(shown.date(), shown.time(), zone)
        self.when.setTimeZone(zone)
        self.when.setDateTime(moved)
        self._update()

    def chosen_time(self) -> datetime | None:
        """The publication time chosen, in its zone; None for an update (its date stays)."""
        return from_qdatetime(self.when.dateTime()) if self.plan.date_editable else None

    def override_reason(self) -> str:
        return self.reason.text().strip() if self.plan.errors else ""

    def _update(self) -> None:
        plan = self.plan
        errors, warnings = len(plan.errors), len(plan.warnings)
        if errors:
            self.summary.setText(
                f"Preflight found {errors} error{'s' if errors != 1 else ''}"
                f"{f' and {warnings} warning' + ('s' if warnings != 1 else '') if warnings else ''}. "
                "Fix them, or publish over them with a reason."
            )
        elif warnings:
            self.summary.setText(f"Preflight found no errors and {warnings} warning{'s' if warnings != 1 else ''}.")
        else:
            self.summary.setText("Preflight found nothing to fix.")
        chosen = self.chosen_time()
        scheduled = chosen is not None and chosen > now_utc()
        if plan.live:
            self.when_note.setText(
                f"An update keeps the first publication date; the page shows it as updated now "
                f"(first published {moment_label(plan.published_at)})."
            )
            verb = "Update"
        elif scheduled:
            self.when_note.setText(
                f"Scheduled: the export holds the article back until {moment_label(chosen)}."  # type: ignore[arg-type]
            )
            verb = "Schedule"
        else:
            self.when_note.setText("The page shows this as its publication date.")
            verb = "Publish"
        needs_reason = bool(plan.errors) and not self.reason.text().strip()
        self.confirm.setText(f"{verb} over {errors} error{'s' if errors != 1 else ''}" if errors else verb)
        self.confirm.setEnabled(not needs_reason)
