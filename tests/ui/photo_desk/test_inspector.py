"""The inspector: edits save, the printed credit follows typing, the focal point follows clicks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from workstation.library.database import Library
from workstation.library.models import Article, Photo
from workstation.ui.photo_desk import PhotoDesk


def record(library: Library, photo_id: int) -> Photo:
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        session.expunge(photo)
        return photo


def show(desk: PhotoDesk, photo_id: int) -> None:
    desk.refresh()
    desk.select_photos([photo_id])
    assert desk.inspector.photo_id == photo_id


def test_inspector_shows_the_selected_photos_fields(
    desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo = store(
        "a.jpg",
        {
            "IPTC:Caption-Abstract": "Ferry at dawn",
            "IPTC:By-line": "Ann Lee",
            "IPTC:City": "Odesa",
        },
    )
    show(desk, photo)
    assert desk.inspector.field("caption").text() == "Ferry at dawn"
    assert desk.inspector.field("city").text() == "Odesa"


def test_typed_caption_is_saved_when_the_field_loses_focus(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    show(desk, photo)
    caption = desk.inspector.field("caption")
    caption.setFocus()
    caption.insertPlainText("Рятувальники на місці")
    desk.search_edit.setFocus()
    QApplication.processEvents()
    assert record(library, photo).caption == "Рятувальники на місці"


def test_typed_creator_is_saved_after_a_pause(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    show(desk, photo)
    creator = desk.inspector.field("creator")
    creator.setFocus()
    qtbot.keyClicks(creator, "Ivan Bondar")
    qtbot.waitUntil(
        lambda: record(library, photo).creator == "Ivan Bondar", timeout=3_000
    )


def test_a_refused_value_is_shown_and_not_saved(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    show(desk, photo)
    taken = desk.inspector.field("date_taken")
    qtbot.keyClicks(taken, "last Tuesday")
    assert desk.inspector.save() is False
    assert "date taken" in desk.inspector.status_label.text()
    assert record(library, photo).date_taken is None
    assert taken.text() == "last Tuesday"


def test_printed_credit_follows_typing_in_house_style(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    show(desk, photo)
    qtbot.keyClicks(desk.inspector.field("creator"), "Olena Petrenko")
    qtbot.keyClicks(desk.inspector.field("credit_line"), "AFP via Getty Images")
    assert desk.inspector.credit_label.text() == "(Olena Petrenko/AFP via Getty Images)"
    qtbot.keyClicks(desk.inspector.field("credit_override"), "Handout")
    assert desk.inspector.credit_label.text() == "Handout"


def test_alt_text_that_repeats_the_caption_gets_a_hint(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo = store("a.jpg", {"IPTC:Caption-Abstract": "A tram in the snow."})
    show(desk, photo)
    qtbot.keyClicks(desk.inspector.field("alt_text"), "a tram in the snow")
    assert "repeats the caption" in desk.inspector.alt_hint.text()
    desk.inspector.field("alt_text").setText(
        "A red tram crosses an empty square under falling snow"
    )
    assert desk.inspector.alt_hint.text() == ""


def test_rights_expiry_is_saved_when_ticked(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    show(desk, photo)
    desk.inspector.expiry_check.setChecked(True)
    desk.inspector.save()
    assert (
        record(library, photo).rights_expiry
        == desk.inspector.expiry_edit.date().toPython()
    )


def test_clicking_the_preview_stores_the_focal_point(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("wide.jpg", size=(1200, 600))
    show(desk, photo)
    preview = desk.inspector.preview
    target = preview.image_rect()
    point = QPoint(
        round(target.left() + target.width() * 0.8),
        round(target.top() + target.height() * 0.25),
    )
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=point)
    stored = record(library, photo)
    assert abs(stored.focal_x - 0.8) < 0.02 and abs(stored.focal_y - 0.25) < 0.02


def test_crop_previews_are_made_around_the_focal_point(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo = store("wide.jpg", size=(1200, 600))
    show(desk, photo)
    crops = desk.inspector.crops
    qtbot.waitUntil(
        lambda: crops.wait(100) and not crops.crop((1, 1)).isNull(), timeout=10_000
    )
    square = crops.crop((1, 1))
    wide = crops.crop((16, 9))
    assert abs(square.width() - square.height()) <= 1
    assert abs(wide.width() / wide.height() - 16 / 9) < 0.05


def test_where_used_lists_the_articles_and_buttons_emit_the_requests(
    qtbot, desk: PhotoDesk, library: Library, store: Callable[..., int]
) -> None:
    photo = store("a.jpg")
    with library.transaction() as session:
        session.add(
            Article(slug="flood", headline="Flood in Kherson", feature_photo_id=photo)
        )
    show(desk, photo)
    tree = desk.inspector.usage_tree
    assert (tree.topLevelItem(0).text(0), tree.topLevelItem(0).text(2)) == (
        "Flood in Kherson",
        "lead photo",
    )
    with qtbot.waitSignal(desk.insert_photo_requested) as inserted:
        desk.inspector.insert_button.click()
    with qtbot.waitSignal(desk.set_lead_requested) as lead:
        desk.inspector.lead_button.click()
    assert inserted.args == [photo] and lead.args == [photo]


def test_embedded_metadata_is_shown_read_only(
    desk: PhotoDesk, store: Callable[..., int]
) -> None:
    photo = store("a.jpg", {"IPTC:Credit": "Embedded Agency"})
    show(desk, photo)
    tree = desk.inspector.metadata_tree
    texts = [
        tree.topLevelItem(i).child(j).text(1)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    ]
    texts += [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]
    assert "Embedded Agency" in texts
    assert tree.editTriggers() == tree.EditTrigger.NoEditTriggers


def test_caption_misspellings_are_underlined_once_the_checker_is_ready(
    qtbot, desk: PhotoDesk, store: Callable[..., int]
) -> None:
    show(desk, store("a.jpg", {"IPTC:Caption-Abstract": "Firefihgters at work"}))
    qtbot.waitUntil(
        lambda: desk.inspector.spell_highlighter is not None, timeout=10_000
    )
    desk.inspector.spell_highlighter.rehighlight()
    block = desk.inspector.caption_edit.document().firstBlock()
    assert any(
        r.format.underlineStyle() != r.format.underlineStyle().NoUnderline
        for r in block.layout().formats()
    )
