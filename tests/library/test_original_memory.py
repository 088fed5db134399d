"""A 50 MB original is never held whole: import, check, renditions, the inspector's preview and Export originals.

Each run is a fresh process (its own peak memory), which imports the file
through the application layer, checks the library's integrity, makes a
rendition as the export does and a preview as the inspector asks for it,
and exports the original for a partner, on a library file and a newsroom. The
bounds are far below the file's size: holding it once would pass 50 MB.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from workstation.library.original_store import CHUNK

ROOT = Path(__file__).resolve().parents[2]
SIZE = 50 * 1024 * 1024
# Python's own allocations (tracemalloc) and the process's resident growth while the work ran.
PYTHON_PEAK_LIMIT = 16 * 1024 * 1024
RESIDENT_GROWTH_LIMIT = 40 * 1024 * 1024

SCRIPT = r"""
import json, resource, sys, tracemalloc
from pathlib import Path

from workstation.editing.originals import export_originals
from workstation.library.database import open_library
from workstation.library.importer import import_paths
from workstation.library.models import Photo
from workstation.library.preview_images import preview_source
from workstation.photos.renditions import make_rendition
from workstation.publish.images import original_loader
from workstation.publish.preflight import integrity

target, source, folder = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
with open_library(target) as library:
    resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    report = import_paths(library, [source])
    with library.session() as session:
        photo_id = session.query(Photo.id).scalar()
        findings = [str(finding) for finding in integrity(session)]
        original, rights = original_loader(session)(photo_id)
        with original:
            width = make_rendition(original, 480, rights=rights).width
        preview = preview_source(session, photo_id, 1200)
    exported = export_originals(library, [photo_id], folder)
    peak = tracemalloc.get_traced_memory()[1]
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - resident) * 1024
print(json.dumps({"preview_ready": preview.ready, "refused": [str(r) for r in report.refused], "findings": findings, "width": width,
                  "written": [str(p) for p in exported.written], "failed": exported.failed,
                  "peak": peak, "grown": grown}))
"""


def write_large_original(path: Path) -> None:
    """A real JPEG with 50 MB appended after its end marker (as phones append a second image), written in chunks."""
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 90, 160)).save(buffer, "JPEG")
    block = bytes(range(256)) * (CHUNK // 256)
    with path.open("wb") as out:
        out.write(buffer.getvalue())
        for _ in range(SIZE // CHUNK):
            out.write(block)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_50_mb_original_is_imported_checked_rendered_and_exported_without_holding_it(
    backend: str, tmp_path: Path, new_library_file, request: pytest.FixtureRequest  # type: ignore[no-untyped-def]
) -> None:
    target = str(new_library_file()) if backend == "sqlite" else request.getfixturevalue("new_newsroom_url")()
    source = tmp_path / "agency-frame.jpg"
    write_large_original(source)
    folder = tmp_path / "for-partner"
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, target, str(source), str(folder)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert (outcome["refused"], outcome["findings"], outcome["failed"], outcome["width"]) == ([], [], [], 480)
    assert outcome["preview_ready"]
    assert [Path(path).name for path in outcome["written"]] == ["agency-frame.jpg"]
    assert outcome["peak"] < PYTHON_PEAK_LIMIT, outcome
    assert outcome["grown"] < RESIDENT_GROWTH_LIMIT, outcome
