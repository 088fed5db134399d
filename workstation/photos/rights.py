"""The rights metadata written into every picture that leaves the library.

Published and exported files carry only what is built here from the photo
record: creator, credit line, source, copyright, caption, usage terms, the
licensing addresses (web statement, licensor), the place as city, region and
country (never a GPS position), keywords and the IPTC 2025 fields (alt text,
extended description, digital source type, data mining), in EXIF, XMP and
IPTC IIM. Nothing is copied from the camera's own blocks, so GPS positions,
serial numbers, owner names and maker notes cannot leak by construction.

IIM and XMP are written from the same values, and the IIM block's MD5 is
stored as the Photoshop IPTC digest, so a reader following the MWG rules
(``photos.metadata``) knows the two are in step.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from workstation.photos.credentials import source_xmp
from workstation.photos.culling import PHOTOMECHANIC_NS
from workstation.xml_text import xml_escape

if TYPE_CHECKING:
    from PIL import Image

# A list held in one text field (creators, keywords): MWG's "semicolon-space" separator.
LIST_SEPARATOR = "; "
ARTIST = 0x013B
COPYRIGHT = 0x8298
IMAGE_DESCRIPTION = 0x010E
# Characters XML 1.0 cannot hold at all, even escaped: the complement of its Char production
# (tab, newline, return, U+0020-D7FF, U+E000-FFFD, U+10000-10FFFF), spelled as what it leaves out:
# the same characters, but a class of a few small ranges compiles in a twentieth of the time of
# the negated class of huge ones (0.5 ms against 9, at every import of the export).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Field lengths (characters) that keep EXIF text readable and a packet near
# one JPEG APP1 segment; ``xmp_packet`` shortens the long texts further
# when escaping and multi-byte characters still make it too large.
LIMITS = {
    "caption": 6000,
    "usage_terms": 4000,
    "creator": 500,
    "credit_line": 500,
    "copyright_notice": 500,
    "source": 300,
    "web_statement": 1000,
    "licensor_url": 1000,
    "city": 200,
    "region": 200,
    "country": 200,
    "keywords": 2000,
    "alt_text": 2000,
    "extended_description": 4000,
    "digital_source_type": 200,
    "data_mining": 200,
    "source_manifest": 300,
    "source_instance": 300,
}
# The long texts shortened, in this order, when a packet would not fit a segment.
SHORTENED_FIRST = ("extended_description", "usage_terms", "caption", "keywords", "alt_text")
# What one JPEG APP1 segment holds after its XMP header, less room for the culling marks.
XMP_SEGMENT_ROOM = 0xFFFF - 2 - len(b"http://ns.adobe.com/xap/1.0/\x00") - 1024

PHOTOSHOP_HEADER = b"Photoshop 3.0\x00"
IPTC_RESOURCE = 0x0404
IPTC_DIGEST_RESOURCE = 0x0425
IIM_UTF8 = b"\x1b%G"
IIM_MAX_VALUE = 0x7FFF  # longer values need IIM's extended length form


@dataclass(frozen=True)
class RightsMetadata:
    creator: str = ""
    # The credit line (agency / distributor) as the record holds it, not the printed credit.
    credit_line: str = ""
    copyright_notice: str = ""
    caption: str = ""
    usage_terms: str = ""
    source: str = ""
    web_statement: str = ""
    licensor_url: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    # Joined by LIST_SEPARATOR.
    keywords: str = ""
    alt_text: str = ""
    extended_description: str = ""
    digital_source_type: str = ""
    data_mining: str = ""
    # The original's C2PA manifest label and instance id: a rendition cannot
    # carry the manifest, so its XMP names the original's as its source.
    source_manifest: str = ""
    source_instance: str = ""

    def bounded(self) -> RightsMetadata:
        """The same rights with XML-impossible characters removed and sizes capped."""
        return RightsMetadata(
            **{name: NOT_XML.sub("", getattr(self, name))[:limit].strip() for name, limit in LIMITS.items()}
        )

    def digest(self) -> str:
        """A short fingerprint of every value: a rendition made from other rights is another file."""
        text = "\x1f".join(getattr(self, f.name) for f in fields(self))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _alt(value: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(value)}</rdf:li></rdf:Alt>'


def _items(value: str) -> list[str]:
    """The items of a list held in one text (keywords), as MWG joins them."""
    return [item.strip() for item in value.split(LIST_SEPARATOR.strip()) if item.strip()]


def _properties(rights: RightsMetadata) -> list[str]:
    r = rights
    simple = (
        ("photoshop:Credit", r.credit_line),
        ("photoshop:Source", r.source),
        ("photoshop:City", r.city),
        ("photoshop:State", r.region),
        ("photoshop:Country", r.country),
        ("xmpRights:WebStatement", r.web_statement),
        ("Iptc4xmpExt:DigitalSourceType", r.digital_source_type),
        ("plus:DataMining", r.data_mining),
    )
    alternatives = (
        ("dc:rights", r.copyright_notice),
        ("dc:description", r.caption),
        ("xmpRights:UsageTerms", r.usage_terms),
        ("Iptc4xmpCore:AltTextAccessibility", r.alt_text),
        ("Iptc4xmpCore:ExtDescrAccessibility", r.extended_description),
    )
    properties = source_xmp({"manifest": r.source_manifest, "instance_id": r.source_instance})
    if r.creator:
        properties.append(f"<dc:creator><rdf:Seq><rdf:li>{xml_escape(r.creator)}</rdf:li></rdf:Seq></dc:creator>")
    properties += [f"<{name}>{_alt(value)}</{name}>" for name, value in alternatives if value]
    properties += [f"<{name}>{xml_escape(value)}</{name}>" for name, value in simple if value]
    if keywords := _items(r.keywords):
        listed = "".join(f"<rdf:li>{xml_escape(k)}</rdf:li>" for k in keywords)
        properties.append(f"<dc:subject><rdf:Bag>{listed}</rdf:Bag></dc:subject>")
    if r.licensor_url:
        properties.append(
            "<plus:Licensor><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
            f"<plus:LicensorURL>{xml_escape(r.licensor_url)}</plus:LicensorURL>"
            "</rdf:li></rdf:Seq></plus:Licensor>"
        )
    if r.web_statement or r.licensor_url:
        properties.append("<xmpRights:Marked>True</xmpRights:Marked>")
    return properties


def _packet(rights: RightsMetadata, extra: Sequence[str] = ()) -> bytes:
    body = "\n".join(f"   {line}" for line in [*_properties(rights), *extra])
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"\n'
        '    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"\n'
        '    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"\n'
        '    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"\n'
        '    xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"\n'
        '    xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#"\n'
        '    xmlns:dcterms="http://purl.org/dc/terms/"\n'
        f'    xmlns:photomechanic="{PHOTOMECHANIC_NS}">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def fitted(rights: RightsMetadata) -> RightsMetadata:
    """The bounded rights, with the long texts halved in turn until the XMP packet fits one JPEG segment.

    Only hostile or pasted-by-accident texts come near: a real caption is
    kept whole. IIM and EXIF are written from the same fitted values, so the
    blocks stay in step.
    """
    rights = rights.bounded()
    while len(_packet(rights)) > XMP_SEGMENT_ROOM:
        name = max(SHORTENED_FIRST, key=lambda n: len(getattr(rights, n).encode("utf-8")))
        value = getattr(rights, name)
        rights = replace(rights, **{name: value[: len(value) // 2].strip()})
    return rights


def xmp_packet(rights: RightsMetadata, extra: Sequence[str] = ()) -> bytes:
    """An XMP packet holding only the rights fields that have a value, then ``extra`` properties.

    ``extra`` is ready-made XML in the packet's namespaces (``xmp``,
    ``photomechanic`` for culling marks, see ``photos.culling``): a few
    short properties, so the fitted rights leave room for them.
    """
    return _packet(fitted(rights), extra)


def rights_exif(rights: RightsMetadata, exif: Image.Exif | None = None) -> Image.Exif:
    """EXIF Artist, Copyright and ImageDescription set from the record.

    Written as UTF-8 bytes: Pillow would turn a Cyrillic ``str`` into
    question marks, and ExifTool, Photoshop and browsers read UTF-8 here.
    """
    # Pillow (15-20 ms to import) only when a picture is written: every export reads the rights of its
    # photos (``RightsMetadata``), and one whose pictures are all made writes none.
    from PIL import Image

    exif = exif if exif is not None else Image.Exif()
    rights = fitted(rights)
    for tag, value in (
        (ARTIST, rights.creator),
        (COPYRIGHT, rights.copyright_notice),
        (IMAGE_DESCRIPTION, rights.caption),
    ):
        if value:
            exif[tag] = value.encode("utf-8")
        elif tag in exif:
            del exif[tag]
    return exif


def iim_block(rights: RightsMetadata) -> bytes:
    """IPTC IIM records 1 and 2 for the rights, declared UTF-8 (ESC % G).

    No IIM reader (IPTC IIM 4.2, section 1.5) has a place for the licensing
    addresses or the IPTC 2025 fields: those live in XMP alone.
    """
    rights = fitted(rights)
    block = _dataset(1, 0, b"\x00\x04") + _dataset(1, 90, IIM_UTF8) + _dataset(2, 0, b"\x00\x04")
    for keyword in _items(rights.keywords):
        block += _dataset(2, 25, _utf8_prefix(keyword, IIM_MAX_VALUE))
    for number, value in (
        (80, rights.creator),  # By-line
        (90, rights.city),  # City
        (95, rights.region),  # Province-State
        (101, rights.country),  # Country-PrimaryLocationName
        (110, rights.credit_line),  # Credit
        (115, rights.source),  # Source
        (116, rights.copyright_notice),  # CopyrightNotice
        (120, rights.caption),  # Caption-Abstract
    ):
        if value:
            block += _dataset(2, number, _utf8_prefix(value, IIM_MAX_VALUE))
    return block


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return bytes((0x1C, record, number)) + struct.pack(">H", len(value)) + value


def _utf8_prefix(text: str, limit: int) -> bytes:
    """At most ``limit`` bytes of UTF-8, never cutting a character in half."""
    encoded = text.encode("utf-8")
    return encoded if len(encoded) <= limit else encoded[:limit].decode("utf-8", "ignore").encode("utf-8")


def _resource(code: int, data: bytes) -> bytes:
    resource = b"8BIM" + struct.pack(">H", code) + b"\x00\x00" + struct.pack(">I", len(data)) + data
    return resource + (b"\x00" if len(data) % 2 else b"")


def photoshop_segment(iim: bytes) -> bytes:
    """An APP13 payload: the IPTC-NAA resource and its MD5 digest (XMP and IIM written together)."""
    return PHOTOSHOP_HEADER + _resource(IPTC_RESOURCE, iim) + _resource(IPTC_DIGEST_RESOURCE, hashlib.md5(iim).digest())


def with_iim(jpeg: bytes, rights: RightsMetadata) -> bytes:
    """A JPEG Pillow wrote, with the rights' IIM block in an APP13 segment after its other APPn segments."""
    position = 2
    while position + 4 <= len(jpeg) and jpeg[position] == 0xFF and 0xE0 <= jpeg[position + 1] <= 0xEF:
        position += 2 + struct.unpack(">H", jpeg[position + 2 : position + 4])[0]
    payload = photoshop_segment(iim_block(rights))
    if len(payload) > 0xFFFF - 2:
        raise ValueError("the IIM block is too large for a JPEG segment")
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:position] + segment + jpeg[position:]
