"""One parse of a body serves several resolvers: each gets exactly the render it would get alone."""

from __future__ import annotations

from tests.content.conftest import FakeResolver
from workstation.content.markdown import render_markdown, render_markdown_for


class ElsewhereResolver(FakeResolver):
    """The same photo and article, linked from another place (as a feed links them from the site's root)."""

    def __init__(self) -> None:
        super().__init__()
        self.figures = {ref: view._replace(src="feed/" + view.src) for ref, view in self.figures.items()}
        self.cards = {slug: card._replace(url="feed" + card.url) for slug, card in self.cards.items()}


def test_each_resolver_gets_the_render_it_would_get_alone(rich_body: str) -> None:
    page, feed = render_markdown_for(rich_body, [FakeResolver(), ElsewhereResolver()])
    assert page == render_markdown(rich_body, FakeResolver())
    assert feed == render_markdown(rich_body, ElsewhereResolver())
    assert page != feed and 'href="feed/articles/river-crossing/"' in feed


def test_each_resolver_is_asked_what_a_render_of_its_own_asks(rich_body: str) -> None:
    alone, shared = FakeResolver(), FakeResolver()
    render_markdown(rich_body, alone)
    render_markdown_for(rich_body, [FakeResolver(), shared])
    assert shared.lookups == alone.lookups > 0


def test_a_body_past_the_house_limits_is_rendered_for_each_resolver_too() -> None:
    body = "> " * 40 + "deep\n\n[[river-crossing]]\n"
    page, feed = render_markdown_for(body, [FakeResolver(), ElsewhereResolver()])
    assert page == render_markdown(body, FakeResolver())
    assert feed == render_markdown(body, ElsewhereResolver())
