"""No silent overwrite: a save made against a version that has since moved on is merged, or kept aside as a conflict.

Two desks are two ``Library`` objects on the same store, each with its own user, as two people's apps would be.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.editing.conftest import reopened
from workstation.editing import articles
from workstation.editing.article_edit import ArticleEdit
from workstation.library.database import Library
from workstation.library.models import Revision, Tag, User
from workstation.library.users import list_users

pytestmark = pytest.mark.both_backends

BODY = "The first paragraph is here.\n\nThe second paragraph follows it."


def _desk(library: Library, article_id: int) -> ArticleEdit:
    return ArticleEdit(library, articles.open_article(library, article_id))


def _conflict_revisions(library: Library, article_id: int) -> list[Revision]:
    with library.session() as session:
        return [r for r in session.query(Revision).filter_by(article_id=article_id, reason="conflict")]


def test_every_save_that_changes_the_article_moves_its_version_and_says_who(library, newsroom):
    library.user = "Taras Bondar"
    edit = _desk(library, newsroom.story)
    first = edit.version
    saved = edit.save(replace(edit.stored, body=BODY + "\n\nA third."))
    assert saved.version > first and edit.version == saved.version
    with library.session() as session:
        from workstation.library.models import Article

        assert session.get(Article, newsroom.story).updated_by == "Taras Bondar"


def test_a_save_that_changes_nothing_leaves_the_version(library, newsroom):
    edit = _desk(library, newsroom.story)
    first = edit.version
    assert edit.save(edit.stored).version == first


def test_a_tags_only_change_moves_the_version_too(library, newsroom):
    edit = _desk(library, newsroom.story)
    first = edit.version
    assert edit.save(replace(edit.stored, tags=("energy",))).version > first


def test_a_stale_save_to_other_paragraphs_merges_both_and_says_whose_changes_it_took(library, newsroom, other_desk):
    mine, theirs = _desk(library, newsroom.story), _desk(other_desk, newsroom.story)
    theirs.save(replace(theirs.stored, body=BODY.replace("second paragraph", "second paragraph, corrected,")))
    saved = mine.save(replace(mine.stored, body=BODY.replace("first paragraph", "first paragraph, rewritten,"),
                              headline="Power is back"))
    assert isinstance(saved, articles.Saved)
    assert saved.merged is not None and saved.merged.user == "Olena Marchenko" and saved.merged.fields == ("body",)
    assert saved.merged.message().startswith("Merged Olena Marchenko's changes from ")
    stored = reopened(library, newsroom.story)
    assert stored.body == ("The first paragraph, rewritten, is here.\n\n"
                           "The second paragraph, corrected, follows it.")
    assert stored.headline == "Power is back"
    assert mine.stored == stored and mine.version == saved.version


def test_a_stale_save_that_takes_nothing_of_theirs_is_not_called_a_merge(library, newsroom, other_desk):
    mine, theirs = _desk(library, newsroom.story), _desk(other_desk, newsroom.story)
    theirs.save(replace(theirs.stored, dek="Their dek."))
    saved = mine.save(replace(mine.stored, dek="Their dek."))
    assert saved.merged is None


def test_a_conflict_writes_nothing_over_the_article_and_keeps_both_sides_as_revisions(library, newsroom, other_desk):
    mine, theirs = _desk(library, newsroom.story), _desk(other_desk, newsroom.story)
    theirs.save(replace(theirs.stored, body=BODY.replace("first paragraph", "first paragraph (theirs)")))
    result = mine.save(replace(mine.stored, body=BODY.replace("first paragraph", "first paragraph (mine)")))
    assert isinstance(result, articles.Conflicted)
    (conflict,) = result.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == (
        "The first paragraph is here.", "The first paragraph (mine) is here.", "The first paragraph (theirs) is here.")
    assert reopened(library, newsroom.story).body.startswith("The first paragraph (theirs)")
    kept = {(r.by_user, r.body.split("\n")[0]) for r in _conflict_revisions(library, newsroom.story)}
    assert kept == {("Taras Bondar", "The first paragraph (mine) is here."),
                    ("Olena Marchenko", "The first paragraph (theirs) is here.")}


def test_an_autosave_meeting_the_same_conflict_again_keeps_no_second_copy(library, newsroom, other_desk):
    mine, theirs = _desk(library, newsroom.story), _desk(other_desk, newsroom.story)
    theirs.save(replace(theirs.stored, headline="Theirs"))
    shown = replace(mine.stored, headline="Mine")
    first = mine.autosave(shown)
    again = mine.autosave(shown)
    assert isinstance(again, articles.Conflicted) and again.kept == first.kept
    assert len(_conflict_revisions(library, newsroom.story)) == 2
    assert mine.should_ask(first, asked_for=False) and not mine.should_ask(again, asked_for=False)
    assert mine.should_ask(again, asked_for=True)


def test_resolving_a_conflict_saves_the_choices_against_the_version_it_met(library, newsroom, other_desk):
    mine, theirs = _desk(library, newsroom.story), _desk(other_desk, newsroom.story)
    theirs.save(replace(theirs.stored, headline="Theirs", body=BODY + "\n\nTheir ending."))
    conflicted = mine.save(replace(mine.stored, headline="Mine", body=BODY + "\n\nMy ending.", dek="My dek."))
    assert [c.field for c in conflicted.conflicts] == ["headline", "body"]
    saved = mine.resolve(["theirs", "both"])
    assert isinstance(saved, articles.Saved)
    stored = reopened(library, newsroom.story)
    assert stored.headline == "Theirs" and stored.dek == "My dek."
    assert stored.body == BODY + "\n\nMy ending.\n\nTheir ending."
    assert mine.conflict is None and not mine.is_dirty(stored)


def test_a_restore_over_a_newer_version_keeps_that_version_as_a_revision(library, newsroom, other_desk):
    mine, theirs = _desk(library, newsroom.story), _desk(other_desk, newsroom.story)
    mine.save(replace(mine.stored, body="Mine, saved."), "manual")
    original = [r for r in articles.revision_summaries(library, newsroom.story) if r.reason == "original"][0]
    theirs_view = _desk(other_desk, newsroom.story)
    theirs_view.save(replace(theirs_view.stored, body="Theirs, written later."))
    mine.restore(original.id, mine.stored)
    kept = [r.body for r in _conflict_revisions(library, newsroom.story)]
    assert kept == ["Theirs, written later."]


def test_revisions_record_who_made_them(library, newsroom):
    library.user = "Taras Bondar"
    edit = _desk(library, newsroom.story)
    edit.save(replace(edit.stored, body="Closing words."), "close")
    with library.session() as session:
        close = session.query(Revision).filter_by(article_id=newsroom.story, reason="close").one()
        assert close.by_user == "Taras Bondar"


def test_a_newsroom_puts_each_desks_user_on_its_list(library, other_desk):
    for desk in (library, other_desk):
        with desk.transaction() as session:
            session.add(Tag(name=f"written by {desk.user}", slug=f"written-{len(desk.user)}"))
    with library.session() as session:
        names = list_users(session)
    if library.path is None:
        assert {"Taras Bondar", "Olena Marchenko"} <= set(names)
    else:
        assert names == []  # a library file keeps no list: opening one never writes to it
    with library.session() as session:
        assert session.query(User).count() == len(names)


def test_a_correction_records_who_made_it(library, newsroom):
    from workstation.editing import publishing
    from workstation.library.models import Correction

    library.user = "Olena Marchenko"
    publishing.correct(library, newsroom.other, "The bridge reopened on Tuesday, not Monday.")
    with library.session() as session:
        assert [c.by_user for c in session.query(Correction).filter_by(article_id=newsroom.other)] == ["Olena Marchenko"]


def test_the_default_user_is_the_workstation_user_variable(monkeypatch):
    from workstation.library.users import default_user

    monkeypatch.setenv("WORKSTATION_USER", "  Olena   Marchenko ")
    assert default_user() == "Olena Marchenko"


def test_a_budget_move_keeps_text_someone_saved_after_the_move_read_it(library, newsroom, other_desk, monkeypatch):
    from workstation.editing import budget

    read = budget._state

    def read_then_their_save(lib, article_id):
        seen = read(lib, article_id)
        theirs = _desk(other_desk, article_id)
        theirs.save(replace(theirs.stored, body=BODY + "\n\nSaved by Olena meanwhile."))
        return seen

    monkeypatch.setattr(budget, "_state", read_then_their_save)
    budget.move_story(library, newsroom.story, "ready")
    stored = reopened(library, newsroom.story)
    assert stored.status == "ready" and stored.body.endswith("Saved by Olena meanwhile.")
