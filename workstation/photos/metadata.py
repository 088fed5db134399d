"""Caption, credit and rights read from a photo's embedded IPTC, XMP and EXIF.

A photo editor must never retype what the camera or the agency already
wrote into the file, so import reads the three places real files keep it.
Nothing here raises on odd metadata: a field that cannot be read is left
empty and the reason is kept in ``raw`` for the inspector to show.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from PIL import ExifTags, Image, IptcImagePlugin

# Longest value kept for a display string in ``raw`` and how many entries it
# may hold: a hostile file can carry megabytes of "caption".
RAW_VALUE_LIMIT = 2000
RAW_ENTRY_LIMIT = 400
# Longest value kept for each record field (characters), matched to what a
# photo record holds and a person can edit.
FIELD_LIMITS = {
    "caption": 8000,
    "headline": 500,
    "creator": 300,
    "credit_line": 500,
    "source": 300,
    "copyright_notice": 500,
    "usage_terms": 8000,
    "city": 200,
    "region": 200,
    "country": 200,
}
# What cameras write into EXIF ImageDescription when nobody typed anything.
CAMERA_PLACEHOLDERS = frozenset({"olympus digital camera", "sony dsc", "digital camera", "default", "sams"})

UTF8_ESCAPE = b"\x1b%G"

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
    "aux": "http://ns.adobe.com/exif/1.0/aux/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
PREFIX_OF = {uri: prefix for prefix, uri in NS.items()}

# IPTC IIM record 2 datasets, named as ExifTool names them.
IPTC_NAMES = {
    (1, 90): "CodedCharacterSet",
    (2, 5): "ObjectName",
    (2, 25): "Keywords",
    (2, 40): "SpecialInstructions",
    (2, 55): "DateCreated",
    (2, 60): "TimeCreated",
    (2, 80): "By-line",
    (2, 85): "By-lineTitle",
    (2, 90): "City",
    (2, 92): "Sub-location",
    (2, 95): "Province-State",
    (2, 100): "Country-PrimaryLocationCode",
    (2, 101): "Country-PrimaryLocationName",
    (2, 103): "OriginalTransmissionReference",
    (2, 105): "Headline",
    (2, 110): "Credit",
    (2, 115): "Source",
    (2, 116): "CopyrightNotice",
    (2, 120): "Caption-Abstract",
    (2, 122): "Writer-Editor",
}

# Record field -> where each source keeps it.
XMP_FIELDS = {
    "caption": ("dc:description",),
    "headline": ("photoshop:Headline",),
    "creator": ("dc:creator",),
    "credit_line": ("photoshop:Credit",),
    "source": ("photoshop:Source",),
    "copyright_notice": ("dc:rights",),
    "usage_terms": ("xmpRights:UsageTerms",),
    # IPTC Extension "location created" structures stand in for the Core fields.
    "city": ("photoshop:City", "Iptc4xmpExt:City"),
    "region": ("photoshop:State", "Iptc4xmpExt:ProvinceState"),
    "country": ("photoshop:Country", "Iptc4xmpExt:CountryName"),
}
# Properties nested in structures, read wherever they first appear.
XMP_NESTED = ("Iptc4xmpExt:City", "Iptc4xmpExt:ProvinceState", "Iptc4xmpExt:CountryName")
IPTC_FIELDS = {
    "caption": (2, 120),
    "headline": (2, 105),
    "creator": (2, 80),
    "credit_line": (2, 110),
    "source": (2, 115),
    "copyright_notice": (2, 116),
    "city": (2, 90),
    "region": (2, 95),
    "country": (2, 101),
}
EXIF_FIELDS = {
    "caption": 0x010E,  # ImageDescription
    "creator": 0x013B,  # Artist
    "copyright_notice": 0x8298,  # Copyright
}
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
DATETIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class EmbeddedMetadata:
    caption: str = ""
    headline: str = ""
    creator: str = ""
    credit_line: str = ""
    source: str = ""
    copyright_notice: str = ""
    usage_terms: str = ""
    date_taken: datetime | None = None
    city: str = ""
    region: str = ""
    country: str = ""
    # Everything read, as display strings ("XMP-dc:Description": "..."), bounded.
    raw: dict[str, str] = field(default_factory=dict)


def read_metadata(data: bytes) -> EmbeddedMetadata:
    """The embedded metadata of an image file's bytes; empty if unreadable."""
    try:
        image = Image.open(io.BytesIO(data))
    except Exception as exc:  # any decoder failure means "no metadata"
        return EmbeddedMetadata(raw={"Error": _bounded(f"not a readable image ({exc})")})
    with image:
        return metadata_of(image)


