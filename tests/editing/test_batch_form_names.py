"""The batch dialog's data takes the completion names the desk has already read, instead of scanning every photo."""

from __future__ import annotations

from collections.abc import Callable

from workstation.editing.photos import NameCompletions, batch_form
from workstation.library.database import Library

AddPhoto = Callable[..., int]


def test_names_already_read_are_offered_as_they_are(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo(creator="Olena Kovalenko", credit_line="Agency")
    form = batch_form(library, [photo], NameCompletions(creators=["Ivan Petrenko"], credits=["Wire"]))
    assert (form.creators, form.credits) == (["Ivan Petrenko"], ["Wire"])


def test_without_names_the_library_is_read_for_them(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo(creator="Olena Kovalenko", credit_line="Agency")
    form = batch_form(library, [photo])
    assert form.creators == ["Olena Kovalenko"] and form.credits == ["Agency"]
