"""Photo files dropped onto the article text land in the library and in the body where they fell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor

from workstation.library.database import Library
from workstation.library.models import Photo


def drop(editor, paths: list[Path], at: QPointF) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    editor.dropEvent(
        QDropEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    )


def test_a_photo_dropped_inside_the_second_paragraph_is_placed_after_it(
    qtbot, library: Library, filled, make_desk, make_image
) -> None:
    article_desk = make_desk()
    article_desk.open_article(filled["story"])
    editor = article_desk.editor
    second = editor.document().findBlockByNumber(2)
    assert second.text().startswith("The second paragraph")
    inside = QTextCursor(second)
    inside.movePosition(QTextCursor.MoveOperation.Right, n=len("The second"))
    at = editor.cursorRect(inside).center()
    drop(editor, [make_image("ferry.jpg", {"IPTC:Caption-Abstract": "The ferry"})], QPointF(at))
    qtbot.waitUntil(lambda: "](photo:" in editor.toPlainText(), timeout=20_000)
    paragraphs = [p for p in editor.toPlainText().split("\n\n") if p.strip()]
    assert paragraphs[0].startswith("The first") and paragraphs[1].startswith("The second")
    assert "](photo:" in paragraphs[2] and paragraphs[3].startswith("A third")


def test_refused_files_dropped_on_the_text_insert_nothing_and_the_good_ones_land(
    qtbot, library: Library, filled, make_desk, make_image, tmp_path: Path
) -> None:
    article_desk = make_desk()
    article_desk.open_article(filled["story"])
    messages: list[str] = []
    article_desk.status_message.connect(messages.append)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with library.session() as session:
        before = session.query(Photo).count()
    drop(article_desk.editor, [empty, make_image("quay.jpg")], QPointF(5, 5))
    qtbot.waitUntil(lambda: any(m.startswith("Not imported") for m in messages), timeout=20_000)
    assert article_desk.editor.toPlainText().count("](photo:") == 1
    assert "empty.jpg" in messages[-1]
    with library.session() as session:
        assert session.query(Photo).count() == before + 1