def metadata_of(image: Image.Image) -> EmbeddedMetadata:
    """Read the metadata of an already opened image (no pixel decoding).

    Precedence when the three disagree is XMP, then IPTC IIM, then EXIF.
    XMP is what current tools (Photoshop, Lightroom, Photo Mechanic, agency
    systems) edit and it is Unicode by definition; IIM is the older copy,
    often left stale when a caption is corrected in XMP, and its character
    set may be undeclared; EXIF text is nominally ASCII and mostly written
    by the camera itself (so "OLYMPUS DIGITAL CAMERA" is no caption). Each
    field is taken from the first source that has it, independently.
    """
    raw = _RawCollector()
    xmp = _read_xmp(image, raw)
    iptc = _read_iptc(image, raw)
    exif = _read_exif(image, raw)
    values: dict[str, str] = {}
    for name, limit in FIELD_LIMITS.items():
        candidates = [xmp.get(prop, "") for prop in XMP_FIELDS.get(name, ())]
        if name in IPTC_FIELDS:
            candidates.append(iptc.get(IPTC_FIELDS[name], ""))
        if name in EXIF_FIELDS:
            candidates.append(exif.get(EXIF_FIELDS[name], ""))
        values[name] = next((_clean(c)[:limit] for c in candidates if _clean(c)), "")
    date_taken = (
        _xmp_date(xmp.get("photoshop:DateCreated", ""))
        or _iptc_date(iptc.get((2, 55), ""), iptc.get((2, 60), ""))
        or _xmp_date(xmp.get("exif:DateTimeOriginal", ""))
        or _exif_date(exif.get(DATETIME_ORIGINAL, ""), exif.get(OFFSET_TIME_ORIGINAL, ""))
        or _xmp_date(xmp.get("xmp:CreateDate", ""))
    )
    return EmbeddedMetadata(date_taken=date_taken, raw=raw.entries, **values)


class _RawCollector:
    """The bounded, JSON-safe display dict of everything read."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def add(self, key: str, value: str) -> None:
        if len(self.entries) >= RAW_ENTRY_LIMIT:
            self.entries["Truncated"] = f"more than {RAW_ENTRY_LIMIT} entries; the rest were not kept"
            return
        key = _bounded(CONTROL_CHARS.sub("", key), 100)
        value = _bounded(value)
        if key in self.entries and self.entries[key] != value:
            self.entries[key] = _bounded(f"{self.entries[key]}; {value}")
        else:
            self.entries[key] = value


def _bounded(text: str, limit: int = RAW_VALUE_LIMIT) -> str:
    text = CONTROL_CHARS.sub(" ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean(text: str) -> str:
    """Whitespace-trimmed text, or "" for the camera's placeholder descriptions."""
    text = CONTROL_CHARS.sub(" ", text).strip()
    return "" if text.lower() in CAMERA_PLACEHOLDERS else text


# --- XMP -----------------------------------------------------------------


def _xmp_packet(image: Image.Image) -> bytes | None:
    packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if packet is None and image.format == "TIFF":
        packet = getattr(image, "tag_v2", {}).get(700)
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    if isinstance(packet, tuple):
        packet = bytes(packet)
    return packet if isinstance(packet, bytes) and packet.strip(b"\x00 \r\n\t") else None


