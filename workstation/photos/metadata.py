"""Caption, credit and rights read from a photo's embedded IPTC, XMP and EXIF.

A photo editor must never retype what the camera or the agency already
wrote into the file, so import reads the three places real files keep it
(and an ``.xmp`` sidecar beside the file, see ``read_sidecar``), and
reconciles them by the Metadata Working Group's *Guidelines for Handling
Image Metadata* 2.0, as ExifTool's ``-use MWG`` does (``reconcile``).
Nothing here raises on odd metadata: a field that cannot be read is left
empty and the reason is kept in ``raw`` for the inspector to show.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from PIL import ExifTags, Image, IptcImagePlugin

from workstation.photos.rights import LIST_SEPARATOR

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
    "keywords": 2000,
    "alt_text": 2000,
    "extended_description": 8000,
    "digital_source_type": 200,
    "data_mining": 200,
    "web_statement": 1000,
    "licensor_url": 1000,
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
    "plus": "http://ns.useplus.org/ldf/xmp/1.0/",
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

# Record field -> where XMP keeps it, first found wins. For the location the
# IPTC Extension "location shown" comes first, as ExifTool's MWG tags take it.
XMP_FIELDS = {
    "caption": ("dc:description",),
    "headline": ("photoshop:Headline",),
    "creator": ("dc:creator",),
    "credit_line": ("photoshop:Credit",),
    "source": ("photoshop:Source",),
    "copyright_notice": ("dc:rights",),
    "usage_terms": ("xmpRights:UsageTerms",),
    "keywords": ("dc:subject",),
    "city": ("Iptc4xmpExt:LocationShown/City", "photoshop:City", "Iptc4xmpExt:LocationCreated/City"),
    "region": (
        "Iptc4xmpExt:LocationShown/ProvinceState",
        "photoshop:State",
        "Iptc4xmpExt:LocationCreated/ProvinceState",
    ),
    "country": (
        "Iptc4xmpExt:LocationShown/CountryName",
        "photoshop:Country",
        "Iptc4xmpExt:LocationCreated/CountryName",
    ),
    # IPTC Photo Metadata 2025.1: kept in XMP only.
    "alt_text": ("Iptc4xmpCore:AltTextAccessibility",),
    "extended_description": ("Iptc4xmpCore:ExtDescrAccessibility",),
    "digital_source_type": ("Iptc4xmpExt:DigitalSourceType",),
    "data_mining": ("plus:DataMining",),
    "web_statement": ("xmpRights:WebStatement",),
    "licensor_url": ("plus:Licensor/LicensorURL",),
}
# Structures whose fields are read as "Structure/Field" (the first item of a list of them).
XMP_STRUCTURES = ("Iptc4xmpExt:LocationShown", "Iptc4xmpExt:LocationCreated", "plus:Licensor")
IPTC_FIELDS = {
    "caption": (2, 120),
    "headline": (2, 105),
    "creator": (2, 80),
    "credit_line": (2, 110),
    "source": (2, 115),
    "copyright_notice": (2, 116),
    "keywords": (2, 25),
    "city": (2, 90),
    "region": (2, 95),
    "country": (2, 101),
}
EXIF_FIELDS = {
    "caption": 0x010E,  # ImageDescription
    "creator": 0x013B,  # Artist
    "copyright_notice": 0x8298,  # Copyright
}
# IIM's field sizes (IPTC IIM 4.2): a value of exactly this length that starts
# an XMP value was cut short by an IIM writer, and the XMP is the whole of it.
IIM_LENGTHS = {
    "caption": 2000,
    "creator": 32,
    "copyright_notice": 128,
    "keywords": 64,
    "city": 32,
    "region": 32,
    "country": 64,
    "headline": 256,
    "credit_line": 32,
    "source": 32,
}
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
DATETIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011
SUBSEC_TIME_ORIGINAL = 0x9291
# Photoshop image resources: the IIM block, and the digest of the IIM block
# that the last tool to write both IIM and XMP stored beside them.
IRB_IPTC = 0x0404
IRB_IPTC_DIGEST = 0x0425
TIFF_IPTC = 33723
TIFF_PHOTOSHOP = 34377

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
    # Keywords joined by LIST_SEPARATOR.
    keywords: str = ""
    alt_text: str = ""
    extended_description: str = ""
    # IPTC Digital Source Type and PLUS Data Mining: controlled-vocabulary URIs.
    digital_source_type: str = ""
    data_mining: str = ""
    web_statement: str = ""
    licensor_url: str = ""
    # Everything read, as display strings ("XMP-dc:Description": "..."), bounded.
    raw: dict[str, str] = field(default_factory=dict)


@dataclass
class _Blocks:
    """What each of the three places holds, before reconciliation."""

    xmp: dict[str, str]
    iim: dict[tuple[int, int], str]
    exif: dict[int, str]
    # MD5 of the IIM block as found, and the digest stored beside it (None when absent).
    iim_digest: bytes | None
    stored_digest: bytes | None


def read_metadata(data: bytes, sidecar: bytes | None = None) -> EmbeddedMetadata:
    """The embedded metadata of an image file's bytes; empty if unreadable."""
    try:
        image = Image.open(io.BytesIO(data))
    except Exception as exc:  # any decoder failure means "no metadata"
        return EmbeddedMetadata(raw={"Error": _bounded(f"not a readable image ({exc})")})
    with image:
        return metadata_of(image, sidecar)


