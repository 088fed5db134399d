"""Import: the front-matter contract, images resolved and stored once, and every refusal named."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from tests.library.conftest import article_md, file_digest, jpeg_bytes, write
from workstation.library.database import Library
from workstation.library.importer import ImportReport, import_paths
from workstation.library.models import Article, Author, Photo, Section, Tag
from workstation.library.revisions import list_revisions


def counts(library: Library) -> tuple[int, int, int, int]:
    with library.session() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) for model in (Article, Author, Photo, Section)
        )


def the_article(library: Library, slug: str) -> Article:
    session = library.session()
    return session.scalars(select(Article).where(Article.slug == slug)).one()


# --- articles ---------------------------------------------------------------


def test_an_article_lands_with_every_front_matter_field(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("pics/lead.jpg")
    write(tmp_path / "olena.md", "---\ntype: author\nname: Olena Koval\nslug: olena-koval\n---\nReporter.\n")
    md = write(tmp_path / "story.md", article_md("""
title: Trams return to Kharkiv
slug: trams-return
section: City
authors: [olena-koval, Petro Bondar]
date: 2026-03-01T09:30:00+02:00
status: published
summary: The depot reopened.
tags: [transport, Kharkiv]
image: pics/lead.jpg
image_alt: A red tram at a stop
image_caption: The first tram of the morning
image_credit: Petro Bondar/Kharkiv Daily
"""))
    report = import_paths(library, [tmp_path / "olena.md", md])
    assert report.refused == [] and report.articles == ["trams-return"]
    article = the_article(library, "trams-return")
    assert article.headline == "Trams return to Kharkiv"
    assert article.section.name == "City"
    assert [a.name for a in article.authors] == ["Olena Koval", "Petro Bondar"]
    assert article.published_at == datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert article.status == "published" and article.dek == "The depot reopened."
    assert sorted(t.name for t in article.tags) == ["Kharkiv", "transport"]
    assert (article.feature_alt, article.feature_caption) == ("A red tram at a stop", "The first tram of the morning")
    assert article.feature_photo.credit_override == "Petro Bondar/Kharkiv Daily"
    assert article.body == "Body text.\n"


def test_status_defaults_to_draft(library: Library, tmp_path: Path) -> None:
    import_paths(library, [write(tmp_path / "a.md", article_md("title: A"))])
    assert the_article(library, "a").status == "draft"


def test_a_date_written_as_text_keeps_its_time_zone(library: Library, tmp_path: Path) -> None:
    import_paths(library, [write(tmp_path / "a.md", article_md('title: A\ndate: "2026-03-01T09:30:00-05:00"'))])
    assert the_article(library, "a").published_at.utcoffset() == timedelta(hours=-5)


def test_a_bare_date_is_midnight_utc(library: Library, tmp_path: Path) -> None:
    import_paths(library, [write(tmp_path / "a.md", article_md("title: A\ndate: 2026-03-01"))])
    assert the_article(library, "a").published_at == datetime(2026, 3, 1, tzinfo=timezone.utc)


def test_without_a_slug_the_file_name_is_the_slug(library: Library, tmp_path: Path) -> None:
    import_paths(library, [write(tmp_path / "2026-03-01-Night Train.md", article_md("title: Whatever"))])
    assert the_article(library, "night-train").headline == "Whatever"


def test_a_cyrillic_slug_is_transliterated(library: Library, tmp_path: Path) -> None:
    import_paths(library, [write(tmp_path / "a.md", article_md("title: Бахмут\nslug: Бахмут"))])
    assert the_article(library, "bakhmut").headline == "Бахмут"


def test_a_slug_cannot_climb_out_of_its_folder(library: Library, tmp_path: Path) -> None:
    import_paths(library, [write(tmp_path / "a.md", article_md("title: A\nslug: ../../etc/passwd"))])
    with library.session() as session:
        [slug] = session.scalars(select(Article.slug)).all()
    assert "/" not in slug and ".." not in slug


def test_a_file_without_front_matter_takes_its_headline_from_the_first_heading(library: Library, tmp_path: Path) -> None:
    import_paths(library, [write(tmp_path / "notes.md", "# Flood defences\n\nThe council voted.\n")])
    article = the_article(library, "notes")
    assert (article.headline, article.body) == ("Flood defences", "The council voted.\n")


def test_unknown_authors_and_sections_are_created_once(library: Library, tmp_path: Path) -> None:
    import_paths(library, [
        write(tmp_path / "a.md", article_md("title: A\nsection: Culture\nauthors: Maria Ivanova")),
        write(tmp_path / "b.md", article_md("title: B\nsection: culture\nauthors: [maria-ivanova]")),
    ])
    with library.session() as session:
        assert session.scalars(select(Section.name)).all() == ["Culture"]
        assert session.scalars(select(Author.name)).all() == ["Maria Ivanova"]


def test_a_known_author_is_matched_by_exact_name(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "people/olena.md", "---\ntype: author\nname: Олена Коваль\nslug: okoval\n---\nBio.\n")
    write(tmp_path / "a.md", article_md("title: A\nauthors: [Олена Коваль]"))
    import_paths(library, [tmp_path])
    assert [a.slug for a in the_article(library, "a").authors] == ["okoval"]


def test_tags_are_shared_between_articles(library: Library, tmp_path: Path) -> None:
    import_paths(library, [
        write(tmp_path / "a.md", article_md("title: A\ntags: [Rail]")),
        write(tmp_path / "b.md", article_md("title: B\ntags: rail")),
    ])
    with library.session() as session:
        assert session.scalar(select(func.count()).select_from(Tag)) == 1


def test_reimporting_a_slug_updates_it_and_keeps_a_revision(library: Library, tmp_path: Path) -> None:
    md = write(tmp_path / "a.md", article_md("title: First", "Old words.\n"))
    import_paths(library, [md])
    write(md, article_md("title: Second", "New words.\n"))
    report = import_paths(library, [md])
    assert report.updated == ["a"] and report.articles == []
    article = the_article(library, "a")
    assert article.headline == "Second"
    [revision] = list_revisions(library.session(), article)
    assert (revision.reason, revision.headline, revision.body) == ("import", "First", "Old words.\n")


# --- images -----------------------------------------------------------------


def test_body_images_are_imported_once_and_referred_to_by_photo(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("shoot/tram.jpg")
    md = write(tmp_path / "text/a.md", article_md(
        "title: A", '![A tram](../shoot/tram.jpg "Caption")\n\nAgain:\n\n![Same tram](<../shoot/tram.jpg>)\n'))
    import_paths(library, [md, tmp_path / "shoot"])
    with library.session() as session:
        [photo_id] = session.scalars(select(Photo.id)).all()
    body = the_article(library, "a").body
    assert body == (f'![A tram](photo:{photo_id} "Caption")\n\nAgain:\n\n![Same tram](photo:{photo_id})\n')


def test_a_body_image_gives_an_untitled_photo_its_alt_text(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("tram.jpg")
    import_paths(library, [write(tmp_path / "a.md", article_md("title: A", "![A red tram](tram.jpg)\n"))])
    with library.session() as session:
        assert session.scalars(select(Photo.alt_text)).one() == "A red tram"


def test_an_image_used_by_several_articles_is_one_photo(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("pics/lead.jpg")
    write(tmp_path / "a.md", article_md("title: A\nimage: pics/lead.jpg"))
    write(tmp_path / "b.md", article_md("title: B", "![x](pics/lead.jpg)\n"))
    report = import_paths(library, [tmp_path])
    assert report.refused == [] and len(report.photos) == 1
    assert counts(library)[2] == 1


def test_web_addresses_and_code_samples_are_left_as_written(library: Library, tmp_path: Path) -> None:
    body = "![remote](https://example.org/x.jpg)\n\n```\n![sample](missing.jpg)\n```\n"
    report = import_paths(library, [write(tmp_path / "a.md", article_md("title: A", body))])
    assert report.refused == []
    assert the_article(library, "a").body == body


def test_an_image_path_climbing_with_dot_dot_is_fine_inside_the_imported_folder(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("shared.jpg")
    write(tmp_path / "deep/er/a.md", article_md("title: A\nimage: ../../shared.jpg"))
    report = import_paths(library, [tmp_path])
    assert report.refused == []
    assert the_article(library, "a").feature_photo is not None


def test_a_missing_image_refuses_the_article_and_keeps_nothing_of_it(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("present.jpg")
    md = write(tmp_path / "a.md", article_md(
        "title: A\nsection: New Section\nauthors: New Person", "![ok](present.jpg)\n![gone](../../../etc/gone.jpg)\n"))
    report = import_paths(library, [md])
    assert [r.path for r in report.refused] == [md]
    assert "gone.jpg" in report.refused[0].reason and "not found" in report.refused[0].reason
    assert counts(library) == (0, 0, 0, 0)


def test_images_in_a_folder_are_imported_with_their_embedded_captions(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("iptc.jpg", "-IPTC:Caption-Abstract=Трамвай у депо", "-IPTC:By-line=Олена Коваль",
               "-IPTC:Credit=Kharkiv Daily")
    write_jpeg("xmp.jpg", "-XMP-dc:Description=Потяг прибуває", "-XMP-dc:Creator=Петро Бондар",
               "-XMP-photoshop:Credit=Агенція")
    write_jpeg("both.jpg", "-IPTC:Caption-Abstract=Міст", "-XMP-dc:Description=Міст через річку")
    report = import_paths(library, [tmp_path])
    assert report.refused == [] and len(report.photos) == 3
    with library.session() as session:
        photos = {p.original_filename: p for p in session.scalars(select(Photo))}
    assert (photos["iptc.jpg"].caption, photos["iptc.jpg"].creator, photos["iptc.jpg"].credit_line) == (
        "Трамвай у депо", "Олена Коваль", "Kharkiv Daily")
    assert (photos["xmp.jpg"].caption, photos["xmp.jpg"].creator) == ("Потяг прибуває", "Петро Бондар")
    assert photos["both.jpg"].caption in ("Міст", "Міст через річку")


def test_the_same_image_imported_twice_is_one_photo(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("a.jpg")
    import_paths(library, [tmp_path / "a.jpg"])
    report = import_paths(library, [tmp_path / "a.jpg"])
    assert report.refused == [] and report.photos == [] and counts(library)[2] == 1


# --- author profiles ------------------------------------------------------------


def test_an_author_profile_lands_with_its_avatar_and_bio(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("avatars/maren.jpg")
    write(tmp_path / "maren.md", """---
