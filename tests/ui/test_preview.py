"""The live preview: typing patches the page, photos come from the library, nothing leaves the machine."""

from __future__ import annotations

import pytest

from tests.ui.conftest import run_js, type_text, wait_for_preview


@pytest.fixture
def desk(qtbot, filled, make_desk):
    desk = make_desk()
    desk.open_article(filled["story"])
    wait_for_preview(qtbot, desk)
    return desk


def body_text(qtbot, desk) -> str:
    return run_js(qtbot, desk, "document.getElementById('ws-body').innerText")


def test_the_page_shows_the_article_body(qtbot, desk):
    assert "The second paragraph follows it." in body_text(qtbot, desk)


def test_typing_changes_the_page(qtbot, desk):
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    type_text(desk.editor, "\n\nBreaking: a new paragraph.")
    qtbot.waitUntil(lambda: "Breaking: a new paragraph." in body_text(qtbot, desk), timeout=5000)


def test_an_edit_replaces_only_the_changed_block(qtbot, desk):
    run_js(qtbot, desk, "document.querySelectorAll('#ws-body .ws-block')[2].dataset.mark = 'kept'")
    cursor = desk.editor.textCursor()
    cursor.setPosition(len("The first"))
    desk.editor.setTextCursor(cursor)
    type_text(desk.editor, " edited")
    qtbot.waitUntil(lambda: "The first edited paragraph" in body_text(qtbot, desk), timeout=5000)
    assert run_js(qtbot, desk, "document.querySelectorAll('#ws-body .ws-block')[2].dataset.mark") == "kept"


def test_deleting_a_paragraph_removes_it_from_the_page(qtbot, desk):
    desk.editor.replace_all_text("Only this one is left.")
    qtbot.waitUntil(lambda: body_text(qtbot, desk).strip() == "Only this one is left.", timeout=5000)


def test_a_headline_edit_redraws_the_page_around_the_body(qtbot, desk):
    desk.panel.headline.setPlainText("A changed headline")
    qtbot.waitUntil(
        lambda: run_js(qtbot, desk, "document.querySelector('h1').innerText") == "A changed headline", timeout=5000
    )
    assert "The second paragraph follows it." in body_text(qtbot, desk)


def test_an_inserted_photo_shows_as_a_figure_with_its_credit(qtbot, desk, filled):
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    desk.insert_photo(filled["photo"])
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.querySelectorAll('#ws-body figure').length") == 1, timeout=5000)
    figure = run_js(qtbot, desk, "document.querySelector('#ws-body figure').innerText")
    assert "Taras Bondar" in figure and "Workstation Agency" in figure
    src = run_js(qtbot, desk, "document.querySelector('#ws-body figure img').getAttribute('src')")
    assert src.startswith("ws-photo://photo/")


def test_photos_load_from_the_library(qtbot, desk, filled):
    desk.insert_photo(filled["photo"])
    qtbot.waitUntil(
        lambda: (run_js(qtbot, desk, "(function(){const i=document.querySelector('#ws-body figure img');"
                                     "return i && i.complete ? i.naturalWidth : 0})()") or 0) > 0,
        timeout=10_000,
    )


def test_no_request_leaves_the_machine(qtbot, desk):
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    run_js(qtbot, desk, "fetch('https://example.com/tracker').catch(() => null); "
                        "const i = new Image(); i.src = 'http://example.com/pixel.gif'; document.body.appendChild(i); 1")
    blocker = desk.preview.profile.blocker
    qtbot.waitUntil(lambda: len(blocker.blocked) >= 2, timeout=5000)
    assert all(url.startswith(("http://", "https://")) for url in blocker.blocked)


def test_phone_width_lays_the_page_out_in_390_pixels(qtbot, desk):
    desk.preview.phone_button.setChecked(True)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.documentElement.clientWidth") == 390, timeout=5000)


def test_a_photo_file_dropped_on_the_text_is_imported_and_placed(qtbot, desk, fixture_photos):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fixture_photos / "Apple.jpg"))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    desk.editor.dropEvent(event)
    qtbot.waitUntil(lambda: "](photo:" in desk.editor.toPlainText(), timeout=20_000)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.querySelectorAll('#ws-body figure').length") == 1, timeout=10_000)


def test_script_typed_into_the_body_never_runs_in_the_page(qtbot, desk):
    desk.editor.replace_all_text('<script>document.title="pwned"</script>\n\n<img src=x onerror="document.title=1">\n\nSafe.')
    qtbot.waitUntil(lambda: "Safe." in body_text(qtbot, desk), timeout=5000)
    assert run_js(qtbot, desk, "document.querySelectorAll('#ws-body script, #ws-body [onerror]').length") == 0
    assert run_js(qtbot, desk, "document.title") != "pwned"


def test_a_huge_paste_reaches_the_page(qtbot, desk):
    paragraphs = "\n\n".join(f"Paragraph number {n} of a very long pasted wire story." for n in range(3000))
    desk.editor.replace_all_text(paragraphs)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.querySelectorAll('#ws-body .ws-block').length") == 3000,
                    timeout=20_000)


def test_the_preview_follows_the_caret(qtbot, desk):
    paragraphs = "\n\n".join(f"Paragraph {n} " + "words " * 60 for n in range(80))
    desk.editor.replace_all_text(paragraphs)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.querySelectorAll('#ws-body .ws-block').length") == 80,
                    timeout=10_000)
    cursor = desk.editor.textCursor()
    cursor.setPosition(desk.editor.toPlainText().index("Paragraph 70 "))
    desk.editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "window.scrollY") > 1000, timeout=5000)


