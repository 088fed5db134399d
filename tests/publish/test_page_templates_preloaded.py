"""Every template a site page is rendered from is loaded before the page workers fork, so none compiles it again."""

from __future__ import annotations

from jinja2 import meta

from workstation.publish.render import environment
from workstation.publish.site import PAGE_TEMPLATES


def referenced(name: str) -> set[str]:
    """The templates ``name`` extends or includes, and theirs in turn."""
    env = environment()
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    found = {str(other) for other in meta.find_referenced_templates(env.parse(source)) if other}
    for other in set(found):
        found |= referenced(other)
    return found


def test_the_templates_pages_extend_and_include_are_loaded_with_them() -> None:
    for name in ("article.html", "list.html", "author.html"):
        assert name in PAGE_TEMPLATES
        assert referenced(name) <= set(PAGE_TEMPLATES), name
