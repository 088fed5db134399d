"""The history panel: a diff against the text now, restore, and undo of the restore."""

from __future__ import annotations

from tests.ui.conftest import fresh_article, type_text


def _with_revision(qtbot, desk, story_id):
    desk.open_article(story_id)
    desk.save_now("manual")
    desk.editor.selectAll()
    type_text(desk.editor, "A rewritten story.")
    desk.save_now()
    desk.show_history()
    qtbot.waitUntil(lambda: desk.history.list.count() >= 1)
    desk.history.list.setCurrentRow(0)


def test_the_diff_shows_what_the_revision_had(qtbot, filled, make_desk):
    desk = make_desk()
    _with_revision(qtbot, desk, filled["story"])
    diff = desk.history.diff.toPlainText()
    assert "-The first paragraph is here." in diff
    assert "+A rewritten story." in diff


def test_restore_brings_the_text_back(qtbot, library, filled, make_desk):
    desk = make_desk()
    _with_revision(qtbot, desk, filled["story"])
    desk.history.restore_button.click()
    assert desk.editor.toPlainText().startswith("The first paragraph is here.")
    assert fresh_article(library.path, filled["story"])["body"].startswith("The first paragraph is here.")


def test_undo_after_restore_brings_back_the_newer_text(qtbot, filled, make_desk):
    desk = make_desk()
    _with_revision(qtbot, desk, filled["story"])
    desk.history.restore_button.click()
    desk.editor.undo()
    assert desk.editor.toPlainText() == "A rewritten story."


def test_restore_keeps_a_revision_of_the_text_it_replaced(qtbot, library, filled, make_desk):
    from workstation.editing.articles import revision_diff_text, revision_summaries

    desk = make_desk()
    _with_revision(qtbot, desk, filled["story"])
    desk.history.restore_button.click()
    before = [r for r in revision_summaries(library, filled["story"]) if r.reason == "restore"]
    assert revision_diff_text(library, filled["story"], before[0].id).endswith("\n\nA rewritten story.")


def test_switching_from_an_article_with_several_revisions_shows_only_the_new_articles_history(
    qtbot, library, filled, make_desk
):
    from workstation.library.models import Article
    from workstation.library.revisions import snapshot

    with library.transaction() as session:
        story = session.get(Article, filled["story"])
        snapshot(session, story, "manual")
        snapshot(session, story, "status")
    desk = make_desk()
    desk.open_article(filled["story"])
    desk.show_history()
    assert desk.history.list.count() == 2
    desk.open_article(filled["empty"])
    assert desk.history.list.count() == 0


def _with_changed_fields(qtbot, desk, story_id):
    """A manual revision of the story, then its headline, dek, byline and status changed."""
    desk.open_article(story_id)
    desk.save_now("manual")
    desk.panel.headline.setPlainText("A different headline")
    desk.panel.dek.setPlainText("A different dek.")
    desk.panel.byline.set_ids([])
    desk.panel.tags.setText("later tag")
    desk.save_now()
    desk.show_history()
    qtbot.waitUntil(lambda: desk.history.list.count() >= 1)
    manual = next(i for i in range(desk.history.list.count()) if "by hand" in desk.history.list.item(i).text())
    desk.history.list.setCurrentRow(manual)


def test_restore_brings_back_the_headline_and_dek(qtbot, library, filled, make_desk):
    desk = make_desk()
    _with_changed_fields(qtbot, desk, filled["story"])
    desk.history.restore_button.click()
    assert desk.panel.values()["headline"] == "Power returns to the river districts"
    assert desk.panel.values()["dek"] == "Crews worked through the night."
    assert fresh_article(library.path, filled["story"])["headline"] == "Power returns to the river districts"


def test_restore_brings_back_the_byline_and_tags(qtbot, filled, make_desk):
    desk = make_desk()
    _with_changed_fields(qtbot, desk, filled["story"])
    desk.history.restore_button.click()
    assert desk.panel.values()["author_ids"] == filled["authors"]
    assert desk.panel.values()["tags"] == []


def test_restore_leaves_the_slug_and_status_as_they_are(qtbot, library, filled, make_desk):
    desk = make_desk()
    _with_changed_fields(qtbot, desk, filled["story"])
    desk.panel.slug.setText("river-power")
    desk.panel.status.setCurrentIndex(desk.panel.status.findData("ready"))
    desk.save_now()
    desk.history.list.setCurrentRow(desk.history.list.count() - 1)
    desk.history.restore_button.click()
    assert desk.panel.values()["slug"] == "river-power"
    assert fresh_article(library.path, filled["story"])["status"] == "ready"


def test_the_diff_shows_a_changed_headline(qtbot, filled, make_desk):
    desk = make_desk()
    _with_changed_fields(qtbot, desk, filled["story"])
    diff = desk.history.diff.toPlainText()
    assert "-Power returns to the river districts" in diff
    assert "+A different headline" in diff
