"""The library's tables, as SQLAlchemy 2 typed models.

Photo originals and thumbnails live in their own one-to-one tables so that
listing, searching and scanning 20,000 photo records never drags megabytes
of BLOB pages through the cache; the bytes are loaded only when asked for.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    ColumnElement,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
    event,
    inspect,
    literal,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from workstation.content.text import clean_value
from workstation.library.statuses import STATUSES as STATUSES
from workstation.library.statuses import Status as Status
from workstation.library.stored import stored_datetime, stored_json


class TZDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as ISO 8601 text with its UTC offset.

    SQLite has no time zone type; storing the offset keeps the reporter's
    "09:00 Kyiv time" as typed instead of silently turning it into UTC.
    Naive values are taken as UTC.
    """

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.isoformat()

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return stored_datetime(value)


class JSONText(TypeDecorator[Any]):
    """JSON kept as text, so the file stays readable by any SQLite tool."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        return stored_json(value)


class _SlugKey(ColumnElement[str]):
    """A slug as slugs compare: ``X COLLATE NOCASE`` in SQLite, ``lower(X)`` on PostgreSQL.

    In SQLite the collation on the column alone decides the comparison, so
    the value side (``column=False``) stays as it is there.
    """

    inherit_cache = True
    _traverse_internals = [
        ("element", InternalTraversal.dp_clauseelement),
        ("column", InternalTraversal.dp_boolean),
    ]

    def __init__(self, element: Any, column: bool) -> None:
        self.element = literal(element, String()) if isinstance(element, str) else element
        self.column = column
        self.type = String()


@compiles(_SlugKey)
def _slug_key_sqlite(key: _SlugKey, compiler: SQLCompiler, **kw: Any) -> str:
    inner = compiler.process(key.element, **kw)
    return f"{inner} COLLATE NOCASE" if key.column else inner


@compiles(_SlugKey, "postgresql")
def _slug_key_postgresql(key: _SlugKey, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(key.element, **kw)})"


def slug_matches(column: Any, slug: str) -> ColumnElement[bool]:
    """``column`` holds ``slug``, ignoring case: one address, whatever its case.

    Exported pages land in folders named by slug, and case-insensitive file
    systems (and readers typing URLs) see "KYIV" and "kyiv" as one; the
    unique indexes on slugs compare the same way (migration 0004).
    """
    return _SlugKey(column, True) == _SlugKey(slug, False)


def slug_among(column: Any, slugs: list[str]) -> ColumnElement[bool]:
    """``column`` holds one of ``slugs``, ignoring case as ``slug_matches`` does."""
    return _SlugKey(column, True).in_([_SlugKey(slug, False) for slug in slugs])


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


article_tags = Table(
    "article_tags",
    Base.metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Section(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    articles: Mapped[list[Article]] = relationship(back_populates="section")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(200), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    website: Mapped[str] = mapped_column(String(2000), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    # [{"label": "Mastodon", "url": "https://..."}], http and https only.
    social_links: Mapped[list[dict[str, str]]] = mapped_column(JSONText, default=list)
    # A square image (PNG or JPEG bytes); None means the generated initials avatar.
    avatar: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, default=None)
    avatar_mime: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow, onupdate=utcnow)
    # Bumped by every update (``version_id_col``): a stale UPDATE matches no row and raises StaleDataError.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Who made this version (``Library.user``; stamped by ``users.stamp_changes``).
    updated_by: Mapped[str] = mapped_column(Text, default="", server_default="")

    bylines: Mapped[list[ArticleAuthor]] = relationship(
        back_populates="author", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}


class Photo(Base):
    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(50))
    # Display size, after EXIF orientation is applied.
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    original_filename: Mapped[str] = mapped_column(String(500), default="")

    caption: Mapped[str] = mapped_column(Text, default="")
    alt_text: Mapped[str] = mapped_column(Text, default="")
    headline: Mapped[str] = mapped_column(String(500), default="")
    creator: Mapped[str] = mapped_column(String(300), default="")
    # The agency / distributor part, e.g. "Anadolu Agency via Getty Images".
    credit_line: Mapped[str] = mapped_column(String(500), default="")
    # A credit typed on the record; wins over the house-style composition.
    credit_override: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    copyright_notice: Mapped[str] = mapped_column(String(500), default="")
    usage_terms: Mapped[str] = mapped_column(Text, default="")
    rights_expiry: Mapped[date | None] = mapped_column(Date, default=None)
    date_taken: Mapped[datetime | None] = mapped_column(TZDateTime, default=None, index=True)
    city: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(200), default="")
    # Keywords, one text joined by "; " (MWG's list-in-a-string separator).
    keywords: Mapped[str] = mapped_column(Text, default="", server_default="")
    # IPTC Photo Metadata 2025.1: the accessibility long description, the
    # digital source type and data-mining permission (controlled-vocabulary
    # URIs; an empty data mining means the house default), and the rights
    # statement and licensor pages that make an image licensable in search.
    extended_description: Mapped[str] = mapped_column(Text, default="", server_default="")
    digital_source_type: Mapped[str] = mapped_column(String(200), default="", server_default="")
    data_mining: Mapped[str] = mapped_column(String(200), default="", server_default="")
    web_statement: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    licensor_url: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    # Where crops (16:9, 4:3, 1:1) centre, as fractions of width and height.
    focal_x: Mapped[float] = mapped_column(Float, default=0.5)
    focal_y: Mapped[float] = mapped_column(Float, default=0.5)
    # Everything read from IPTC/XMP/EXIF at import, shown read-only.
    embedded_metadata: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
    # Culling marks (xmp:Rating, xmp:Label): stars 0-5, a colour label, and
    # 1 picked / -1 rejected / 0 neither (a reject is written as Rating -1).
    rating: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    color_label: Mapped[str] = mapped_column(String(30), default="", server_default="")
    pick: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # What the file's C2PA manifest said at import ({} when it had none): see photos.credentials.
    content_credentials: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict, server_default="{}")
    imported_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow, onupdate=utcnow)
    # Bumped by every update (``version_id_col``): a stale UPDATE matches no row and raises StaleDataError.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Who made this version (``Library.user``; stamped by ``users.stamp_changes``).
    updated_by: Mapped[str] = mapped_column(Text, default="", server_default="")

    # Only for writing a small original whole in one chunk (a test, a seed); the store reads and
    # writes originals chunk by chunk (``library.original_store``), and the database deletes them.
    original: Mapped[PhotoOriginal] = relationship(
        back_populates="photo", cascade="save-update, merge", lazy="raise", uselist=False, passive_deletes=True
    )
    thumbnail: Mapped[PhotoThumbnail] = relationship(
        back_populates="photo", cascade="all, delete-orphan", lazy="select", uselist=False
    )

    __table_args__ = (
        CheckConstraint("focal_x BETWEEN 0 AND 1 AND focal_y BETWEEN 0 AND 1", name="focal_in_frame"),
        CheckConstraint("width > 0 AND height > 0", name="positive_size"),
    )
    __mapper_args__ = {"version_id_col": version}


class PhotoOriginal(Base):
    """One chunk (at most ``original_store.CHUNK`` bytes) of the imported file, exactly as received.

    The chunks of a photo, in ``seq`` order from 0, are its original; it is
    hash-checked on read (``library.original_store``).
    """

    __tablename__ = "photo_originals"

    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary)

    photo: Mapped[Photo] = relationship(back_populates="original")


class PhotoThumbnail(Base):
    """A small JPEG for grids and pickers, made at import in draft mode."""

    __tablename__ = "photo_thumbnails"

    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)

    photo: Mapped[Photo] = relationship(back_populates="thumbnail")


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    headline: Mapped[str] = mapped_column(String(1000), default="")
    dek: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="SET NULL"), default=None, index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=Status.DRAFT.value, index=True)
    published_at: Mapped[datetime | None] = mapped_column(TZDateTime, default=None, index=True)
    # The last published change (publish, update, correction): the page's dateModified. Never an autosave's time.
    modified_at: Mapped[datetime | None] = mapped_column(TZDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow, onupdate=utcnow, index=True)
    seo_title: Mapped[str] = mapped_column(String(300), default="")
    seo_description: Mapped[str] = mapped_column(String(1000), default="")
    feature_photo_id: Mapped[int | None] = mapped_column(ForeignKey("photos.id", ondelete="SET NULL"), default=None)
    feature_caption: Mapped[str] = mapped_column(Text, default="")
    feature_alt: Mapped[str] = mapped_column(Text, default="")
    # Words the assignment asked for; 0 means no target.
    word_target: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Bumped by every update (``version_id_col``): a stale UPDATE matches no row and raises StaleDataError.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Who made this version (``Library.user``; stamped by ``users.stamp_changes``).
    updated_by: Mapped[str] = mapped_column(Text, default="", server_default="")

    section: Mapped[Section | None] = relationship(back_populates="articles")
    feature_photo: Mapped[Photo | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=article_tags, order_by="Tag.name")
    bylines: Mapped[list[ArticleAuthor]] = relationship(
        back_populates="article",
        order_by="ArticleAuthor.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="article",
        order_by="Revision.created_at",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="article",
        order_by="Correction.noted_at",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'editing', 'ready', 'published')", name="known_status"
        ),
        # What preflight reads of every article, in its order (migration 0018).
        Index("ix_articles_preflight", "status", "slug", "headline", "feature_photo_id", "feature_alt"),
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def authors(self) -> list[Author]:
        return [byline.author for byline in self.bylines]


class ArticleAuthor(Base):
    """One byline entry; ``position`` keeps the order the editor chose."""

    __tablename__ = "article_authors"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    author_id: Mapped[int] = mapped_column(
        ForeignKey("authors.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    article: Mapped[Article] = relationship(back_populates="bylines")
    author: Mapped[Author] = relationship(back_populates="bylines")


class Revision(Base):
    """A snapshot of an article's text and fields, restorable."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    # autosave, status, close, import, restore, manual, original, publish, unpublish, correction
    reason: Mapped[str] = mapped_column(String(20), default="autosave")
    # Words that go with a decision: the reason typed to override preflight, a correction's text.
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    headline: Mapped[str] = mapped_column(String(1000), default="")
    dek: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # The other article fields at that moment (slug, status, section, bylines...).
    fields: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
    # Who it was (``Library.user``, a name): "" in a library file nobody named.
    by_user: Mapped[str] = mapped_column(Text, default="", server_default="")

    article: Mapped[Article] = relationship(back_populates="revisions")


