"""A small in-memory resolver standing in for the library, and sample bodies."""

from __future__ import annotations

import pytest

from workstation.content.views import CardView, FigureView


class FakeResolver:
    """Photo 12 and article "river-crossing" exist; everything else is missing. Counts its lookups."""

    def __init__(self) -> None:
        self.lookups = 0
        self.figures = {
            "photo:12": FigureView(
                src="/photos/12-960.jpg",
                width=960,
                height=640,
                alt="Ferry at dawn",
                caption="The ferry leaves at six.",
                credit="(Olena Marchenko/Agency via Distributor)",
                sources=(
                    ("image/webp", "/photos/12-480.webp 480w, /photos/12-960.webp 960w"),
                    ("image/jpeg", "/photos/12-480.jpg 480w, /photos/12-960.jpg 960w"),
                ),
                sizes="(min-width: 45rem) 45rem, 100vw",
            )
        }
        self.cards = {
            "river-crossing": CardView(
                url="/articles/river-crossing/",
                headline="How the river crossing reopened",
                excerpt=(
                    "Engineers worked through the night to rebuild the landing stage, and by morning the first "
                    "ferry of the season was carrying cars, bicycles and a brass band across the water to the "
                    "market town on the far bank, where the mayor was waiting."
                ),
                image=self.figures["photo:12"],
            )
        }

    def figure(self, ref: str) -> FigureView | None:
        self.lookups += 1
        return self.figures.get(ref)

    def card(self, slug: str) -> CardView | None:
        self.lookups += 1
        return self.cards.get(slug)

    def link(self, slug: str) -> str | None:
        self.lookups += 1
        card = self.cards.get(slug)
        return card.url if card else None


@pytest.fixture
def resolver() -> FakeResolver:
    return FakeResolver()


RICH_BODY = """\
# A town on the river

The "old" ferry -- the one everyone remembers -- sailed again on Friday[^crew].
It was the first crossing since the flood... and the [council][c] said it will run daily.

![](photo:12 "Passengers boarding at dawn")

## What changed

- a new landing stage
- a wider ramp

- a timetable on the quay

    with a second paragraph in the item

1. first
2. second

> "We waited three years," said one driver.
> Another nodded.

> A second quote joins the first.

```python
def crossing():

    return "daily"
```

| Day | Crossings |
|:----|----------:|
| Mon | 12 |
| Tue | 14 |

https://www.youtube.com/watch?v=dQw4w9WgXcQ

[[river-crossing]]

Read the earlier story, [[river-crossing]], and the note[^crew] again.

## What changed

Term*s* and a link with {: .x} [site](https://example.org "Example").
{: .lead }

---

[c]: https://example.org/council "Council"
[^crew]: The crew of four has served
    since 1998.
[^late]: A note defined but never cited.
"""


@pytest.fixture
def rich_body() -> str:
    return RICH_BODY
