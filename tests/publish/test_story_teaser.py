"""The story teaser (lists, latest news) is a function of the Jinja environment, printing the markup
the ``story`` macro of ``_macros.html`` printed, which it replaced (a macro call costs many times more)."""

from __future__ import annotations

import pytest

from workstation.publish.pageviews import ImageRef, LinkView, StoryView
from workstation.publish.render import environment, linker

# The macro as it was, kept as the specification of the markup.
MACRO = """{% macro story(item, heading="h2", show_image=True, sizes="(min-width: 56rem) 14rem, 28vw", lead=False) -%}
<article class="story{% if show_image and item.image %} story--with-image{% endif %}">
{% if show_image and item.image %}<a class="story__image" href="{{ url(item.path) }}" tabindex="-1" aria-hidden="true"><picture>{% if item.image.webp %}<source type="image/webp" srcset="{{ srcset(item.image.webp) }}" sizes="{{ sizes }}">{% endif %}<img src="{{ url(item.image.src) }}"{% if item.image.candidates %} srcset="{{ srcset(item.image.candidates) }}" sizes="{{ sizes }}"{% endif %} width="{{ item.image.width }}" height="{{ item.image.height }}" alt=""{% if lead %} fetchpriority="high"{% else %} loading="lazy" decoding="async"{% endif %}></picture></a>{% endif %}
<div class="story__text">
{% if item.section and item.section.path != current_section %}<p class="label"><a href="{{ url(item.section.path) }}">{{ item.section.name }}</a></p>{% endif %}
<{{ heading }} class="story__headline"><a href="{{ url(item.path) }}">{{ item.headline }}</a></{{ heading }}>
{% if item.summary %}<p class="story__summary">{{ item.summary }}</p>{% endif %}
<p class="story__meta">{% if item.authors %}<span class="story__byline">{{ byline(item.authors) }}</span> · {% endif %}<time datetime="{{ item.iso }}">{{ item.date_label }}</time></p>
</div>
</article>
{%- endmacro %}"""

IMAGE = ImageRef("images/a-480.jpg", 480, 270, (("images/a-480.jpg", 480), ("images/a&b-960.jpg", 960)),
                 (("images/a-480.webp", 480), ("images/a-960.webp", 960)))
STORY = StoryView(
    path="articles/ferry/index.html", headline='The "ferry" <returns>', summary="Crews & cars cross again.",
    section=LinkView("News & Views", "section/news/index.html"),
    authors=(LinkView("Olena", "author/olena/index.html"), LinkView("Taras", "author/taras/index.html")),
    iso="2026-12-06T08:00:00+00:00", date_label="6 December 2026", image=IMAGE,
)
VARIANTS = {
    "full": STORY,
    "no picture": STORY._replace(image=None),
    "jpeg only": STORY._replace(image=ImageRef("images/a-480.jpg", 480, 270)),
    "bare": STORY._replace(section=None, authors=(), summary="", image=None),
}
CALLS = ["story(item)", 'story(item, heading="h3")', "story(item, show_image=False)",
         'story(item, sizes="(min-width: 56rem) 45vw, calc(100vw - 2rem)", lead=True)']


def render(source: str, item: StoryView, current_section: str) -> str:
    return environment().from_string(source).render(
        url=linker("section/news/page/2/index.html"), item=item, current_section=current_section
    )


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("name", sorted(VARIANTS))
@pytest.mark.parametrize("current_section", ["", "section/news/index.html"])
def test_the_teaser_function_prints_what_the_macro_printed(call: str, name: str, current_section: str) -> None:
    item = VARIANTS[name]
    assert render("{{ " + call + " }}", item, current_section) == render(
        MACRO + "{{ " + call + " }}", item, current_section
    )


def test_a_teaser_escapes_the_headline_and_summary() -> None:
    html = render("{{ story(item) }}", STORY, "")
    assert "The &#34;ferry&#34; &lt;returns&gt;" in html and "Crews &amp; cars" in html
