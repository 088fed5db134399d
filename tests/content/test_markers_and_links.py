"""Slot markers no input can forge, unclosed raw HTML that loses nothing, and app links that stay in the app."""

from __future__ import annotations

import pytest

from workstation.content.blocks import BlockRenderer
from workstation.content.markdown import render_markdown
from workstation.content.sanitise import clean_fragment, safe_image_url, safe_srcset, safe_url
from workstation.content.views import NullResolver


@pytest.mark.parametrize(
    "forged",
    [
        '<p title="&#2;wsslot:0&#3;">x</p>',
        '<p title="&#xFDD1;0:0&#xFDD2;">x</p>',
        "<p title=\"&#xFDD1;0123456789abcdef:0&#xFDD2;\">x</p>",
        "\ufdd10123456789abcdef:0\ufdd2",
    ],
)
def test_a_forged_slot_marker_never_puts_trusted_markup_in_an_attribute(forged, resolver):
    html = render_markdown(forged + "\n\n[[river-crossing]]", resolver)
    assert html.count("<aside") == 1
    assert 'title="<' not in html and "related-card" not in html.split("<aside")[0]


def test_the_rendered_body_holds_no_control_characters_or_noncharacters(resolver):
    html = render_markdown('<p title="&#2;&#0;&#xFFFF;">a&#1;b&#xFDD0;c\x01\x7f\ufffe</p>\n\n[[river-crossing]]', resolver)
    assert not any(ord(char) < 32 and char not in "\n\t" for char in html)
    assert not any(char in html for char in "\x7f\ufffe\uffff\ufdd0\ufdd1\ufdd2")


def test_an_unclosed_math_element_keeps_the_rest_of_the_body():
    html = render_markdown("Before.\n\n<math>\n\nThe rest **stays**.\n\nAnd more.", NullResolver())
    assert "<strong>stays</strong>" in html and "And more." in html and "&lt;math&gt;" in html


def test_an_unclosed_math_element_inside_a_paragraph_keeps_the_rest():
    html = render_markdown("Formula <math><mi>x</mi>\n\nThe rest **stays**.", NullResolver())
    assert "<strong>stays</strong>" in html


def test_an_unclosed_div_is_shown_and_the_rest_is_markdown():
    html = render_markdown("<div>\n\n## Still a heading", NullResolver())
    assert '<h2 id="still-a-heading">Still a heading</h2>' in html


def test_balanced_raw_html_blocks_are_untouched():
    assert render_markdown("<div>a\n\n<div>b</div>\n\n</div>", NullResolver()) == "<div>a\n\n<div>b</div>\n\n</div>"


def test_the_preview_shows_an_unclosed_math_element_as_the_export_does():
    body = "Before.\n\n<math>\n\nThe rest **stays**."
    blocks = BlockRenderer(NullResolver()).render(body)
    assert "\n".join(block.html for block in blocks) == render_markdown(body, NullResolver())


@pytest.mark.parametrize("url", ["ws-app://preview/x", "WS-APP://static/preview.js", "ws-photo://photo/1/960", " ws-photo://x"])
def test_app_addresses_are_not_safe_for_a_page(url):
    assert safe_url(url) == "" and safe_image_url(url) == ""


@pytest.mark.parametrize(
    "body",
    [
        "[x](ws-app://preview/page)",
        '<a href="ws-app://preview/page">x</a>',
        '<img src="ws-photo://photo/1/960" alt="">',
        '<img srcset="ws-photo://photo/1/480 480w" alt="">',
        "![x](ws-photo://photo/1/960)",
        "[x][r]\n\n[r]: ws-photo://photo/1/960",
    ],
)
def test_a_writer_cannot_put_an_app_address_on_a_page(body):
    assert "ws-" not in render_markdown(body, NullResolver()).replace('data-ref="ws-', "")


def test_the_sanitiser_drops_app_addresses_from_user_html():
    assert clean_fragment('<a href="ws-app://preview/x">x</a>') == '<a>x</a>'


def test_the_preview_resolver_may_still_use_its_image_addresses():
    assert safe_image_url("ws-photo://photo/1/960", preview=True) == "ws-photo://photo/1/960"
    assert safe_srcset("ws-photo://photo/1/480 480w", preview=True) == "ws-photo://photo/1/480 480w"
