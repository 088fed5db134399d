"""The one Jinja environment every page (export, preview, hand-off) goes through.

Autoescape is on for everything and undefined names are errors, so a
template typo fails loudly in the tests instead of printing an empty string
on a published page; only fragments already sanitised by the content
renderer arrive as ``Markup``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape
from platformdirs import user_cache_dir

from workstation.content.components import figure_html
from workstation.content.views import FigureView
from workstation.publish.pageviews import StoryView
from workstation.publish.paths import public_url, relative_url
from workstation.resources import resource

# A teaser picture's ``sizes``: a column of the story list.
STORY_SIZES = "(min-width: 56rem) 14rem, 28vw"


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs: compiling them costs a command-line export a tenth of a second."""
    folder = Path(user_cache_dir("workstation", appauthor=False)) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resource("templates"))),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        auto_reload=False,
    )
    env.globals["figure"] = figure
    env.globals["srcset"] = srcset
    env.globals["byline"] = byline
    env.globals["story"] = story
    return env


# ``story``, ``srcset`` and ``byline`` are functions rather than macros: a teaser is on
# every list page and five are under every article, and a macro call costs many times more.


def _byline(url: Callable[[str], str], authors: Sequence[Any]) -> str:
    links = [f'<a href="{escape(url(author.path))}" rel="author">{escape(author.name)}</a>' for author in authors]
    return ", ".join(links[:-1]) + " and " + links[-1] if len(links) > 1 else "".join(links)


@pass_context
def byline(context: Context, authors: Sequence[Any]) -> Markup:
    """Links to the authors' pages: "A", "A and B", "A, B and C"."""
    return Markup(_byline(context["url"], authors))


def _srcset(url: Callable[[str], str], candidates: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{escape(url(path))} {escape(width)}w" for path, width in candidates)


@pass_context
def srcset(context: Context, candidates: Iterable[tuple[str, int]]) -> Markup:
    """A ``srcset`` value, each candidate's address through the page's ``url()``."""
    return Markup(_srcset(context["url"], candidates))


@pass_context
def story(context: Context, item: StoryView, heading: str = "h2", show_image: bool = True,
          sizes: str = STORY_SIZES, lead: bool = False) -> Markup:
    """A story teaser: its picture (``show_image``), section label (unless the page is that section's), headline,
    summary, byline and date; ``lead`` for the front page's first story, whose picture loads first."""
    url = context["url"]
    image = item.image if show_image else None
    out = [f'<article class="story{" story--with-image" if image else ""}">\n']
    if image:
        out.append(f'<a class="story__image" href="{escape(url(item.path))}" tabindex="-1" aria-hidden="true"><picture>')
        if image.webp:
            out.append(f'<source type="image/webp" srcset="{_srcset(url, image.webp)}" sizes="{escape(sizes)}">')
        out.append(f'<img src="{escape(url(image.src))}"')
        if image.candidates:
            out.append(f' srcset="{_srcset(url, image.candidates)}" sizes="{escape(sizes)}"')
        out.append(f' width="{escape(image.width)}" height="{escape(image.height)}" alt=""')
        out.append(' fetchpriority="high"' if lead else ' loading="lazy" decoding="async"')
        out.append("></picture></a>")
    out.append('\n<div class="story__text">\n')
    if item.section and item.section.path != context["current_section"]:
        out.append(f'<p class="label"><a href="{escape(url(item.section.path))}">{escape(item.section.name)}</a></p>')
    tag = escape(heading)
    out.append(f'\n<{tag} class="story__headline"><a href="{escape(url(item.path))}">{escape(item.headline)}</a></{tag}>\n')
    if item.summary:
        out.append(f'<p class="story__summary">{escape(item.summary)}</p>')
    out.append('\n<p class="story__meta">')
    if item.authors:
        out.append(f'<span class="story__byline">{_byline(url, item.authors)}</span> · ')
    out.append(f'<time datetime="{escape(item.iso)}">{escape(item.date_label)}</time></p>\n</div>\n</article>')
    return Markup("".join(out))


def figure(view: FigureView, *classes: str) -> Markup:
    """A lead photo in a template, by the same renderer as every figure in a body."""
    return Markup(figure_html(view, classes=classes))


@cache
def stylesheet() -> str:
    return resource("static", "site.css").read_text(encoding="utf-8")


@cache
def site_script() -> str:
    return resource("static", "site.js").read_text(encoding="utf-8")


@cache
def design_version() -> str:
    """A digest of every template and static file: a new look re-renders every page."""
    digest = hashlib.sha256()
    for folder in ("templates", "static"):
        for path in sorted(resource(folder).iterdir()):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def linker(page: str, base_url: str = ""):  # type: ignore[no-untyped-def]
    """``url()`` for one page: OUTDIR paths become relative links (absolute
    ones under ``base_url`` for a page that leaves the site); full URLs pass through."""

    # A page links the same few dozen places (sections, static files) many times over.
    # Only plain strings are remembered: a Markup target must come back as Markup.
    known: dict[str, str] = {}

    def url(target: str) -> str:
        plain = type(target) is str
        found = known.get(target) if plain else None
        if found is not None:
            return found
        head = target.split("/", 1)[0]
        if ":" in head:
            found = target
        elif base_url:
            found = public_url(base_url, target)
        else:
            found = relative_url(target, page)
        if plain:
            known[target] = found
        return found

    return url


def render_page(template: str, page: str, *, base_url: str = "", **context: Any) -> str:
    return environment().get_template(template).render(url=linker(page, base_url), **context)


def inline_css() -> Markup:
    """The stylesheet, to inline in a ``<style>`` element; it is our own file, never user text."""
    return Markup(stylesheet().replace("</", "<\\/"))
