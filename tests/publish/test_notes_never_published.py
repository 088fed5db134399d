"""Suggestions and comments stay in the library: pages, hand-offs and feeds never carry them."""

from __future__ import annotations

from pathlib import Path

from workstation.cli import main
from workstation.library.articles import new_article, set_bylines
from workstation.library.authors import create_author
from workstation.library.database import Library
from workstation.library.models import Article
from workstation.publish.preflight import preflight
from workstation.publish.preview import ArticleState, PreviewRenderer

BODY = (
    "The council met {++at dusk ++}on Monday and {--quietly--} voted {~~twice~>three times~~}.\n\n"
    "{==Crews==}{>>Olena Marchenko · 2026-12-06 10:14: how many crews?<<} repaired the line {>>check<<}."
)
NOTES = ("at dusk", "three times", "how many crews", "Olena Marchenko", "{++", "{--", "{~~", "{==", "{>>", "critic-")


def _publish(library: Library, body: str = BODY, bio: str = "Covers the council.") -> str:
    with library.transaction() as session:
        author = create_author(session, "Iryna Savchuk", role="Reporter", bio=bio)
        article = new_article(session, "Council votes on the budget")
        article.body = body
        article.status = "published"
        set_bylines(session, article, [author])
        return article.slug


def _site_text(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in {".html", ".xml"})


def test_the_exported_site_shows_the_original_words_and_no_notes(library: Library, tmp_path: Path) -> None:
    _publish(library)
    assert main(["export", str(library.path), str(tmp_path / "site")]) == 0
    site = _site_text(tmp_path / "site")
    assert "The council met on Monday and quietly voted twice." in site
    assert "Crews repaired the line ." in site
    for note in NOTES:
        assert note not in site


def test_the_single_file_hand_off_carries_no_notes(library: Library, tmp_path: Path) -> None:
    slug = _publish(library)
    assert main(["export", str(library.path), str(tmp_path), "--article", slug, "--single-file"]) == 0
    page = (tmp_path / f"{slug}.html").read_text(encoding="utf-8")
    assert "quietly voted twice" in page
    for note in NOTES:
        assert note not in page


def test_notes_in_an_author_bio_are_not_published_either(library: Library, tmp_path: Path) -> None:
    _publish(library, bio="Covers {++the ++}council{>>Taras Bondar · 2026-12-06 09:00: add beat<<}.")
    assert main(["export", str(library.path), str(tmp_path / "site")]) == 0
    site = _site_text(tmp_path / "site")
    assert "Covers council." in site
    assert "add beat" not in site


def test_the_stored_body_keeps_its_notes_after_an_export(library: Library, tmp_path: Path) -> None:
    slug = _publish(library)
    main(["export", str(library.path), str(tmp_path / "site")])
    with library.session() as session:
        assert session.query(Article).filter_by(slug=slug).one().body == BODY


def test_preflight_makes_a_pending_suggestion_an_error_and_an_open_comment_a_warning(library: Library) -> None:
    _publish(library)
    with library.session() as session:
        found = {(f.kind, f.severity): f.message for f in preflight(session)}
    assert found[("suggestions", "error")] == "has 3 suggestions not yet accepted or rejected (the page shows the original words)"
    assert found[("comments", "warning")] == "has 2 open comments"


def test_preflight_is_quiet_once_every_note_is_settled(library: Library) -> None:
    _publish(library, body="The council met on Monday.")
    with library.session() as session:
        assert not [f for f in preflight(session) if f.kind in ("suggestions", "comments")]


def test_check_fails_on_a_pending_suggestion(library: Library, capsys) -> None:  # type: ignore[no-untyped-def]
    slug = _publish(library)
    assert main(["check", str(library.path)]) == 1
    assert f"article {slug}: has 3 suggestions not yet accepted or rejected" in capsys.readouterr().out


def test_the_preview_shows_the_notes_as_marks(library: Library) -> None:
    page = PreviewRenderer(library).page(ArticleState(slug="draft", headline="Draft", body=BODY))
    assert '<span class="critic-add">at dusk </span>' in page
    assert '<span class="critic-del">quietly</span>' in page
    assert 'title="Olena Marchenko, 2026-12-06 10:14: how many crews?"' in page
    assert ".critic-add{" in page
