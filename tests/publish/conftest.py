"""Libraries to publish: built with the ORM, photos made by Pillow and tagged by exiftool."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.exiftool import exiftool
from workstation.library.database import Library
from workstation.library.models import (
    Article,
    ArticleAuthor,
    Author,
    Photo,
    Section,
    Tag,
)
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_bytes

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=2)))


def make_jpeg(width: int, height: int, colour: tuple[int, int, int] = (40, 90, 140)) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, max(1, width // 12)):
        draw.line([(x, 0), (width - x, height)], fill=(230, 200, 90), width=max(1, width // 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def tagged_photo(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A 2000x1333 camera-like JPEG with GPS, a serial number, an owner, and credits."""
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed")
    path = tmp_path_factory.mktemp("photos") / "frontline.jpg"
    path.write_bytes(make_jpeg(2000, 1333))
    exiftool(
        "-q", "-overwrite_original",
        "-GPSLatitude=48.5953", "-GPSLatitudeRef=N", "-GPSLongitude=38.0004", "-GPSLongitudeRef=E",
        "-SerialNumber=SN-778899", "-OwnerName=Camera Owner",
        "-Artist=Olena Kovalenko", "-XMP-dc:Creator=Olena Kovalenko", "-IPTC:By-line=Olena Kovalenko",
        "-IPTC:Credit=Northern Agency via Wire Service", "-XMP-photoshop:Credit=Northern Agency via Wire Service",
        "-IPTC:CopyrightNotice=© 2026 Northern Agency", "-Copyright=© 2026 Northern Agency",
        "-IPTC:Caption-Abstract=Workers repair the bridge at dawn.",
        str(path),
    )
    return path.read_bytes()


def add_image(session, data: bytes, name: str, **fields: object) -> Photo:  # type: ignore[no-untyped-def]
    photo, _ = add_photo(session, ingest_bytes(data, name))
    for key, value in fields.items():
        setattr(photo, key, value)
    session.flush()
    return photo


BODY = """The river rose overnight, and by morning the lower streets were under water.
Residents said the warning came "too late" -- some had only minutes to leave.

## What happened

Engineers had been watching the gauge since Tuesday.

![Water over the embankment](photo:{photo} "The embankment at noon")

> We moved the bakery's flour upstairs first, then the children's books.

https://www.youtube.com/watch?v=dQw4w9WgXcQ

[[{related}]]

The council meets again on Friday.
"""


def build_newsroom(library: Library, photo: bytes) -> Library:
    """A small published site: two sections, two authors, a lead photo, a body photo, a card, a video."""
    with library.transaction() as session:
        news = Section(slug="news-feed", name="News Feed", description="What happened today.", position=0)
        culture = Section(slug="culture", name="Culture", description="", position=1)
        session.add_all([news, culture])
        lead = add_image(session, photo, "frontline.jpg", alt_text="A crane lifts a steel beam over the river")
        inline = add_image(session, make_jpeg(1200, 800, (120, 60, 60)), "embankment.jpg",
                           caption="The embankment at noon", alt_text="Water over the embankment",
                           creator="Ivan Petrenko", credit_line="City Desk")
        olena = Author(slug="olena-kovalenko", name="Olena Kovalenko", role="Reporter",
                       bio="Olena covers *infrastructure* and the river towns.", website="https://example.org/olena",
                       social_links=[{"label": "Mastodon", "url": "https://social.example/@olena"}])
        marko = Author(slug="marko-bilyk", name="Marko Bilyk", role="Photo editor", bio="Marko edits pictures.")
        session.add_all([olena, marko])
        session.flush()
        for number in range(3):
            article = Article(
                slug=f"older-story-{number}", headline=f"Older story number {number}",
                dek="An earlier report from the same desk.", body="Earlier text about the river.\n\nMore text.",
                section=news, status="published", published_at=START - timedelta(days=number + 1),
            )
            article.bylines = [ArticleAuthor(author=marko, position=0)]
            session.add(article)
        session.add(Article(slug="a-draft", headline="Unfinished draft", body="Not yet.", section=news, status="draft"))
        session.add(Article(slug="theatre-reopens", headline="The theatre reopens", body="Curtains up.",
                            section=culture, status="published", published_at=START - timedelta(hours=3)))
        main = Article(
            slug="river-rises", headline="The river rises over the embankment",
            dek="Residents of the lower town had minutes to leave.",
            body=BODY.format(photo=inline.id, related="older-story-0"),
            section=news, status="published", published_at=START,
            feature_photo_id=lead.id, feature_caption="Repairs began before the water peaked.",
            seo_description="Flooding in the lower town, and how the repairs went.",
        )
        main.bylines = [ArticleAuthor(author=olena, position=0), ArticleAuthor(author=marko, position=1)]
        main.tags = [Tag(slug="floods", name="Floods"), Tag(slug="infrastructure", name="Infrastructure")]
        session.add(main)
    return library


@pytest.fixture
def newsroom(library: Library, tagged_photo: bytes) -> Library:
    return build_newsroom(library, tagged_photo)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by every test: renditions are keyed by content, so sharing is safe and saves re-encoding."""
    return tmp_path_factory.mktemp("rendition-cache")


@pytest.fixture
def export(newsroom: Library, tmp_path: Path, cache_dir: Path) -> Callable[..., Path]:
    """Export ``newsroom`` (or another library) into ``tmp_path/site``; returns the folder."""
    from workstation.publish.site import export_site

    def run(library: Library = newsroom, outdir: Path | None = None, **options: object) -> Path:
        target = outdir or tmp_path / "site"
        export_site(library, target, cache_dir=cache_dir, **options)  # type: ignore[arg-type]
        return target

    return run



@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renditions go to this test's own cache folder, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def shared_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache-home")


@pytest.fixture
def shared_cache(shared_cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renditions go to one cache folder the tests of a worker share, not the user's.

    Renditions are keyed by content, so a test finds what an earlier one
    encoded: the newsroom's photos are encoded once, not once a test. For
    tests that do not depend on what the cache holds (the others take
    ``own_cache``).
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache_home))


@pytest.fixture
def library_file(newsroom: Library) -> Path:
    """The newsroom library as a closed file, for commands run on it."""
    path = Path(newsroom.path)
    newsroom.close()
    return path