class Correction(Base):
    """A dated correction note, shown at the foot of the article and in its JSON-LD."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    noted_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    by_user: Mapped[str] = mapped_column(Text, default="", server_default="")

    article: Mapped[Article] = relationship(back_populates="corrections")


class User(Base):
    """Someone who works in the library or newsroom, by the name the desk shows ("Olena Marchenko")."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)


class RecordRevision(Base):
    """The losing side of a photo or author field conflict: the fields as the writer who lost had them.

    ``kind`` is "photo" or "author" and ``row_id`` that record's id, not a
    foreign key, so a kept version outlives its record and travels in a take-out.
    """

    __tablename__ = "record_revisions"
    __table_args__ = (Index("ix_record_revisions_kind_row", "kind", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    row_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    # conflict (lost to a concurrent edit), offline (lost at bring-back), restore (replaced by a restore)
    reason: Mapped[str] = mapped_column(String(20), default="conflict", server_default="conflict")
    by_user: Mapped[str] = mapped_column(Text, default="", server_default="")
    fields: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict, server_default="{}")


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class RenderedEntry(Base):
    """A rendered body or page, kept by the export so an unchanged one is not rendered again."""

    __tablename__ = "render_cache"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    html: Mapped[bytes] = mapped_column(LargeBinary)
    used_at: Mapped[int] = mapped_column(Integer)


class IngestTemplate(Base):
    """A metadata template applied to photos as they are imported (see ``library.ingest_templates``)."""

    __tablename__ = "ingest_templates"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    # {"caption": {"value": "...", "mode": "replace" | "append"}, ...}: the ticked fields only.
    fields: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)


