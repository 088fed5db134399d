"""An article's word target: kept in the file, imported from front matter as ``target`` or ``word_target``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workstation.editing.articles import save_article
from workstation.library.article_state import article_state
from workstation.library.articles import find_article, new_article
from workstation.library.database import Library
from workstation.library.importer import import_paths
from workstation.library.models import Article
from workstation.library.walguard import recovery_text


def imported(library: Library, tmp_path: Path, front: str) -> object:
    source = tmp_path / "story.md"
    source.write_text(f"---\ntitle: Bridge\n{front}---\n\nText.\n", encoding="utf-8")
    return import_paths(library, [source])


@pytest.mark.parametrize("key", ["target", "word_target"])
def test_the_target_is_imported_under_either_name(library, tmp_path, key):
    imported(library, tmp_path, f"{key}: 800\n")
    with library.session() as session:
        assert find_article(session, "story").word_target == 800


def test_an_article_without_a_target_has_none(library, tmp_path):
    imported(library, tmp_path, "")
    with library.session() as session:
        assert find_article(session, "story").word_target == 0


@pytest.mark.parametrize("value", ["-5", "many", "2.5", "true", "[1, 2]"])
def test_a_target_that_is_not_a_count_of_words_is_refused(library, tmp_path, value):
    report = imported(library, tmp_path, f"target: {value}\n")
    assert [r.path.name for r in report.refused] == ["story.md"]
    assert "'target' must be a whole number of words" in report.refused[0].reason


def test_the_desk_saves_the_target(library):
    with library.transaction() as session:
        article_id = new_article(session, "Bridge").id
    with library.session() as session:
        state = article_state(session.get(Article, article_id))
    saved = save_article(library, article_id, replace(state, word_target=650))
    assert saved.state.word_target == 650


def test_a_recovery_file_carries_the_target_in_its_front_matter():
    assert "word_target: 900\n" in recovery_text({"headline": "Bridge", "word_target": 900}, "Text.")
