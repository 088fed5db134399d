"""Images on other hosts render as links: nothing is fetched from another site when a page loads."""

from __future__ import annotations

import pytest

from workstation.content.markdown import remote_images, render_markdown
from workstation.content.views import NullResolver


def render(body: str) -> str:
    return render_markdown(body, NullResolver())


@pytest.mark.parametrize(
    ("body", "url", "text"),
    [
        ("![A chart](https://other.host/a.png)", "https://other.host/a.png", "A chart"),
        ("Inline ![dot](http://tracker.example/d.gif) here.", "http://tracker.example/d.gif", "dot"),
        ('<img src="https://other.host/raw.png" alt="Raw">', "https://other.host/raw.png", "Raw"),
        ('<img src="//cdn.example/p.png">', "//cdn.example/p.png", "Image on cdn.example"),
        ("![ref][p]\n\n[p]: https://other.host/ref.png", "https://other.host/ref.png", "ref"),
    ],
)
def test_a_remote_image_becomes_a_plain_link(body: str, url: str, text: str) -> None:
    html = render(body)
    assert "<img" not in html
    assert f'href="{url}"' in html and f">{text}</a>" in html
    assert remote_images(body) == [url]


def test_a_picture_with_remote_sources_becomes_a_link_without_its_sources() -> None:
    html = render('<picture><source srcset="https://o.host/b.webp 1x, https://o.host/c.webp 2x">'
                  '<img src="https://o.host/b.jpg" alt="B"></picture>')
    assert "<picture" not in html and "<source" not in html and "srcset" not in html
    assert 'href="https://o.host/b.jpg"' in html


def test_remote_candidates_leave_a_local_srcset() -> None:
    html = render('<img src="/l.png" srcset="https://o.host/big.png 2x, /l3.png 3x" alt="L">')
    assert 'srcset="/l3.png 3x"' in html and "o.host" not in html


def test_a_remote_image_inside_a_link_is_text_not_a_second_link() -> None:
    html = render('<a href="https://example.org/">see <img src="https://o.host/i.png" alt="it"></a>')
    assert html.count("<a ") == 1 and "<img" not in html and ">it</span>" in html


def test_a_backslashed_protocol_relative_address_is_remote_too() -> None:
    assert remote_images('<img src="/\\evil.example/x.png">')
    assert "<img" not in render('<img src="/\\evil.example/x.png">')


def test_local_and_library_images_are_left_alone() -> None:
    assert remote_images("![x](photo:3)\n\n<img src=\"/static/a.png\" alt=\"\">") == []
    assert '<img src="/static/a.png"' in render('<img src="/static/a.png" alt="">')
