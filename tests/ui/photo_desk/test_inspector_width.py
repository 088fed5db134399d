"""The inspector fits its pane whatever the open article is called."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QScrollArea

from workstation.ui.photo_desk.desk import PhotoDesk

LONG_HEADLINE = "Twelve-year-old wins county junior chess final with a late queen sacrifice after three hours"


def test_naming_a_long_headline_on_the_buttons_never_widens_the_inspector(
    desk: PhotoDesk, store: Callable[..., int]
) -> None:
    desk.inspector.show_photo(store("town-hall.jpg"))
    desk.inspector.set_target_article(LONG_HEADLINE)
    body = desk.inspector.findChild(QScrollArea).widget()
    body.layout().activate()
    assert body.minimumSizeHint().width() <= desk.inspector.minimumWidth()
    assert desk.inspector.lead_button.text().startswith("Lead photo of “Twelve-year-old")
    assert LONG_HEADLINE in desk.inspector.insert_button.toolTip()
