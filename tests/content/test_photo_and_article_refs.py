"""References from a body to photos and other articles."""

import pytest

from workstation.content.references import article_refs, parse_photo_ref, photo_ref, photo_refs


def test_photo_ref_is_the_photo_scheme_and_id():
    assert photo_ref(12) == "photo:12"


@pytest.mark.parametrize("bad", [0, -1, True, "12", 1.5])
def test_photo_ref_refuses_what_is_not_an_id(bad):
    with pytest.raises(ValueError):
        photo_ref(bad)


def test_parse_photo_ref_reads_the_id():
    assert parse_photo_ref("photo:12") == 12


@pytest.mark.parametrize("ref", ["photo.jpg", "photo:", "photo:0", "photo:12x", "https://x/photo:1", "photo:-3", "", "photo:" + "9" * 40])
def test_parse_photo_ref_gives_none_for_anything_else(ref):
    assert parse_photo_ref(ref) is None


def test_photo_refs_lists_inline_and_reference_images_once_in_order():
    body = '![a](photo:3 "x")\n\nText ![b](photo:1) and ![c](photo:3).\n\n![d][pic]\n\n[pic]: photo:7\n'
    assert photo_refs(body) == [3, 1, 7]


def test_photo_refs_ignores_links_and_plain_mentions():
    assert photo_refs("See [the photo](photo:4) and photo:5.") == []


def test_article_refs_lists_card_and_inline_slugs_once():
    body = "[[river-crossing]]\n\nSee [[budget-2024]] and [[river-crossing]] again."
    assert article_refs(body) == ["river-crossing", "budget-2024"]


def test_article_refs_ignores_what_is_not_slug_shaped():
    assert article_refs("[[Not A Slug]] [[../x]] [[]]") == []
