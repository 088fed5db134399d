"""Shared test set-up: offscreen Qt, and fresh real library files on disk."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import hashlib
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.bytecode import write_bytecode
from tests.command_line import workstation
from tests.exiftool import exiftool
from tests.postgres import Server, make_shared_folder, shared_folder, stop_shared
from workstation.library.cache_policy import ensure_library_id
from workstation.library.database import Library, open_library
from workstation.library.models import Article, ArticleAuthor, Author

# The stores a library can live in; tests marked ``both_backends`` run once on each.
BACKENDS = ("sqlite", "postgresql")
FIXTURE_PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "photos"
NEWSROOM_TEMPLATE = "ws_newsroom_template"
# The suite's longest modules (tens of seconds each, longest first), started first: xdist hands out whole
# modules (``--dist loadfile``) in collection order (``--no-loadscope-reorder``: by default it orders them
# by their number of tests, and a long module of few tests came last and kept one worker busy alone).
LONG_MODULES = (
    "tests/editing/test_acknowledged_writes.py",
    "tests/hostile/test_corpus.py",
    "tests/ui/photo_desk/test_ingest.py",
    "tests/content/test_render_bounds.py",
    "tests/ui/test_desk_faults.py",
    "tests/editing/test_photo_imports.py",
    "tests/editing/test_take_out.py",
    "tests/publish/test_rendition_memory.py",
    "tests/publish/test_validation.py",
    "tests/library/test_original_memory.py",
    "tests/cli/test_import_cli.py",
    "tests/ui/test_preview.py",
    "tests/library/test_schema_guard.py",
    "tests/hostile/test_fuzz.py",
    "tests/ui/test_newsroom_desk.py",
    "tests/ui/test_suggestions.py",
    "tests/ui/test_one_writer_window.py",
    "tests/cli/test_forget_caches.py",
)
POSTGRES_FOLDER = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def template_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty library at the head schema, migrated once per test session."""
    path = tmp_path_factory.mktemp("template") / "template.wslib"
    with open_library(path, create=True) as library, library.transaction() as session:
        # Copies share the id, so they share one renditions cache (keyed by content, so safe).
        ensure_library_id(session)
    return path


@pytest.fixture(scope="session")
def demo_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo library made by the real command (in this process) once a session; shared read-only, copy to change it."""
    path = tmp_path_factory.mktemp("demo") / "demo.wslib"
    result = workstation("demo", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def new_library_file(template_library: Path, tmp_path: Path):
    """Make a fresh, empty library file (a copy of the template) at a path; returns the path."""

    def make(path: Path | None = None) -> Path:
        target = Path(path) if path is not None else tmp_path / "test.wslib"
        shutil.copyfile(template_library, target)
        return target

    return make


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: run the test's ``library`` on a library file and on a PostgreSQL newsroom"
    )
    if not hasattr(config, "workerinput"):
        # The controlling process (or the only one): names the session's one PostgreSQL cluster for its workers,
        # and writes the bytecode they would each make (tests/bytecode.py).
        config.stash[POSTGRES_FOLDER] = make_shared_folder()
        write_bytecode(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(POSTGRES_FOLDER, None)
    if folder is not None:
        stop_shared(folder)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long modules first, in ``LONG_MODULES`` order; everything else keeps its order."""
    rank = {module: position for position, module in enumerate(LONG_MODULES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_backends`` that use ``library`` (directly or through a fixture) run on each store."""
    if "library" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("library", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def postgres_server():
    """The session's throwaway PostgreSQL cluster: one for all xdist workers, started by the first that needs it."""
    folder = shared_folder()
    try:
        server = Server.shared(folder) if folder is not None else Server()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    yield server
    if folder is None:
        server.stop()


def _fill_newsroom_template(url: str) -> None:
    with open_library(url, create=True) as newsroom, newsroom.transaction() as session:
        ensure_library_id(session)


@pytest.fixture(scope="session")
def newsroom_template(postgres_server) -> str:
    """A database holding an empty newsroom at the head schema, made once a session; fresh newsrooms are copies of it."""
    return postgres_server.made_once(NEWSROOM_TEMPLATE, _fill_newsroom_template)


@pytest.fixture
def new_newsroom_url(postgres_server, newsroom_template):
    """Make a fresh, empty newsroom (a copy of the template database); returns its URL. Dropped afterwards."""
    made: list[str] = []

    def make() -> str:
        made.append(postgres_server.create_database(template=newsroom_template))
        return postgres_server.url(made[-1])

    yield make
    for name in made:
        postgres_server.drop_database(name)


@pytest.fixture
def library(request: pytest.FixtureRequest, new_library_file) -> Library:
    """A new, empty library: a file in a temporary folder, or (parametrised "postgresql") a newsroom."""
    if getattr(request, "param", "sqlite") == "postgresql":
        lib = open_library(request.getfixturevalue("new_newsroom_url")())
    else:
        lib = open_library(new_library_file())
    yield lib
    lib.close()


@pytest.fixture
def fixture_photos() -> Path:
    if not FIXTURE_PHOTOS.is_dir():
        pytest.skip("shared/fixtures/photos is not beside this checkout")
    return FIXTURE_PHOTOS


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Authors: articles with bylines, and pictures with known colours.
RED, GREEN, BLUE, YELLOW = (220, 30, 30), (30, 200, 30), (30, 30, 220), (230, 220, 20)


def quadrants(width: int = 800, height: int = 600, fmt: str = "PNG") -> bytes:
    """Red top-left, green top-right, blue bottom-left, yellow bottom-right."""
    image = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    for colour, box in (
        (RED, (0, 0, half_w, half_h)),
        (GREEN, (half_w, 0, width, half_h)),
        (BLUE, (0, half_h, half_w, height)),
        (YELLOW, (half_w, half_h, width, height)),
    ):
        image.paste(colour, box)
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def quadrant_picture() -> Callable[..., bytes]:
    return quadrants


@pytest.fixture
def rotated_jpeg(tmp_path: Path) -> bytes:
    """A landscape JPEG stored sideways: EXIF orientation 6 says "rotate 90 degrees clockwise"."""
    path = tmp_path / "sideways.jpg"
    path.write_bytes(quadrants(800, 600, "JPEG"))
    exiftool("-q", "-overwrite_original", "-n", "-Orientation=6", str(path))
    return path.read_bytes()


@pytest.fixture
def add_bylined_article(library: Library) -> Callable[..., int]:
    """Store an article with the given authors (by id) in byline order; returns its id."""
    counter = iter(range(1, 10_000))

    def add(author_ids: list[int], status: str = "published", headline: str = "") -> int:
        number = next(counter)
        with library.transaction() as session:
            article = Article(slug=f"story-{number}", headline=headline or f"Story {number}", status=status)
            session.add(article)
            session.flush()
            for position, author_id in enumerate(author_ids):
                session.add(ArticleAuthor(article_id=article.id, author_id=author_id, position=position))
            return article.id

    return add


@pytest.fixture
def byline_slugs(library: Library) -> Callable[[int], list[str]]:
    """The author slugs of an article in byline order, read afresh from the file."""

    def slugs(article_id: int) -> list[str]:
        with library.session() as session:
            rows = (
                session.query(Author.slug)
                .join(ArticleAuthor)
                .filter(ArticleAuthor.article_id == article_id)
                .order_by(ArticleAuthor.position)
            )
            return [row[0] for row in rows]

    return slugs
