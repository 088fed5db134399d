"""Reading Markdown files with YAML front matter, as Hugo, Jekyll and Pelican write them.

Everything here is about refusing bad input with one line the user can act
on: a file that is not UTF-8, holds binary junk, is implausibly large, or
whose front matter is broken YAML, a YAML bomb, or has a field of the wrong
type. Parsing is ``yaml.safe_load`` (no Python objects) on a size-capped
block, and anchors and aliases are refused outright: front matter never needs
them, and they are how a "billion laughs" file explodes in memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml

from workstation.errors import ImportRefused, ValidationError
from workstation.library.models import STATUSES
from workstation.photos.vocabulary import check_web_url
from workstation.regular_files import printable, read_regular_file

# A long feature is well under a megabyte of Markdown; beyond this it is not an article.
MAX_MARKDOWN_BYTES = 5 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_LIST_ITEMS = 100
MAX_TEXT_CHARS = 5000
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_EMPTY_FENCE = re.compile(r"\A---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_JEKYLL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|\Z)")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class ArticleSource:
    """An article's front matter, checked and typed; None means "not given"."""

    path: Path
    title: str
    slug: str
    body: str
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    date: datetime | None = None
    # ``updated:``: the last published change, the page's dateModified.
    updated: datetime | None = None
    status: str = "draft"
    summary: str | None = None
    tags: list[str] | None = None
    image: str | None = None
    image_alt: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None
    word_target: int = 0
    # The lead photo's rights as the front matter gives them, by photo field (see IMAGE_RIGHTS).
    image_rights: dict[str, str] = field(default_factory=dict)


@dataclass
class AuthorSource:
    """A ``type: author`` profile; the Markdown body is the bio."""

    path: Path
    name: str
    bio: str
    slug: str | None = None
    role: str | None = None
    email: str | None = None
    website: str | None = None
    location: str | None = None
    avatar: str | None = None
    social_links: list[dict[str, str]] | None = None


def read_text(path: Path) -> str:
    """The file's text; refuses what is not a regular file, too large, binary, or not UTF-8."""
    data = read_regular_file(path, MAX_MARKDOWN_BYTES, "an article")
    if b"\x00" in data:
        raise ImportRefused("holds binary data, not Markdown text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8 and import again"
        ) from None


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a mapping (empty when there is none) and the body."""
    empty = _EMPTY_FENCE.match(text)
    if empty:
        return {}, text[empty.end():]
    if not re.match(r"\A---[ \t]*\r?\n", text):
        return {}, text
    fence = _FENCE.match(text)
    if fence is None:
        raise ImportRefused("front matter starts with --- but never ends with a --- line")
    block = fence.group(1)
    if len(block.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ImportRefused(f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB")
    return _load_yaml(block), text[fence.end():]


def _load_yaml(block: str) -> dict[str, Any]:
    try:
        for event in yaml.parse(block, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ImportRefused("front matter uses YAML anchors or aliases, which are not accepted")
        data = yaml.load(block, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ImportRefused(f"broken YAML front matter{where} ({problem})") from None
    except RecursionError:
        raise ImportRefused("front matter is nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportRefused(f"front matter must be a set of key: value lines, not {_kind(data)}")
    return {str(key): value for key, value in data.items()}


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (date, datetime)):
        return "a date"
    return type(value).__name__


def text_field(data: dict[str, Any], key: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    """A one-value text field; numbers are accepted as text (a title "1984")."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ImportRefused(f"'{key}' must be text, not {_kind(value)}")
    text = str(value).strip()
    if len(text) > limit:
        raise ImportRefused(f"'{key}' is longer than {limit} characters")
    return text


def list_field(data: dict[str, Any], key: str) -> list[str] | None:
    """A list of names; one name on its own is a list of one."""
    value = data.get(key)
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_LIST_ITEMS:
        raise ImportRefused(f"'{key}' has more than {MAX_LIST_ITEMS} entries")
    names = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise ImportRefused(f"'{key}' must be a name or a list of names, not {_kind(item)}")
        name = " ".join(str(item).split())
        if len(name) > 300:
            raise ImportRefused(f"an entry of '{key}' is longer than 300 characters")
        if name:
            names.append(name)
    return names


def date_field(data: dict[str, Any], key: str) -> datetime | None:
    """A publication date with its time zone; a bare date or naive time is taken as UTC."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time(0, 0))
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            example = "2026-03-01T09:30:00+02:00"
            raise ImportRefused(f"'{key}' is not a date such as {example} (got {value[:40]!r})") from None
    else:
        raise ImportRefused(f"'{key}' must be a date, not {_kind(value)}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# The most words a target may ask for: a long read is some 20,000.
MAX_WORD_TARGET = 1_000_000


def word_target_field(data: dict[str, Any]) -> int:
    """The article's word target from ``target`` or ``word_target`` (both names are in use); 0 when absent."""
    keys = [key for key in ("target", "word_target") if data.get(key) is not None]
    if not keys:
        return 0
    key = keys[0]
    value = data[key]
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WORD_TARGET:
        raise ImportRefused(f"'{key}' must be a whole number of words from 0 to {MAX_WORD_TARGET:,}")
    return value


