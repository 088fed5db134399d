"""Two desks in two processes editing the same newsroom article at once: merged or kept, never a lost word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workstation.library.articles import new_article
from workstation.library.database import open_library
from workstation.library.models import Article

DESK = Path(__file__).with_name("concurrent_desk.py")
ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 25


def test_two_desks_in_two_processes_never_lose_an_acknowledged_word(new_newsroom_url, tmp_path):
    url = new_newsroom_url()
    with open_library(url) as newsroom, newsroom.transaction() as session:
        article = new_article(session, "Two desks")
        article.body = "Shared paragraph.\n\nAlpha paragraph.\n\nBravo paragraph."
        session.flush()
        article_id = article.id
    logs = {name: tmp_path / f"{name}.log" for name in ("Alpha", "Bravo")}
    desks = [
        subprocess.Popen(
            [sys.executable, str(DESK), url, str(article_id), name, str(ROUNDS), str(log)],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for name, log in logs.items()
    ]
    assert [desk.wait(timeout=120) for desk in desks] == [0, 0]
    with open_library(url, readonly=True) as newsroom, newsroom.session() as session:
        body = session.get(Article, article_id).body.split()
    lines = [line for log in logs.values() for line in log.read_text(encoding="utf-8").splitlines()]
    acknowledged = [line for line in lines if not line.startswith("#")]
    assert len(acknowledged) == 2 * ROUNDS
    assert [word for word in acknowledged if word not in body] == []
