"""The photo rules: one definition of what a photo needs before it is printed."""

from __future__ import annotations

from datetime import date, timedelta

from workstation.photos.rules import EXPIRY_WARNING_DAYS, PhotoFacts, Problem, photo_problems

TODAY = date(2026, 6, 1)
CAMERA = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
GOOD = PhotoFacts(creator="Olena Koval", alt_text="A red tram", digital_source_type=CAMERA)


def test_a_photo_with_credit_alt_and_open_rights_has_no_problems() -> None:
    assert photo_problems(GOOD, TODAY) == []


def test_any_credit_field_is_a_credit() -> None:
    for name in ("creator", "credit_line", "credit_override"):
        assert photo_problems(PhotoFacts(alt_text="A tram", digital_source_type=CAMERA, **{name: "Agency"}), TODAY) == []
    assert photo_problems(PhotoFacts(alt_text="A tram", creator="  ", digital_source_type=CAMERA), TODAY) == [Problem.NO_CREDIT]


def test_the_articles_own_alt_text_counts() -> None:
    bare = PhotoFacts(creator="Olena Koval", digital_source_type=CAMERA)
    assert photo_problems(bare, TODAY) == [Problem.NO_ALT]
    assert photo_problems(bare, TODAY, alt_override="A red tram") == []


def test_rights_end_today_plus_the_warning_window_is_ending_and_yesterday_ended() -> None:
    def problems(expiry: date) -> list[Problem]:
        return photo_problems(PhotoFacts(creator="O", alt_text="A", digital_source_type=CAMERA, rights_expiry=expiry), TODAY)

    assert problems(TODAY - timedelta(days=1)) == [Problem.RIGHTS_ENDED]
    assert problems(TODAY) == [Problem.RIGHTS_ENDING]
    assert problems(TODAY + timedelta(days=EXPIRY_WARNING_DAYS)) == [Problem.RIGHTS_ENDING]
    assert problems(TODAY + timedelta(days=EXPIRY_WARNING_DAYS + 1)) == []


def test_a_photo_that_does_not_say_how_it_was_made_is_flagged() -> None:
    assert photo_problems(PhotoFacts(creator="O", alt_text="A"), TODAY) == [Problem.NO_SOURCE_TYPE]