@pytest.mark.parametrize(
    "url",
    ["ws-photo://photo/abc/480", "ws-photo://photo/1", "ws-photo://photo/1/0", "ws-photo://other/1/480",
     "ws-photo://photo/99999999999999/480", "ws-photo://photo/1/480/../../etc"],
)
def test_malformed_photo_addresses_are_refused(url):
    from PySide6.QtCore import QUrl

    from workstation.ui.schemes import PhotoSchemeHandler

    assert PhotoSchemeHandler.parse(QUrl(url)) is None


def test_a_missing_photo_is_a_clear_error(library):
    from workstation.errors import ValidationError
    from workstation.library.preview_images import preview_image

    with library.session() as session, pytest.raises(ValidationError, match="not in this library"):
        preview_image(session, 424242, 960)


def test_small_previews_come_from_the_thumbnail(library, filled):
    from workstation.library.models import PhotoThumbnail
    from workstation.library.preview_images import preview_image

    with library.session() as session:
        thumbnail = session.get(PhotoThumbnail, filled["photo"])
        assert preview_image(session, filled["photo"], thumbnail.width) == (thumbnail.data, "image/jpeg")


def test_large_previews_are_renditions_never_the_original(library, filled):
    from io import BytesIO

    from PIL import Image

    from workstation.library.photos import load_original
    from workstation.library.preview_images import PREVIEW_MAX_WIDTH, preview_image

    with library.session() as session:
        data, mime = preview_image(session, filled["photo"], 5000)
        assert data != load_original(session, filled["photo"])
    assert mime == "image/jpeg"
    assert Image.open(BytesIO(data)).width <= PREVIEW_MAX_WIDTH


def test_another_article_opens_at_the_top_of_its_page(qtbot, library, filled, desk):
    from workstation.library.models import Article

    long_body = "\n\n".join(f"Paragraph {n} " + "words " * 60 for n in range(40))
    with library.transaction() as session:
        session.get(Article, filled["empty"]).body = long_body
    desk.editor.replace_all_text(long_body)
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "document.querySelectorAll('#ws-body .ws-block').length") == 40,
                    timeout=10_000)
    run_js(qtbot, desk, "window.scrollTo(0, 2000); window.dispatchEvent(new Event('scroll')); 1")
    qtbot.waitUntil(lambda: run_js(qtbot, desk, "window.scrollY") >= 2000, timeout=5000)
    desk.open_article(filled["empty"])
    wait_for_preview(qtbot, desk)
    qtbot.wait(300)
    assert run_js(qtbot, desk, "window.scrollY") == 0


@pytest.fixture
def themed():
    """Applies a theme for one test and puts the light one back after it."""
    from PySide6.QtWidgets import QApplication

    from workstation.ui.theme import apply_theme

    yield lambda theme: apply_theme(QApplication.instance(), theme)
    apply_theme(QApplication.instance(), "light")


def page_background(qtbot, desk) -> str:
    return run_js(qtbot, desk, "getComputedStyle(document.body).backgroundColor")


def test_the_page_is_dark_when_the_app_is_dark(qtbot, themed, filled, make_desk):
    themed("dark")
    desk = make_desk()
    desk.open_article(filled["story"])
    wait_for_preview(qtbot, desk)
    assert page_background(qtbot, desk) == "rgb(19, 21, 23)"


def test_the_page_follows_a_switch_of_theme_without_reloading(qtbot, themed, desk):
    light = page_background(qtbot, desk)
    run_js(qtbot, desk, "window.wsSameDocument = 1")
    themed("dark")
    qtbot.waitUntil(lambda: page_background(qtbot, desk) == "rgb(19, 21, 23)", timeout=5_000)
    themed("light")
    qtbot.waitUntil(lambda: page_background(qtbot, desk) == light, timeout=5_000)
    assert run_js(qtbot, desk, "window.wsSameDocument") == 1


def test_the_page_stays_dark_after_a_headline_edit(qtbot, themed, desk):
    themed("dark")
    qtbot.waitUntil(lambda: page_background(qtbot, desk) == "rgb(19, 21, 23)", timeout=5_000)
    desk.panel.headline.setPlainText("A new headline for the dark page")
    qtbot.waitUntil(lambda: "dark page" in run_js(qtbot, desk, "document.querySelector('h1').innerText"), timeout=5_000)
    assert page_background(qtbot, desk) == "rgb(19, 21, 23)"


def test_a_related_card_leaves_its_headline_room_at_phone_width(qtbot, library, filled, make_desk):
    import io

    from PIL import Image

    from workstation.library.articles import find_article
    from workstation.library.photos import add_photo
    from workstation.photos.ingest import ingest_bytes

    jpeg = io.BytesIO()
    Image.new("RGB", (1200, 800), (90, 140, 200)).save(jpeg, "JPEG")
    with library.transaction() as session:
        photo, _new = add_photo(session, ingest_bytes(jpeg.getvalue(), "wide.jpg"))
        find_article(session, filled["other_slug"]).feature_photo_id = photo.id
    desk = make_desk()
    desk.open_article(filled["story"])
    wait_for_preview(qtbot, desk)
    desk.preview.phone_button.setChecked(True)
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    type_text(desk.editor, f"\n\n[[{filled['other_slug']}]]\n")
    loaded = "(i => Boolean(i && i.complete && i.naturalWidth))(document.querySelector('.related-card__image'))"
    qtbot.waitUntil(lambda: run_js(qtbot, desk, loaded), timeout=5_000)
    assert run_js(qtbot, desk, "document.querySelector('.related-card__text').getBoundingClientRect().width") > 150
