"""Lighthouse benchmark: the exported demo site's four scores per page type, mobile and desktop.

Creates the demo library, exports it, serves the folder on 127.0.0.1 and
runs npm ``lighthouse`` (installed by ``packaging/setup.sh --test`` into
``.cache/npm``) with Debian's Chromium on the article, front, section and
author pages. Prints one line per page and form factor::

    lighthouse page=article form=mobile performance=100 accessibility=100 best-practices=100 seo=100

and, for every score under 100, the audits that cost it. The goal (issue 12)
is 100 in all four categories everywhere.

Run: ``python benchmarks/lighthouse.py [--keep DIR] [--pages article,front]``
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / ".cache" / "npm" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# As root Chromium needs --no-sandbox; the rest keeps it from calling home on a closed network.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
PAGES = {
    "article": "articles/corn-street-bakery-cooperative/",
    "video": "articles/night-train-returns/",
    "front": "",
    "section": "section/news/",
    "author": "author/oksana-melnyk/",
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        return


def export_demo(folder: Path) -> Path:
    library, site = folder / "demo.wslib", folder / "site"
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    for command in (["demo", str(library)], ["export", str(library), str(site)]):
        subprocess.run([sys.executable, "-m", "workstation", *command], check=True, env=environment,
                       stdout=subprocess.DEVNULL)
    return site


def audit(url: str, form: str) -> dict:  # type: ignore[type-arg]
    command = [
        str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def losses(report: dict) -> list[str]:  # type: ignore[type-arg]
    """The audits that kept a category under 100, with what they measured."""
    found = []
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] is None or category["score"] >= 1:
            continue
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                shown = result.get("displayValue") or ""
                found.append(f"    {name}: {ref['id']} score={result['score']} {shown}".rstrip())
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keep", type=Path, help="export into this folder and leave it there")
    parser.add_argument("--pages", default="article,front,section,author", help=f"some of {', '.join(PAGES)}")
    parser.add_argument("--forms", default="mobile,desktop")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        print("needs npm lighthouse and Debian's chromium: run packaging/setup.sh --test", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ws-lighthouse-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        site = export_demo(folder)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        worst = 100
        try:
            for page in args.pages.split(","):
                for form in args.forms.split(","):
                    report = audit(f"http://127.0.0.1:{server.server_port}/{PAGES[page]}", form)
                    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
                    worst = min(worst, *scores.values())
                    print(f"lighthouse page={page} form={form} "
                          + " ".join(f"{name}={score}" for name, score in scores.items()), flush=True)
                    for line in losses(report):
                        print(line, flush=True)
        finally:
            server.shutdown()
    print(f"lighthouse worst={worst}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
