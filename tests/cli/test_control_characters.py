"""One text rule: control characters and noncharacters never reach the library, whatever way they come in.

Each way in (a Markdown import, a save through the library, the settings)
is followed by a real export, whose Atom feed must parse: before the rule,
one ``\\x01`` in a headline made every later export die writing the feed.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import select

from tests.command_line import workstation
from workstation.content.text import clean_text
from workstation.library.database import open_library
from workstation.library.models import Article, Author, Section, Setting, Status
from workstation.library.settings import load_settings, save_settings

HOSTILE = "\x00\x01\x08\x0b\x0c\x1b[2J\x7f\x85\x9f\ud800\ufdd0\ufffe\uffff\U0001fffe\U0010ffff"


def assert_clean(text: str) -> None:
    assert clean_text(text) == text, repr(text)


def export_and_read_feed(library: Path, out: Path) -> feedparser.FeedParserDict:
    result = workstation("export", library, out, "--drafts")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("a\x00b\x01c", "abc"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("windows\r\nand\rmac", "windows\nand\nmac"),
        ("del\x7f c1\x85\x9f", "del c1"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("non\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0010ffffcharacters", "noncharacters"),
        ("Київ — “quoted” é 𝄞", "Київ — “quoted” é 𝄞"),
    ],
)
def test_the_text_rule(text, cleaned):
    assert clean_text(text) == cleaned


def test_a_markdown_import_with_control_characters_exports(tmp_path: Path) -> None:
    source = tmp_path / "in" / "story.md"
    source.parent.mkdir()
    source.write_bytes(
        (
            '---\ntitle: "Head\\x01line \\uFFFF \\e]0;owned\\a"\nslug: story\nsection: "News\\x02"\n'
            'summary: "Dek\\0 here"\nstatus: published\n---\n'
            f"Body \x01 text \x1b[2J with\x7f controls \x85 and \ufffe.\n"
        ).encode("utf-8")
    )
    library = tmp_path / "lib.wslib"
    result = workstation("import", library, source)
    assert result.returncode == 0, result.stderr
    with open_library(library, readonly=True) as opened, opened.session() as session:
        article = session.scalars(select(Article)).one()
        for text in (article.headline, article.dek, article.body, article.section.name):
            assert_clean(text)
        assert article.headline == "Headline  ]0;owned"
    feed = export_and_read_feed(library, tmp_path / "site")
    assert feed.entries[0].title == "Headline  ]0;owned"


def test_a_save_through_the_library_is_cleaned_and_exports(tmp_path: Path, new_library_file) -> None:
    path = new_library_file(tmp_path / "lib.wslib")
    with open_library(path) as library, library.session() as session:
        section = Section(slug="news", name=f"News{HOSTILE}")
        author = Author(slug="olena", name=f"Olena{HOSTILE}", bio=f"Bio{HOSTILE}",
                        social_links=[{"label": f"Site{HOSTILE}", "url": "https://example.org/"}])
        article = Article(slug="story", headline=f"Headline{HOSTILE}", dek=f"Dek{HOSTILE}", body=f"Body{HOSTILE}",
                          section=section, status=Status.PUBLISHED.value,
                          published_at=datetime(2026, 3, 1, tzinfo=timezone.utc))
        session.add_all([section, author, article])
        session.commit()
        article.headline = f"Changed{HOSTILE}"
        session.commit()
    with open_library(path, readonly=True) as library, library.session() as session:
        article = session.scalars(select(Article)).one()
        author = session.scalars(select(Author)).one()
        assert article.headline == "Changed[2J"
        for text in (article.dek, article.body, article.section.name, author.name, author.bio,
                     author.social_links[0]["label"]):
            assert_clean(text)
    export_and_read_feed(path, tmp_path / "site")


def test_settings_are_cleaned_and_export(tmp_path: Path, new_library_file) -> None:
    path = new_library_file(tmp_path / "lib.wslib")
    with open_library(path) as library, library.session() as session:
        settings = load_settings(session)
        settings.site_name = f"Site{HOSTILE}"
        settings.site_description = f"About\x01{HOSTILE}"
        save_settings(session, settings)
        session.commit()
    with open_library(path, readonly=True) as library, library.session() as session:
        assert load_settings(session).site_name == "Site[2J"
        for setting in session.scalars(select(Setting)):
            assert_clean(setting.value)
    feed = export_and_read_feed(path, tmp_path / "site")
    assert feed.feed.title == "Site[2J"