def read_sidecar(packet: bytes) -> dict[str, str]:
    """The properties of an ``.xmp`` sidecar file; ``ValueError`` says why one cannot be read."""
    raw = _RawCollector()
    properties = _parse_xmp(packet, raw)
    if "XMP:Error" in raw.entries:
        raise ValueError(raw.entries["XMP:Error"].removeprefix("broken XMP packet ignored "))
    if not packet.strip(b"\x00 \r\n\t"):
        raise ValueError("the file is empty")
    return properties


def metadata_of(image: Image.Image, sidecar: bytes | None = None) -> EmbeddedMetadata:
    """Read the metadata of an already opened image (no pixel decoding).

    ``sidecar`` is the text of an ``.xmp`` file found beside the image:
    Lightroom, darktable, digiKam and Photo Mechanic write the photographer's
    later edits there, so its properties win over the embedded XMP packet's,
    one property at a time. A sidecar that cannot be parsed is ignored (and
    said so in ``raw``).
    """
    raw = _RawCollector()
    xmp = _read_xmp(image, raw)
    if sidecar is not None:
        side = _parse_xmp(sidecar, raw, "XMP-sidecar")
        xmp = {**xmp, **side}
    iim, iim_digest = _read_iptc(image, raw)
    blocks = _Blocks(xmp, iim, _read_exif(image, raw), iim_digest, _stored_digest(image))
    if blocks.stored_digest is not None:
        in_step = blocks.stored_digest == blocks.iim_digest
        raw.add("IPTC:Digest", "matches the IIM block" if in_step else "differs from the IIM block (IIM edited later)")
    values, date_taken = reconcile(blocks)
    return EmbeddedMetadata(date_taken=date_taken, raw=raw.entries, **values)


