"""Incremental rendering: the same HTML as a full render, one block re-rendered per edit."""

import random
import re

from workstation.content.blocks import BlockRenderer, split_blocks
from workstation.content.markdown import render_markdown
from workstation.content.views import NullResolver


def joined(blocks) -> str:
    return "\n".join(block.html for block in blocks)


def squeezed(html: str) -> str:
    """HTML with the whitespace between tags (which no reader sees) taken out."""
    return re.sub(r">\s+<", "><", html).strip()


def test_joined_blocks_equal_a_full_render_of_a_rich_body(rich_body, resolver):
    blocks = BlockRenderer(resolver).render(rich_body)
    assert joined(blocks) == render_markdown(rich_body, resolver)


def test_raw_html_spanning_blank_lines_stays_one_block():
    body = "Before.\n\n<div class=\"box\">\n\nInside.\n\n</div>\n\nAfter."
    assert [text for text, _ in split_blocks(body)] == ["Before.", '<div class="box">\n\nInside.\n\n</div>', "After."]
    html = joined(BlockRenderer(NullResolver()).render(body))
    assert squeezed(html) == squeezed(render_markdown(body, NullResolver()))


def test_fenced_code_with_blank_lines_is_one_block():
    body = "```\na\n\nb\n```\n\nNext."
    assert [text for text, _ in split_blocks(body)] == ["```\na\n\nb\n```", "Next."]


def test_loose_list_items_and_their_indented_paragraphs_are_one_block():
    body = "- a\n\n- b\n\n    more of b\n\nAfter."
    assert [text for text, _ in split_blocks(body)] == ["- a\n\n- b\n\n    more of b", "After."]


def test_consecutive_quotes_are_one_block():
    assert len(split_blocks("> one\n\n> two")) == 1


def test_blocks_know_their_first_line():
    assert [line for _, line in split_blocks("# Title\n\nOne.\n\n\nTwo.")] == [0, 2, 5]


def test_a_one_character_edit_renders_exactly_one_block(rich_body, resolver):
    renderer = BlockRenderer(resolver)
    renderer.render(rich_body)
    before = renderer.renders
    renderer.render(rich_body.replace("a wider ramp", "a wider ramps"))
    assert renderer.renders == before + 1


def test_an_edit_changes_exactly_one_block_id(rich_body, resolver):
    renderer = BlockRenderer(resolver)
    old = [block.id for block in renderer.render(rich_body)]
    new = [block.id for block in renderer.render(rich_body.replace("Another nodded.", "Another nodded!"))]
    assert len(old) == len(new)
    assert sum(1 for a, b in zip(old, new) if a != b) == 1


def test_rendering_the_same_text_again_renders_nothing(rich_body, resolver):
    renderer = BlockRenderer(resolver)
    first = renderer.render(rich_body)
    count = renderer.renders
    assert renderer.render(rich_body) == first
    assert renderer.renders == count


def test_block_ids_are_stable_across_renderers(rich_body, resolver):
    assert [b.id for b in BlockRenderer(resolver).render(rich_body)] == [
        b.id for b in BlockRenderer(resolver).render(rich_body)
    ]


def test_identical_blocks_get_distinct_ids():
    blocks = BlockRenderer(NullResolver()).render("Same.\n\nSame.")
    assert blocks[0].html == blocks[1].html and blocks[0].id != blocks[1].id


def test_reference_links_resolve_across_blocks():
    blocks = BlockRenderer(NullResolver()).render("See [the council][c].\n\nMore.\n\n[c]: https://example.org/c")
    assert 'href="https://example.org/c"' in blocks[0].html


def test_editing_a_definition_updates_the_blocks_that_use_it():
    renderer = BlockRenderer(NullResolver())
    renderer.render("See [the council][c].\n\nMore.\n\n[c]: https://example.org/c")
    blocks = renderer.render("See [the council][c].\n\nMore.\n\n[c]: https://example.org/new")
    assert 'href="https://example.org/new"' in blocks[0].html


def test_blocks_without_brackets_survive_a_definition_edit():
    renderer = BlockRenderer(NullResolver())
    renderer.render("Plain text.\n\n[c]: https://example.org/c")
    before = renderer.renders
    renderer.render("Plain text.\n\n[c]: https://example.org/new")
    assert renderer.renders == before + 1  # only the definition block itself


def test_footnotes_list_is_its_own_last_block(rich_body, resolver):
    last = BlockRenderer(resolver).render(rich_body)[-1]
    assert last.html.startswith('<div class="footnote">')


def test_footnote_numbers_match_a_full_render():
    body = "First[^b].\n\nSecond[^a].\n\n[^a]: A.\n\n[^b]: B."
    blocks = BlockRenderer(NullResolver()).render(body)
    full = render_markdown(body, NullResolver())
    assert re.findall(r'footnote-ref" href="#fn:(\w)"[^>]*>(\d)', joined(blocks)) == re.findall(
        r'footnote-ref" href="#fn:(\w)"[^>]*>(\d)', full
    )


def test_repeated_footnote_references_get_the_ids_of_a_full_render():
    body = "One[^n].\n\nTwo[^n].\n\nThree[^n].\n\n[^n]: Note."
    blocks = BlockRenderer(NullResolver()).render(body)
    assert joined(blocks) == render_markdown(body, NullResolver())
    assert 'id="fnref3:n"' in blocks[2].html


def test_adding_an_earlier_reference_renumbers_the_later_repeat():
    renderer = BlockRenderer(NullResolver())
    renderer.render("Intro.\n\nLater[^n].\n\n[^n]: Note.")
    blocks = renderer.render("Intro[^n].\n\nLater[^n].\n\n[^n]: Note.")
    assert 'id="fnref2:n"' in blocks[1].html


def test_repeated_heading_ids_match_a_full_render():
    body = "## Update\n\nText.\n\n## Update"
    blocks = BlockRenderer(NullResolver()).render(body)
    assert 'id="update-2"' in blocks[2].html
    assert joined(blocks) == render_markdown(body, NullResolver())


def test_clear_forgets_resolved_references(resolver):
    renderer = BlockRenderer(resolver)
    renderer.render("![](photo:12)")
    resolver.figures.clear()
    renderer.clear()
    assert "figure--missing" in renderer.render("![](photo:12)")[0].html


def test_empty_body_has_no_blocks():
    assert BlockRenderer(NullResolver()).render("\n\n  \n") == []


def test_a_block_nested_too_deeply_is_shown_as_typed_and_the_rest_renders():
    deep = "\n".join("    " * depth + "- x" for depth in range(400))
    blocks = BlockRenderer(NullResolver()).render(f"Intro.\n\n{deep}\n\nOutro.")
    assert blocks[0].html == "<p>Intro.</p>" and blocks[-1].html == "<p>Outro.</p>"


def test_after_many_random_edits_the_cached_blocks_still_equal_a_full_render(rich_body, resolver):
    rng = random.Random(20_240_601)
    renderer = BlockRenderer(resolver)
    text = rich_body
    for _ in range(60):
        position = rng.randrange(len(text) + 1)
        if rng.random() < 0.75:
            text = text[:position] + rng.choice(["x", " ", "\n", "\n\n", "*", "[", "]", "#", "-", ">", "é"]) + text[position:]
        else:
            text = text[:position] + text[position + 1 :]
        assert squeezed(joined(renderer.render(text))) == squeezed(render_markdown(text, resolver)), text
