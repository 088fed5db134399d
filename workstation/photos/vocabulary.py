"""The controlled vocabularies of IPTC Photo Metadata 2025.1 a photo desk edits.

Digital Source Type says how an image was made (IPTC NewsCodes
``digitalsourcetype``); Data Mining says whether it may be mined, for AI
training or otherwise (the PLUS ``DMI`` codes). Files store the full URI;
tools write the bare code too, so reading accepts either and stores the URI.
Readers are told when an image was made or altered by generative AI.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from workstation.errors import ValidationError

SOURCE_TYPE_BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/"
DATA_MINING_BASE = "http://ns.useplus.org/ldf/vocab/"

# Code -> the name the desk shows, in the order the combo lists them.
SOURCE_TYPE_NAMES: dict[str, str] = {
    "digitalCapture": "Digital capture (camera)",
    "computationalCapture": "Computational capture (phone)",
    "negativeFilm": "Digitised from a negative",
    "positiveFilm": "Digitised from a slide",
    "print": "Digitised from a print",
    "minorHumanEdits": "Minor human edits",
    "humanEdits": "Human edits",
    "compositeCapture": "Composite of captured elements",
    "algorithmicallyEnhanced": "Algorithmically enhanced",
    "screenCapture": "Screen capture",
    "dataDrivenMedia": "Data-driven (chart, map)",
    "digitalArt": "Digital art by a person",
    "virtualRecording": "Virtual recording (game)",
    "compositeSynthetic": "Composite with synthetic elements",
    "algorithmicMedia": "Algorithmic, no AI training",
    "trainedAlgorithmicMedia": "AI-generated",
    "compositeWithTrainedAlgorithmicMedia": "AI-altered (composite with AI)",
}
# Made or altered by generative AI: labelled for readers.
AI_SOURCE_TYPES = frozenset(
    SOURCE_TYPE_BASE + code for code in ("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia")
)
AI_LABEL = "AI-generated image"

DATA_MINING_NAMES: dict[str, str] = {
    "DMI-UNSPECIFIED": "Unspecified (no prohibition defined)",
    "DMI-ALLOWED": "Allowed",
    "DMI-PROHIBITED-AIMLTRAINING": "Prohibited for AI/ML training",
    "DMI-PROHIBITED-GENAIMLTRAINING": "Prohibited for generative AI training",
    "DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING": "Prohibited except search indexing",
    "DMI-PROHIBITED": "Prohibited",
}
DEFAULT_DATA_MINING = DATA_MINING_BASE + "DMI-PROHIBITED-AIMLTRAINING"

SOURCE_TYPES: dict[str, str] = {SOURCE_TYPE_BASE + code: name for code, name in SOURCE_TYPE_NAMES.items()}
DATA_MINING: dict[str, str] = {DATA_MINING_BASE + code: name for code, name in DATA_MINING_NAMES.items()}


def _as_uri(value: str, base: str, codes: dict[str, str]) -> str:
    value = (value or "").strip()
    code = value.rsplit("/", 1)[-1]
    if code in codes and (value == code or value.partition("://")[2] == base.partition("://")[2] + code):
        return base + code
    return value


def source_type_uri(value: str) -> str:
    """A digital source type as its IPTC URI (a bare code or an https form is accepted); others as given."""
    return _as_uri(value, SOURCE_TYPE_BASE, SOURCE_TYPE_NAMES)


def data_mining_uri(value: str) -> str:
    """A data-mining value as its PLUS URI (a bare code is accepted); others as given."""
    return _as_uri(value, DATA_MINING_BASE, DATA_MINING_NAMES)


def is_ai_made(source_type: str) -> bool:
    return source_type_uri(source_type) in AI_SOURCE_TYPES


def source_type_name(value: str) -> str:
    """What the desk shows for a stored value: its readable name, or the value itself when unknown."""
    return SOURCE_TYPES.get(source_type_uri(value), value)


def _checked(label: str, uri: str, known: dict[str, str]) -> str:
    """``uri`` when it is one of ``known``, "" for none, or another web URI (a newer code) kept as given."""
    if not uri or uri in known:
        return uri
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https") and parts.netloc and not any(c.isspace() for c in uri) and len(uri) <= 200:
        return uri
    raise ValidationError(f"{label} {uri[:60]!r} is not one of the IPTC / PLUS codes")


def check_source_type(value: str) -> str:
    return _checked("digital source type", source_type_uri(value), SOURCE_TYPES)


def check_data_mining(value: str) -> str:
    return _checked("data mining", data_mining_uri(value), DATA_MINING)


def check_web_url(label: str, value: str) -> str:
    """A web statement or licensor address: "" or an absolute http(s) URL, as published in JSON-LD."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValidationError(f"{label} must be a web address starting with https:// (not {value[:60]!r})")
    if len(value) > 1000:
        raise ValidationError(f"{label} is too long ({len(value)} characters; at most 1000)")
    return value


def web_url_or_empty(value: str) -> str:
    """An imported URL kept only when it is a web address (a file may say anything)."""
    try:
        return check_web_url("address", value)
    except ValidationError:
        return ""
