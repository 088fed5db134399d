"""``workstation export`` as the user times it: process start to exit, beside Pelican in the same run.

Every figure printed here is whole-process (interpreter start, imports,
opening the library, writing the site, exit), timed from ``Popen`` to the
child's exit:

- ``cold``: nothing cached anywhere: a fresh copy of the library with an
  empty ``render_cache``, a fresh ``XDG_CACHE_HOME`` (no renditions) and a
  fresh output folder;
- ``warm``: the library and the renditions cache as the cold export left
  them, into a fresh output folder;
- ``unchanged``: the same command into the folder the warm export wrote;
- ``one_edit``: one article's body changed through the library layer (in a
  separate, untimed process), then the same command again;
- Pelican's first build (no content cache, no output) and its build with
  its content cache warm, on the same corpus.

Both programs run as installed programs do: with their modules' bytecode
compiled (``pip install`` compiles Pelican's; this script compiles
Workstation's package first, since a checkout run with
``PYTHONDONTWRITEBYTECODE`` would otherwise compile some seventy modules
from source in every timed process, which no installed copy does).

The corpus and Pelican's installation are those of ``benchmarks/export.py``
(imported, not copied). Each step runs ``--runs`` times (2 by default) and
the median is printed, with the load average, since other work on the
machine moves every figure.

Budgets (design): unchanged under 300 ms, one edit under 400 ms, cold
faster than Pelican's first build, warm at least 2x Pelican warm.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from export import CACHE, build_library, build_pelican_content, make_corpus, pelican_python

EDIT_SLUG = "story-0500"

EDIT_CHILD = """
import sys
from workstation.library.database import open_library
from workstation.library.models import Article
library = open_library(sys.argv[1])
with library.transaction() as session:
    article = session.query(Article).filter_by(slug=sys.argv[2]).one()
    article.body = article.body + "\\n\\nA correction was added (" + sys.argv[3] + ").\\n"
library.close()
"""


def timed(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    """Seconds from starting ``command`` to its exit (it must succeed).

    The disk is settled first (``os.sync``): the files the step before wrote
    are still being written back, and that I/O would land in this step's time.
    """
    os.sync()
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"cli: {command[:4]} failed: {result.stderr.decode(errors='replace').strip()[-400:]}")
    return elapsed


def compile_package() -> Path:
    """Compile Workstation's modules to bytecode as an installation does; returns the package folder."""
    found = subprocess.run(
        [sys.executable, "-c", "import workstation, pathlib; print(pathlib.Path(workstation.__file__).parent)"],
        check=True, capture_output=True, text=True,
    )
    package = Path(found.stdout.strip())
    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"cli: could not compile {package}")
    return package


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="timed runs of each step (median printed)")
    args = parser.parse_args()
    runs = max(1, args.runs)

    work = CACHE / "cli-run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    corpus = make_corpus()
    template = work / "template.wslib"
    build_library(template, corpus)
    print(f"bytecode compiled for {compile_package()} (as an installed copy has it)")
    print(f"load average at start: {load()}")

    workstation = [sys.executable, "-m", "workstation", "export"]
    base_env = dict(os.environ)

    def env_with_cache(folder: Path) -> dict[str, str]:
        return dict(base_env, XDG_CACHE_HOME=str(folder))

    cold = []
    for run in range(runs):
        library = work / f"cold-{run}.wslib"
        shutil.copyfile(template, library)
        cold.append(timed([*workstation, str(library), str(work / f"cold-site-{run}")],
                          env=env_with_cache(work / f"cold-cache-{run}")))
    # From here on: the last cold run's library and renditions cache, both warm.
    library = work / f"cold-{runs - 1}.wslib"
    warm_env = env_with_cache(work / f"cold-cache-{runs - 1}")
    warm = [timed([*workstation, str(library), str(work / f"warm-site-{run}")], env=warm_env) for run in range(runs)]
    site = work / f"warm-site-{runs - 1}"
    unchanged = [timed([*workstation, str(library), str(site)], env=warm_env) for _ in range(runs)]
    one_edit = []
    for run in range(runs):
        subprocess.run([sys.executable, "-c", EDIT_CHILD, str(library), EDIT_SLUG, str(run)], check=True)
        one_edit.append(timed([*workstation, str(library), str(site)], env=warm_env))

    python = pelican_python()
    pelican_cmd = [str(python), "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
    pelican_first = []
    for run in range(runs):
        folder = work / f"pelican-{run}"
        build_pelican_content(folder, corpus)
        pelican_first.append(timed(pelican_cmd, cwd=folder))
    folder = work / f"pelican-{runs - 1}"
    pelican_warm = [timed(pelican_cmd, cwd=folder) for _ in range(runs)]

    def show(label: str, values: list[float]) -> float:
        median = statistics.median(values)
        spread = " ".join(f"{v * 1000:.0f}" for v in values)
        print(f"  {label:<34} {median * 1000:8.0f} ms   (whole process; runs: {spread} ms)")
        return median

    print(f"export of {len(corpus)} articles, median of {runs} runs; every figure below is WHOLE-PROCESS "
          "(from starting the command to its exit, imports included), none is in-process:")
    c = show("workstation cold (no caches)", cold)
    w = show("workstation warm (fresh folder)", warm)
    u = show("workstation unchanged (same folder)", unchanged)
    e = show("workstation one article edited", one_edit)
    pc = show("pelican first build", pelican_first)
    pw = show("pelican content cache warm", pelican_warm)
    print(f"cli cold_vs_pelican_first={pc / c:.2f}x warm_vs_pelican_warm={pw / w:.2f}x "
          f"unchanged_ms={u * 1000:.0f} (budget 300) one_edit_ms={e * 1000:.0f} (budget 400)")
    print(f"load average at end: {load()} (uptime)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
