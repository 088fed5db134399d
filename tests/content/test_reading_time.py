"""Word counts, reading time and excerpts."""

import pytest

from workstation.content.reading import excerpt, minutes_for, reading_minutes, reading_time_label, teaser, trim_text, word_count


def test_words_are_counted_without_markdown_syntax():
    assert word_count("# Title\n\nSome **bold** and _italic_ [link text](https://example.org).") == 7


def test_photo_references_are_not_words():
    assert word_count('![A long alt text here](photo:12 "A caption of many words")\n\nTwo words.') == 2


def test_video_and_card_lines_are_not_words():
    assert word_count("https://youtu.be/dQw4w9WgXcQ\n\nOne.") == 1


def test_apostrophes_and_hyphens_stay_inside_words():
    assert word_count("Don't re-open м’ясо") == 3


def test_cyrillic_words_count():
    assert word_count("Київ прокинувся рано") == 3


def test_reading_time_rounds_up():
    assert reading_minutes("word " * 266) == 2


def test_reading_time_is_at_least_one_minute():
    assert reading_minutes("") == 1


def test_reading_time_uses_the_given_speed():
    assert reading_minutes("word " * 600, wpm=200) == 3


def test_reading_time_label():
    assert reading_time_label(4) == "4 min read"


def test_excerpt_skips_headings_figures_videos_and_cards():
    body = "# Head\n\n![x](photo:1)\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n[[other]]\n\nThe *first* real paragraph."
    assert excerpt(body) == "The first real paragraph."


def test_excerpt_is_cut_at_a_word_boundary_with_an_ellipsis():
    text = excerpt("alpha beta gamma delta " * 30, limit=50)
    assert len(text) <= 50 and text.endswith("…")
    assert text[:-1].split()[-1] in ("alpha", "beta", "gamma", "delta")


def test_excerpt_has_no_ellipsis_when_nothing_was_cut():
    assert excerpt("Short and sweet.") == "Short and sweet."


def test_excerpt_of_a_body_without_paragraphs_is_empty():
    assert excerpt("# Only a heading\n\n![x](photo:1)") == ""


def test_excerpt_is_plain_text():
    assert excerpt("A <script>alert(1)</script>*plain* line.") == "A plain line."


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_trim_text_never_exceeds_the_limit(limit):
    assert len(trim_text("abcdefghij klm", limit)) <= limit


def test_excerpt_prints_quotes_and_dashes_as_the_body_does():
    assert excerpt('The "old" ferry -- it\'s back...') == "The “old” ferry – it’s back…"


def test_teaser_runs_on_from_a_short_first_paragraph_and_ends_in_an_ellipsis():
    body = "The bakery opened at six.\n\n## Then\n\n" + "Customers queued along the street for bread. " * 10
    text = teaser(body)
    assert text.startswith("The bakery opened at six. Customers queued")
    assert 150 < len(text) <= 200 and text.endswith("…") and not text[:-1].endswith(" ")


def test_teaser_of_an_article_shorter_than_the_limit_is_all_of_it_without_an_ellipsis():
    assert teaser("Short and sweet.\n\n![x](photo:1)\n\nThe end.") == "Short and sweet. The end."


def test_teaser_of_a_body_without_paragraphs_is_empty():
    assert teaser("# Only a heading\n\n[[other]]") == ""


def test_minutes_for_a_counted_text_agree_with_reading_minutes_of_it():
    text = "word " * 531
    assert minutes_for(word_count(text), 230) == reading_minutes(text, wpm=230) == 3
