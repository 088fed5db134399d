"""The allow-list: what a user's HTML may keep, and what never survives."""

import pytest

from workstation.content.sanitise import clean_fragment, plain_text, safe_image_url, safe_srcset, safe_url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "file:///etc/passwd",
        "jar:http://x!/",
        "http://x\x00y",
    ],
)
def test_unsafe_urls_become_empty(url):
    assert safe_url(url) == ""


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a?b=c#d", "http://example.org", "mailto:desk@example.org", "tel:+380441234567",
     "/articles/x/", "../x/", "#fn:1", "?page=2"],
)
def test_safe_urls_pass_unchanged(url):
    assert safe_url(url) == url


def test_base64_raster_data_urls_are_images_but_not_links():
    url = "data:image/png;base64,iVBORw0KGgo="
    assert safe_image_url(url) == url
    assert safe_url(url) == ""


def test_srcset_keeps_only_safe_candidates():
    assert safe_srcset("a.jpg 480w, javascript:alert(1) 960w, b.jpg 2x") == "a.jpg 480w, b.jpg 2x"


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<object data="x.swf"></object>',
        '<embed src="x.swf">',
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<iframe src="https://evil.example/"></iframe>',
        "<style>body{display:none}</style>",
        '<form action="https://evil.example/"><input name=q></form>',
        '<svg onload="alert(1)"><script>alert(1)</script></svg>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<a href="#" onclick="alert(1)">x</a>',
        '<div onmouseover="alert(1)">x</div>',
    ],
)
def test_nothing_executable_survives(hostile):
    cleaned = clean_fragment(hostile).lower()
    for marker in ("<script", "onerror", "onclick", "onload", "onmouseover", "javascript:", "data:text",
                   "<object", "<embed", "<base", "<meta", "<iframe", "<style", "<form", "<input", "<svg"):
        assert marker not in cleaned


def test_what_the_dialect_produces_is_kept():
    html = (
        '<figure class="figure"><picture><source type="image/webp" srcset="a.webp 480w" sizes="100vw">'
        '<img src="a.jpg" alt="A" width="4" height="3" loading="lazy" decoding="async"></picture>'
        "<figcaption>Cap</figcaption></figure>"
        '<h2 id="what-changed">What changed</h2><p><abbr title="World Health Organization">WHO</abbr>'
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<table><thead><tr><th style="text-align: right;">n</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
    )
    cleaned = clean_fragment(html)
    for kept in ('srcset="a.webp 480w"', 'sizes="100vw"', 'loading="lazy"', 'width="4"', "<figcaption>",
                 'id="what-changed"', "<abbr", 'href="#fn:1"', 'style="text-align:right"'):
        assert kept in cleaned


def test_style_keeps_only_text_alignment():
    assert clean_fragment('<table><tr><td style="text-align: left; color: red">x</td></tr></table>').count("color") == 0


def test_ids_reserved_for_the_preview_are_dropped():
    assert "ws-body" not in clean_fragment('<h2 id="ws-body">x</h2>')


def test_plain_text_strips_markdown_and_html():
    text = plain_text('## A *bold* [link](https://x) and <b>tag</b> &amp; ![img](photo:1)[^1]')
    assert text == "A bold link and tag &"


def test_plain_text_drops_script_content():
    assert plain_text("Hello <script>alert(1)</script>world") == "Hello world"


def test_plain_text_joins_blocks_with_spaces():
    assert plain_text("<p>One.</p><p>Two.</p>") == "One. Two."


def test_plain_text_keeps_text_that_looks_like_tags_readable():
    assert plain_text("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"
