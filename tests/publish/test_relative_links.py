"""Relative links: from every page of a site to every other file, the path that leads there."""

from __future__ import annotations

import posixpath

from workstation.publish.paths import relative_url

FILES = (
    "index.html", "feed.xml", "static/site.css", "images/a-480.jpg", "page/2/index.html",
    "articles/ferry/index.html", "articles/ferry/notes.html", "articles/ferry-2/index.html", "articles/index.html",
    "articles", "section/news/index.html", "section/news/page/2/index.html", "section/newsroom/index.html",
    "author/olena/index.html", "tag/rivers/index.html", "articles/ferry/page/3/index.html",
)


def test_each_link_leads_from_its_page_to_its_target() -> None:
    for page in FILES:
        for target in FILES:
            link = relative_url(target, page)
            assert posixpath.normpath(posixpath.join(posixpath.dirname(page), link)) == posixpath.normpath(target), (
                page, target, link
            )


def test_links_climb_only_as_far_as_they_must() -> None:
    assert relative_url("articles/ferry-2/index.html", "articles/ferry/index.html") == "../ferry-2/index.html"
    assert relative_url("section/news/index.html", "articles/ferry/index.html") == "../../section/news/index.html"
    assert relative_url("articles/ferry/a.jpg", "articles/ferry/index.html") == "a.jpg"
    assert relative_url("static/site.css", "index.html") == "static/site.css"
    assert relative_url("section/news/page/2/index.html", "section/news/index.html") == "page/2/index.html"
