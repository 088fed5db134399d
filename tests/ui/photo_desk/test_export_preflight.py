"""The export dialog's preflight: published photos' problems are listed; expired rights hold the export."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from workstation.library.database import Library
from workstation.library.models import (
    Article,
    ArticleAuthor,
    Author,
    Photo,
    PhotoOriginal,
    PhotoThumbnail,
)
from workstation.library.settings import SiteSettings
from workstation.publish.preflight import Finding
from workstation.ui.export_dialog import PreflightDialog, run_export

EXPIRED = Finding("error", "rights-expired", "article story", "lead photo (photo 1): usage rights expired on 2026-01-31")
NO_ALT = Finding("error", "alt-text", "article story", "figure (photo 2) has no alt text")


def publish_story(library: Library, **photo_fields: object) -> None:
    data = b"photo" * 1000
    values = {
        "caption": "A tram",
        "alt_text": "A red tram",
        "creator": "Olena Koval",
        "digital_source_type": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
        **photo_fields,
    }
    photo = Photo(sha256=hashlib.sha256(data).hexdigest(), mime="image/jpeg", width=4, height=3,
                  size_bytes=len(data), **values)
    photo.original = PhotoOriginal(data=data)
    photo.thumbnail = PhotoThumbnail(data=b"t", width=4, height=3)
    article = Article(slug="story", headline="Trams return", status="published", feature_photo=photo)
    article.bylines = [ArticleAuthor(author=Author(slug="writer", name="Writer", bio="Writes."), position=0)]
    with library.transaction() as session:
        session.add(article)


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def folders_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folder question is where an allowed export begins; answering "" stops it there."""
    asked: list[str] = []

    def ask(*_args: object) -> str:
        asked.append("asked")
        return ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", ask)
    return asked


def answer_preflight(monkeypatch: pytest.MonkeyPatch, override: bool | None) -> list[PreflightDialog]:
    """Stand in for the editor at the preflight dialog: tick the override or not, then press Export."""
    shown: list[PreflightDialog] = []

    def exec_(dialog: PreflightDialog) -> int:
        shown.append(dialog)
        if override:
            dialog.override.setChecked(True)
        dialog.export_button.click()
        return dialog.result()

    monkeypatch.setattr(PreflightDialog, "exec", exec_)
    return shown


def test_expired_rights_disable_export_until_the_override_is_ticked(qtbot) -> None:
    dialog = PreflightDialog([NO_ALT, EXPIRED])
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled() and not dialog.override.isHidden()
    dialog.override.setChecked(True)
    assert dialog.export_button.isEnabled()


def test_findings_without_expired_rights_are_listed_but_do_not_hold_the_export(qtbot) -> None:
    dialog = PreflightDialog([NO_ALT])
    qtbot.addWidget(dialog)
    assert dialog.export_button.isEnabled() and dialog.override.isHidden()
    assert dialog.table.topLevelItem(0).text(2) == NO_ALT.message


def test_expired_rights_are_listed_first(qtbot) -> None:
    dialog = PreflightDialog([NO_ALT, EXPIRED])
    qtbot.addWidget(dialog)
    assert [dialog.table.topLevelItem(row).text(2) for row in range(2)] == [EXPIRED.message, NO_ALT.message]


def test_a_published_photo_with_expired_rights_stops_the_export_without_an_override(
    window, library: Library, folders_asked, monkeypatch
) -> None:
    publish_story(library, rights_expiry=date.today() - timedelta(days=1))
    shown = answer_preflight(monkeypatch, override=False)
    assert run_export(window, library, SiteSettings()) is None
    assert [f.kind for f in shown[0].findings] == ["rights-expired"]
    assert shown[0].result() == QDialog.DialogCode.Rejected and folders_asked == []


def test_overriding_expired_rights_lets_the_export_go_on(window, library: Library, folders_asked, monkeypatch) -> None:
    publish_story(library, rights_expiry=date.today() - timedelta(days=1))
    answer_preflight(monkeypatch, override=True)
    run_export(window, library, SiteSettings())
    assert folders_asked == ["asked"]


def test_a_published_photo_without_credit_or_alt_is_listed_before_the_export(
    window, library: Library, folders_asked, monkeypatch
) -> None:
    publish_story(library, creator="", alt_text="")
    shown = answer_preflight(monkeypatch, override=None)
    run_export(window, library, SiteSettings())
    assert sorted(f.kind for f in shown[0].findings) == ["alt-text", "credit"]
    assert folders_asked == ["asked"]


def test_a_clean_library_goes_straight_to_the_folder_question(
    window, library: Library, folders_asked, monkeypatch
) -> None:
    publish_story(library)
    shown = answer_preflight(monkeypatch, override=None)
    run_export(window, library, SiteSettings())
    assert shown == [] and folders_asked == ["asked"]
