"""The Insert video dialog takes a title and a poster photo; Preferences takes a logo photo."""

from __future__ import annotations

from workstation.content.video import video_line
from workstation.editing import settings
from workstation.library.settings import load_settings

URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_the_video_dialog_writes_the_title_and_poster_into_the_line(qtbot, library, filled):
    from workstation.ui.pickers import VideoDialog

    dialog = VideoDialog(library)
    qtbot.addWidget(dialog)
    dialog.url.setText(URL)
    dialog.title.setText("The river at dawn")
    dialog.set_poster(filled["photo"])
    assert not dialog.poster.pixmap().isNull()
    found = video_line(dialog.address())
    assert found is not None and (found.title, found.poster) == ("The river at dawn", f"photo:{filled['photo']}")


def test_a_video_without_title_or_poster_is_the_bare_address(qtbot, library):
    from workstation.ui.pickers import VideoDialog

    dialog = VideoDialog(library)
    qtbot.addWidget(dialog)
    dialog.url.setText(f"  {URL} ")
    assert dialog.address() == URL


def test_preferences_keeps_the_chosen_logo_photo(qtbot, library, filled):
    from workstation.ui.preferences import PreferencesDialog

    with library.session() as session:
        dialog = PreferencesDialog(library, load_settings(session))
    qtbot.addWidget(dialog)
    assert dialog.logo_note.text() == "Drawn from the site's initials"
    dialog._show_logo(filled["photo"])
    dialog.accept()
    assert settings.site_settings(library).logo_photo_id == filled["photo"]