def reconcile(blocks: _Blocks) -> tuple[dict[str, str], datetime | None]:
    """Each field's value by the MWG 2.0 rules, as ExifTool's MWG composite tags read it.

    EXIF first: a non-blank EXIF value (ImageDescription, Artist,
    Copyright, DateTimeOriginal with its sub-seconds and offset) wins,
    except the placeholder descriptions cameras write. Then XMP against
    IIM: XMP when the file has no IIM block, or when XMP has the field and
    the stored IPTC digest is absent or still matches the IIM block; IIM
    otherwise (no XMP value, or an IIM block edited since the digest was
    stored by a tool that did not update XMP). An IIM value cut at its
    field's length that starts the XMP value is taken as truncated, and the
    XMP value is used. Fields MWG does not cover (headline, credit, source)
    follow the same XMP/IIM rule; fields only XMP holds are read from it.
    """
    xmp, iim = blocks.xmp, blocks.iim
    has_iim = blocks.iim_digest is not None
    xmp_trusted = blocks.stored_digest is None or blocks.stored_digest == blocks.iim_digest
    values: dict[str, str] = {}
    for name, limit in FIELD_LIMITS.items():
        exif_value = _clean(blocks.exif.get(EXIF_FIELDS[name], "")) if name in EXIF_FIELDS else ""
        xmp_value = next((v for prop in XMP_FIELDS.get(name, ()) if (v := _clean(xmp.get(prop, "")))), "")
        iim_value = _clean(iim.get(IPTC_FIELDS[name], "")) if name in IPTC_FIELDS else ""
        if exif_value:
            chosen = exif_value
        elif not has_iim or (xmp_value and xmp_trusted):
            chosen = xmp_value
        else:
            chosen = _untruncated(iim_value, xmp_value, IIM_LENGTHS.get(name)) or xmp_value
        values[name] = chosen[:limit]
    exif_date = _exif_date(
        blocks.exif.get(DATETIME_ORIGINAL, ""),
        blocks.exif.get(OFFSET_TIME_ORIGINAL, ""),
        blocks.exif.get(SUBSEC_TIME_ORIGINAL, ""),
    )
    xmp_date = _xmp_date(xmp.get("photoshop:DateCreated", ""))
    iim_date = _iptc_date(iim.get((2, 55), ""), iim.get((2, 60), ""))
    if exif_date is not None:
        date_taken: datetime | None = exif_date
    elif not has_iim or (xmp_date is not None and xmp_trusted):
        date_taken = xmp_date
    else:
        date_taken = iim_date or xmp_date
    # Beyond MWG: files with none of those dates often still say when they were made.
    date_taken = date_taken or _xmp_date(xmp.get("exif:DateTimeOriginal", "")) or _xmp_date(xmp.get("xmp:CreateDate", ""))
    return values, date_taken


def _untruncated(iim_value: str, xmp_value: str, length: int | None) -> str:
    """The IIM value, or the XMP one when the IIM value is its start cut at IIM's field length."""
    if length and len(iim_value) == length and len(xmp_value) > length and xmp_value.startswith(iim_value):
        return xmp_value
    return iim_value


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
    return {} if packet is None else _parse_xmp(packet, raw)


def _parse_xmp(packet: bytes, raw: _RawCollector, group: str = "XMP") -> dict[str, str]:
    """Every property of an XMP packet as one string each, plus "Structure/Field" for known structures."""
    try:
        root = SafeET.fromstring(_packet_text(packet).encode("utf-8"))
    except Exception as exc:  # defusedxml raises several types for hostile XML
        raw.add(f"{group}:Error", f"broken XMP packet ignored ({type(exc).__name__}: {exc})")
        return {}
    properties: dict[str, str] = {}
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for name, value in _description_properties(description):
            properties.setdefault(name, value)
            raw.add(f"{group}-{name}", value)
    for structure in XMP_STRUCTURES:
        prefix, _, local = structure.partition(":")
        for holder in root.iter(f"{{{NS[prefix]}}}{local}"):
            for name, value in _structure_fields(holder):
                key = f"{structure}/{name.partition(':')[2]}"
                if key not in properties:
                    properties[key] = value
                    raw.add(f"{group}-{key}", value)
    return properties


def _structure_fields(holder: Element) -> Iterator[tuple[str, str]]:
    """The simple fields inside a structure (or list of them), as elements or attributes."""
    for element in holder.iter():
        if element is holder:
            continue
        for attribute, value in element.attrib.items():
            name = _qualified(attribute)
            if name and not name.startswith(("rdf:", "xml:")) and value.strip():
                yield name, value.strip()
        name = _qualified(element.tag) if isinstance(element.tag, str) else None
        if name and not name.startswith("rdf:") and (element.text or "").strip():
            yield name, element.text.strip()


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


