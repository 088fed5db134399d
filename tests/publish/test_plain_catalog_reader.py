"""The export's plain-SQL catalog reader gives the ORM reader's catalog, and the same site.

``catalog_reader`` reads the snapshot without SQLAlchemy; ``catalog_queries``
(the preview, the hand-off file, ninjs) reads it through the ORM. One
library with every kind of content (photos with credits and rights,
authors with avatars and links, corrections, tags, scheduled and
unpublished stories, an article without a section) must read the same
both ways, on a library file and on a newsroom.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.publish.conftest import START, add_image, build_newsroom, make_jpeg
from workstation.library.changes import session_marker
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor, Author, Correction, Section
from workstation.library.settings import load_settings, save_settings
from workstation.publish import site
from workstation.publish.catalog_queries import load_catalog
from workstation.publish.catalog_reader import read_catalog

NOW = START + timedelta(hours=1)


def _everything(library: Library, photo: bytes) -> Library:
    """``build_newsroom``'s site plus a correction, a scheduled story, an avatar, rights and a house credit style."""
    build_newsroom(library, photo)
    with library.transaction() as session:
        main = session.query(Article).filter_by(slug="river-rises").one()
        session.add_all([
            Correction(article=main, noted_at=START + timedelta(minutes=30), text="An earlier version misnamed the bridge."),
            Correction(article=main, noted_at=START + timedelta(minutes=10), text="The gauge reading was corrected."),
        ])
        main.modified_at = START + timedelta(minutes=30)
        olena = session.query(Author).filter_by(slug="olena-kovalenko").one()
        olena.avatar, olena.avatar_mime = make_jpeg(64, 64, (200, 30, 30)), "image/jpeg"
        session.add(Author(slug="no-articles", name="Nobody Yet", role="", bio=""))
        embargoed = Article(
            slug="embargoed-budget", headline="The budget, under embargo", body="Numbers at noon.",
            section=session.query(Section).filter_by(slug="news-feed").one(), status="published",
            published_at=NOW + timedelta(days=1),
        )
        embargoed.bylines = [ArticleAuthor(author=olena, position=0)]
        session.add(embargoed)
        session.add(Article(slug="no-section", headline="Filed without a section", body="Plain text.",
                            status="published", published_at=START - timedelta(days=9)))
        rights = add_image(session, make_jpeg(900, 600, (10, 120, 60)), "market.jpg", caption="The market",
                           alt_text="Stalls under awnings", creator="Ivan Petrenko", credit_line="City Desk",
                           credit_override="", copyright_notice="© 2026 City Desk", usage_terms="Editorial use only",
                           web_statement="https://example.org/rights", keywords="market; town",
                           content_credentials={"manifest": "urn:c2pa:1", "instance_id": "xmp:iid:1"},
                           focal_x=0.25, focal_y=0.75)
        session.query(Article).filter_by(slug="theatre-reopens").one().feature_photo_id = rights.id
        settings = load_settings(session)
        settings.credit_style = "Photo: {creator} / {credit}"
        settings.site_name = "The River Post"
        settings.logo_photo_id = rights.id
        save_settings(session, settings)
    return library


@pytest.fixture
def full_library(library: Library, tagged_photo: bytes) -> Library:
    return _everything(library, tagged_photo)


def _orm(library: Library, drafts: bool):  # type: ignore[no-untyped-def]
    with library.session() as session:
        return session_marker(session), load_catalog(session, drafts=drafts, now=NOW)


def _plain(library: Library, drafts: bool):  # type: ignore[no-untyped-def]
    with library.reading() as plain:
        return read_catalog(plain, drafts=drafts, now=NOW)


@pytest.mark.both_backends
@pytest.mark.parametrize("drafts", [False, True], ids=["published", "drafts"])
def test_the_plain_reader_reads_the_catalog_the_orm_reads(full_library: Library, drafts: bool) -> None:
    orm_marker, orm = _orm(full_library, drafts)
    plain_marker, plain = _plain(full_library, drafts)
    assert plain_marker == orm_marker and plain_marker
    assert plain.settings == orm.settings
    assert plain.sections == orm.sections
    assert plain.authors == orm.authors
    assert plain.articles == orm.articles
    assert plain.held == orm.held
    assert plain.photos == orm.photos
    # The library really holds what the comparison is about.
    assert len(plain.photos) == 3 and any(r.corrections for r in plain.articles)
    assert [r.slug for r in plain.held] == ([] if drafts else ["embargoed-budget"])
    assert ("a-draft" in plain.by_slug) is drafts
    assert any(author.avatar for author in plain.authors.values())


def test_a_site_exported_from_the_orm_catalog_has_the_same_bytes(
    full_library: Library, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.export_site(full_library, tmp_path / "plain", cache_dir=cache_dir, now=NOW)
    with monkeypatch.context() as patched:
        patched.setattr(site, "read_catalog", lambda plain, drafts, now: _orm(full_library, drafts))
        site.export_site(full_library, tmp_path / "orm", cache_dir=cache_dir, now=NOW)

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    plain, orm = files(tmp_path / "plain"), files(tmp_path / "orm")
    assert plain.keys() == orm.keys()
    # The manifest records when it was written; every page, feed and picture must be equal.
    differing = [name for name in plain if plain[name] != orm[name] and not name.startswith(".")]
    assert differing == []
    assert "articles/river-rises/index.html" in plain


def test_stored_times_keep_their_offsets_in_the_plain_reader(library: Library) -> None:
    kyiv = timezone(timedelta(hours=2))
    with library.transaction() as session:
        session.add(Article(slug="offset", headline="Offset", body="x", status="published",
                            published_at=datetime(2026, 1, 5, 9, 0, tzinfo=kyiv)))
    _marker, catalog = _plain(library, False)
    assert catalog.articles[0].state.published_at == datetime(2026, 1, 5, 9, 0, tzinfo=kyiv)
    assert catalog.articles[0].state.published_at.utcoffset() == timedelta(hours=2)
