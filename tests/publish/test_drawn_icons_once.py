"""Icons drawn from the site name are drawn once a process, however many exports it runs."""

from __future__ import annotations

import pytest

from workstation.publish import icons


def test_the_same_site_name_is_drawn_once_and_gives_the_same_files(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    draw = icons.drawn_logo

    def counted(name: str):  # type: ignore[no-untyped-def]
        drawn.append(name)
        return draw(name)

    monkeypatch.setattr(icons, "drawn_logo", counted)
    first = icons.site_icons("The Drawn-Once Gazette")
    second = icons.site_icons("The Drawn-Once Gazette")
    assert drawn == ["The Drawn-Once Gazette"]
    assert first == second and first is not second
    assert set(first) == set(icons.icon_files(from_photo=False))


def test_another_site_name_is_drawn_anew() -> None:
    assert icons.site_icons("Alpha Daily")[icons.ICON_SVG] != icons.site_icons("Beta Weekly")[icons.ICON_SVG]
