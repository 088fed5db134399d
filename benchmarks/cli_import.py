"""``workstation import`` of a shoot, timed as a whole process against naive Pillow importers.

Makes 24 camera-size JPEGs (6000x4000, gradients under noise so they
compress like photographs, about 8 MB each) once, caches them in
benchmarks/.cache/cli_import/, then times, as separate processes with their
start-up included, in interleaved rounds:

- ``workstation import LIBRARY FOLDER`` into an empty library made beforehand;
- a naive importer: a Python script that opens each file with Pillow,
  decodes it, makes a 400 px thumbnail and inserts the bytes and the
  thumbnail into an SQLite file (one transaction per photo);
- the same naive script without the explicit decode, where Pillow's own
  ``thumbnail()`` picks a reduced JPEG decode by itself.

Goal (issue 15): the import in at most 0.4 of the naive importer's time.

    .venv/bin/python benchmarks/cli_import.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache" / "cli_import"
COUNT = 24
SIZE = (6000, 4000)
QUALITY = 95
ROUNDS = 3

NAIVE = """
import io, sqlite3, sys
from pathlib import Path
from PIL import Image

database, folder, decode = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "decode"
connection = sqlite3.connect(database)
connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT, data BLOB, thumbnail BLOB)")
for path in sorted(folder.glob("*.jpg")):
    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        if decode:
            image.load()
        image.thumbnail((400, 400))
        thumbnail = io.BytesIO()
        image.convert("RGB").save(thumbnail, "JPEG", quality=80)
    with connection:
        connection.execute(
            "INSERT INTO photos (name, data, thumbnail) VALUES (?, ?, ?)", (path.name, data, thumbnail.getvalue())
        )
connection.close()
"""


def make_photo(index: int, path: Path) -> None:
    width, height = SIZE
    ramp = Image.linear_gradient("L").resize((width, height))
    gradient = Image.merge(
        "RGB",
        [
            ramp.rotate(15 * index).resize((width, height)),
            ramp.rotate(90 + 7 * index).resize((width, height)),
            Image.radial_gradient("L").resize((width, height)),
        ],
    )
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 20) for _ in range(3)])
    Image.blend(gradient, noise, 0.27).save(path, "JPEG", quality=QUALITY)


def photos() -> Path:
    folder = CACHE / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(COUNT):
        path = folder / f"frame-{index:02d}.jpg"
        if not path.exists():
            print(f"making {path.name}", file=sys.stderr)
            make_photo(index, path)
    return folder


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds of a whole process, and the CPU seconds of it and every process it waited for."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[1:4]} failed with exit status {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def empty_library(path: Path) -> None:
    make = f"from workstation.library.database import create_library; create_library({str(path)!r}).close()"
    subprocess.run(
        [sys.executable, "-c", make],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def main() -> int:
    folder = photos()
    megabytes = sum(path.stat().st_size for path in folder.glob("*.jpg")) / COUNT / 1e6
    times: dict[str, list[tuple[float, float]]] = {"workstation": [], "naive": [], "naive_draft": []}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        script = work / "naive.py"
        script.write_text(NAIVE)
        for path in folder.glob("*.jpg"):
            path.read_bytes()  # every run reads from the page cache alike
        for round_ in range(ROUNDS):
            library = work / f"import-{round_}.wslib"
            empty_library(library)
            naive = [sys.executable, str(script)]
            times["workstation"].append(timed([sys.executable, "-m", "workstation", "import", str(library), str(folder)]))
            times["naive"].append(timed([*naive, str(work / f"naive-{round_}.sqlite"), str(folder), "decode"]))
            times["naive_draft"].append(timed([*naive, str(work / f"draft-{round_}.sqlite"), str(folder), "thumbnail"]))
    wall = {name: statistics.median(w for w, _cpu in values) for name, values in times.items()}
    cpu = {name: statistics.median(c for _w, c in values) for name, values in times.items()}
    load = os.getloadavg()
    print(f"photos={COUNT} size={SIZE[0]}x{SIZE[1]} mean_mb={megabytes:.1f} rounds={ROUNDS} (medians, whole processes)")
    print(
        f"cli_import workstation_s={wall['workstation']:.2f} naive_s={wall['naive']:.2f} "
        f"naive_draft_s={wall['naive_draft']:.2f} ratio={wall['workstation'] / wall['naive']:.2f} "
        f"ratio_draft={wall['workstation'] / wall['naive_draft']:.2f} goal<=0.40"
    )
    print(
        f"cpu workstation_s={cpu['workstation']:.2f} naive_s={cpu['naive']:.2f} naive_draft_s={cpu['naive_draft']:.2f} "
        f"load={load[0]:.2f},{load[1]:.2f},{load[2]:.2f} cpus={os.cpu_count()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