class CodeReplacement(Base):
    """One Photo Mechanic code replacement: ``=code=`` typed in a text field becomes ``text``."""

    __tablename__ = "code_replacements"

    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class DictionaryWord(Base):
    """A word the newsroom added to the spell checker, kept with the library."""

    __tablename__ = "dictionary_words"

    word: Mapped[str] = mapped_column(String(200), primary_key=True)


_TEXT_COLUMNS: dict[type, tuple[str, ...]] = {}


def _text_columns(model: type) -> tuple[str, ...]:
    """The attributes of a model that hold text (String, Text and JSON columns)."""
    found = _TEXT_COLUMNS.get(model)
    if found is None:
        found = _TEXT_COLUMNS[model] = tuple(
            attribute.key
            for attribute in inspect(model).column_attrs
            if isinstance(attribute.columns[0].type, (String, JSONText))
        )
    return found


@event.listens_for(Session, "before_flush")
def _clean_text(session: Session, flush_context: Any, instances: Any) -> None:
    """Every text written to the library goes through ``content.text.clean_text`` first.

    The one place every way in passes (import, the desks, settings, the
    demo), so no control character, lone surrogate or noncharacter reaches
    the file, and none can break the feed, a page or a terminal later. Only
    values set in this session are looked at; nothing unloaded is fetched.
    """
    for record in (*session.new, *session.dirty):
        if not isinstance(record, Base):
            continue
        state = inspect(record)
        for key in _text_columns(type(record)):
            if key not in state.dict:
                continue
            if record not in session.new and not state.attrs[key].history.added:
                continue
            value = state.dict[key]
            cleaned = clean_value(value)
            if cleaned != value:
                setattr(record, key, cleaned)
