"""The "Earlier versions" dialog: a caption that lost a conflict is listed, shown, and put back by Restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image

from workstation.editing.photos import photo_details, save_photo_fields
from workstation.library.database import Library, open_library
from workstation.library.photos import add_photo
from workstation.photos.ingest import ingest_file
from workstation.ui.kept_versions_dialog import KeptVersionsDialog


def _photo(library: Library, tmp_path: Path) -> int:
    picture = tmp_path / "river.jpg"
    Image.new("RGB", (64, 48), (40, 90, 140)).save(picture, "JPEG")
    with library.transaction() as session:
        photo, _new = add_photo(session, ingest_file(picture))
        photo.caption = "Base caption"
        session.flush()
        return photo.id


def test_a_lost_caption_is_listed_shown_and_restored(qtbot: Any, library: Library, tmp_path: Path) -> None:
    photo_id = _photo(library, tmp_path)
    save_photo_fields(library, photo_id, {"caption": "Their caption"})
    library.user = "Taras Bondar"
    saved = save_photo_fields(library, photo_id, {"caption": "My caption"}, base={"caption": "Base caption"})
    assert "Your caption was kept as an earlier version" in saved.conflict_note()

    dialog = KeptVersionsDialog(library, "photo", photo_id)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "Taras Bondar" in dialog.list.item(0).text()
    assert "My caption" in dialog.shown.toPlainText()
    dialog.restore()

    assert dialog.restored == {"caption": "My caption"}
    assert photo_details(library, photo_id).fields.values["caption"] == "My caption"