def _read_iptc(image: Image.Image, raw: _RawCollector) -> tuple[dict[tuple[int, int], str], bytes | None]:
    """The IIM datasets as text, and the MD5 of the IIM block (None when the file has none)."""
    block = _iim_bytes(image)
    try:
        info = IptcImagePlugin.getiptcinfo(image)  # type: ignore[arg-type]
    except Exception as exc:  # malformed IIM raises SyntaxError/OSError
        raw.add("IPTC:Error", f"unreadable IPTC block ignored ({exc})")
        return {}, None
    digest = hashlib.md5(block).digest() if block else None
    if not info:
        return {}, digest
    charset = _first(info.get((1, 90)))
    utf8 = charset is not None and charset.startswith(UTF8_ESCAPE)
    values: dict[tuple[int, int], str] = {}
    for key, value in info.items():
        # Dataset 0 of each record is a binary version number, not text.
        if key[0] not in (1, 2) or key[1] == 0 or key == (1, 90):
            continue
        texts = [_decode_iim(item, utf8) for item in _all(value)]
        text = LIST_SEPARATOR.join(t for t in texts if t)
        values[key] = text
        raw.add(f"IPTC:{IPTC_NAMES.get(key, f'{key[0]}:{key[1]}')}", text)
    if charset is not None:
        raw.add("IPTC:CodedCharacterSet", "UTF8" if utf8 else repr(charset)[2:-1])
    return values, digest


def _photoshop_resources(image: Image.Image) -> Mapping[int, Any]:
    """The Photoshop image resources: parsed by Pillow for a JPEG, from their TIFF tag otherwise."""
    resources = image.info.get("photoshop")
    if isinstance(resources, dict):
        return resources
    data = _tiff_raw(image, TIFF_PHOTOSHOP)
    return _parse_irb(data) if data else {}


def _tiff_raw(image: Image.Image, tag: int) -> bytes | None:
    """A TIFF tag's bytes as stored: Photoshop types its IPTC and resource tags as numbers."""
    if image.format != "TIFF":
        return None
    data = getattr(getattr(image, "tag_v2", None), "_tagdata", {}).get(tag)
    return data if isinstance(data, bytes) else None


def _parse_irb(data: bytes) -> dict[int, bytes]:
    """A Photoshop image resource block ("8BIM" id, Pascal name, size, data, padded to even)."""
    resources: dict[int, bytes] = {}
    offset = 0
    while data[offset : offset + 4] == b"8BIM" and offset + 7 <= len(data):
        code = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
        offset += 6
        offset += 1 + data[offset]
        offset += offset & 1
        if offset + 4 > len(data):
            break
        size = struct.unpack(">I", data[offset : offset + 4])[0]
        offset += 4
        resources[code] = data[offset : offset + size]
        offset += size + (size & 1)
    return resources


def _iim_bytes(image: Image.Image) -> bytes | None:
    """The IIM block's bytes as stored, for its digest."""
    block = _photoshop_resources(image).get(IRB_IPTC) or _tiff_raw(image, TIFF_IPTC)
    return block if isinstance(block, bytes) and block else None


def _stored_digest(image: Image.Image) -> bytes | None:
    digest = _photoshop_resources(image).get(IRB_IPTC_DIGEST)
    return digest if isinstance(digest, bytes) and len(digest) == 16 else None


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
    match = re.match(
        r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?)?)?", text
    )
    if not match:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()
    tz = _offset(text) if hour else None
    return _build((year, month or "1", day or "1", hour or "", minute or "", second or "", _micro(fraction)), tz)


def _micro(fraction: str | None) -> str:
    """Decimal fractions of a second as microseconds ("45" -> "450000"); "" for none."""
    digits = (fraction or "").strip()
    return str(int(digits[:6].ljust(6, "0"))) if digits.isdigit() else ""


def _iptc_date(day: str, time: str) -> datetime | None:
    date_match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", day.strip())
    if not date_match:
        return None
    time_match = re.match(r"(\d{2}):?(\d{2}):?(\d{2})", time.strip())
    clock = time_match.groups() if time_match else ("", "", "")
    return _build((*date_match.groups(), *clock), _offset(time) if time_match else None)


def _exif_date(text: str, offset: str, subsec: str = "") -> datetime | None:
    """EXIF DateTimeOriginal with SubSecTimeOriginal and OffsetTimeOriginal, as ExifTool's SubSecDateTimeOriginal."""
    match = re.match(r"\s*(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})", text)
    if not match or match.group(1) == "0000":
        return None
    return _build((*match.groups(), _micro(subsec)), _offset(offset) if offset else None)
