"""A shared newsroom under load: 20 desks (processes, no GUI) against one local PostgreSQL server.

Starts its own throwaway cluster (``tests/postgres.py``'s ``Server``, here
with ``fsync`` and synchronous commit on, so that an acknowledged save is on
disk as in a real newsroom), makes a newsroom, seeds it with a few articles,
photos and authors, and starts the desks. Several desks share each article
(each writes its own paragraph, and now and then the shared opening one),
so stale saves, merges and conflicts happen as in a real newsroom. Each desk,
through the application layer only:

- autosaves its article every second (against the version it last saw);
- edits a photo's caption every 5 seconds (opened, then saved against what it showed);
- imports a new photo every 15 seconds;
- and searches every 3 seconds;

while one more process exports the site every 10 seconds (the next export
starts when it is due and the last one is done).

Each desk logs every save the application layer acknowledged. At the end
the log is checked against the database: a desk's last acknowledged text
must be in the article or kept in one of its revisions, and no two saves
may have been acknowledged as the same version of an article. Anything
else is a lost write (the budget is 0).

Prints saves per second, p50 and p95 save latency (budget: p95 under
50 ms on the 2-core machine), conflicts detected, merges made, lost writes,
and the load average before and after. ``--seconds`` shortens the run.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from multiprocessing.synchronize import Barrier
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from sqlalchemy import select  # noqa: E402

from tests.postgres import Server  # noqa: E402
from workstation.editing.articles import Conflicted, create_article, open_article, save_article  # noqa: E402
from workstation.editing.imports import store_photo  # noqa: E402
from workstation.editing.photos import photo_details, save_photo_fields  # noqa: E402
from workstation.library.articles import find_or_create_section  # noqa: E402
from workstation.library.authors import create_author  # noqa: E402
from workstation.library.database import Library, open_library  # noqa: E402
from workstation.library.models import Article, Revision  # noqa: E402
from workstation.library.search import search  # noqa: E402
from workstation.photos.ingest import ingest_bytes  # noqa: E402
from workstation.publish.site import export_site  # noqa: E402

# A newsroom's server keeps what it acknowledges (the tests' cluster runs with fsync off).
BENCH_SETTINGS = ("listen_addresses=", "max_connections=200", "shared_buffers=64MB")
DESKS_PER_ARTICLE = 3
PHOTOS = 12
AUTOSAVE_EVERY_S = 1.0
PHOTO_EDIT_EVERY_S = 5.0
IMPORT_EVERY_S = 15.0
SEARCH_EVERY_S = 3.0
EXPORT_EVERY_S = 10.0
# One save in this many also rewrites the article's shared opening paragraph.
SHARED_EDIT_EVERY = 7
# A process that has not opened the newsroom by then has failed (the others stop waiting for it).
STARTUP_LIMIT_S = 300
SEARCHES = ("river", "desk", "paragraph", "council budget", "photo")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def picture(seed: int, size: tuple[int, int] = (640, 426)) -> bytes:
    """A small JPEG with its own bytes (so each import is a new photo)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    for _ in range(12):
        x, y = rng.randrange(size[0] - 40), rng.randrange(size[1] - 40)
        image.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)), (x, y, x + 40, y + 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def own_paragraph(desk: int, save: int) -> str:
    return f"Desk {desk:02d} wrote this paragraph; save {save:05d} of its reporting on the river districts."


def shared_paragraph(desk: int, save: int) -> str:
    return f"The opening, as desk {desk:02d} had it at save {save:05d}."


@dataclass(frozen=True)
class Seeded:
    articles: list[int]
    photos: list[int]


def seed(url: str, desks: int) -> Seeded:
    """Articles shared by ``DESKS_PER_ARTICLE`` desks each, photos and authors, made through the application layer."""
    count = max(1, desks // DESKS_PER_ARTICLE)
    with open_library(url, user="Seeder") as newsroom:
        with newsroom.transaction() as session:
            section = find_or_create_section(session, "News Feed").id
            authors = [create_author(session, name, role="Reporter").id for name in ("Olena Koval", "Taras Bondar")]
        photos = [store_photo(newsroom, ingest_bytes(picture(n), f"seed-{n:03d}.jpg"))[0] for n in range(PHOTOS)]
        articles = []
        for number in range(count):
            article_id = create_article(newsroom)
            sharing = [d for d in range(desks) if d % count == number]
            body = "\n\n".join([shared_paragraph(sharing[0], 0), *(own_paragraph(d, 0) for d in sharing)])
            state = open_article(newsroom, article_id).state
            save_article(newsroom, article_id, replace(
                state, headline=f"River districts, part {number + 1}", body=body, section_id=section,
                author_ids=tuple(authors), feature_photo_id=photos[number % len(photos)],
            ))
            articles.append(article_id)
    return Seeded(articles, photos)


def start_together(ready: Barrier) -> float:
    """The moment the minute starts: shortly after every process has opened the newsroom (however long starting took)."""
    ready.wait(timeout=STARTUP_LIMIT_S)
    return time.time() + 0.5


def desk(number: int, url: str, seconds: float, ready: Barrier, seeded: Seeded, folder: str) -> None:
    """One desk's minute: its events on a fixed schedule, every acknowledged save logged as a JSON line."""
    article_id = seeded.articles[number % len(seeded.articles)]
    log_path = Path(folder) / f"desk-{number:02d}.jsonl"
    with log_path.open("w", encoding="utf-8") as log, open_library(url, user=f"Desk {number:02d}") as newsroom:
        writer = ArticleWriter(newsroom, article_id, number)
        start_at = start_together(ready)
        # Desks start their seconds a twentieth of a second apart, as people do.
        offset = (number % 20) / 20
        due = {
            "save": start_at + offset + AUTOSAVE_EVERY_S,
            "photo": start_at + offset * 5 + PHOTO_EDIT_EVERY_S,
            "import": start_at + offset * 15 + IMPORT_EVERY_S / 2,
            "search": start_at + offset * 3 + SEARCH_EVERY_S,
        }
        every = {"save": AUTOSAVE_EVERY_S, "photo": PHOTO_EDIT_EVERY_S, "import": IMPORT_EVERY_S,
                 "search": SEARCH_EVERY_S}
        end = start_at + seconds
        count = 0
        while True:
            event, when = min(due.items(), key=lambda item: item[1])
            if when >= end:
                break
            time.sleep(max(0.0, when - time.time()))
            due[event] = when + every[event]
            count += 1
            started = time.perf_counter()
            if event == "save":
                record = writer.autosave()
            elif event == "photo":
                # As the inspector does: the photo is opened, then its caption saved against what was shown.
                photo_id = seeded.photos[(number + count) % len(seeded.photos)]
                shown = photo_details(newsroom, photo_id).fields.values["caption"]
                edited = save_photo_fields(
                    newsroom, photo_id, {"caption": f"Caption by desk {number:02d}, edit {count}"}, base={"caption": shown}
                )
                record = {"event": "photo", "conflicts": len(edited.conflicts)}
            elif event == "import":
                store_photo(newsroom, ingest_bytes(picture(10_000 * (number + 1) + count), f"desk-{number}-{count}.jpg"))
                record = {"event": "import"}
            else:
                with newsroom.session() as session:
                    search(session, SEARCHES[count % len(SEARCHES)])
                record = {"event": "search"}
            record["ms"] = (time.perf_counter() - started) * 1000
            log.write(json.dumps(record) + "\n")
            log.flush()


def exporter(url: str, seconds: float, ready: Barrier, folder: str) -> None:
    """The site exported from the newsroom every ``EXPORT_EVERY_S`` (the next one starts when both are due and done)."""
    with open(Path(folder) / "exports.jsonl", "w", encoding="utf-8") as log, open_library(url, user="Export") as newsroom:
        start_at = start_together(ready)
        due = start_at + EXPORT_EVERY_S
        while due < start_at + seconds:
            time.sleep(max(0.0, due - time.time()))
            started = time.perf_counter()
            export_site(newsroom, Path(folder) / "site", drafts=True)
            log.write(json.dumps({"event": "export", "ms": (time.perf_counter() - started) * 1000}) + "\n")
            log.flush()
            due = max(due + EXPORT_EVERY_S, time.time())


class ArticleWriter:
    """A desk's article as its editor holds it: the text shown, and the version it was read at."""
    def __init__(self, newsroom: Library, article_id: int, desk_number: int) -> None:

        self.newsroom = newsroom
        self.article_id = article_id
        self.desk = desk_number
        self.saves = 0
        opened = open_article(newsroom, article_id)
        self.state = opened.state
        self.version = opened.version

    def autosave(self) -> dict[str, object]:
        """Rewrite this desk's paragraph (and now and then the shared opening) and save against the version last seen.

        A conflict is settled as a reporter in the conflict dialog would
        keep their own words ("mine"); the other side is kept as a revision.
        """


        self.saves += 1
        paragraphs = self.state.body.split("\n\n")
        own = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Desk {self.desk:02d} "))
        paragraphs[own] = own_paragraph(self.desk, self.saves)
        shared = None
        if self.saves % SHARED_EDIT_EVERY == 0:
            shared = shared_paragraph(self.desk, self.saves)
            paragraphs[0] = shared
        shown = replace(self.state, body="\n\n".join(paragraphs))
        base_version = self.version
        saved = save_article(self.newsroom, self.article_id, shown, base=self.state, base_version=base_version)
        conflicts = 0
        while isinstance(saved, Conflicted):
            conflicts += len(saved.conflicts)
            settled = saved.resolution(["mine"] * len(saved.conflicts))
            base_version = saved.version
            saved = save_article(self.newsroom, self.article_id, settled, base=saved.theirs, base_version=base_version)
        self.state, self.version = saved.state, saved.version
        return {
            "event": "save", "article": self.article_id, "version": saved.version, "base": base_version,
            "own": own_paragraph(self.desk, self.saves), "shared": shared,
            "merged": saved.merged is not None, "conflicts": conflicts,
        }


def verify(url: str, logs: list[dict[str, object]]) -> list[str]:
    """Lost writes, one line each: acknowledged text found neither in the article nor in its revisions, and versions acknowledged twice."""
    saves = [r for r in logs if r["event"] == "save"]
    lost: list[str] = []
    seen: dict[tuple[object, object], object] = {}
    for record in saves:
        key = (record["article"], record["version"])
        if key in seen:
            lost.append(f"article {key[0]} version {key[1]} acknowledged to desks {seen[key]} and {record['desk']}")
        seen[key] = record["desk"]
    # What each desk last wrote must survive: its own paragraph (only it writes that), and its opening unless a
    # later save of the opening was made by a desk that had seen it (its base version was at least this one's).
    last: dict[tuple[object, str, object], str] = {}
    last_shared: dict[tuple[object, object], dict[str, object]] = {}
    for record in saves:
        last[(record["article"], "own", record["desk"])] = str(record["own"])
        if record["shared"]:
            last_shared[(record["article"], record["desk"])] = record
    for (article_id, who), record in last_shared.items():
        seen_by_a_later_writer = any(
            later["shared"] and later["article"] == article_id and later["desk"] != who
            and int(later["base"]) >= int(record["version"])  # type: ignore[call-overload]
            for later in saves
        )
        if not seen_by_a_later_writer:
            last[(article_id, "shared", who)] = str(record["shared"])
    with open_library(url, readonly=True) as newsroom, newsroom.session() as session:
        for (article_id, kind, who), text in last.items():
            body = session.scalar(select(Article.body).where(Article.id == article_id)) or ""
            kept = list(session.scalars(select(Revision.body).where(Revision.article_id == article_id)))
            if text not in body and not any(text in revision for revision in kept):
                lost.append(f"article {article_id}: desk {who}'s last {kind} paragraph {text!r} is nowhere")
    return lost


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the desks work (default 60)")
    parser.add_argument("--desks", type=int, default=20, help="how many desks (default 20)")
    args = parser.parse_args()
    load_before = load()
    server = Server(BENCH_SETTINGS)
    try:
        url = server.url(server.create_database())
        open_library(url, create=True).close()
        seeded = seed(url, args.desks)
        with tempfile.TemporaryDirectory(prefix="ws-newsroom-bench-") as folder:
            context = multiprocessing.get_context("spawn")
            ready = context.Barrier(args.desks + 1)
            desks = [
                context.Process(target=desk, args=(n, url, args.seconds, ready, seeded, folder), daemon=True)
                for n in range(args.desks)
            ]
            desks.append(context.Process(target=exporter, args=(url, args.seconds, ready, folder), daemon=True))
            for process in desks:
                process.start()
            for process in desks:
                process.join(timeout=args.seconds + STARTUP_LIMIT_S + 120)
            failed = [n for n, process in enumerate(desks) if process.exitcode != 0]
            logs = []
            for n, name in [*enumerate(f"desk-{n:02d}.jsonl" for n in range(args.desks)), (-1, "exports.jsonl")]:
                path = Path(folder) / name
                for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
                    logs.append({**json.loads(line), "desk": n})
            lost = verify(url, logs)
        saves = [r for r in logs if r["event"] == "save"]
        latencies = [float(r["ms"]) for r in saves]
        exports = [float(r["ms"]) for r in logs if r["event"] == "export"]
        print(
            f"newsroom desks={args.desks} seconds={args.seconds:g} saves={len(saves)} "
            f"saves_per_s={len(saves) / args.seconds:.1f} p50_save_ms={percentile(latencies, 0.5):.1f} "
            f"p95_save_ms={percentile(latencies, 0.95):.1f} conflicts={sum(int(r['conflicts']) > 0 for r in saves)} "
            f"merges={sum(bool(r['merged']) for r in saves)} lost_writes={len(lost)} "
            f"photo_edits={sum(r['event'] == 'photo' for r in logs)} "
            f"photo_conflicts={sum(int(r.get('conflicts', 0)) > 0 for r in logs if r['event'] == 'photo')} imports={sum(r['event'] == 'import' for r in logs)} "
            f"searches={sum(r['event'] == 'search' for r in logs)} exports={len(exports)} "
            f"export_ms={statistics.median(exports) if exports else float('nan'):.0f}"
        )
        print(f"load average before {load_before}, after {load()}; budget p95 < 50 ms, lost writes 0")
        for line in lost[:10]:
            print(f"lost: {line}", file=sys.stderr)
        if failed:
            print(f"processes that failed (desk numbers; {args.desks} is the exporter): {failed}", file=sys.stderr)
            return 1
        return 0 if not lost else 1
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
