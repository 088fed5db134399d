"""Fuzzing the ninjs export: whatever an imported file holds, every document is valid ninjs with a safe body.

Files made of ``test_fuzz``'s pieces (mostly article front matter the
importer takes, sometimes its raw junk; a body mixing hostile fragments with
arbitrary text), imported, published whatever status they asked for, and
exported as ninjs with the real commands, in-process, derandomised.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from tests.hostile.test_fuzz import FRONT_MATTER, PIECES, assert_refused_at_most, run
from tests.ninjs_schema import SCHEMA_FILE, documents, ninjs_errors
from tests.page_checks import Executables
from workstation.library.database import open_library
from workstation.library.models import Article, Status

pytestmark = pytest.mark.skipif(not SCHEMA_FILE.is_file(), reason="shared/standards/ninjs is not beside this checkout")

# Mostly files the importer takes (so there is something to syndicate), sometimes anything at all.
ARTICLE = st.fixed_dictionaries(
    {"title": PIECES.filter(str.strip), "status": st.just("published")},
    optional={"summary": PIECES, "section": PIECES, "tags": st.lists(PIECES, max_size=3),
              "authors": st.lists(PIECES, max_size=2), "image_caption": PIECES},
).map(lambda fields: yaml.safe_dump(fields, allow_unicode=True))
FILES = st.one_of(ARTICLE, ARTICLE, ARTICLE, FRONT_MATTER)


@settings(
    max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(front=FILES, body=PIECES)
def test_any_file_is_syndicated_as_valid_ninjs_with_a_sanitised_body(template_library: Path, front: str,
                                                                     body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        library = root / "lib.wslib"
        shutil.copyfile(template_library, library)
        source = root / "story.md"
        source.write_bytes(f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))
        assert_refused_at_most(*run("import", library, source))
        # Whatever status the file asked for: the point is what publishing it syndicates.
        with open_library(library) as opened, opened.transaction() as session:
            session.execute(update(Article).values(status=Status.PUBLISHED.value))
        status, stderr = run("export", library, root / "out", "--format", "ninjs", "--base-url",
                             "https://news.example.org/")
        assert status == 0, stderr
        found_documents = documents(root / "out")
        event(f"{len(found_documents) - 1} articles syndicated")
        for relpath, document in found_documents.items():
            assert ninjs_errors(document) == [], relpath
            for text in document.get("bodies", []):
                executables = Executables()
                executables.feed(text["value"])
                assert executables.scripts == [] and executables.handlers == [] and executables.bad_urls == [], relpath
