"""The Markdown dialect, feature by feature."""

import re

from workstation.content.markdown import render_markdown
from workstation.content.views import FigureView, NullResolver

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_quotes_and_dashes_are_typographic():
    html = render_markdown('"Quoted" -- and --- it\'s...', NullResolver())
    assert "“Quoted”" in html and "–" in html and "—" in html and "it’s" in html and "…" in html


def test_tables_render_with_alignment():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |", NullResolver())
    assert "<table>" in html and 'style="text-align:right"' in html


def test_footnotes_render_a_numbered_list_at_the_end():
    html = render_markdown("Claim[^src].\n\n[^src]: The source.", NullResolver())
    assert '<sup id="fnref:src"><a class="footnote-ref" href="#fn:src"' in html
    assert html.rstrip().endswith("</div>") and '<li id="fn:src">' in html


def test_attribute_lists_add_classes():
    assert '<p class="lead">' in render_markdown("Opening words.\n{: .lead }", NullResolver())


def test_attribute_lists_cannot_add_event_handlers():
    html = render_markdown("Text.\n{: onclick=\"alert(1)\" }", NullResolver())
    assert "onclick" not in html


def test_headings_get_stable_ids_from_their_words():
    assert '<h2 id="shcho-vidomo">' in render_markdown("## Що відомо", NullResolver())


def test_repeated_headings_get_numbered_ids():
    html = render_markdown("## Update\n\ntext\n\n## Update\n\n## Update", NullResolver())
    assert re.findall(r'id="([^"]+)"', html) == ["update", "update-2", "update-3"]


def test_heading_ids_never_take_the_previews_reserved_prefix():
    assert 'id="h-ws-body"' in render_markdown("## WS body", NullResolver())


def test_explicit_heading_id_wins():
    assert '<h2 id="custom">' in render_markdown("## Title {#custom}", NullResolver())


def test_fenced_code_is_kept_verbatim():
    html = render_markdown("```python\nx = '<b>'\n```", NullResolver())
    assert '<code class="language-python">' in html and "&lt;b&gt;" in html


def test_photo_alone_in_a_paragraph_becomes_a_figure(resolver):
    html = render_markdown("![](photo:12)", resolver)
    assert html.startswith('<figure class="figure"><picture>')
    assert '<source type="image/webp" srcset="/photos/12-480.webp 480w, /photos/12-960.webp 960w"' in html
    assert 'src="/photos/12-960.jpg" alt="Ferry at dawn" width="960" height="640" loading="lazy" decoding="async"' in html


def test_figure_caption_and_credit_come_from_the_photo(resolver):
    html = render_markdown("![](photo:12)", resolver)
    assert '<figcaption><span class="caption">The ferry leaves at six.</span> ' in html
    assert '<span class="credit">(Olena Marchenko/Agency via Distributor)</span></figcaption>' in html


def test_markdown_alt_and_title_override_the_photo_record(resolver):
    html = render_markdown('![Crowd on the quay](photo:12 "Boarding at dawn")', resolver)
    assert 'alt="Crowd on the quay"' in html and ">Boarding at dawn</span>" in html


def test_figure_sizes_come_from_the_view(resolver):
    assert 'sizes="(min-width: 45rem) 45rem, 100vw"' in render_markdown("![](photo:12)", resolver)


def test_figure_without_sources_is_a_plain_img():
    class One:
        def figure(self, ref):
            return FigureView("/a.jpg", 10, 5, "A", "", "")

        def card(self, slug):
            return None

        def link(self, slug):
            return None

    html = render_markdown("![](photo:1)", One())
    assert "<picture>" not in html and '<img src="/a.jpg" alt="A" width="10" height="5"' in html
    assert "<figcaption>" not in html


def test_attribute_list_classes_on_a_photo_go_to_the_figure(resolver):
    assert '<figure class="figure wide">' in render_markdown("![](photo:12){: .wide}", resolver)