type: author
name: Maren Holt
slug: maren-holt
role: Senior Reporter
email: maren@example.org
website: https://example.org/maren
location: Millbrook
avatar: avatars/maren.jpg
---
Maren covers the *council*.
""")
    report = import_paths(library, [tmp_path / "maren.md"])
    assert report.refused == [] and report.authors == ["maren-holt"]
    with library.session() as session:
        author = session.scalars(select(Author)).one()
        assert (author.name, author.role, author.email, author.website, author.location) == (
            "Maren Holt", "Senior Reporter", "maren@example.org", "https://example.org/maren", "Millbrook")
        assert author.bio == "Maren covers the *council*."
        assert Image.open(io.BytesIO(author.avatar)).size[0] == Image.open(io.BytesIO(author.avatar)).size[1]


def test_importing_a_folder_does_not_add_author_avatars_as_photos(
    library: Library, tmp_path: Path, write_jpeg
) -> None:
    write_jpeg("avatars/maren.jpg")
    write_jpeg("photos/river.jpg", seed=1)
    write(tmp_path / "maren.md", "---\ntype: author\nname: Maren Holt\navatar: avatars/maren.jpg\n---\nBio.\n")
    report = import_paths(library, [tmp_path])
    assert report.refused == [] and len(report.photos) == 1
    with library.session() as session:
        assert session.scalars(select(Author)).one().avatar


def test_reimporting_an_author_updates_the_profile(library: Library, tmp_path: Path) -> None:
    md = write(tmp_path / "a.md", "---\ntype: author\nname: Maren Holt\nrole: Reporter\n---\nOld bio.\n")
    import_paths(library, [md])
    write(md, "---\ntype: author\nname: Maren Holt\nrole: Editor\n---\nNew bio.\n")
    import_paths(library, [md])
    with library.session() as session:
        author = session.scalars(select(Author)).one()
        assert (author.role, author.bio) == ("Editor", "New bio.")


def test_authors_are_imported_before_the_articles_that_name_them(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a-articles/story.md", article_md("title: A\nauthors: [mh]"))
    write(tmp_path / "z-people/maren.md", "---\ntype: author\nname: Maren Holt\nslug: mh\n---\nBio.\n")
    import_paths(library, [tmp_path])
    with library.session() as session:
        assert session.scalars(select(Author.name)).all() == ["Maren Holt"]


def test_an_author_with_an_invalid_email_is_refused(library: Library, tmp_path: Path) -> None:
    md = write(tmp_path / "a.md", "---\ntype: author\nname: X\nemail: not an address\n---\n")
    report = import_paths(library, [md])
    assert [r.path for r in report.refused] == [md] and "email" in report.refused[0].reason
    assert counts(library)[1] == 0


# --- refusals -------------------------------------------------------------------


def _png_bomb(side: int = 30_000) -> bytes:
    """A real, valid PNG of side x side black pixels that is only a few hundred KB on disk.

    Written row by row through zlib so the test itself never holds the decoded picture.
    """
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = bytes(side // 8 + 1)
    pixels = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# A callable is called when its test runs: the bomb is not made at every collection (by every worker).
BAD_FILES: dict[str, tuple[str, bytes | str | Callable[[], bytes], str]] = {
    "truncated JPEG": ("cut.jpg", jpeg_bytes(400, 300)[:900], ""),
    "text renamed .jpg": ("fake.jpg", "this is not a picture\n", ""),
    "decompression bomb": ("bomb.png", _png_bomb, ""),
    "broken YAML": ("yaml.md", "---\ntitle: [unclosed\n---\nBody\n", "broken YAML"),
    "authors as a mapping": ("map.md", article_md("title: A\nauthors: {a: 1}"), "'authors'"),
    "date as a list": ("date.md", article_md("title: A\ndate: [1]"), "'date'"),
    "unparseable date": ("when.md", article_md("title: A\ndate: next tuesday"), "'date'"),
    "unknown status": ("status.md", article_md("title: A\nstatus: archived"), "unknown status"),
    "title as a mapping": ("title.md", article_md("title: {x: 1}"), "'title'"),
    "front matter is a list": ("list.md", "---\n- a\n- b\n---\n", "key: value"),
    "unterminated front matter": ("open.md", "---\ntitle: A\nBody without an end\n", "never ends"),
    "non-UTF-8 text": ("cp1251.md", "---\ntitle: Київ\n---\nТекст\n".encode("cp1251"), "not UTF-8"),
    "binary junk": ("junk.md", bytes(range(256)) * 20, "binary"),
    "billion laughs": ("bomb.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\ntitle: *c\n---\n", "aliases"),
    "huge front matter": ("huge.md", "---\ntitle: A\nsummary: " + "x" * 200_000 + "\n---\n", "larger than"),
    "deeply nested YAML": ("deep.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n", ""),
    "unknown type": ("type.md", "---\ntype: recipe\n---\n", "unknown type"),
    "author without a name": ("nameless.md", "---\ntype: author\nrole: Reporter\n---\n", "name"),
    "avatar missing": ("avatarless.md", "---\ntype: author\nname: A\navatar: nowhere.jpg\n---\n", "not found"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_refused_by_name_while_good_files_land(library: Library, tmp_path: Path, case: str) -> None:
    name, content, expected = BAD_FILES[case]
    content = content() if callable(content) else content
    bad = tmp_path / "in" / name
    bad.parent.mkdir()
    bad.write_bytes(content.encode() if isinstance(content, str) else content)
    write(tmp_path / "in" / "good.md", article_md("title: Good"))
    report = import_paths(library, [tmp_path / "in"])
    assert [r.path for r in report.refused] == [bad]
    reason = report.refused[0].reason
    assert expected in reason and "\n" not in reason and "Traceback" not in reason
    assert report.articles == ["good"]
    assert counts(library)[1:] == (0, 0, 0)


def test_a_refused_file_is_left_unchanged(library: Library, tmp_path: Path) -> None:
    bad = write(tmp_path / "a.md", article_md("title: A\nstatus: archived"))
    digest = file_digest(bad)
    import_paths(library, [bad])
    assert file_digest(bad) == digest


def test_a_named_file_of_another_kind_is_refused(library: Library, tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.txt", "hello")
    assert [r.path for r in import_paths(library, [notes]).refused] == [notes]


def test_a_missing_path_is_refused(library: Library, tmp_path: Path) -> None:
    report = import_paths(library, [tmp_path / "nowhere"])
    assert report.refused[0].reason == "no such file or folder"


def test_other_and_hidden_files_in_a_folder_are_skipped_quietly(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "notes.txt", "hello")
    write(folder / ".git/config.md", "---\ntitle: [broken\n---\n")
    write(folder / ".draft.md", "---\ntitle: [broken\n---\n")
    report = import_paths(library, [folder])
    assert report.refused == [] and report.skipped == [folder / "notes.txt"]


def test_the_summary_counts_one_of_a_kind_in_the_singular() -> None:
    report = ImportReport(articles=["a"], authors=["olena"], photos=[1], skipped=[Path("x.txt")], refused=[])
    assert report.summary() == "imported 1 new and 0 updated articles, 1 author profile, 1 photo; skipped 1 other file"


def test_the_summary_counts_several_in_the_plural() -> None:
    report = ImportReport(authors=["a", "b"], photos=[1, 2], skipped=[Path("x"), Path("y")])
    assert report.summary() == "imported 0 new and 0 updated articles, 2 author profiles, 2 photos; skipped 2 other files"


def test_progress_is_reported_for_every_file(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a.md", article_md("title: A"))
    write(tmp_path / "b.md", article_md("title: B"))
    seen: list[tuple[int, int]] = []
    import_paths(library, [tmp_path], progress=lambda done, total, _label: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]


def test_cancelling_stops_before_the_next_file(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a.md", article_md("title: A"))
    write(tmp_path / "b.md", article_md("title: B"))
    report = import_paths(library, [tmp_path], cancel=lambda: True)
    assert report.articles == [] and counts(library)[0] == 0


def test_photos_of_a_refused_article_are_not_counted_as_imported(library: Library, tmp_path: Path, write_jpeg) -> None:
    write_jpeg("present.jpg")
    md = write(tmp_path / "a.md", article_md("title: A", "![ok](present.jpg)\n![gone](gone.jpg)\n"))
    assert import_paths(library, [md]).photos == []


def test_a_markdown_file_over_5_mb_is_refused(library: Library, tmp_path: Path) -> None:
    big = write(tmp_path / "big.md", article_md("title: Big", "word " * 1_100_000))
    [refusal] = import_paths(library, [big]).refused
    assert "too large" in refusal.reason
