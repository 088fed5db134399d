"""The article desk as a page to write on: title at the top, a set measure, quiet Markdown, house style, targets."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import type_text
from workstation.editing import authors
from workstation.editing.settings import checked_desk_settings, save_all_settings, site_settings
from workstation.ui.editor import LINE_HEIGHT, MIN_SIDE
from workstation.ui.highlighter import house_style_ranges, misspelled_ranges
from workstation.ui.typography import Typography, default_family


@pytest.fixture
def desk(filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["empty"])
    return desk


def formats_of(desk, needle: str, kind=misspelled_ranges) -> list[str]:
    position = desk.editor.toPlainText().index(needle)
    block = desk.editor.document().findBlock(position)
    text = block.text()
    return [text[start : start + length] for start, length in kind(block.layout().formats())]


def test_the_headline_and_dek_are_typed_above_the_text(desk):
    title = desk.panel.title
    assert title.parent() is desk.page and desk.editor.parent() is desk.page
    assert title.headline.mapTo(desk, title.headline.rect().topLeft()).y() < desk.editor.mapTo(desk, desk.editor.rect().topLeft()).y()
    assert title.headline.font().pointSizeF() > desk.editor.font().pointSizeF() * 1.4
    assert desk.panel.sections.keys() >= {"Publishing", "Byline", "Lead photo", "SEO"}


def test_return_in_the_headline_goes_on_to_the_dek_and_then_to_the_text(desk, qtbot):
    desk.panel.headline.clear()
    desk.panel.headline.setFocus()
    type_text(desk.panel.headline, "Bridge reopens\n")
    assert desk.panel.dek.hasFocus()
    type_text(desk.panel.dek, "Cars crossed again.\n")
    assert desk.editor.hasFocus()
    assert desk.panel.values()["headline"] == "Bridge reopens"


def test_paragraphs_are_set_at_one_and_a_half_lines_including_new_ones(desk):
    type_text(desk.editor, "First paragraph.\n\nSecond paragraph.")
    document = desk.editor.document()
    assert document.blockCount() == 3
    assert {document.findBlockByNumber(n).blockFormat().lineHeight() for n in range(3)} == {LINE_HEIGHT}


def test_the_text_keeps_its_measure_centred_whatever_the_width(desk, qtbot):
    desk.toggle_focus_mode(True)
    widths = []
    for width in (1600, 2400):
        desk.resize(width, 700)
        qtbot.waitUntil(lambda: desk.editor.width() > width - 100)
        margins = desk.editor.viewportMargins()
        assert margins.left() == margins.right() > MIN_SIDE
        widths.append(desk.editor.viewport().width())
    assert widths[0] == pytest.approx(desk.editor.measure(), abs=2)
    assert widths[1] == pytest.approx(widths[0], abs=2)


def test_a_narrow_column_keeps_its_side_margins(desk, qtbot):
    desk.resize(700, 700)
    qtbot.waitUntil(lambda: desk.editor.width() < desk.editor.measure())
    assert desk.editor.viewportMargins().left() == MIN_SIDE


def test_the_title_lines_up_with_the_text(desk, qtbot):
    desk.editor.resize(1500, 500)
    qtbot.wait(10)
    side = desk.editor.viewportMargins().left()
    assert desk.panel.title.layout_.contentsMargins().left() == side + int(desk.editor.document().documentMargin()) - 2


def test_the_body_font_follows_the_chosen_kind(desk):
    desk.apply_typography(Typography(kind="monospace", size=14.0))
    assert desk.editor.font().family() == default_family("monospace") != default_family("serif")
    assert desk.editor.font().pointSizeF() == 14.0


def test_typewriter_scrolling_keeps_the_line_being_written_at_one_height(desk, qtbot):
    desk.apply_typography(Typography(typewriter=True))
    desk.editor.resize(800, 400)
    desk.editor.setFocus()
    qtbot.waitUntil(desk.editor.hasFocus)
    type_text(desk.editor, "Line.\n" * 60)
    first = desk.editor.cursorRect().center().y()
    type_text(desk.editor, "More.\n" * 5)
    assert desk.editor.verticalScrollBar().value() > 0
    assert desk.editor.cursorRect().center().y() == pytest.approx(first, abs=3)


def test_markup_is_dimmed_and_the_stored_text_is_unchanged(desk):
    text = "## The vote\n\nA **close** call.\n\n![Crowd at the bridge](photo:1)\n\n[[other-story]]\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ"
    type_text(desk.editor, text)
    assert desk.editor.toPlainText() == text
    heading = desk.editor.document().firstBlock().layout().formats()
    marker = next(r.format for r in heading if r.start == 0)
    words = next(r.format for r in heading if r.start <= 4 < r.start + r.length)
    assert marker.foreground().color() != words.foreground().color()
    assert words.fontPointSize() > desk.editor.font().pointSizeF()
    labels = [label for _top, _height, label in desk.editor.margin_labels.labels()]
    assert labels == ["H2", "Photo", "Related", "Video"]


def test_a_house_style_break_is_underlined_in_its_own_colour_and_fixed_in_one_click(desk):
    type_text(desk.editor, "Talks in Kiev ended late.")
    assert formats_of(desk, "Kiev", house_style_ranges) == ["Kiev"]
    cursor = QTextCursor(desk.editor.document())
    cursor.setPosition(desk.editor.toPlainText().index("Kiev") + 1)
    menu = QMenu()
    [fix] = desk.editor.house_style_actions(cursor, menu)
    assert fix.text() == "House style: change to “Kyiv”"
    fix.trigger()
    assert desk.editor.toPlainText() == "Talks in Kyiv ended late."


def test_changed_rules_in_the_library_are_used_after_preferences(desk, library, qtbot):
    rules = "avoid:\n  war-torn: a cliché\n"
    save_all_settings(library, site_settings(library), checked_desk_settings(headline_limit=90, dek_limit=150, house_style=rules))
    desk.apply_settings(site_settings(library))
    qtbot.waitUntil(lambda: desk.spelling_ready, timeout=10_000)
    type_text(desk.editor, "A war-torn town in Kiev.")
    assert formats_of(desk, "war-torn", house_style_ranges) == ["war-torn"]
    assert desk.panel.limits == {"headline": 90, "dek": 150}


def test_an_author_added_elsewhere_stops_being_underlined(desk, library, qtbot):
    type_text(desk.editor, "Zaluzhna spoke first.")
    assert formats_of(desk, "Zaluzhna") == ["Zaluzhna"]
    authors.save_profile(library, None, {"name": "Iryna Zaluzhna"})
    desk.refresh_known_names()
    qtbot.waitUntil(lambda: formats_of(desk, "Zaluzhna") == [], timeout=10_000)


def test_names_the_library_knows_are_never_underlined(desk):
    type_text(desk.editor, "Olena Koval and Bondar filed.")
    assert formats_of(desk, "Olena") == []


def test_the_status_bar_shows_progress_against_the_word_target(desk, qtbot):
    shown = []
    desk.stats_changed.connect(shown.append)
    desk.panel.word_target.setValue(800)
    type_text(desk.editor, "Four words are here.")
    qtbot.waitUntil(lambda: bool(shown) and shown[-1].startswith("4 / 800 words (0%)"), timeout=5000)


def test_a_headline_past_the_house_limit_is_flagged(desk):
    desk.panel.set_limits(30, 100)
    desk.panel.headline.setPlainText("A headline that runs on well past the limit")
    assert desk.panel.headline_count.property("error") is True
    assert "too long" in desk.panel.headline_count.text()


def test_the_details_show_a_readability_figure(desk, qtbot):
    desk.show_details()
    type_text(desk.editor, "One short sentence. Then a rather longer second sentence follows it here.")
    qtbot.waitUntil(lambda: "2 sentences" in desk.panel.readability.text(), timeout=5000)
    assert "Longest:\n• 9 words" in desk.panel.readability.text()
