"""Export benchmark: 1,000 articles in full, again after one change, and Pelican on the same corpus.

Prints ``export full_s=.. one_changed_ms=.. pelican_warm_s=.. ratio=..``.

Both generators run as command-line processes on the same Markdown text so
the comparison includes what a user waits for (interpreter start, imports).
Pelican is timed on later runs with ``LOAD_CONTENT_CACHE = True`` (its
content cache warm); Workstation's full export is timed into an empty
folder with its caches warm (renditions, rendered bodies and pages), the
equivalent state: every page is still written, none is rendered again. The
first, cold runs of both are printed too, and the in-process full export
(what the app does). Pelican lives in its own virtual environment under
``benchmarks/.cache/`` and is never a dependency of the project.

Budgets (design): full export at least 2x faster than Pelican; one changed
article re-exported in under 300 ms.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import subprocess
import sys
import time
import venv
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PELICAN_VENV = CACHE / "pelican-venv"
ARTICLES = 1000
PHOTOS = 6
SECTIONS = ("News Feed", "Politics", "Culture", "Economy", "Science", "Sport")
AUTHORS = ("Olena Marchuk", "Taras Hnatiuk", "Iryna Soroka", "Pavlo Demchenko", "Maria Lys", "Andriy Koval")

# A small invented vocabulary; sentences are assembled at random so the corpus is original text.
SUBJECTS = ("The council", "A ferry crew", "The night shift", "Local growers", "The library board", "Two engineers",
            "A volunteer group", "The regional court", "Shopkeepers on the square", "The orchestra")
VERBS = ("approved", "questioned", "postponed", "rebuilt", "measured", "published", "repaired", "welcomed",
         "inspected", "reopened")
OBJECTS = ("the bridge budget", "a new timetable", "the flood barrier", "the winter market", "its annual report",
           "the eastern road", "a shelter for the season", "the water tower", "the school roof", "a rail link")
TAILS = ("after a long debate.", "before the first frost.", "despite the rain.", "with help from neighbours.",
         "for the third time this year.", "on Tuesday morning.", "ahead of the holiday.", "without a vote.")


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def body(rng: random.Random, index: int, photo_id: int | None, related: str | None) -> str:
    parts = [paragraph(rng) for _ in range(3)]
    parts.append(f"## Part {index % 7 + 1}")
    parts += [paragraph(rng) for _ in range(4)]
    if photo_id is not None:
        parts.append(f'![A street scene](photo:{photo_id} "Morning on the square")')
    parts.append("> " + sentence(rng))
    if related:
        parts.append(f"[[{related}]]")
    parts += [paragraph(rng) for _ in range(3)]
    return "\n\n".join(parts) + "\n"


def photo_bytes(index: int) -> bytes:
    image = Image.new("RGB", (1800, 1200), (30 + index * 30, 80, 140 - index * 10))
    draw = ImageDraw.Draw(image)
    for x in range(0, 1800, 60):
        draw.line([(x, 0), (1800 - x, 1200)], fill=(220, 200, 120), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def build_library(path: Path, corpus: list[dict]) -> None:
    from workstation.library.database import open_library
    from workstation.library.models import Article, ArticleAuthor, Author, Section
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_bytes

    library = open_library(path, create=True)
    with library.transaction() as session:
        sections = {name: Section(slug=name.lower().replace(" ", "-"), name=name) for name in SECTIONS}
        authors = {
            name: Author(slug=name.lower().replace(" ", "-"), name=name, role="Reporter", bio=f"{name} reports.")
            for name in AUTHORS
        }
        session.add_all([*sections.values(), *authors.values()])
        photo_ids = []
        for index in range(PHOTOS):
            photo, _ = add_photo(session, ingest_bytes(photo_bytes(index), f"photo-{index}.jpg"))
            photo.creator, photo.credit_line, photo.alt_text = "Staff Photographer", "Benchmark Wire", "A street"
            photo_ids.append(photo.id)
        session.flush()
        for item in corpus:
            article = Article(
                slug=item["slug"], headline=item["title"], dek=item["summary"],
                body=item["body"].replace("photo:PHOTO", f"photo:{photo_ids[item['photo']]}"),
                section=sections[item["section"]], status="published", published_at=item["date"],
                feature_photo_id=photo_ids[item["photo"]],
            )
            article.bylines = [ArticleAuthor(author=authors[item["author"]], position=0)]
            session.add(article)
    library.close()


def build_pelican_content(folder: Path, corpus: list[dict]) -> None:
    content = folder / "content"
    (content / "images").mkdir(parents=True)
    for index in range(PHOTOS):
        (content / "images" / f"photo-{index}.jpg").write_bytes(photo_bytes(index))
    for item in corpus:
        text = item["body"].replace("(photo:PHOTO", f"({{static}}/images/photo-{item['photo']}.jpg")
        text = text.replace("[[", "[Related](/").replace("]]", ".html)")
        header = (
            f"Title: {item['title']}\nDate: {item['date']:%Y-%m-%d %H:%M}\nCategory: {item['section']}\n"
            f"Authors: {item['author']}\nSlug: {item['slug']}\nSummary: {item['summary']}\n"
            f"Image: images/photo-{item['photo']}.jpg\n\n"
        )
        (content / f"{item['slug']}.md").write_text(header + text, encoding="utf-8")
    (folder / "pelicanconf.py").write_text(
        "SITENAME = 'Benchmark'\nSITEURL = ''\nPATH = 'content'\nSTATIC_PATHS = ['images']\nTIMEZONE = 'UTC'\n"
        "DEFAULT_PAGINATION = 20\nLOAD_CONTENT_CACHE = True\nCACHE_CONTENT = True\nCACHE_PATH = 'cache'\n"
        "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nDELETE_OUTPUT_DIRECTORY = False\n",
        encoding="utf-8",
    )


def make_corpus() -> list[dict]:
    rng = random.Random(20261125)
    start = datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc)
    corpus = []
    for index in range(ARTICLES):
        slug = f"story-{index:04d}"
        corpus.append({
            "slug": slug,
            "title": f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} (report {index})",
            "summary": sentence(rng),
            "section": SECTIONS[index % len(SECTIONS)],
            "author": AUTHORS[index % len(AUTHORS)],
            "date": start + timedelta(hours=7 * index),
            "photo": index % PHOTOS,
            "body": body(rng, index, 0 if index % 3 == 0 else None, f"story-{index - 1:04d}" if index % 5 == 0 and index else None),
        })
    for item in corpus:
        item["body"] = item["body"].replace("photo:0", "photo:PHOTO")
    return corpus


def pelican_python() -> Path:
    python = PELICAN_VENV / "bin" / "python"
    if not python.exists():
        print("setting up Pelican in benchmarks/.cache/pelican-venv ...", file=sys.stderr)
        venv.create(PELICAN_VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pelican", "markdown"], check=True)
    return python


def timed(command: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each step (median printed)")
    args = parser.parse_args()

    work = CACHE / "export-run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    corpus = make_corpus()
    library = work / "bench.wslib"
    build_library(library, corpus)
    rendition_cache = work / "renditions"

    workstation = [sys.executable, "-c",
                   "import sys; from workstation.publish.site import export_site; "
                   "from workstation.library.database import open_library; from pathlib import Path; "
                   "lib = open_library(sys.argv[1]); "
                   "export_site(lib, sys.argv[2], cache_dir=Path(sys.argv[3]))"]
    cold = timed([*workstation, str(library), str(work / "site-cold"), str(rendition_cache)])
    fulls = []
    for run in range(args.runs):
        fulls.append(timed([*workstation, str(library), str(work / f"site-{run}"), str(rendition_cache)]))
    full = statistics.median(fulls)

    from workstation.library.database import open_library
    from workstation.library.models import Article
    from workstation.publish.site import export_site

    lib = open_library(library)
    started = time.perf_counter()
    export_site(lib, work / "site-inprocess", cache_dir=rendition_cache)
    inprocess = time.perf_counter() - started
    export_site(lib, work / "site-0", cache_dir=rendition_cache)
    changes = []
    for run in range(max(args.runs, 5)):
        with lib.transaction() as session:
            article = session.query(Article).filter_by(slug="story-0500").one()
            article.body = article.body + f"\n\nA correction was added ({run}).\n"
        started = time.perf_counter()
        report = export_site(lib, work / "site-0", cache_dir=rendition_cache)
        changes.append(time.perf_counter() - started)
        assert "articles/story-0500/index.html" in report.written, report.written
    lib.close()
    one_changed_ms = statistics.median(changes) * 1000

    python = pelican_python()
    pelican_dir = work / "pelican"
    build_pelican_content(pelican_dir, corpus)
    pelican = [str(python), "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
    pelican_cold = timed(pelican, cwd=pelican_dir)
    warm = []
    for _ in range(args.runs):
        warm.append(timed(pelican, cwd=pelican_dir))
    pelican_warm = statistics.median(warm)

    print(
        f"corpus articles={ARTICLES} photos={PHOTOS} workstation_cold_s={cold:.2f} "
        f"pelican_cold_s={pelican_cold:.2f} workstation_full_inprocess_s={inprocess:.2f}"
    )
    print(
        f"export full_s={full:.2f} one_changed_ms={one_changed_ms:.0f} "
        f"pelican_warm_s={pelican_warm:.2f} ratio={pelican_warm / full:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
