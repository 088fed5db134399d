"""A video line may carry a title and a poster photo; a bare address still makes a card."""

from __future__ import annotations

from workstation.content.markdown import render_markdown
from workstation.content.video import video_line, video_line_text
from workstation.content.views import FigureView

URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


class PosterResolver:
    def figure(self, ref: str) -> FigureView | None:
        return FigureView(src="/img/poster.jpg", width=960, height=540, alt="Alt", caption="", credit="") if ref == "photo:7" else None

    def card(self, slug: str) -> None:
        return None

    def link(self, slug: str) -> None:
        return None


def test_a_bare_address_still_makes_a_card_named_by_its_visible_text() -> None:
    html = render_markdown(URL, PosterResolver())
    assert 'class="video-card"' in html and "aria-label" not in html
    assert '<span class="video-card__action">Play video</span><span class="visually-hidden"> on YouTube</span>' in html


def test_a_titled_video_with_a_poster_shows_both() -> None:
    html = render_markdown(f'{URL} "The embankment from the air" photo:7', PosterResolver())
    assert 'class="video-card video-card--poster"' in html
    assert '<span class="video-card__title">The embankment from the air</span>' in html
    assert 'data-title="The embankment from the air"' in html
    assert '<img class="video-card__image" src="/img/poster.jpg" alt=""' in html


def test_the_line_the_dialog_writes_reads_back() -> None:
    line = video_line_text(URL, 'Say "hello"', "photo:7")
    found = video_line(line)
    assert found is not None and found.title == "Say ”hello”" and found.poster == "photo:7"
    assert video_line(f"{URL} not a title") is None


def test_a_poster_is_a_photo_the_body_uses() -> None:
    from workstation.content.references import photo_refs

    assert photo_refs(f'![a](photo:3)\n\n{URL} "Title" photo:7\n\n![b](photo:3)') == [3, 7]
