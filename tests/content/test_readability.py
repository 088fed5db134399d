"""The readability figure: average sentence length and the longest sentences of the prose."""

from __future__ import annotations

from workstation.content.reading import readability, sentences

BODY = """## A sub-head is not a sentence

Mr. Bondar crossed the bridge at dawn. The river was high! Was it safe?

![A river](photo:1)

"Yes," she said. This last sentence is by far the longest one of the whole short story here.
"""


def test_sentences_skip_headings_and_figures_and_keep_abbreviations_whole():
    assert sentences(BODY) == [
        "Mr. Bondar crossed the bridge at dawn.",
        "The river was high!",
        "Was it safe?",
        "“Yes,” she said.",
        "This last sentence is by far the longest one of the whole short story here.",
    ]


def test_the_average_and_the_longest_sentences():
    figure = readability(BODY, longest=2)
    assert figure.sentences == 5
    assert figure.average_words == (7 + 4 + 3 + 3 + 15) / 5
    assert [words for words, _text in figure.longest] == [15, 7]


def test_an_empty_body_reads_as_nothing():
    assert readability("").sentences == 0
