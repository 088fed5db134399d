"""The rights metadata written into every picture that leaves the library.

Published and exported files carry only what is built here from the photo
record: creator, credit, copyright, caption and usage terms, in EXIF and
XMP. Nothing is copied from the camera's own blocks, so GPS positions,
serial numbers, owner names and maker notes cannot leak by construction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image

from workstation.photos.credentials import source_xmp
from workstation.photos.culling import PHOTOMECHANIC_NS

ARTIST = 0x013B
COPYRIGHT = 0x8298
IMAGE_DESCRIPTION = 0x010E
# Characters XML 1.0 cannot hold at all, even escaped.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Field lengths (characters) that keep a worst-case packet inside one JPEG
# APP1 segment (64 KB) and EXIF text readable.
LIMITS = {
    "caption": 6000,
    "usage_terms": 4000,
    "creator": 500,
    "credit": 500,
    "copyright_notice": 500,
    "source_manifest": 300,
    "source_instance": 300,
}


@dataclass(frozen=True)
class RightsMetadata:
    creator: str = ""
    # The credit as printed (house style, or the typed override).
    credit: str = ""
    copyright_notice: str = ""
    caption: str = ""
    usage_terms: str = ""
    # The original's C2PA manifest label and instance id: a rendition cannot
    # carry the manifest, so its XMP names the original's as its source.
    source_manifest: str = ""
    source_instance: str = ""

    def bounded(self) -> RightsMetadata:
        """The same rights with XML-impossible characters removed and sizes capped."""
        return RightsMetadata(
            **{name: NOT_XML.sub("", getattr(self, name))[:limit].strip() for name, limit in LIMITS.items()}
        )


def _alt(value: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'


def xmp_packet(rights: RightsMetadata, extra: Sequence[str] = ()) -> bytes:
    """An XMP packet holding only the rights fields that have a value, then ``extra`` properties.

    ``extra`` is ready-made XML in the packet's namespaces (``xmp``,
    ``photomechanic`` for culling marks, see ``photos.culling``).
    """
    rights = rights.bounded()
    properties = source_xmp({"manifest": rights.source_manifest, "instance_id": rights.source_instance})
    if rights.creator:
        properties.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(rights.creator)}</rdf:li></rdf:Seq></dc:creator>")
    if rights.copyright_notice:
        properties.append(f"<dc:rights>{_alt(rights.copyright_notice)}</dc:rights>")
    if rights.caption:
        properties.append(f"<dc:description>{_alt(rights.caption)}</dc:description>")
    if rights.credit:
        properties.append(f"<photoshop:Credit>{escape(rights.credit)}</photoshop:Credit>")
    if rights.usage_terms:
        properties.append(f"<xmpRights:UsageTerms>{_alt(rights.usage_terms)}</xmpRights:UsageTerms>")
    properties.extend(extra)
    body = "\n".join(f"   {line}" for line in properties)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"\n'
        '    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"\n'
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


def rights_exif(rights: RightsMetadata, exif: Image.Exif | None = None) -> Image.Exif:
    """EXIF Artist, Copyright and ImageDescription set from the record.

    Written as UTF-8 bytes: Pillow would turn a Cyrillic ``str`` into
    question marks, and ExifTool, Photoshop and browsers read UTF-8 here.
    """
    exif = exif if exif is not None else Image.Exif()
    rights = rights.bounded()
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
