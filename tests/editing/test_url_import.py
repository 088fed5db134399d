"""Import from URL: a picture on another site downloaded into the library through the regular import."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from workstation.editing import url_import
from workstation.editing.imports import import_photos
from workstation.editing.url_import import download_image, use_library_photo
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.models import Photo


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (320, 200), (40, 90, 140))
    exif = image.getexif()
    exif[0x013B] = "Nadia Shevchenko"  # Artist
    exif[0x8298] = "Copyright 2026 Nadia Shevchenko"  # Copyright
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


ROUTES = {
    "/chart.jpg": ("image/jpeg", _jpeg()),
    "/page.html": ("text/html; charset=utf-8", b"<html>not a picture</html>"),
    "/empty.png": ("image/png", b""),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        found = ROUTES.get(self.path)
        if found is None:
            self.send_error(404, "Not Found")
            return
        mime, data = found
        self.send_response(200)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_downloaded_picture_is_imported_with_its_metadata(library: Library, server: str, tmp_path: Path) -> None:
    path = download_image(f"{server}/chart.jpg", tmp_path)
    assert path.name == "chart.jpg"
    report = import_photos(library, [path])
    [photo_id] = report.photo_ids
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        assert (photo.creator, photo.copyright_notice) == ("Nadia Shevchenko", "Copyright 2026 Nadia Shevchenko")


def test_a_page_that_is_not_a_picture_is_refused(server: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="sent text/html, not an image"):
        download_image(f"{server}/page.html", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_answer_and_a_missing_page_are_refused(server: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="empty file"):
        download_image(f"{server}/empty.png", tmp_path)
    with pytest.raises(ValidationError, match="answered 404"):
        download_image(f"{server}/gone.jpg", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_picture_over_the_size_cap_is_refused(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(url_import, "MAX_DOWNLOAD_BYTES", 1000)
    with pytest.raises(ValidationError, match="larger than"):
        download_image(f"{server}/chart.jpg", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_offline_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="offline"):
        download_image("https://pictures.invalid/a.jpg", tmp_path)


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://example.org/a.jpg", "javascript:alert(1)", "chart.jpg"])
def test_only_web_addresses_are_fetched(address: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="is not a web address"):
        download_image(address, tmp_path)


def test_the_body_then_shows_the_library_photo() -> None:
    body = '![Chart](https://other.host/c.png "Closures") and\n\n![x][p]\n\n[p]: <https://other.host/c.png>\n'
    assert use_library_photo(body, "https://other.host/c.png", 7) == (
        '![Chart](photo:7 "Closures") and\n\n![x][p]\n\n[p]: photo:7\n'
    )
