"""``export_ninjs``: IPTC ninjs 3.1 documents of the published articles, valid against IPTC's own schema."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.ninjs_schema import documents, ninjs_errors, ninjs_examples
from workstation.errors import PublishError
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor, Author, Section, Status
from workstation.publish.ninjs import export_ninjs, photo_uri
from workstation.publish.paths import JOURNAL_NAME
from workstation.publish.site import export_site
from workstation.publish.writer import JOURNAL_HEADER

BASE = "https://news.example.org/"


@pytest.fixture
def syndicate(newsroom: Library, tmp_path: Path, cache_dir: Path) -> Callable[..., Path]:
    """Export ``newsroom`` (or another library) as ninjs into ``tmp_path/ninjs-out``; returns the folder."""

    def run(library: Library = newsroom, outdir: Path | None = None, base_url: str | None = BASE) -> Path:
        target = outdir or tmp_path / "ninjs-out"
        export_ninjs(library, target, base_url=base_url, cache_dir=cache_dir)
        return target

    return run


def item(outdir: Path, slug: str) -> dict[str, Any]:
    return json.loads((outdir / "ninjs" / "items" / f"{slug}.json").read_text(encoding="utf-8"))


def association(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(a for a in document.get("associations", []) if a["name"] == name)


def add_article(library: Library, slug: str, **fields: Any) -> None:
    with library.transaction() as session:
        section = session.query(Section).filter_by(slug="news-feed").one()
        fields.setdefault("status", Status.PUBLISHED.value)
        session.add(Article(slug=slug, section=section, **fields))


# The validator ------------------------------------------------------------------


@pytest.mark.parametrize("example", ninjs_examples(), ids=lambda path: path.name)
def test_every_example_iptc_ships_validates(example: Path) -> None:
    assert ninjs_errors(json.loads(example.read_text(encoding="utf-8")), strict=False) == []


def test_asserting_formats_too_finds_only_the_example_whose_uri_is_no_uri() -> None:
    """Why the examples are checked at the schema's own strength, and ours with formats asserted."""
    found = {path.name: ninjs_errors(json.loads(path.read_text(encoding="utf-8"))) for path in ninjs_examples()}
    if not found:
        pytest.skip("shared/standards/ninjs is not beside this checkout")
    assert {name: errors for name, errors in found.items() if errors} == {
        "002_renditions_example.json": ["uri: 'renditions-example' is not a 'uri'"],
    }


def test_the_validator_rejects_what_the_schema_forbids() -> None:
    assert ninjs_errors({"headlines": [{"value": "No identifier"}]})
    assert ninjs_errors({"uri": "https://x.example/1", "bylines": [{"name": "Not a ninjs 3.1 property"}]})
    assert ninjs_errors({"uri": "https://x.example/1", "renditions": [{"href": "https://x.example/a.jpg"}]})
    assert ninjs_errors({"uri": "https://x.example/1", "versionCreated": "last Tuesday"})
    assert ninjs_errors({"uri": "images/relative.jpg"})


# Every document, valid ------------------------------------------------------------


def test_every_document_of_a_newsroom_validates(syndicate: Callable[..., Path]) -> None:
    found = documents(syndicate())
    assert set(found) == {
        "ninjs/index.json",
        *(f"ninjs/items/{slug}.json" for slug in
          ("river-rises", "theatre-reopens", "older-story-0", "older-story-1", "older-story-2")),
    }
    for relpath, document in found.items():
        assert ninjs_errors(document) == [], relpath


def test_drafts_and_articles_not_yet_published_are_never_exported(newsroom: Library,
                                                                  syndicate: Callable[..., Path]) -> None:
    add_article(newsroom, "ready-to-go", headline="Ready but not published", body="Waiting.", status="ready")
    add_article(newsroom, "being-edited", headline="Being edited", body="Waiting.", status="editing")
    outdir = syndicate()
    written = {path.name for path in (outdir / "ninjs" / "items").iterdir()}
    assert not written & {"a-draft.json", "ready-to-go.json", "being-edited.json"}
    everything = "\n".join(path.read_text(encoding="utf-8") for path in outdir.rglob("*.json"))
    assert "Unfinished draft" not in everything and "Ready but not published" not in everything


# What an article item says ---------------------------------------------------------


