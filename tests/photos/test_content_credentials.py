"""Content Credentials (C2PA): read at import, shown, kept by "Export originals", named by renditions.

The images are signed in the test with a throwaway certificate, so their
state is "Valid" (signature and hashes hold; the signer is on no trust list).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from photo_helpers import encode, picture, run_exiftool

from tests.c2pa_signing import SIGNER_NAME, SIGNER_ORGANISATION, TOOL, TOOL_VERSION, sign, validation_state

from workstation.editing.originals import export_originals
from workstation.editing.photos import photo_details
from workstation.library.database import Library
from workstation.library.models import Article, Photo, Status
from workstation.library.photos import add_photo, rights_of
from workstation.photos.credentials import describe_state, read_credentials
from workstation.photos.ingest import ingest_bytes
from workstation.photos.renditions import make_rendition
from workstation.publish.preflight import preflight

Tags = Callable[[bytes], dict[str, Any]]


def signed_jpeg() -> bytes:
    return sign(encode(picture((320, 240))))


def store(library: Library, data: bytes, name: str = "signed.jpg") -> int:
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(data, name))
        photo.credit_line = "Test Agency"
        photo.alt_text = "A street"
        return photo.id


def test_a_signed_photo_s_signer_tool_and_state_are_read_at_import() -> None:
    credentials = ingest_bytes(signed_jpeg(), "signed.jpg").credentials
    assert credentials["signer"] == SIGNER_NAME
    assert credentials["issuer"] == SIGNER_ORGANISATION
    assert credentials["tool"] == f"{TOOL} {TOOL_VERSION}"
    assert credentials["state"] == "Valid"
    assert credentials["manifest"].startswith("urn:c2pa:")
    assert describe_state(credentials) == "valid (the signer is not on a trust list)"


def test_a_photo_without_a_manifest_has_no_credentials() -> None:
    assert ingest_bytes(encode(picture((64, 48))), "plain.jpg").credentials == {}


def test_a_photo_changed_after_signing_does_not_validate(tmp_path: Path) -> None:
    path = tmp_path / "edited.jpg"
    path.write_bytes(signed_jpeg())
    run_exiftool(path, "-XMP-dc:Description=Changed after signing")
    credentials = read_credentials(path.read_bytes(), "image/jpeg")
    assert credentials["state"] == "Invalid"
    assert "assertion.dataHash.mismatch" in credentials["failures"]
    assert describe_state(credentials).startswith("does not validate (assertion.dataHash.mismatch")


def test_the_inspector_gets_the_credentials_stored_with_the_photo(library: Library) -> None:
    photo_id = store(library, signed_jpeg())
    shown = photo_details(library, photo_id).fields.content_credentials
    assert shown["signer"] == SIGNER_NAME and shown["state"] == "Valid"


def test_export_originals_hands_on_the_signed_bytes_and_the_manifest_still_validates(
    library: Library, tmp_path: Path
) -> None:
    data = signed_jpeg()
    photo_id = store(library, data)
    report = export_originals(library, [photo_id], tmp_path)
    assert report.kept_signed == report.written
    assert report.written[0].read_bytes() == data
    assert validation_state(report.written[0].read_bytes()) == "Valid"


def test_a_signed_original_with_a_gps_position_is_rewritten_without_it_and_the_loss_reported(
    library: Library, tmp_path: Path, tags: Tags
) -> None:
    path = tmp_path / "gps.jpg"
    path.write_bytes(encode(picture((320, 240))))
    run_exiftool(path, "-GPSLatitude=50.45", "-GPSLatitudeRef=N", "-GPSLongitude=30.52", "-GPSLongitudeRef=E")
    photo_id = store(library, sign(path.read_bytes()))
    out = tmp_path / "out"
    out.mkdir()
    report = export_originals(library, [photo_id], out)
    assert report.credentials_dropped == ["signed.jpg"] and not report.kept_signed
    written = tags(report.written[0].read_bytes())
    assert not any(key.startswith("GPS:") for key in written)


def test_a_rendition_names_the_original_s_manifest_as_its_source(library: Library, tags: Tags) -> None:
    data = signed_jpeg()
    photo_id = store(library, data)
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        rights = rights_of(photo)
        manifest = photo.content_credentials["manifest"]
        instance = photo.content_credentials["instance_id"]
    rendition = make_rendition(data, 200, rights=rights)
    found = tags(rendition.data)
    assert found["XMP-dcterms:Provenance"] == manifest
    assert found["XMP-xmpMM:DerivedFromInstanceID"] == instance
    assert validation_state(rendition.data) is None


def test_preflight_says_the_published_rendition_will_not_carry_the_credentials(library: Library) -> None:
    photo_id = store(library, signed_jpeg())
    with library.transaction() as session:
        session.add(Article(slug="signed", headline="Signed", status=Status.DRAFT.value, feature_photo_id=photo_id,
                            body="Text."))
    with library.session() as session:
        findings = [f for f in preflight(session, published_only=False) if f.kind == "content-credentials"]
    assert len(findings) == 1
    assert findings[0].severity == "warning"
    assert "will not carry them" in findings[0].message


def test_a_signed_png_s_credentials_are_read_too() -> None:
    credentials = ingest_bytes(sign(encode(picture((64, 48)), "PNG"), "image/png", "frame.png"), "frame.png").credentials
    assert credentials["signer"] == SIGNER_NAME and credentials["state"] == "Valid"
