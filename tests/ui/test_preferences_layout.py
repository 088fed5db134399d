"""Preferences keeps its size while the house credit style is typed."""

from __future__ import annotations

from workstation.library.settings import load_settings


def test_a_long_credit_sample_wraps_instead_of_widening_the_dialog(qtbot, library):
    from workstation.ui.preferences import PreferencesDialog

    with library.session() as session:
        dialog = PreferencesDialog(library, load_settings(session))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    width = dialog.width()
    dialog.credit_style.setText(
        "{creator} for the Millbrook Courier and its weekend magazine, with thanks to {credit} and to every reader"
    )
    qtbot.wait(50)
    assert dialog.width() == width
    assert dialog.credit_sample.text().startswith("Prints as: Olena Koval for the Millbrook Courier")
    assert dialog.credit_sample.height() >= dialog.credit_sample.heightForWidth(dialog.credit_sample.width())