def test_an_article_carries_headlines_body_bylines_subjects_and_dates(syndicate: Callable[..., Path]) -> None:
    document = item(syndicate(), "river-rises")
    assert document["uri"] == "https://news.example.org/articles/river-rises/"
    assert document["standard"]["version"] == "3.1"
    assert document["type"] == "composite"
    assert {h["role"]: h["value"] for h in document["headlines"]} == {
        "main": "The river rises over the embankment",
        "subheadline": "Residents of the lower town had minutes to leave.",
    }
    assert document["descriptions"][0]["value"] == "Flooding in the lower town, and how the repairs went."
    assert document["by"] == "Olena Kovalenko and Marko Bilyk"
    assert [(s["name"], s["role"]) for s in document["infoSources"]] == [
        ("Olena Kovalenko", "Reporter"), ("Marko Bilyk", "Photo editor"), ("Workstation News", "publisher"),
    ]
    assert document["infoSources"][0]["uri"] == "https://news.example.org/author/olena-kovalenko/"
    assert [(s["name"], s["rel"]) for s in document["subjects"]] == [
        ("News Feed", "section"), ("Floods", "tag"), ("Infrastructure", "tag"),
    ]
    assert document["firstCreated"] == "2026-03-02T09:00:00+02:00"
    assert document["language"] == "en"
    assert document["pubStatus"] == "usable"
    assert document["copyrightNotice"] == "© 2026 Workstation News"
    assert document["bodies"][0]["contentType"] == "text/html"
    assert "<h2" in document["bodies"][0]["value"]


def test_copyright_notice_and_usage_terms_come_from_the_settings(newsroom: Library,
                                                                 syndicate: Callable[..., Path]) -> None:
    from workstation.library.settings import load_settings, save_settings

    with newsroom.transaction() as session:
        settings = load_settings(session)
        settings.copyright_notice = "Copyright 2026 Workstation News Ltd."
        settings.usage_terms = "Partners may republish unchanged, with the byline."
        save_settings(session, settings)
    document = item(syndicate(), "river-rises")
    assert document["copyrightNotice"] == "Copyright 2026 Workstation News Ltd."
    assert document["usageTerms"] == "Partners may republish unchanged, with the byline."