def test_unresolved_photo_is_a_marked_placeholder_never_a_broken_img(resolver):
    html = render_markdown('![Alt](photo:99 "Caption")', resolver)
    assert 'class="figure figure--missing"' in html and "Missing photo" in html and "<img" not in html
    assert "<code>photo:99</code>" in html


def test_photo_line_inside_a_paragraph_is_split_out_as_a_figure(resolver):
    html = render_markdown("Before the photo.\n![](photo:12)\nAfter it.", resolver)
    assert re.fullmatch(r"<p>Before the photo\.</p>\n<figure .*</figure>\n<p>After it\.</p>", html, re.DOTALL)


def test_photo_inside_running_text_is_an_inline_image(resolver):
    html = render_markdown("A ferry ![](photo:12) crossing.", resolver)
    assert "<figure" not in html and html.startswith("<p>A ferry <picture>")


def test_an_image_on_another_host_becomes_a_link_to_it():
    html = render_markdown("![Chart](https://example.org/chart.png)", NullResolver())
    assert "<img" not in html and "<figure" not in html
    assert 'href="https://example.org/chart.png"' in html and ">Chart</a>" in html


def test_relative_image_path_is_shown_as_missing():
    html = render_markdown("![Chart](images/chart.png)", NullResolver())
    assert "figure--missing" in html and "<img" not in html


def test_video_url_alone_on_its_line_becomes_a_video_card():
    html = render_markdown(f"Watch:\n{YOUTUBE}\n\nAfter.", NullResolver())
    assert '<p>Watch:</p>\n<figure class="video-card" data-provider="youtube" data-video-id="dQw4w9WgXcQ"' in html
    assert "<iframe" not in html and "ytimg" not in html


def test_video_url_inside_text_is_left_as_text():
    html = render_markdown(f"See {YOUTUBE} for more.", NullResolver())
    assert "video-card" not in html


def test_video_url_in_a_code_block_is_code():
    assert "video-card" not in render_markdown(f"    {YOUTUBE}", NullResolver())


def test_card_line_becomes_a_related_article_card(resolver):
    html = render_markdown("[[river-crossing]]", resolver)
    assert html.startswith('<aside class="related-card"><picture>')
    assert '<a class="related-card__link" href="/articles/river-crossing/">How the river crossing reopened</a>' in html


def test_card_excerpt_is_trimmed_at_a_word_boundary_with_an_ellipsis(resolver):
    html = render_markdown("[[river-crossing]]", resolver)
    text = re.search(r'<p class="related-card__excerpt">([^<]*)</p>', html).group(1)
    assert len(text) <= 200 and text.endswith("…") and not text[:-1].endswith(" ")


def test_card_image_is_decorative(resolver):
    assert 'class="related-card__image" src="/photos/12-960.jpg" alt=""' in render_markdown("[[river-crossing]]", resolver)


def test_unresolved_card_is_a_marked_placeholder(resolver):
    html = render_markdown("[[no-such-story]]", resolver)
    assert "related-card--missing" in html and "Missing article" in html and "no-such-story" in html


def test_inline_slug_is_a_plain_link(resolver):
    html = render_markdown("Read [[river-crossing]] first.", resolver)
    assert html == '<p>Read <a class="article-link" href="/articles/river-crossing/">river-crossing</a> first.</p>'


def test_unresolved_inline_slug_is_plain_text(resolver):
    html = render_markdown("Read [[gone]] first.", resolver)
    assert "<a" not in html and ">gone</span>" in html


def test_slug_in_inline_code_is_code(resolver):
    assert "<code>[[river-crossing]]</code>" in render_markdown("`[[river-crossing]]`", resolver)


def test_reference_links_resolve():
    html = render_markdown("The [council][c] met.\n\n[c]: https://example.org/c", NullResolver())
    assert '<a href="https://example.org/c" rel="noopener noreferrer">council</a>' in html


def test_empty_body_renders_nothing():
    assert render_markdown("  \n\n ", NullResolver()) == ""