def _read_xmp(image: Image.Image, raw: _RawCollector) -> dict[str, str]:
    packet = _xmp_packet(image)
    if packet is None:
        return {}
    try:
        root = SafeET.fromstring(_packet_text(packet).encode("utf-8"))
    except Exception as exc:  # defusedxml raises several types for hostile XML
        raw.add("XMP:Error", f"broken XMP packet ignored ({type(exc).__name__}: {exc})")
        return {}
    properties: dict[str, str] = {}
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for name, value in _description_properties(description):
            properties.setdefault(name, value)
            raw.add(f"XMP-{name}", value)
    for element in root.iter():
        name = _qualified(element.tag) if isinstance(element.tag, str) else None
        if name in XMP_NESTED and name not in properties and (element.text or "").strip():
            properties[name] = element.text.strip()
            raw.add(f"XMP-{name}", properties[name])
    return properties


XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _packet_text(packet: bytes) -> str:
    """The packet as text: XMP may be UTF-8, UTF-16 or UTF-32 (BOM or not)."""
    if packet.startswith((b"\x00\x00\x00<", b"\x00\x00\xfe\xff")):
        encoding = "utf-32-be"
    elif packet.startswith((b"<\x00\x00\x00", b"\xff\xfe\x00\x00")):
        encoding = "utf-32-le"
    elif packet.startswith((b"\x00<", b"\xfe\xff")):
        encoding = "utf-16-be"
    elif packet.startswith((b"<\x00", b"\xff\xfe")):
        encoding = "utf-16-le"
    else:
        encoding = "utf-8"
    text = packet.decode(encoding, "replace").lstrip("\ufeff").strip("\x00 \r\n\t")
    return XML_DECLARATION.sub("", text)


def _qualified(tag: str) -> str | None:
    """ "{uri}local" -> "prefix:local" for the namespaces read; None otherwise."""
    if not tag.startswith("{"):
        return None
    uri, _, local = tag[1:].partition("}")
    prefix = PREFIX_OF.get(uri)
    return f"{prefix}:{local}" if prefix else f"{uri.rstrip('/#')}:{local}"


def _description_properties(description: Element) -> Iterator[tuple[str, str]]:
    for attribute, value in description.attrib.items():
        name = _qualified(attribute)
        if name and not name.startswith(("rdf:", "xml:")):
            yield name, value
    for child in description:
        name = _qualified(child.tag)
        if name is None:
            continue
        value = _property_value(child)
        if value:
            yield name, value


def _property_value(element: Element) -> str:
    """A simple, Alt (x-default first), Seq or Bag property as one string."""
    for container in ("Alt", "Seq", "Bag"):
        holder = element.find(f"rdf:{container}", NS)
        if holder is None:
            continue
        items = holder.findall("rdf:li", NS)
        if container == "Alt":
            default = [li for li in items if li.get(f"{{{NS['xml']}}}lang") == "x-default"]
            items = default or items[:1]
        return "; ".join(text for li in items if (text := _item_text(li)))
    if element.find("rdf:Description", NS) is not None or element.get(f"{{{NS['rdf']}}}parseType"):
        return ""
    return (element.text or "").strip() or element.get(f"{{{NS['rdf']}}}resource", "")


def _item_text(item: Element) -> str:
    """A list item: its text, or a structure's fields as "Name: value, ..."."""
    fields = [
        f"{child.tag.rpartition('}')[2]}: {child.text.strip()}"
        for child in item.iter()
        if child is not item and isinstance(child.tag, str) and (child.text or "").strip()
    ]
    return ", ".join(fields) if fields else (item.text or "").strip()


# --- IPTC IIM --------------------------------------------------------------


def _read_iptc(image: Image.Image, raw: _RawCollector) -> dict[tuple[int, int], str]:
    try:
        info = IptcImagePlugin.getiptcinfo(image)  # type: ignore[arg-type]
    except Exception as exc:  # malformed IIM raises SyntaxError/OSError
        raw.add("IPTC:Error", f"unreadable IPTC block ignored ({exc})")
        return {}
    if not info:
        return {}
    charset = _first(info.get((1, 90)))
    utf8 = charset is not None and charset.startswith(UTF8_ESCAPE)
    values: dict[tuple[int, int], str] = {}
    for key, value in info.items():
        # Dataset 0 of each record is a binary version number, not text.
        if key[0] not in (1, 2) or key[1] == 0 or key == (1, 90):
            continue
        texts = [_decode_iim(item, utf8) for item in _all(value)]
        text = "; ".join(t for t in texts if t)
        values[key] = text
        raw.add(f"IPTC:{IPTC_NAMES.get(key, f'{key[0]}:{key[1]}')}", text)
    if charset is not None:
        raw.add("IPTC:CodedCharacterSet", "UTF8" if utf8 else repr(charset)[2:-1])
    return values