def test_the_body_is_the_published_pages_body(newsroom: Library, syndicate: Callable[..., Path],
                                             tmp_path: Path, cache_dir: Path) -> None:
    body = item(syndicate(), "river-rises")["bodies"][0]["value"]
    export_site(newsroom, tmp_path / "site", base_url=BASE, cache_dir=cache_dir)
    page = (tmp_path / "site" / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    # Only the addresses differ: absolute in the document, relative on the page.
    relative = re.sub(r'https://news\.example\.org/articles/([a-z0-9-]+)/"', r'../\1/index.html"',
                      body.replace(BASE + "images/", "../../images/"))
    assert relative in page
    assert 'href="https://news.example.org/articles/older-story-0/"' in body


def test_lead_and_body_photos_are_pictures_with_the_exported_renditions(syndicate: Callable[..., Path]) -> None:
    outdir = syndicate()
    document = item(outdir, "river-rises")
    lead, inline = association(document, "lead"), association(document, "photo1")
    assert (lead["type"], lead["rel"], inline["rel"]) == ("picture", "lead", "inline")
    # From the tags exiftool wrote into the file.
    assert lead["by"] == "Olena Kovalenko"
    assert lead["copyrightNotice"] == "© 2026 Northern Agency"
    assert {s["role"]: s["name"] for s in lead["infoSources"]}["credit"] == \
        "(Olena Kovalenko/Northern Agency via Wire Service)"
    assert {d["role"]: d["value"] for d in lead["descriptions"]} == {
        "caption": "Repairs began before the water peaked.",
        "alt": "A crane lifts a steel beam over the river",
    }
    assert {s["role"]: s["name"] for s in inline["infoSources"]}["agency"] == "City Desk"
    for picture in (lead, inline):
        assert picture["uri"].startswith("ni:///sha-256;")
        assert {r["contentType"] for r in picture["renditions"]} == {"image/jpeg", "image/webp"}
        for rendition in picture["renditions"]:
            assert rendition["href"].startswith(BASE + "images/")
            file = outdir / rendition["href"][len(BASE):]
            assert file.stat().st_size == rendition["sizeInBytes"]
            with Image.open(file) as image:
                assert image.size == (rendition["width"], rendition["height"])
                assert Image.MIME[image.format] == rendition["contentType"]


def test_a_photo_is_one_item_wherever_it_appears(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    with newsroom.session() as session:
        lead = session.get(Article, session.query(Article.id).filter_by(slug="river-rises").scalar())
        sha = lead.feature_photo.sha256
    document = item(syndicate(), "river-rises")
    assert association(document, "lead")["uri"] == photo_uri(sha)


def test_the_video_is_an_association(syndicate: Callable[..., Path]) -> None:
    video = association(item(syndicate(), "river-rises"), "video1")
    assert video["type"] == "video"
    # The privacy-enhanced player's page, as the card links it: never the provider's own watch page.
    assert video["uri"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert video["renditions"] == [
        {"name": "player", "href": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "contentType": "text/html"}
    ]


def test_an_article_without_a_lead_photo_is_plain_text(syndicate: Callable[..., Path]) -> None:
    document = item(syndicate(), "theatre-reopens")
    assert document["type"] == "text"
    assert "associations" not in document
    assert ninjs_errors(document) == []


def test_several_bylines_read_as_a_sentence(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    with newsroom.transaction() as session:
        article = session.query(Article).filter_by(slug="theatre-reopens").one()
        people = [Author(slug=f"writer-{n}", name=name) for n, name in enumerate(("Ann Lee", "Bo Chan", "Cy Ode"))]
        session.add_all(people)
        session.flush()
        session.add_all(ArticleAuthor(article_id=article.id, author_id=person.id, position=n)
                        for n, person in enumerate(people))
    document = item(syndicate(), "theatre-reopens")
    assert document["by"] == "Ann Lee, Bo Chan and Cy Ode"
    assert [s["role"] for s in document["infoSources"]] == ["Author", "Author", "Author", "publisher"]
    assert ninjs_errors(document) == []


def test_cyrillic_text_is_written_as_utf8_and_validates(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    add_article(newsroom, "richka-vyishla", headline="Річка вийшла з берегів у Житомирі",
                dek="Мешканці нижнього міста мали лічені хвилини.", body="Вода піднялася вночі.\n\nРанок був тихий.")
    outdir = syndicate()
    document = item(outdir, "richka-vyishla")
    assert document["headlines"][0]["value"] == "Річка вийшла з берегів у Житомирі"
    assert "<p>Вода піднялася вночі.</p>" in document["bodies"][0]["value"]
    assert "Річка вийшла" in (outdir / "ninjs" / "items" / "richka-vyishla.json").read_text(encoding="utf-8")
    assert ninjs_errors(document) == []


def test_hostile_text_is_json_data_and_the_body_is_sanitised(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    headline = '</script><script>alert("x")</script> \\ "quoted" \u2028 end'
    add_article(
        newsroom, "hostile", headline=headline, dek="<img src=x onerror=alert(1)>",
        body='Hello <script>alert(1)</script><img src="x" onerror="alert(2)">\n\n'
             '[click](javascript:alert(3)) <a href="javascript:alert(4)" onclick="alert(5)">me</a>\n\n'
             '<iframe src="https://evil.example/"></iframe>',
    )
    outdir = syndicate()
    document = item(outdir, "hostile")
    assert ninjs_errors(document) == []
    # Text fields are data, kept exactly as typed; JSON itself escapes what it must.
    assert document["headlines"][0]["value"] == headline
    assert document["headlines"][1]["value"] == "<img src=x onerror=alert(1)>"
    body = document["bodies"][0]["value"]
    for forbidden in ("<script", "onerror", "onclick", "javascript:", "<iframe"):
        assert forbidden not in body.lower()
    assert "Hello" in body


# The index ---------------------------------------------------------------------


def test_the_index_lists_every_item_newest_first(syndicate: Callable[..., Path]) -> None:
    outdir = syndicate()
    index = json.loads((outdir / "ninjs" / "index.json").read_text(encoding="utf-8"))
    assert index["type"] == "composite"
    listed = [a["name"] for a in index["associations"]]
    assert listed == ["river-rises", "theatre-reopens", "older-story-0", "older-story-1", "older-story-2"]
    for entry in index["associations"]:
        document = item(outdir, entry["name"])
        assert (entry["uri"], entry["version"], entry["representationType"]) == \
            (document["uri"], document["version"], "partial")
        href = entry["renditions"][0]["href"]
        assert href == f"{BASE}ninjs/items/{entry['name']}.json"
        assert (outdir / href[len(BASE):]).is_file()


# Identity, versions, and the folder ------------------------------------------------


def test_uri_stays_and_version_changes_with_the_content(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    outdir = syndicate()
    first = item(outdir, "river-rises")
    assert item(syndicate(), "river-rises") == first
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="river-rises").one().headline = "The river falls again"
    second = item(syndicate(), "river-rises")
    assert second["uri"] == first["uri"]
    assert second["version"] != first["version"]
    assert second["firstCreated"] == first["firstCreated"]


def test_an_unchanged_library_rewrites_nothing_and_an_unpublished_article_is_removed(
    newsroom: Library, syndicate: Callable[..., Path], cache_dir: Path
) -> None:
    outdir = syndicate()
    again = export_ninjs(newsroom, outdir, base_url=BASE, cache_dir=cache_dir)
    assert again.written == [] and again.removed == []
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="theatre-reopens").one().status = "draft"
    report = export_ninjs(newsroom, outdir, base_url=BASE, cache_dir=cache_dir)
    assert report.removed == ["ninjs/items/theatre-reopens.json"]
    assert "ninjs/index.json" in report.written
    assert not (outdir / "ninjs" / "items" / "theatre-reopens.json").exists()


def test_a_document_someone_edited_is_replaced_but_a_file_of_theirs_is_never_deleted(
    newsroom: Library, syndicate: Callable[..., Path], cache_dir: Path
) -> None:
    outdir = syndicate()
    edited = outdir / "ninjs" / "items" / "older-story-2.json"
    edited.write_text('{"uri": "https://elsewhere.example/"}')
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="older-story-2").one().status = "draft"
    report = export_ninjs(newsroom, outdir, base_url=BASE, cache_dir=cache_dir)
    # Not the bytes we wrote: left where it is, as anything of the user's would be.
    assert report.removed == [] and edited.read_text() == '{"uri": "https://elsewhere.example/"}'


def test_a_site_folder_is_refused_and_left_as_it_was(newsroom: Library, syndicate: Callable[..., Path],
                                                     tmp_path: Path, cache_dir: Path) -> None:
    site = tmp_path / "site"
    export_site(newsroom, site, base_url=BASE, cache_dir=cache_dir)
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    with pytest.raises(PublishError, match="site export, not a ninjs one"):
        syndicate(outdir=site)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before


def test_a_ninjs_folder_is_refused_by_the_site_export(newsroom: Library, syndicate: Callable[..., Path],
                                                     cache_dir: Path) -> None:
    outdir = syndicate()
    before = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*"))
    with pytest.raises(PublishError, match="ninjs export, not a site one"):
        export_site(newsroom, outdir, base_url=BASE, cache_dir=cache_dir)
    assert sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*")) == before


def test_without_a_base_url_nothing_is_written(syndicate: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="--base-url"):
        syndicate(base_url=None)
    assert not (tmp_path / "ninjs-out").exists()


def test_the_base_url_in_the_settings_is_used_when_none_is_given(newsroom: Library,
                                                                 syndicate: Callable[..., Path]) -> None:
    from workstation.library.settings import load_settings, save_settings

    with newsroom.transaction() as session:
        settings = load_settings(session)
        settings.base_url = "https://courier.example.net/news/"
        save_settings(session, settings)
    document = item(syndicate(base_url=None), "river-rises")
    assert document["uri"] == "https://courier.example.net/news/articles/river-rises/"


def test_a_slug_cannot_lead_a_document_out_of_its_folder(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    add_article(newsroom, "../../escape", headline="Escape attempt", body="Nope.",
                published_at=None)
    outdir = syndicate()
    assert not (outdir.parent / "escape.json").exists()
    names = [p.name for p in (outdir / "ninjs" / "items").iterdir()]
    assert all(re.fullmatch(r"[a-z0-9-]+\.json", name) for name in names)


def test_dates_keep_their_offset(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    with newsroom.session() as session:
        published = session.query(Article).filter_by(slug="older-story-0").one().published_at
    document = item(syndicate(), "older-story-0")
    assert document["firstCreated"] == published.isoformat(timespec="seconds")
    assert published.utcoffset() == timedelta(hours=2)


def test_a_ninjs_export_killed_before_its_journal_was_whole_is_carried_on(syndicate: Callable[..., Path],
                                                                          tmp_path: Path) -> None:
    outdir = tmp_path / "ninjs-out"
    outdir.mkdir()
    (outdir / JOURNAL_NAME).write_text('{"format": "workstation-journal/1", "ki')
    syndicate(outdir=outdir)
    assert (outdir / "ninjs" / "index.json").is_file()
    assert not (outdir / JOURNAL_NAME).exists()


def test_the_journal_of_a_killed_ninjs_export_keeps_the_site_export_out(newsroom: Library, tmp_path: Path,
                                                                       cache_dir: Path) -> None:
    outdir = tmp_path / "ninjs-out"
    (outdir / "ninjs").mkdir(parents=True)
    index = b'{"uri": "https://news.example.org/ninjs/index.json"}'
    (outdir / "ninjs" / "index.json").write_bytes(index)
    record = {"path": "ninjs/index.json", "sha256": hashlib.sha256(index).hexdigest(), "size": len(index),
              "inputs": "", "temp": ".ws-0123456789abcdef.part"}
    journal = json.dumps({**JOURNAL_HEADER, "kind": "ninjs"}) + "\n" + json.dumps(record) + "\n"
    (outdir / JOURNAL_NAME).write_text(journal)
    with pytest.raises(PublishError, match="ninjs export, not a site one"):
        export_site(newsroom, outdir, base_url=BASE, cache_dir=cache_dir)
    assert sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*")) == \
        [JOURNAL_NAME, "ninjs", "ninjs/index.json"]
    assert (outdir / JOURNAL_NAME).read_text() == journal


def test_two_slugs_that_would_share_a_document_are_refused_before_anything_is_written(
    newsroom: Library, syndicate: Callable[..., Path], tmp_path: Path
) -> None:
    add_article(newsroom, "Kyiv_News", headline="One", body="One.")
    add_article(newsroom, "kyiv-news", headline="Two", body="Two.")
    with pytest.raises(PublishError, match="would share the document ninjs/items/kyiv-news.json"):
        syndicate()
    assert not (tmp_path / "ninjs-out").exists()


# Embargo and corrections (the newsroom's publishing verbs) --------------------------


def test_an_embargoed_article_is_held_until_its_time_then_syndicated(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    due = datetime(2026, 3, 4, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    add_article(newsroom, "embargoed", headline="Not before Wednesday", body="Embargoed text.", published_at=due)
    outdir = tmp_path / "ninjs-out"
    report = export_ninjs(newsroom, outdir, base_url=BASE, cache_dir=cache_dir, now=due - timedelta(days=1))
    assert report.held == [("embargoed", due)]
    assert not (outdir / "ninjs" / "items" / "embargoed.json").exists()
    assert "Not before Wednesday" not in (outdir / "ninjs" / "index.json").read_text(encoding="utf-8")
    report = export_ninjs(newsroom, outdir, base_url=BASE, cache_dir=cache_dir, now=due + timedelta(minutes=1))
    assert report.held == []
    assert item(outdir, "embargoed")["firstCreated"] == due.isoformat(timespec="seconds")


def test_a_correction_is_carried_with_its_date(newsroom: Library, syndicate: Callable[..., Path]) -> None:
    from workstation.editing.publishing import correct

    with newsroom.session() as session:
        article_id = session.query(Article.id).filter_by(slug="river-rises").scalar()
    noted = correct(newsroom, article_id, "An earlier version gave the wrong river.")
    document = item(syndicate(), "river-rises")
    corrections = [d["value"] for d in document["descriptions"] if d["role"] == "correction"]
    assert corrections == [f"Correction, {noted.day} {noted:%B %Y}: An earlier version gave the wrong river."]
    with newsroom.session() as session:
        changed = session.get(Article, article_id).modified_at
    assert datetime.fromisoformat(document["versionCreated"]) == changed.replace(microsecond=0)
    assert ninjs_errors(document) == []
