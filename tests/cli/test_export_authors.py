"""``workstation export-authors``: profiles as front-matter Markdown, avatars beside them."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import yaml
from PIL import Image

from workstation.cli import main
from workstation.library.authors import create_author, set_avatar
from workstation.library.database import Library, open_library
from workstation.library.importer import import_paths
from workstation.library.models import Author


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body.strip()


def test_each_profile_becomes_a_markdown_file_with_front_matter(library: Library, tmp_path: Path) -> None:
    with library.transaction() as session:
        create_author(
            session,
            "Олена Коваленко",
            role="Reporter",
            email="olena@example.com",
            website="https://olena.example.org/",
            location="Kharkiv",
            bio="Covers the east.\n\nBefore that, *courts*.",
            social_links=[{"label": "Mastodon", "url": "https://mastodon.example/@olena"}],
        )
    out = tmp_path / "profiles"
    assert main(["export-authors", str(library.path), str(out)]) == 0
    keys, body = front_matter(out / "olena-kovalenko.md")
    assert keys == {
        "type": "author",
        "name": "Олена Коваленко",
        "slug": "olena-kovalenko",
        "role": "Reporter",
        "email": "olena@example.com",
        "website": "https://olena.example.org/",
        "location": "Kharkiv",
        "social_links": [{"label": "Mastodon", "url": "https://mastodon.example/@olena"}],
    }
    assert body == "Covers the east.\n\nBefore that, *courts*."


def test_avatar_is_written_beside_the_profile(
    library: Library, tmp_path: Path, quadrant_picture: Callable[..., bytes]
) -> None:
    with library.transaction() as session:
        set_avatar(session, create_author(session, "Anna Moroz"), quadrant_picture(), box=(0, 0, 200))
    main(["export-authors", str(library.path), str(tmp_path)])
    keys, _ = front_matter(tmp_path / "anna-moroz.md")
    assert keys["avatar"] == "anna-moroz.jpg"
    assert Image.open(io.BytesIO((tmp_path / "anna-moroz.jpg").read_bytes())).size == (200, 200)


def test_values_yaml_would_misread_are_quoted(library: Library, tmp_path: Path) -> None:
    with library.transaction() as session:
        create_author(session, "Yes", role="null", location="2026-01-01")
    main(["export-authors", str(library.path), str(tmp_path)])
    keys, _ = front_matter(tmp_path / "yes.md")
    assert (keys["name"], keys["role"], keys["location"]) == ("Yes", "null", "2026-01-01")


def test_bio_that_looks_like_front_matter_stays_in_the_body(library: Library, tmp_path: Path) -> None:
    bio = "---\ntype: article\n---\nStill the bio."
    with library.transaction() as session:
        create_author(session, "Anna Moroz", bio=bio)
    main(["export-authors", str(library.path), str(tmp_path)])
    keys, body = front_matter(tmp_path / "anna-moroz.md")
    assert keys["type"] == "author"
    assert body == bio


def test_a_slug_pointing_outside_the_folder_writes_nothing(library: Library, tmp_path: Path, capsys) -> None:
    with library.transaction() as session:
        create_author(session, "Anna Moroz")
        session.add(Author(slug="../../escaped", name="Hostile"))
    out = tmp_path / "a" / "profiles"
    out.parent.mkdir()
    assert main(["export-authors", str(library.path), str(out)]) == 2
    assert "outside" in capsys.readouterr().err
    assert not (tmp_path / "escaped.md").exists()
    assert list(out.iterdir()) == []


def test_a_file_in_place_of_the_folder_is_refused(library: Library, tmp_path: Path, capsys) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("keep me")
    assert main(["export-authors", str(library.path), str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text() == "keep me"


def test_a_file_that_is_not_a_library_is_refused(tmp_path: Path, capsys) -> None:
    fake = tmp_path / "fake.wslib"
    fake.write_bytes(b"not sqlite")
    assert main(["export-authors", str(fake), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a Workstation library" in err
    assert not (tmp_path / "out").exists()


def test_rerunning_the_export_overwrites_the_previous_files(library: Library, tmp_path: Path) -> None:
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz", role="Intern")
    main(["export-authors", str(library.path), str(tmp_path)])
    with library.transaction() as session:
        session.get(Author, author.id).role = "Reporter"
    main(["export-authors", str(library.path), str(tmp_path)])
    assert front_matter(tmp_path / "anna-moroz.md")[0]["role"] == "Reporter"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_profiles_round_trip_through_export_and_import(
    library: Library, tmp_path: Path, quadrant_picture: Callable[..., bytes]
) -> None:
    fields = {
        "role": "Reporter",
        "email": "olena@example.com",
        "website": "https://olena.example.org/",
        "location": "Kharkiv",
        "bio": 'Covers the east.\n\n---\n\nBefore that, *courts*: "quoted" & <b>bold</b>.',
        "social_links": [
            {"label": "Mastodon", "url": "https://mastodon.example/@olena"},
            {"label": "Bluesky", "url": "https://bsky.example/profile/olena"},
        ],
    }
    with library.transaction() as session:
        olena = create_author(session, "Олена Коваленко", **fields)
        set_avatar(session, olena, quadrant_picture(), box=(0, 0, 300))
        create_author(session, "Yes", role="null")
        create_author(session, "Madonna")
    out = tmp_path / "profiles"
    main(["export-authors", str(library.path), str(out)])

    with open_library(tmp_path / "copy.wslib", create=True) as copy:
        report = import_paths(copy, sorted(out.glob("*.md")))
        assert report.refused == []
        with library.session() as before, copy.session() as after:
            for original in before.query(Author).order_by(Author.slug):
                imported = after.query(Author).filter_by(slug=original.slug).one()
                for key in ("name", "role", "bio", "email", "website", "location", "social_links", "avatar_mime"):
                    assert getattr(imported, key) == getattr(original, key), key
                assert (imported.avatar is None) == (original.avatar is None)
            imported_avatar = after.query(Author).filter_by(slug="olena-kovalenko").one().avatar
            assert Image.open(io.BytesIO(imported_avatar)).size == (300, 300)


def test_a_symlink_planted_in_the_folder_is_replaced_not_followed(library: Library, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    out = tmp_path / "profiles"
    out.mkdir()
    (out / "anna-moroz.md").symlink_to(outside)
    with library.transaction() as session:
        create_author(session, "Anna Moroz")
    assert main(["export-authors", str(library.path), str(out)]) == 0
    assert outside.read_text() == "precious"
    assert not (out / "anna-moroz.md").is_symlink()
    assert front_matter(out / "anna-moroz.md")[0]["name"] == "Anna Moroz"
