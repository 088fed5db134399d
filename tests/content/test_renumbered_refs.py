"""A body copied into another library names that library's photos: ``renumber_photo_refs``."""

from workstation.content.references import photo_refs, renumber_photo_refs


def test_figures_reference_definitions_and_video_posters_are_renumbered() -> None:
    body = (
        "![River](photo:12 \"At dawn\")\n\n"
        "![Bridge][b]\n\n"
        "[b]: photo:7\n\n"
        "https://www.youtube.com/watch?v=abcdefghijk photo:12\n"
    )
    renumbered = renumber_photo_refs(body, {12: 3, 7: 40})
    assert photo_refs(renumbered) == [3, 40]
    assert renumbered.count("photo:3") == 2 and "photo:40" in renumbered


def test_prose_mentioning_photo_numbers_and_unknown_photos_are_left_alone() -> None:
    body = "We wrote photo:12 in the notes.\n\n![Gone](photo:99)"
    assert renumber_photo_refs(body, {12: 3}) == body