def _all(value: bytes | list[bytes] | None) -> list[bytes]:
    if value is None:
        return []
    return [v for v in value if v] if isinstance(value, list) else [value]


def _first(value: bytes | list[bytes] | None) -> bytes | None:
    items = _all(value)
    return items[0] if items else None


def _decode_iim(value: bytes, declared_utf8: bool) -> str:
    """IIM text: UTF-8 when declared (ESC % G), else UTF-8 if valid, else Latin-1."""
    if declared_utf8:
        return value.decode("utf-8", "replace").strip("\x00 ")
    try:
        return value.decode("utf-8").strip("\x00 ")
    except UnicodeDecodeError:
        return value.decode("latin-1").strip("\x00 ")


# --- EXIF ------------------------------------------------------------------


def _read_exif(image: Image.Image, raw: _RawCollector) -> dict[int, str]:
    try:
        exif = image.getexif()
        sub = exif.get_ifd(EXIF_IFD)
        gps = exif.get_ifd(GPS_IFD)
    except Exception as exc:  # broken TIFF structures raise many types
        raw.add("EXIF:Error", f"unreadable EXIF ignored ({exc})")
        return {}
    values: dict[int, str] = {}
    for group, tags, names in (
        ("IFD0", exif, ExifTags.TAGS),
        ("ExifIFD", sub, ExifTags.TAGS),
        ("GPS", gps, ExifTags.GPSTAGS),
    ):
        for tag, value in tags.items():
            if tag in (EXIF_IFD, GPS_IFD):
                continue
            text = _exif_text(value)
            if group != "GPS":
                values[tag] = text
            raw.add(f"EXIF-{group}:{names.get(tag, hex(tag))}", text)
    return values


def _exif_text(value: Any) -> str:
    """EXIF values as display text; ASCII fields written as UTF-8 are repaired."""
    if isinstance(value, bytes):
        printable = value.rstrip(b"\x00")
        if len(printable) > 200 or not printable.isascii():
            return f"({len(value)} bytes of binary data)"
        return printable.decode("ascii")
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8").rstrip("\x00")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value.rstrip("\x00")
    if isinstance(value, tuple):
        return ", ".join(_exif_text(v) for v in value[:50])
    return str(value)


# --- dates -----------------------------------------------------------------

OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})$")


def _offset(text: str) -> timezone | None:
    if text.endswith("Z"):
        return timezone.utc
    match = OFFSET.search(text.strip())
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    if delta >= timedelta(hours=24):
        return None
    return timezone(-delta if sign == "-" else delta)


def _build(parts: Iterable[str], tz: timezone | None) -> datetime | None:
    numbers = [int(p) for p in parts if p]
    try:
        moment = datetime(*numbers)  # type: ignore[misc]
    except (TypeError, ValueError):
        return None
    return moment.replace(tzinfo=tz) if tz else moment


def _xmp_date(text: str) -> datetime | None:
    match = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?", text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    tz = _offset(text) if hour else None
    return _build((year, month or "1", day or "1", hour or "", minute or "", second or ""), tz)


def _iptc_date(day: str, time: str) -> datetime | None:
    date_match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", day.strip())
    if not date_match:
        return None
    time_match = re.match(r"(\d{2})(\d{2})(\d{2})", time.strip())
    clock = time_match.groups() if time_match else ("", "", "")
    return _build((*date_match.groups(), *clock), _offset(time) if time_match else None)


def _exif_date(text: str, offset: str) -> datetime | None:
    match = re.match(r"\s*(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})", text)
    if not match or match.group(1) == "0000":
        return None
    return _build(match.groups(), _offset(offset) if offset else None)
