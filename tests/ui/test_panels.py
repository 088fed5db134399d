"""The metadata panel, the navigator and the pickers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import fresh_article


@pytest.fixture
def desk(filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    return desk


def test_the_publication_date_keeps_its_time_zone(qtbot, library, filled, desk):
    kyiv = timezone(timedelta(hours=2))
    values = desk.panel.values()
    values["published_at"] = datetime(2026, 3, 1, 9, 30, tzinfo=kyiv)
    desk.panel.load(values)
    shown = desk.panel.values()["published_at"]
    assert shown == datetime(2026, 3, 1, 9, 30, tzinfo=kyiv)
    assert shown.utcoffset() == timedelta(hours=2)


def test_a_cyrillic_headline_shows_its_transliterated_slug(desk):
    desk.panel.slug.clear()
    desk.panel.headline.setPlainText("Київ готується до зими")
    assert desk.panel.slug_hint.text() == "Will be: kyiv-hotuietsia-do-zymy"


def test_a_typed_slug_shows_how_it_will_be_saved(desk):
    desk.panel.slug.setText("Львів / ../новини")
    assert desk.panel.slug_hint.text().startswith("Will be saved as: lviv")
    assert "/" not in desk.panel.slug_hint.text().removeprefix("Will be saved as: ")


def test_headline_and_seo_lengths_are_counted(desk):
    desk.panel.seo_title.setText("x" * 61)
    assert desk.panel.seo_title_count.text() == "61 / 60 — too long"
    assert desk.panel.headline_count.text().endswith("/ 100")


def test_the_byline_keeps_the_order_chosen(qtbot, library, filled, desk):
    byline = desk.panel.byline
    byline.list.setCurrentRow(1)
    byline._move(-1)
    assert desk.save_now()
    from workstation.editing.articles import open_article

    assert list(open_article(library, filled["story"]).state.author_ids) == list(reversed(filled["authors"]))


def test_tags_typed_in_the_panel_are_saved(library, filled, desk):
    from workstation.editing.articles import open_article

    desk.panel.tags.setText("energy, Kyiv, energy")
    assert desk.save_now()
    assert sorted(open_article(library, filled["story"]).state.tags) == ["Kyiv", "energy"]


def test_a_headline_edit_is_autosaved(qtbot, library, filled, desk):
    desk.panel.headline.setPlainText("A new headline")
    qtbot.waitUntil(lambda: fresh_article(library.path, filled["story"])["headline"] == "A new headline", timeout=3000)


def test_the_navigator_filters_by_status_and_text(qtbot, library, filled):
    from workstation.ui.navigator import Navigator

    navigator = Navigator(library)
    qtbot.addWidget(navigator)
    with qtbot.waitSignal(navigator.refreshed):
        navigator.refresh()
    assert navigator.model.rowCount() == 3
    with qtbot.waitSignal(navigator.refreshed):
        navigator.status.setCurrentIndex(navigator.status.findData("published"))
    assert navigator.model.rowCount() == 1
    navigator.status.setCurrentIndex(0)
    navigator.search.setText("river")
    with qtbot.waitSignal(navigator.refreshed):
        navigator.refresh()
    assert [navigator.model.article_id(i) for i in range(navigator.model.rowCount())] == [filled["story"]]


def test_the_navigator_survives_hostile_search_text(qtbot, library, filled):
    from workstation.ui.navigator import Navigator

    navigator = Navigator(library)
    qtbot.addWidget(navigator)
    for text in ('"', "AND OR NOT", "*", "NEAR(", "x" * 10_000, "'); DROP TABLE articles; --"):
        navigator.search.setText(text)
        with qtbot.waitSignal(navigator.refreshed):
            navigator.refresh()
        assert navigator.count.text().endswith("articles")


def test_the_photo_picker_shows_thumbnails_and_searches(qtbot, library, filled):
    from workstation.ui.pickers import PhotoPicker

    picker = PhotoPicker(library)
    qtbot.addWidget(picker)
    qtbot.waitSignal(picker.refilled).wait()
    assert picker.model.rowCount() == 1
    assert not picker.model.index(0).data(Qt.ItemDataRole.DecorationRole).isNull()
    picker.search.setText("no such caption anywhere")
    with qtbot.waitSignal(picker.refilled):
        picker.refill()
    assert picker.model.rowCount() == 0 and "No photos match" in picker.empty.text()


def test_a_long_caption_in_the_photo_picker_is_cut_at_a_word_with_an_ellipsis(qtbot, library, filled):
    from workstation.library.models import Photo
    from workstation.ui.pickers import PhotoPicker

    with library.transaction() as session:
        session.get(Photo, filled["photo"]).caption = "Scaffolding and a debris net cover the middle arch of Mill Bridge"
    picker = PhotoPicker(library)
    qtbot.addWidget(picker)
    qtbot.waitSignal(picker.refilled).wait()
    assert picker.model.text(0) == "Scaffolding and a debris net cover the middle arch of Mill…"


def test_the_article_picker_leaves_out_the_open_article(qtbot, library, filled):
    from workstation.ui.pickers import ArticlePicker

    picker = ArticlePicker(library, exclude_id=filled["story"])
    qtbot.addWidget(picker)
    qtbot.waitSignal(picker.refilled).wait()
    slugs = [picker.model.value(i) for i in range(picker.model.rowCount())]
    assert filled["story_slug"] not in slugs and filled["other_slug"] in slugs


def test_the_article_picker_is_used_from_the_keyboard(qtbot, library, filled):
    from workstation.ui.pickers import ArticlePicker

    picker = ArticlePicker(library, exclude_id=filled["story"])
    qtbot.addWidget(picker)
    qtbot.waitSignal(picker.refilled).wait()
    assert picker.list.currentIndex().row() == 0 and picker.ok.isEnabled()
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.list.currentIndex().row() == min(1, picker.model.rowCount() - 1)
    assert picker.search.text() == ""


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", True),
        ("https://vimeo.com/76979871", True),
        ("https://example.com/video.mp4", False),
        ("javascript:alert(1)", False),
        ("x" * 5000, False),
    ],
)
def test_the_video_dialog_accepts_only_youtube_and_vimeo(qtbot, url, accepted):
    from workstation.ui.pickers import VideoDialog

    dialog = VideoDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText(url)
    assert dialog.ok.isEnabled() is accepted


def test_a_picker_search_overtaken_by_newer_typing_never_shows(qtbot, library, filled):
    from workstation.ui.pickers import ArticlePicker

    picker = ArticlePicker(library)
    qtbot.addWidget(picker)
    qtbot.waitSignal(picker.refilled).wait()
    picker.search.setText("zzzz no such words")
    picker.refill()
    picker.search.setText("")
    with qtbot.waitSignal(picker.refilled):
        picker.refill()
    qtbot.wait(100)
    assert picker.model.rowCount() > 0 and picker.empty.text() == ""
