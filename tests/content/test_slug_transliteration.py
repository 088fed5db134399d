"""Slugs: ASCII, transliterated, bounded, and never able to leave their folder."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.content.slugs import FALLBACK, _slugified, slugify, unique_slug
from workstation.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Київ", "kyiv"),
        ("Бахмут", "bakhmut"),
        ("Житомир", "zhytomyr"),
        ("Харків", "kharkiv"),
        ("Запоріжжя", "zaporizhzhia"),
        ("Щастя", "shchastia"),
        ("Ґорґани", "gorgany"),
    ],
)
def test_ukrainian_place_names_follow_the_national_system(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(("text", "slug"), [("Ялта", "yalta"), ("Юрій", "yurii"), ("Їжакевич", "yizhakevych"), ("Єнакієве", "yenakiieve")])
def test_iotated_letters_are_spelled_differently_at_the_start_of_a_word(text, slug):
    assert slugify(text) == slug


def test_zgh_keeps_z_and_h_apart():
    assert slugify("Згурівка") == "zghurivka"


def test_apostrophe_and_soft_sign_are_dropped_inside_a_word():
    assert slugify("Знам’янка та Львів") == "znamianka-ta-lviv"


def test_slug_of_cyrillic_headline_is_transliterated():
    assert slugify("Обстріл Києва: що відомо") == "obstril-kyieva-shcho-vidomo"


def test_russian_text_uses_the_library_transliteration():
    assert slugify("Подъезд в Москве") == "podezd-v-moskve"


def test_greek_is_transliterated():
    assert slugify("Αθήνα") == "athena"


def test_latin_accents_are_folded():
    assert slugify("Crème brûlée à Łódź, Straße") == "creme-brulee-a-lodz-strasse"


@pytest.mark.parametrize("text", ["😀🎉", "", "   ", "!!!", "..", "—"])
def test_text_without_letters_gives_untitled(text):
    assert slugify(text) == "untitled"


@pytest.mark.parametrize("text", ["../../x", "..\\..\\x", "/etc/passwd", "a/./b", "x/../../y", "%2e%2e%2fx"])
def test_path_tricks_give_a_single_safe_segment(text):
    slug = slugify(text)
    assert "/" not in slug and "\\" not in slug and "." not in slug
    assert slug not in ("", ".", "..")


def test_slug_holds_only_lowercase_ascii_letters_digits_and_single_hyphens():
    slug = slugify("  Hello -- World!!  2024 «Ура» № 5 ")
    assert slug == "hello-world-2024-ura-no-5"


# Texts one step from a slug: each must take the full rules, and come out as they make it.
NEAR_SLUGS = [
    "a--b", "-a", "a-", "-", "--", "A", "Story-0500", "a b", "a_b", "a.b", "a/b", "../a", "a\n", "\na", "a\x00b",
    "ａｂｃ", "١٢٣", "ⅰⅱ", "ß", "ﬁ", "é", "e\u0301", "київ", "a\u200bb", "a\u00adb", "&#97;", "&#x61;", "&amp;",
    "a'b", "a’b", "ǅ", "x" * 81, "a-" * 40 + "b", "word-" * 17 + "end",
]


SLUG_WORDS = st.lists(st.text(alphabet="abcxyz0189", min_size=1, max_size=12), min_size=1, max_size=12)


@given(SLUG_WORDS, st.integers(1, 100))
@settings(max_examples=300, deadline=None)
def test_a_text_that_is_a_slug_is_its_own_slug_as_the_full_rules_make_it(words, max_length):
    text = "-".join(words)
    assert slugify(text, max_length) == _slugified(text, max_length, FALLBACK)


@pytest.mark.parametrize("text", NEAR_SLUGS)
def test_a_text_one_step_from_a_slug_gets_the_slug_the_full_rules_make(text):
    assert slugify(text) == _slugified(text, 80, FALLBACK)
    assert slugify(text, 5) == _slugified(text, 5, FALLBACK)


@given(st.text(alphabet=st.sampled_from("az09-_. /\\'’&#;AZé́­кїыｂ١\n\x00"), max_size=90))
@settings(max_examples=500, deadline=None)
def test_any_text_gets_the_slug_the_full_rules_make(text):
    assert slugify(text) == _slugified(text, 80, FALLBACK)


def test_very_long_text_is_cut_at_a_word_boundary():
    slug = slugify("reconstruction " * 100)
    assert len(slug) <= 80
    assert slug.endswith("reconstruction")


def test_a_single_overlong_word_is_cut_inside_it():
    assert slugify("x" * 500) == "x" * 80


def test_max_length_is_respected():
    assert len(slugify("Київська міська рада ухвалила бюджет", max_length=20)) <= 20


def test_huge_input_is_fine():
    assert slugify("слово " * 200_000).startswith("slovo-slovo")


def test_unique_slug_returns_the_plain_slug_when_free():
    assert unique_slug("Київ", lambda slug: False) == "kyiv"


def test_unique_slug_appends_the_next_free_number():
    taken = {"kyiv", "kyiv-2"}
    assert unique_slug("Київ", taken.__contains__) == "kyiv-3"


def test_unique_slug_stays_within_the_length_limit():
    taken = {slugify("word " * 40)}
    slug = unique_slug("word " * 40, taken.__contains__)
    assert slug.endswith("-2") and len(slug) <= 80


def test_unique_slug_gives_up_with_a_clear_error():
    with pytest.raises(ValidationError, match="no free address"):
        unique_slug("busy", lambda slug: True)
