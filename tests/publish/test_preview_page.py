"""The live preview is the export's article page, built from unsaved text."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

from workstation.library.database import Library
from workstation.library.models import Article
from workstation.publish.preview import ArticleState, PreviewRenderer, article_state
from workstation.publish.render import stylesheet


class Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.blocks: list[tuple[str, str]] = []  # (parent id, block id)
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [name for name in values if name.startswith("on")]
        if tag == "div" and values.get("class") == "ws-block":
            self.blocks.append((self.stack[-1] if self.stack else "", values.get("data-block") or ""))
        if tag == "script":
            self.scripts.append(values.get("src") or "")
        if tag == "link" and values.get("rel") == "stylesheet":
            self.links.append(values.get("href") or "")
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag == "div":
            self.stack.append(values.get("id") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.stack:
            self.stack.pop()


def state_of(library: Library, slug: str = "river-rises") -> ArticleState:
    with library.session() as session:
        return article_state(session.query(Article).filter_by(slug=slug).one())


def test_article_state_carries_every_field_of_the_article(newsroom: Library) -> None:
    state = state_of(newsroom)
    assert state.headline == "The river rises over the embankment"
    assert state.tags == ("Floods", "Infrastructure") and len(state.author_ids) == 2
    assert state.feature_photo_id is not None and state.feature_caption


def test_preview_shows_unsaved_text_in_the_export_template(newsroom: Library) -> None:
    state = replace(state_of(newsroom), headline="A headline not yet saved")
    html = PreviewRenderer(newsroom).page(state)
    assert '<h1 class="article__headline">A headline not yet saved</h1>' in html
    assert 'class="author-box"' in html and "Latest news in News Feed" in html


def test_preview_inlines_the_site_css_and_loads_the_preview_script(newsroom: Library) -> None:
    html = PreviewRenderer(newsroom).page(state_of(newsroom))
    parsed = Blocks()
    parsed.feed(html)
    assert stylesheet()[:200] in html and ".ws-block{display:contents}" in html
    assert parsed.links == []
    assert parsed.scripts == ["ws-app://static/preview.js"]


def test_preview_wraps_every_block_inside_ws_body(newsroom: Library) -> None:
    state = state_of(newsroom)
    renderer = PreviewRenderer(newsroom)
    parsed = Blocks()
    parsed.feed(renderer.page(state))
    ids = [block.id for block in renderer.blocks(state.body)]
    assert [block_id for _, block_id in parsed.blocks] == ids
    assert {parent for parent, _ in parsed.blocks} == {"ws-body"}


def test_preview_photos_use_the_desk_scheme(newsroom: Library) -> None:
    state = state_of(newsroom)
    parsed = Blocks()
    parsed.feed(PreviewRenderer(newsroom).page(state))
    photos = [src for src in parsed.images if not src.startswith("data:")]
    assert f"ws-photo://photo/{state.feature_photo_id}/960" in photos
    assert all(src.startswith("ws-photo://photo/") for src in photos)


def test_preview_of_a_brand_new_draft_renders(newsroom: Library) -> None:
    html = PreviewRenderer(newsroom).page(ArticleState(headline="", body=""))
    assert '<h1 class="article__headline"></h1>' in html


def test_author_box_preview_uses_the_page_partial(newsroom: Library) -> None:
    html = PreviewRenderer(newsroom).author_box(
        {"name": "Nadia Shevchenko", "role": "Correspondent", "bio": "Writes about *trains*.", "slug": "nadia"}
    )
    assert 'class="author-box"' in html and "Correspondent" in html and "<em>trains</em>" in html
    assert "data:image/svg+xml;base64," in html


def test_author_box_preview_shows_hostile_name_as_text(newsroom: Library) -> None:
    html = PreviewRenderer(newsroom).author_box({"name": "<script>alert(1)</script>", "bio": "<img src=x onerror=alert(1)>"})
    parsed = Blocks()
    parsed.feed(html)
    # Only the preview's own script (it follows the desk's theme); nothing from the hostile fields.
    assert parsed.scripts == ["ws-app://static/preview.js"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert parsed.handlers == []


def test_author_box_preview_shows_the_avatar_bytes(newsroom: Library) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buffer, "PNG")
    html = PreviewRenderer(newsroom).author_box({"name": "Nadia", "avatar": buffer.getvalue()})
    assert "data:image/png;base64," in html
