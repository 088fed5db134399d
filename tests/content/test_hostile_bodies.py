"""Hostile, broken and huge bodies: rendered, sanitised, and never executable."""

import re
from html.parser import HTMLParser

import pytest

from workstation.content.markdown import render_markdown
from workstation.content.reading import excerpt, word_count
from workstation.content.references import photo_refs
from workstation.content.views import CardView, FigureView, NullResolver

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "style", "form", "input", "link"}
URL_ATTRIBUTES = {"href", "src", "srcset", "data-embed", "action", "formaction", "xlink:href", "cite", "poster"}


class _Inspector(HTMLParser):
    """Every tag and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}")
            if name in URL_ATTRIBUTES and re.search(r"(java|vb)script:|data:(?!image/(png|jpeg|gif|webp|avif);)", value):
                self.problems.append(f"{tag} {name}={value}")


def assert_inert(html: str) -> None:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, html


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "Text <img src=x onerror=alert(1)> more",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](<java\tscript:alert(1)>)",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click][x]\n\n[x]: javascript:alert(1)",
        "<object data=x></object><embed src=x><base href=//evil.example><meta http-equiv=refresh content=0>",
        "<iframe src=https://evil.example></iframe>",
        "<div>\n\n<script>alert(1)</script>\n\n</div>",
        "![x](javascript:alert(1))",
        "![x](data:text/html,<script>alert(1)</script>)",
        "Para\n{: onmouseover=alert(1) }",
        "<svg/onload=alert(1)>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "```\n</code></pre><script>alert(1)</script>\n```",
        "<style>*{display:none}</style><form action=//evil.example><input></form>",
    ],
)
def test_hostile_body_leaves_nothing_executable(body):
    assert_inert(render_markdown(body, NullResolver()))


@pytest.mark.parametrize(
    "body",
    [
        '![x" onerror="alert(1)](photo:12)',
        '![</figure><script>alert(1)</script>](photo:12)',
        '![a](photo:12 "</figcaption></figure><script>alert(1)</script>")',
        '![a](photo:12 "x\\" onload=\\"alert(1)")',
        '![<img src=x onerror=alert(1)>](photo:99 "<script>alert(1)</script>")',
    ],
)
def test_hostile_alt_and_caption_are_escaped(body, resolver):
    html = render_markdown(body, resolver)
    assert_inert(html)
    assert html.count("<figure") == 1 and html.count("</figure>") == 1


def test_hostile_strings_from_the_resolver_are_escaped():
    class Hostile:
        def figure(self, ref):
            return FigureView(
                "javascript:alert(1)", 10, 10, '"><script>alert(1)</script>', "<script>c</script>", "<b onclick=x>"
            )

        def card(self, slug):
            image = FigureView("/ok.jpg", 10, 10, "", "", "", (("image/jpeg", "javascript:x 1x"),))
            return CardView("javascript:alert(1)", "</h3><script>alert(1)</script>", "<img src=x onerror=y>", image)

        def link(self, slug):
            return "javascript:alert(1)"

    html = render_markdown("![](photo:1)\n\n[[a-story]]\n\nSee [[a-story]].", Hostile())
    assert_inert(html)
    assert "&lt;/h3&gt;&lt;script&gt;" in html


def test_a_forged_slot_marker_is_only_text(resolver):
    html = render_markdown("\x02wsslot:0\x03 ![](photo:12)", resolver)
    assert html.startswith("<p>wsslot:0 <picture>") and html.count("<picture>") == 1


def test_escaped_quotes_in_a_caption_stay_text(resolver):
    html = render_markdown('![a](photo:12 "x\\" onload=\\"y")', resolver)
    assert '<span class="caption">x&quot; onload=&quot;y</span>' in html


def test_a_video_card_cannot_be_forged_from_html():
    html = render_markdown('<figure class="video-card" data-embed="javascript:alert(1)"></figure>', NullResolver())
    assert "data-embed" not in html


@pytest.mark.parametrize(
    "body",
    [
        "```\nunclosed fence",
        "[unclosed link(",
        "![unclosed image](photo:12",
        "**bold _mixed* end_",
        "| broken | table\n|---\n| x",
        "<div><p>unclosed",
        "> > > >",
        "[^missing] note",
        "1. \n2.\n-\n*",
        "\x00\x01\x02\x03 control characters \ufffe",
        "# \n## \n###",
    ],
)
def test_broken_markdown_still_renders(body, resolver):
    assert isinstance(render_markdown(body, resolver), str)


def test_unresolved_footnote_reference_stays_text():
    assert "[^missing]" in render_markdown("See [^missing].", NullResolver())


def test_a_megabyte_body_renders(resolver):
    paragraph = "The river rose overnight and the ferry waited on the far bank for the water to fall. "
    body = "\n\n".join(paragraph * 8 for _ in range(1_600))
    assert len(body) > 1_000_000
    html = render_markdown(body, resolver)
    assert html.count("<p>") == 1_600


def test_a_ten_thousand_line_list_renders():
    html = render_markdown("\n".join(f"- item {n}" for n in range(10_000)), NullResolver())
    assert html.count("<li>") == 10_000


def test_thousands_of_unmatched_brackets_render_as_typed():
    html = render_markdown("[" * 20_000 + "](" * 5_000, NullResolver())
    assert html.count("[") == 20_000


@pytest.mark.parametrize("body", ["![x](" * 20_000, "[a][" * 20_000, "[[a-b]]" * 20_000, "[^" * 20_000])
def test_a_paragraph_of_link_syntax_renders_as_typed(body):
    assert render_markdown(body, NullResolver()).startswith("<p>" + body[:20])


def test_a_paragraph_with_more_inline_marks_than_any_real_one_renders_as_typed():
    html = render_markdown("*a* " * 30_000, NullResolver())
    assert "<em>" not in html and html.count("*a*") == 30_000


def test_a_long_paragraph_with_ordinary_emphasis_keeps_it():
    assert render_markdown("*a* " * 900, NullResolver()).count("<em>") == 900


def test_nesting_too_deep_to_parse_is_shown_as_typed():
    body = "Intro.\n\n" + "\n".join("    " * depth + "- x" for depth in range(400)) + "\n\nOutro."
    html = render_markdown(body, NullResolver())
    assert "<p>Intro.</p>" in html and "<p>Outro.</p>" in html and 'class="render-plain"' in html


@pytest.mark.parametrize(
    "body",
    ["[" * 50_000, "![x](" * 20_000, "*a " * 30_000, "-" * 100_000 + "x", "![a](" + "(" * 50_000, "|" * 100_000 + "x"],
)
def test_text_tools_take_hostile_lines_in_their_stride(body):
    assert isinstance(word_count(body), int)
    assert isinstance(excerpt(body), str)
    assert photo_refs(body) == []
