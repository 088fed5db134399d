"""A rendered body is valid HTML: the Nu HTML Checker finds no error in it."""

import subprocess

from tests.page_checks import vnu_command
from workstation.content.markdown import render_markdown


def test_rich_body_passes_the_nu_html_checker(tmp_path, rich_body, resolver):
    command = vnu_command()
    extra = "\n\nInline ![](photo:12), a missing ![](photo:99) and [[gone]].\n\n![](photo:98)\n\n[[gone]]\n"
    body = render_markdown(rich_body + extra, resolver)
    page = tmp_path / "page.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Body</title></head>'
        f"<body><main>{body}</main></body></html>",
        encoding="utf-8",
    )
    result = subprocess.run([*command, "--errors-only", str(page)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