def _default_slug(path: Path) -> str:
    """Hugo and Jekyll take the slug from the file name (without a Jekyll date prefix).

    A name that is not UTF-8 is read with its odd bytes escaped (``caf\\xe9``).
    """
    stem = printable(path.stem)
    if stem in ("index", "_index"):
        stem = printable(path.parent.name)
    return _JEKYLL_DATE.sub("", stem)


# Front matter key -> the photo field it sets, with its length limit. The
# printed credit is then composed by the house style from creator and credit
# line, as for embedded metadata; ``image_credit`` still prints as typed.
IMAGE_RIGHTS = {
    "image_creator": ("creator", 300),
    "image_credit_line": ("credit_line", 500),
    "image_copyright": ("copyright_notice", 500),
    "image_source": ("source", 300),
    "image_license": ("web_statement", 1000),
    "image_licensor": ("licensor_url", 1000),
}
IMAGE_URL_KEYS = ("image_license", "image_licensor")


def _image_rights(data: dict[str, Any]) -> dict[str, str]:
    rights: dict[str, str] = {}
    for key, (name, limit) in IMAGE_RIGHTS.items():
        value = text_field(data, key, limit=limit)
        if not value:
            continue
        if key in IMAGE_URL_KEYS:
            try:
                value = check_web_url(f"'{key}'", value)
            except ValidationError as exc:
                raise ImportRefused(str(exc)) from None
        rights[name] = value
    return rights


def article_source(path: Path, data: dict[str, Any], body: str) -> ArticleSource:
    title = text_field(data, "title", limit=1000)
    if not title:
        heading = _HEADING.match(body)
        if heading:
            title, body = heading.group(1).strip(), body[heading.end():]
        else:
            title = _default_slug(path).replace("-", " ").replace("_", " ").strip().capitalize()
    status = text_field(data, "status") or "draft"
    if status.lower() not in STATUSES:
        raise ImportRefused(f"unknown status {status!r} (expected one of: {', '.join(STATUSES)})")
    authors = list_field(data, "authors")
    if authors is None:
        authors = list_field(data, "author")
    return ArticleSource(
        path=path,
        title=title,
        slug=text_field(data, "slug", limit=200) or _default_slug(path) or title,
        body=body.strip("\n") + "\n" if body.strip() else "",
        section=text_field(data, "section", limit=200) or None,
        authors=authors or [],
        date=date_field(data, "date"),
        updated=date_field(data, "updated"),
        status=status.lower(),
        summary=text_field(data, "summary"),
        tags=list_field(data, "tags"),
        image=text_field(data, "image", limit=1000) or None,
        image_alt=text_field(data, "image_alt"),
        image_caption=text_field(data, "image_caption"),
        image_credit=text_field(data, "image_credit", limit=500),
        word_target=word_target_field(data),
        image_rights=_image_rights(data),
    )


def _social_links(data: dict[str, Any]) -> list[dict[str, str]] | None:
    value = data.get("social_links")
    if value is None:
        return None
    if not isinstance(value, list) or not all(
        isinstance(item, dict) and all(isinstance(v, str) for v in item.values()) for item in value
    ):
        raise ImportRefused("'social_links' must be a list of {label, url} entries")
    return [{"label": str(item.get("label", "")), "url": str(item.get("url", ""))} for item in value]


def author_source(path: Path, data: dict[str, Any], body: str) -> AuthorSource:
    name = text_field(data, "name", limit=300)
    if not name:
        raise ImportRefused("an author profile needs a 'name'")
    return AuthorSource(
        path=path,
        name=name,
        bio=body.strip(),
        slug=text_field(data, "slug", limit=200) or None,
        role=text_field(data, "role", limit=200),
        email=text_field(data, "email", limit=320),
        website=text_field(data, "website", limit=2000),
        location=text_field(data, "location", limit=300),
        avatar=text_field(data, "avatar", limit=1000) or None,
        social_links=_social_links(data),
    )


def read_source(path: Path) -> ArticleSource | AuthorSource:
    """Read one Markdown file as an article or (``type: author``) an author profile."""
    data, body = split_front_matter(read_text(path))
    kind = text_field(data, "type")
    if kind is not None and kind.lower() == "author":
        return author_source(path, data, body)
    if kind is not None and kind.lower() not in ("article", "post", "page"):
        raise ImportRefused(f"unknown type {kind!r} (expected 'author' or none for an article)")
    return article_source(path, data, body)
