"""The author desk opens in two turns: the list first, the profile form with the first author on the next."""

from __future__ import annotations

from typing import Any

from workstation.library.database import Library
from workstation.ui.author_desk import AuthorDesk
from workstation.ui.author_desk.profile_form import ProfileForm


def test_the_list_comes_in_the_opening_turn_and_the_form_with_the_first_author_on_the_next(
    qtbot: Any, library: Library, authors: dict[str, int]
) -> None:
    desk = AuthorDesk(library)
    qtbot.addWidget(desk)
    assert desk.author_model.rowCount() == 2
    assert desk.findChildren(ProfileForm) == []
    desk.show()
    qtbot.waitUntil(lambda: bool(desk.findChildren(ProfileForm)))
    form = desk.findChildren(ProfileForm)[0]
    assert form.author_id == authors["anna"] and form.name_edit.text() == "Anna Moroz"
    assert form.isVisible() and desk.author_list.currentIndex().row() == 0


def test_an_author_chosen_before_the_form_is_built_is_the_one_it_opens(
    qtbot: Any, library: Library, authors: dict[str, int]
) -> None:
    desk = AuthorDesk(library)
    qtbot.addWidget(desk)
    desk.select_author(authors["ivan"])
    assert desk.form.author_id == authors["ivan"] and desk.form.name_edit.text() == "Ivan Petrenko"
    assert desk.author_model.author_id(desk.author_list.currentIndex().row()) == authors["ivan"]
