"""Opening, searching and listing a library at newsroom scale.

Builds (once, cached under ``benchmarks/.cache/``) a library of 10,000
articles of about 600 words and 20,000 small photos with real JPEG bytes,
inserted through SQLAlchemy Core in bulk (the FTS triggers index every row
as it lands, exactly as in use). Then prints, as medians:

* ``open_ms``: ``open_library`` (inspection, quick check, WAL switch);
* ``search_median_ms``: ``search`` over articles, photos and authors for a
  mix of common, rare, prefix, multi-word and Cyrillic queries;
* ``first_page_ms``: the article list's first page (the 50 most recent).

* ``search_p95_ms``: the same searches' 95th percentile;
* ``*_stall_ms`` (``scale_ui.py``): the longest stop of a real Qt event
  loop (offscreen) while the article list, the photo grid, the related-
  article and photo pickers and the author list scroll and filter (and
  ``*_open_ms`` while each is built and fills), beside ``idle_stall_ms``,
  the same loop idle (the peer);
* ``check_first_s``, ``check_s`` and ``export_unchanged_s``: the first
  ``workstation check`` of the run (it reads every article's text and keeps
  what it read), ``check`` again (it reads only what changed), and another
  ``workstation export`` into a folder it already wrote (nothing changed),
  whole process, beside ``python_s``, an interpreter that does nothing (the
  peer), with the load average (``load_cli``) when they ran.

Budgets: open under 1 s, search median under 30 ms (the 10,000-article
library) and p95 under 30 ms (a decade: ``--articles 100000 --photos
300000``), no stall over 50 ms, check and an unchanged export under 2 s.
Run with ``python benchmarks/library_scale.py`` (``--rebuild`` to start
over; ``--skip-ui``, ``--skip-cli``, ``--skip-export`` to leave parts out).
Prints the load average with the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import insert

from workstation.library.articles import list_articles
from workstation.library.database import open_library
from workstation.library.models import (
    Article,
    ArticleAuthor,
    Author,
    Photo,
    PhotoOriginal,
    PhotoThumbnail,
    Section,
    utcnow,
)
from workstation.library.search import search

from cli import load
from scale_ui import measure_ui

ARTICLES = 10_000
PHOTOS = 20_000
WORDS_PER_ARTICLE = 600
BATCH = 2000
CACHE_FOLDER = Path(__file__).resolve().parent / ".cache"
SEED = 20261125
# Paragraphs are drawn from a pool (with a few words of their own) so a 100,000-article archive is
# generated in minutes, not hours, while every article's text still differs.
PARAGRAPH_POOL = 3000

COMMON = (
    "the council river bridge train station market school water budget housing road city village "
    "people mayor report vote plan repair morning evening winter summer police court farmers bakery "
    "orchard museum library hospital workers union company price energy flood harbour festival match "
    "team season transport bus tram street square children teachers nurses doctors volunteers"
).split()
CYRILLIC = "місто річка міст потяг вокзал ринок школа вода бюджет дорога люди мер голосування ремонт".split()
SECTIONS = ("News", "Culture", "Sport", "Business", "Opinion", "Science", "Health", "Regions")
QUERIES = (
    "council", "river bridge", "flood defences", "tram", "bak", "orchard harvest", "millbrook",
    "міст", "потяг вокзал", "holt", "photographer", "harbour desk", "the", "zzzz",
    "winter festival", "hospital nurses", "vote", "fen", "budget housing plan", "оксана",
)


def _word(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return rng.choice(COMMON)
    if rng.random() < 0.1:
        return rng.choice(CYRILLIC)
    return "".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(3, 9)))


def _paragraphs(rng: random.Random) -> list[tuple[str, int]]:
    pool = []
    for _ in range(PARAGRAPH_POOL):
        count = rng.randint(40, 90)
        words = [_word(rng) for _ in range(count)]
        words[0] = words[0].capitalize()
        pool.append((" ".join(words) + ".", count))
    return pool


def _body(rng: random.Random, pool: list[tuple[str, int]]) -> str:
    paragraphs = []
    remaining = WORDS_PER_ARTICLE
    while remaining > 0:
        text, count = rng.choice(pool)
        own = " ".join(_word(rng) for _ in range(3))
        paragraphs.append(f"{own.capitalize()} {text[0].lower()}{text[1:]}")
        remaining -= count + 3
    return "\n\n".join(paragraphs) + "\n"


def _tiny_jpegs(count: int) -> list[bytes]:
    """A few real 48x32 JPEGs; each photo gets one with its own comment, so every hash differs."""
    images = []
    for i in range(count):
        image = Image.new("RGB", (48, 32), (40 + i * 9 % 200, 90, 150))
        ImageDraw.Draw(image).ellipse((i % 20, 4, 20 + i % 20, 28), fill=(230, 200, 90))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=70)
        images.append(out.getvalue())
    return images


def _with_comment(jpeg: bytes, text: str) -> bytes:
    payload = text.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def cache_path(articles: int, photos: int) -> Path:
    if (articles, photos) == (ARTICLES, PHOTOS):
        return CACHE_FOLDER / "library_scale.wslib"
    return CACHE_FOLDER / f"library_scale-{articles}-{photos}.wslib"


def build(path: Path, articles_wanted: int = ARTICLES, photos_wanted: int = PHOTOS) -> None:
    """A library of ``articles_wanted`` articles and ``photos_wanted`` photos, one author per 170 articles.

    Each photo's original is a real JPEG of under a kilobyte made unique by a
    comment (photos are unique by SHA-256); its thumbnail is the same bytes.
    """
    rng = random.Random(SEED)
    authors = max(60, articles_wanted // 170)
    pool = _paragraphs(rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    library = open_library(partial, create=True)
    now = utcnow()
    jpegs = _tiny_jpegs(40)
    with library.engine.begin() as connection:
        connection.execute(insert(Section), [
            {"id": i + 1, "slug": name.lower(), "name": name, "description": "", "position": i}
            for i, name in enumerate(SECTIONS)
        ])
        connection.execute(insert(Author), [
            {"id": i + 1, "slug": f"author-{i + 1}", "name": f"Reporter {i + 1} {rng.choice(COMMON).title()}",
             "bio": " ".join(_word(rng) for _ in range(40)), "social_links": [], "created_at": now, "updated_at": now}
            for i in range(authors)
        ])
        for start in range(0, photos_wanted, BATCH):
            photos, originals, thumbs = [], [], []
            for pid in range(start + 1, min(start + BATCH, photos_wanted) + 1):
                data = _with_comment(jpegs[pid % len(jpegs)], f"photo {pid}")
                photos.append({
                    "id": pid, "sha256": hashlib.sha256(data).hexdigest(), "mime": "image/jpeg", "width": 48,
                    "height": 32, "size_bytes": len(data), "original_filename": f"IMG_{pid:05d}.jpg",
                    "caption": " ".join(_word(rng) for _ in range(rng.randint(8, 20))).capitalize(),
                    "creator": f"Photographer {pid % 300}", "credit_line": rng.choice(
                        ("Harbour Desk via Millbrook Wire", "Rail Desk", "Culture Desk via Millbrook Wire", "Pool")),
                    "embedded_metadata": {}, "imported_at": now - timedelta(minutes=pid), "updated_at": now,
                })
                originals.append({"photo_id": pid, "data": data})
                thumbs.append({"photo_id": pid, "data": data, "width": 48, "height": 32})
            connection.execute(insert(Photo), photos)
            connection.execute(insert(PhotoOriginal), originals)
            connection.execute(insert(PhotoThumbnail), thumbs)
        start_date = datetime(2020, 1, 1, tzinfo=timezone.utc)
        step = timedelta(days=3650) / articles_wanted  # ten years of news, evenly spread
        for start in range(0, articles_wanted, BATCH):
            articles, bylines = [], []
            for aid in range(start + 1, min(start + BATCH, articles_wanted) + 1):
                when = start_date + step * aid
                articles.append({
                    "id": aid, "slug": f"story-{aid}", "headline": " ".join(_word(rng) for _ in range(8)).capitalize(),
                    "dek": " ".join(_word(rng) for _ in range(20)), "body": _body(rng, pool),
                    "section_id": aid % len(SECTIONS) + 1, "status": "published" if aid % 5 else "draft",
                    "published_at": when, "created_at": when, "updated_at": when,
                    "feature_photo_id": aid * 2 if aid * 2 <= photos_wanted else None,
                    "feature_caption": "", "feature_alt": "",
                })
                bylines.append({"article_id": aid, "author_id": aid % authors + 1, "position": 0})
            connection.execute(insert(Article), articles)
            connection.execute(insert(ArticleAuthor), bylines)
    with library.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    partial.replace(path)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def measure(path: Path) -> dict[str, float]:
    open_times = []
    for _ in range(7):
        started = time.perf_counter()
        library = open_library(path)
        open_times.append(time.perf_counter() - started)
        library.close()
    library = open_library(path)
    search_times = []
    with library.session() as session:
        search(session, "warm up")
        for _ in range(3):
            for query in QUERIES:
                started = time.perf_counter()
                search(session, query)
                search_times.append(time.perf_counter() - started)
    page_times = []
    for _ in range(5):
        with library.session() as session:
            started = time.perf_counter()
            page = list_articles(session, limit=50)
            [article.headline for article in page]
            page_times.append(time.perf_counter() - started)
    library.close()
    return {
        "open_ms": _ms(statistics.median(open_times)),
        "search_median_ms": _ms(statistics.median(search_times)),
        "search_p95_ms": _ms(statistics.quantiles(search_times, n=20)[-1]),
        "search_max_ms": _ms(max(search_times)),
        "first_page_ms": _ms(statistics.median(page_times)),
    }


def _whole_process(*args: str) -> float:
    """Seconds from start to exit, stdout going to a file as ``workstation check LIB > findings.txt`` does
    (a decade's findings are some 30 MB: read through a pipe here, this process would compete for the cores)."""
    with tempfile.TemporaryFile() as findings:
        started = time.perf_counter()
        result = subprocess.run([sys.executable, *args], stdout=findings, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # check exits 1 on findings
        raise SystemExit(f"library_scale: {' '.join(args[:3])} failed: {result.stderr.strip()[-500:]}")
    return elapsed


def measure_cli(path: Path, export: bool = True) -> dict[str, float | str]:
    """``check`` and an unchanged ``export``, whole process, with a do-nothing interpreter as the peer.

    The first ``check`` of a run reads every article's text (after an import
    or an upgrade of Workstation, as a user's first check does) and keeps
    what it read: it is timed apart (``check_first_s``). Then ``check_s``
    is a check of the same library again, which reads only what changed.
    The first export is cached beside the library; one export brings the
    folder up to this build's code (pages depend on it), untimed, before
    the unchanged exports are timed.
    """
    figures: dict[str, float | str] = {"load_cli": load().replace(" ", "/")}
    figures["check_first_s"] = round(_whole_process("-m", "workstation", "check", str(path)), 2)
    site = path.with_name(path.stem + "-site")
    if export:
        started = time.perf_counter()
        _whole_process("-m", "workstation", "export", str(path), str(site))
        print(f"export bringing {site.name} up to date: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    check, unchanged, python = [], [], []
    for _ in range(3):
        python.append(_whole_process("-c", "pass"))
        check.append(_whole_process("-m", "workstation", "check", str(path)))
        if export:
            unchanged.append(_whole_process("-m", "workstation", "export", str(path), str(site)))
    figures["check_s"] = round(statistics.median(check), 2)
    if export:
        figures["export_unchanged_s"] = round(statistics.median(unchanged), 2)
    figures["python_s"] = round(statistics.median(python), 2)
    figures["load_cli_end"] = load().replace(" ", "/")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the cached library again")
    parser.add_argument("--articles", type=int, default=ARTICLES, help=f"articles (default {ARTICLES:,})")
    parser.add_argument("--photos", type=int, default=PHOTOS, help=f"photos (default {PHOTOS:,})")
    parser.add_argument("--skip-ui", action="store_true", help="leave out the UI stall measurement")
    parser.add_argument("--skip-cli", action="store_true", help="leave out check and export")
    parser.add_argument("--skip-export", action="store_true",
                        help="leave out the export (its first run renders every article: hours for a decade)")
    args = parser.parse_args()
    cache = cache_path(args.articles, args.photos)
    if args.rebuild or not cache.exists():
        started = time.perf_counter()
        build(cache, args.articles, args.photos)
        size = cache.stat().st_size / 1024 / 1024
        print(f"built {cache.name}: {args.articles} articles, {args.photos} photos, {size:.0f} MB "
              f"in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(f"load average at start: {load()}")
    figures = measure(cache)
    if not args.skip_ui:
        figures |= measure_ui(cache)
    if not args.skip_cli:
        figures |= measure_cli(cache, export=not args.skip_export)
    print(f"scale articles={args.articles} photos={args.photos} " + " ".join(f"{key}={value}" for key, value in figures.items()))
    print(f"load average at end: {load()} (uptime)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
