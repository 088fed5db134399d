"""The export, the live preview and the hand-off file are one page builder.

They differ only where their medium must (documented in
``PageBuilder.article_page``): where pictures are found (files, the desk's
``ws-photo:`` scheme, data URIs; the preview and the hand-off offer one JPEG
instead of WebP/JPEG sets), the preview's block wrappers and ``ws-body`` id.
Everything a reader sees in the article and its "latest news" is the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from workstation.library.database import Library
from workstation.library.models import Article
from workstation.publish.catalog import LATEST_COUNT, ArticleRecord, ArticleState, Catalog
from workstation.publish.catalog_queries import load_catalog
from workstation.publish.preview import PreviewRenderer, article_state
from workstation.publish.single import export_single

_ARTICLE = re.compile(r'<article class="article">.*?</main>', re.DOTALL)


def article_markup(html: str) -> str:
    """The article and its latest-news list, with the medium's documented differences taken out."""
    found = _ARTICLE.search(html)
    assert found is not None
    markup = found.group(0)
    markup = re.sub(r'<div class="ws-block" data-block="[^"]*">(.*?)</div>(?=\n<div class="ws-block"|\n</div>)',
                    r"\1", markup, flags=re.DOTALL)
    markup = markup.replace(' id="ws-body"', "")
    markup = re.sub(r"<source [^>]*>|</?picture>", "", markup)
    markup = re.sub(r' (src|srcset|sizes)="[^"]*"', "", markup)
    return re.sub(r">\s+<", "><", markup)


def test_preview_export_and_hand_off_show_the_same_article(
    newsroom: Library, export: Callable[..., Path], tmp_path: Path, cache_dir: Path
) -> None:
    exported = (export() / "articles" / "river-rises" / "index.html").read_text(encoding="utf-8")
    with newsroom.session() as session:
        state = article_state(session.query(Article).filter_by(slug="river-rises").one())
    previewed = PreviewRenderer(newsroom).page(state)
    handed_off = export_single(newsroom, "river-rises", tmp_path / "handoff", cache_dir=cache_dir).read_text()

    site = article_markup(exported)
    assert 'class="figure figure--lead"' in site and 'class="related-card"' in site and "latest__list" in site
    assert article_markup(previewed) == site
    assert article_markup(handed_off) == site


def test_the_lead_and_a_body_figure_come_from_one_renderer(newsroom: Library) -> None:
    with newsroom.session() as session:
        state = article_state(session.query(Article).filter_by(slug="river-rises").one())
    lead_photo = state.feature_photo_id
    body = f"![A crane lifts a steel beam over the river](photo:{lead_photo})"
    html = PreviewRenderer(newsroom).page(
        ArticleState(slug="same-photo", headline="Twice", body=body, feature_photo_id=lead_photo)
    )
    figures = re.findall(r'<figure class="figure( figure--lead)?">(.*?)</figure>', html, re.DOTALL)
    assert len(figures) == 2
    (lead_class, lead), (body_class, in_body) = figures
    assert lead_class and not body_class
    assert lead.replace(' loading="eager" fetchpriority="high"', ' loading="lazy" decoding="async"') == in_body


def test_a_hand_off_of_a_draft_lists_only_published_stories(
    newsroom: Library, tmp_path: Path, cache_dir: Path
) -> None:
    with newsroom.transaction() as session:
        session.query(Article).filter_by(slug="older-story-2").one().status = "draft"
    html = export_single(newsroom, "a-draft", tmp_path, cache_dir=cache_dir).read_text()
    latest = html[html.index('class="latest"'):]
    assert "Older story number 1" in latest and "Older story number 2" not in latest


def test_latest_in_section_is_the_newest_others_of_the_section(newsroom: Library) -> None:
    with newsroom.session() as session:
        catalog: Catalog = load_catalog(session)
    record: ArticleRecord = catalog.by_slug["older-story-1"]
    latest = [r.slug for r in catalog.latest_in_section(record)]
    assert latest == ["river-rises", "older-story-0", "older-story-2"]
    assert len(catalog.latest_in_section(record, count=1)) == 1 and LATEST_COUNT == 5
