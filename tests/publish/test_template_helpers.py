"""The bylines and srcset values every teaser prints, made by functions of the one Jinja environment."""

from __future__ import annotations

from dataclasses import dataclass

from workstation.publish.render import environment, linker


@dataclass(frozen=True)
class Author:
    name: str
    path: str


def render(source: str, **context: object) -> str:
    return environment().from_string(source).render(url=linker("articles/story/index.html"), **context)


def test_a_byline_joins_two_authors_with_and_and_more_with_commas() -> None:
    authors = [Author("Olena", "author/olena/index.html"), Author("Taras", "author/taras/index.html"),
               Author("Iryna", "author/iryna/index.html")]
    assert render("{{ byline(a) }}", a=authors[:1]) == '<a href="../../author/olena/index.html" rel="author">Olena</a>'
    assert render("{{ byline(a) }}", a=authors[:2]).count(" and ") == 1
    three = render("{{ byline(a) }}", a=authors)
    assert three.index("Olena") < three.index(", ") < three.index("Taras") < three.index(" and ") < three.index("Iryna")


def test_a_byline_escapes_names_and_addresses() -> None:
    html = render("{{ byline(a) }}", a=[Author('<b>"Bo"</b>', 'author/x"y/index.html')])
    assert "<b>" not in html and "&lt;b&gt;" in html and 'x&#34;y' in html


def test_a_srcset_lists_each_candidate_with_its_width() -> None:
    html = render('{{ srcset(c) }}', c=[("media/a-320.jpg", 320), ("media/a&b-640.jpg", 640)])
    assert html == "../../media/a-320.jpg 320w, ../../media/a&amp;b-640.jpg 640w"
