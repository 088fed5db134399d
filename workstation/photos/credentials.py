"""Content Credentials (C2PA): who signed a photo, when, with what tool, and whether it holds.

A C2PA manifest travels inside the file (a JPEG's APP11 segments, a PNG's
``caBX`` chunk). It is read at import with the C2PA project's own library
(``c2pa-python``), offline: no OCSP query and no remote manifest fetch.
What it says is kept as a small dict on the photo, because the original
bytes are kept too and "Export originals" hands them on unchanged, while a
published rendition (scaled, cropped, scrubbed) can no longer carry the
manifest: its XMP then names the original's manifest as its source
(``source_xmp``).

The validation state is C2PA's: "Trusted" (signature, hashes and a
signer on a trust list), "Valid" (signature and hashes hold; the signer
is on no trust list this machine knows), "Invalid" (something was
changed after signing, or the signature is bad).
"""

from __future__ import annotations

import importlib
import io
from types import ModuleType
from typing import Any, BinaryIO

from workstation.xml_text import xml_escape

# Read offline: a photo desk on a train must not wait on a certificate server.
_SETTINGS = {"verify": {"ocsp_fetch": False, "remote_manifest_fetch": False}}
# The manifest store's JUMBF label; a file without these bytes has no embedded manifest.
_MARK = b"c2pa"
_SCAN_CHUNK = 1024 * 1024
_APP11, _SOS = 0xEB, 0xDA
_TEXT_LIMIT = 300
_MAX_FAILURES = 10
# Failures that leave the state "Valid": the signer is only not on a trust list.
_UNTRUSTED = "signingCredential.untrusted"


def read_credentials(original: bytes | BinaryIO, mime: str) -> dict[str, Any]:
    """What the file's C2PA manifest says, or {} when it has none.

    ``original`` is the file's bytes or the file open (seekable), which a
    large original is: only its header, or its chunks one by one, are read.

    Keys: ``manifest`` (the active manifest's label), ``instance_id``,
    ``signer``, ``issuer``, ``signed_at`` (ISO 8601, only when the
    signature was time-stamped), ``tool`` (the claim generator), ``title``,
    ``state`` and ``failures`` (C2PA status codes). A manifest that cannot
    be read at all gives ``state`` "Unreadable" and the reason in ``error``.
    """
    stream = io.BytesIO(original) if isinstance(original, bytes) else original
    stream.seek(0)
    if not _may_hold_manifest(stream):
        return {}
    stream.seek(0)
    c2pa = _c2pa()
    try:
        # A context per read: readers run on several decoding threads at once.
        context = c2pa.Context.from_dict(_SETTINGS)
        reader = c2pa.Reader.try_create(mime, stream, context=context)
    except c2pa.C2paError as exc:
        if type(exc).__name__.endswith("NotSupported"):
            return {}
        return {"state": "Unreadable", "error": _text(exc)}
    if reader is None:
        return {}
    with reader:
        manifest = reader.get_active_manifest() or {}
        state = reader.get_validation_state() or ""
        results = reader.get_validation_results() or {}
    signature = manifest.get("signature_info") or {}
    failures = [
        str(item.get("code", ""))
        for item in (results.get("activeManifest") or {}).get("failure", [])
        if isinstance(item, dict)
    ]
    found = {
        "manifest": _text(manifest.get("label")),
        "instance_id": _text(manifest.get("instance_id")),
        "signer": _text(signature.get("common_name")),
        "issuer": _text(signature.get("issuer")),
        "signed_at": _text(signature.get("time")),
        "tool": _tool(manifest),
        "title": _text(manifest.get("title")),
        "state": _text(state),
        "failures": failures[:_MAX_FAILURES],
    }
    return {key: value for key, value in found.items() if value}


def describe_state(credentials: dict[str, Any]) -> str:
    """The validation state in words for the inspector."""
    state = credentials.get("state", "")
    problems = [code for code in credentials.get("failures", []) if code != _UNTRUSTED]
    if state == "Trusted":
        return "valid, signed by a trusted signer"
    if state == "Valid":
        return "valid (the signer is not on a trust list)"
    if state == "Unreadable":
        return f"cannot be read ({credentials.get('error', 'unknown reason')})"
    if problems:
        return f"does not validate ({', '.join(problems[:3])})"
    return "does not validate" if state else "not checked"


def source_xmp(credentials: dict[str, Any]) -> list[str]:
    """XMP properties naming the original's manifest in a rendition that cannot carry it.

    ``dcterms:provenance`` is where C2PA (2.x, "Use of XMP") says XMP names
    a manifest; here it names the original's, which the rendition derives
    from, and ``xmpMM:DerivedFrom`` says which instance the rendition was
    made from. Uses the ``dcterms``, ``xmpMM`` and ``stRef`` prefixes.
    """
    manifest = credentials.get("manifest", "")
    if not manifest:
        return []
    properties = [f"<dcterms:provenance>{xml_escape(manifest)}</dcterms:provenance>"]
    instance = credentials.get("instance_id", "")
    if instance:
        properties.append(
            f'<xmpMM:DerivedFrom rdf:parseType="Resource"><stRef:instanceID>{xml_escape(instance)}</stRef:instanceID>'
            "</xmpMM:DerivedFrom>"
        )
    return properties


def _may_hold_manifest(stream: BinaryIO) -> bool:
    """Whether the file may embed a manifest: a JPEG's APP11 segments are looked for in its header only.

    Scanning a whole 8 MB frame for the JUMBF label costs milliseconds on
    every import; a JPEG keeps its manifest in APP11 segments before the
    first scan, so its segment headers are walked instead (a few reads of
    four bytes). Anything else (other formats, a JPEG whose header cannot
    be walked) is scanned whole, a chunk at a time.
    """
    if stream.read(2) == b"\xff\xd8":
        position = 2
        while len(header := stream.read(4)) == 4 and header[0] == 0xFF:
            marker = header[1]
            if marker == 0xFF:
                position += 1
            elif marker == _APP11:
                return True
            elif marker == _SOS:
                return False
            else:
                position += 2 + int.from_bytes(header[2:4], "big")
            stream.seek(position)
    stream.seek(0)
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        if _MARK in tail + chunk:
            return True
        tail = chunk[-(len(_MARK) - 1) :]
    return False


def _c2pa() -> ModuleType:
    """The ``c2pa`` module, imported on first use.

    Loading its native library takes about 0.3 s, which would be added to
    every start of the app and of each decoding helper; only a file that
    carries a manifest pays it.
    """
    return importlib.import_module("c2pa")


def _tool(manifest: dict[str, Any]) -> str:
    info = manifest.get("claim_generator_info")
    if isinstance(info, list) and info and isinstance(info[0], dict):
        name = str(info[0].get("name", ""))
        version = str(info[0].get("version", ""))
        return _text(f"{name} {version}".strip())
    return _text(manifest.get("claim_generator"))


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    return "".join(c for c in text if c.isprintable())[:_TEXT_LIMIT]
