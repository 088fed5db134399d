"""Publishing from the article desk: the Publish button and dialog, the locked status box, the related picker."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import fresh_article
from workstation.editing.publishing import plan_publish, publish
from workstation.library.models import Article


def _body(library: Any, article_id: int, body: str) -> None:
    with library.transaction() as session:
        session.get(Article, article_id).body = body


def _dialog(qtbot: Any, library: Any, article_id: int) -> Any:
    from workstation.ui.publish_dialog import PublishDialog

    dialog = PublishDialog(plan_publish(library, article_id))
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def desk(filled: dict[str, Any], make_desk: Any) -> Any:
    desk = make_desk()
    desk.open_article(filled["story"])
    return desk


def test_the_dialog_will_not_publish_over_errors_without_a_reason(qtbot: Any, library: Any, filled: dict) -> None:
    _body(library, filled["story"], "Text.\n\n[[no-such-story]]\n")
    dialog = _dialog(qtbot, library, filled["story"])
    assert len(dialog.plan.errors) == 1 and "no-such-story" in dialog.findings.item(0).text()
    assert dialog.findings.item(0).text().startswith("Error: ")
    assert not dialog.confirm.isEnabled()
    dialog.reason.setText("The other story lands first")
    assert dialog.confirm.isEnabled() and dialog.confirm.text() == "Publish over 1 error"
    assert dialog.override_reason() == "The other story lands first"


def test_a_clean_article_publishes_at_once_and_a_future_time_schedules(qtbot: Any, library: Any, filled: dict) -> None:
    dialog = _dialog(qtbot, library, filled["story"])
    assert dialog.confirm.isEnabled() and dialog.confirm.text() == "Publish" and not dialog.reason.isVisibleTo(dialog)
    dialog.when.setDateTime(dialog.when.dateTime().addDays(2))
    assert dialog.confirm.text() == "Schedule" and "holds the article back" in dialog.when_note.text()


def test_the_time_zone_chosen_keeps_the_wall_clock_time(qtbot: Any, library: Any, filled: dict) -> None:
    dialog = _dialog(qtbot, library, filled["story"])
    before = dialog.chosen_time()
    dialog.zone.setCurrentIndex(dialog.zone.findData(120))
    chosen = dialog.chosen_time()
    assert chosen.utcoffset() == timedelta(hours=2)
    assert (chosen.hour, chosen.minute) == (before.hour, before.minute)


def test_an_update_keeps_the_date_and_offers_no_date_to_change(qtbot: Any, library: Any, filled: dict) -> None:
    publish(library, filled["story"])
    dialog = _dialog(qtbot, library, filled["story"])
    assert not dialog.when.isEnabled() and dialog.chosen_time() is None
    assert dialog.confirm.text() == "Update"


def test_the_status_box_cannot_publish(qtbot: Any, library: Any, filled: dict, desk: Any) -> None:
    status = desk.panel.status
    published = status.findData("published")
    assert not status.model().item(published).isEnabled()
    status.setCurrentIndex(published)
    assert desk.save_now("status")
    assert fresh_article(library.path, filled["story"])["status"] == "draft"


def test_the_publish_button_opens_the_dialog_and_publishes(qtbot: Any, library: Any, filled: dict, desk: Any) -> None:
    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "publishDialog"
        dialog.accept()

    QTimer.singleShot(200, accept)
    qtbot.mouseClick(desk.panel.publish_button, Qt.MouseButton.LeftButton)
    assert fresh_article(library.path, filled["story"])["status"] == "published"
    assert not desk.panel.status.isEnabled() and desk.panel.publish_button.text() == "Update…"
    assert desk.panel.publication.text().startswith("Published ")
    assert desk.history.list.item(0).text().endswith("published")


def test_a_scheduled_article_shows_as_scheduled(qtbot: Any, library: Any, filled: dict, make_desk: Any) -> None:
    later = datetime.now(timezone.utc) + timedelta(days=3)
    publish(library, filled["story"], at=later)
    desk = make_desk()
    desk.open_article(filled["story"])
    panel = desk.panel
    assert panel.status.currentText() == "Scheduled" and panel.publication.text().startswith("Scheduled for ")


def test_the_related_picker_never_preselects_a_draft_and_says_when_one_is_chosen(
    qtbot: Any, library: Any, filled: dict
) -> None:
    from workstation.ui.pickers import ArticlePicker

    picker = ArticlePicker(library, filled["story"])
    qtbot.addWidget(picker)
    qtbot.waitSignal(picker.refilled).wait()
    assert picker.chosen() == filled["other_slug"]
    assert picker.empty.text() == ""
    picker.search.setText("Notes")
    with qtbot.waitSignal(picker.refilled):
        picker.refill()
    assert picker.chosen() is None and not picker.ok.isEnabled()
    picker.select_row(0)
    assert picker.chosen() == "notes" and "not published" in picker.empty.text()
    assert "Draft" in picker.model.text(0)
