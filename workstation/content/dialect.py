"""The Markdown dialect: Python-Markdown plus the newsroom's three extensions.

Python-Markdown with ``smarty`` (typographic quotes and dashes), ``tables``,
``footnotes``, ``attr_list`` and ``fenced_code``, plus:

* a photo reference alone in its paragraph, ``![alt](photo:12 "caption")``,
  becomes a ``<figure>`` (``figure_html``); anywhere else, an inline image;
* a YouTube or Vimeo address alone on its line becomes a video card;
* ``[[slug]]`` alone on its line becomes a related-article card, and inline
  a link to the article;
* headings get stable ids from their text (transliterated like slugs).

What the dialect builds from resolver values (figures, cards, links, video
cards) never passes through the user's HTML: each is parked in a *slot*, a
placeholder no input can forge (see ``Slots``), and filled in after the rest
of the output has been sanitised. Since only the slots depend on the
resolver, one parse serves several (``Dialect.render_for``: an article's
page and its feed entry link the same pictures from different places). The input is cleaned by ``clean_text``
first, and the output again after the sanitiser has decoded character
references, so neither holds a control character or noncharacter.

One ``Dialect`` owns one ``Markdown`` instance and is reused render after
render (building the instance costs more than rendering a paragraph); it
is not thread-safe, so each thread keeps its own.
"""

from __future__ import annotations

import re
import secrets
import xml.etree.ElementTree as etree
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import NamedTuple

import markdown
from markdown.blockparser import BlockParser, State
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension, FootnoteTreeprocessor
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import unescape
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from workstation.content.block_needs import skip_hopeless_processors
from workstation.content.bounds import (
    HeadTableProcessor,
    InlineBudget,
    LinearInlineProcessor,
    neutral_angles,
    restore_angles,
)
from workstation.content.components import (
    article_link_html,
    card_html,
    figure_html,
    inline_image_html,
    missing_card_html,
    missing_figure_html,
    poster_html,
)
from workstation.content.references import SLUG_PATTERN, parse_photo_ref, photo_ref
from workstation.content.remote_images import is_remote
from workstation.content.sanitise import RESERVED_ID_PREFIX, clean_fragment, safe_url
from workstation.content.slugs import slugify
from workstation.content.text import clean_text
from workstation.content.video import video_card_html, video_line
from workstation.content.views import NullResolver, Resolver

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

SLOT_OPEN, SLOT_CLOSE = "\ufdd1", "\ufdd2"
_SLOT = re.compile(
    f"<p>{SLOT_OPEN}([0-9a-f]{{16}}):(\\d{{1,9}}){SLOT_CLOSE}</p>|{SLOT_OPEN}([0-9a-f]{{16}}):(\\d{{1,9}}){SLOT_CLOSE}"
)
_CARD_LINE = re.compile(rf"[ ]{{0,3}}\[\[({SLUG_PATTERN})\]\][ \t]*")
_IMAGE_LINE = re.compile(
    r"[ ]{0,3}!\[[^\[\]\n]*\](?:\((?:[^()\n]|\([^()\n]*\))*+\)|\[[^\[\]\n]*\])[ \t]*(?:\{[^{}\n]*\})?[ \t]*"
)
_NOTE_CITATION = re.compile(r"\[\^([^\]\n]+)\]")
_CLASS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_HEADING_ID = re.compile(r'(<h[1-6]\b[^>]*?\sid=")([^"]+)(")')
# Python-Markdown's preprocessors that hand every line back unchanged unless the text holds
# one of these: with no fence there is no fenced block, and the raw-HTML one only rewrites
# tags, comments and character references (each needs a "<" or an "&").
_PREPROCESSOR_NEEDS = {"fenced_code_block": ("```", "~~~"), "html_block": ("<", "&")}


# Markup made from what a resolver answers: a slot's content, made when the slots are filled.
Deferred = Callable[[Resolver], str]


class Slots:
    """Trusted markup held out of the sanitiser until the user's part is clean.

    A slot's marker is a token fresh for every render between two Unicode
    noncharacters: ``clean_text`` strips those from every input, and a
    forged one spelled as character references (which the sanitiser
    decodes) cannot guess the token. A slot holds how to make its markup
    from a resolver, so one parse can be filled for several.
    """

    def __init__(self) -> None:
        self.items: list[Deferred] = []
        self.token = secrets.token_hex(8)

    def add(self, make: Deferred) -> str:
        self.items.append(make)
        return f"{SLOT_OPEN}{self.token}:{len(self.items) - 1}{SLOT_CLOSE}"

    def fill(self, html: str, resolver: Resolver) -> str:
        """``html`` with this render's markers replaced by their markup from ``resolver``, and any other marker removed.

        Every slot's markup is made, in the order the slots were added,
        whether or not its marker is still in ``html``: the resolver is asked
        the same questions, in the same order, whatever the sanitiser kept.
        """
        made = [make(resolver) for make in self.items]

        def put(match: re.Match[str]) -> str:
            token, index = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            number = int(index)
            return made[number] if token == self.token and number < len(made) else ""

        return _SLOT.sub(put, html) if SLOT_OPEN in html else html


def dedupe_heading_ids(html: str, seen: dict[str, int]) -> str:
    """Give repeated heading ids a -2, -3… suffix, remembering every id in ``seen``.

    Run over a whole body, or over its blocks in order with one ``seen``,
    it gives the same ids, which is what keeps the live preview's per-block
    rendering identical to the export's.
    """
    def rename(match: re.Match[str]) -> str:
        base = match.group(2)
        if base not in seen:
            seen[base] = 1
            return match.group(0)
        number = seen[base]
        while True:
            number += 1
            candidate = f"{base}-{number}"
            if candidate not in seen:
                break
        seen[base] = number
        seen[candidate] = 1
        return f"{match.group(1)}{candidate}{match.group(3)}"

    return _HEADING_ID.sub(rename, html) if "<h" in html else html


def heading_ids(html: str) -> list[str]:
    return [match.group(2) for match in _HEADING_ID.finditer(html)] if "<h" in html else []


def _line_kind(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if stripped.startswith("[[") and _CARD_LINE.fullmatch(line):
        return "card"
    if stripped.startswith("!") and _IMAGE_LINE.fullmatch(line):
        return "image"
    if stripped.startswith(("http", "<http")) and video_line(stripped) is not None:
        return "video"
    return None


class StandaloneLineProcessor(BlockProcessor):
    """Video addresses, ``[[slug]]`` cards and images that stand alone on their line.

    A paragraph holding such a line is split around it, so a writer who
    pastes a video address on the line under their text still gets a card.
    A lone image line is left to the paragraph processor (the figure tree
    processor turns it into a figure).
    """

    def __init__(self, parser: BlockParser, dialect: DialectExtension) -> None:
        super().__init__(parser)
        self.dialect = dialect

    def _find(self, block: str) -> tuple[int, str] | None:
        if "[[" not in block and "!" not in block and "http" not in block:
            return None  # every kind of standalone line starts with one of these (``_line_kind``)
        lines = block.split("\n")
        for index, line in enumerate(lines):
            kind = _line_kind(line)
            if kind and not (kind == "image" and len(lines) == 1):
                return index, kind
        return None

    def test(self, parent: etree.Element, block: str) -> bool:
        return self._find(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0)
        found = self._find(block)
        if found is None:
            blocks.insert(0, block)
            return False
        index, kind = found
        lines = block.split("\n")
        before, line, after = "\n".join(lines[:index]), lines[index], "\n".join(lines[index + 1 :])
        if before.strip():
            self.parser.parseBlocks(parent, [before])
        if kind == "image":
            self.parser.parseBlocks(parent, [line.strip()])
        else:
            holder = etree.SubElement(parent, "p")
            holder.text = self.dialect.slots.add(partial(_line_markup, kind, line.strip()))
        if after.strip():
            blocks.insert(0, after)
        return True


def _line_markup(kind: str, line: str, resolver: Resolver) -> str:
    """A video card or a related-article card, from a line ``_line_kind`` accepted."""
    if kind == "video":
        found = video_line(line)
        assert found is not None  # _line_kind accepted it
        view = resolver.figure(found.poster) if found.poster else None
        return video_card_html(found.video, found.title, poster_html(view) if view is not None else "")
    slug = line[2:-2]
    card = resolver.card(slug)
    return card_html(card) if card is not None else missing_card_html(slug)


def _article_link(slug: str, resolver: Resolver) -> str:
    return article_link_html(slug, resolver.link(slug))


def _image_markup(photo_id: int | None, src: str, alt: str, title: str, classes: tuple[str, ...] | None,
                  resolver: Resolver) -> str:
    """A figure (``classes`` given: the image is alone in its paragraph), or an inline image."""
    view = resolver.figure(photo_ref(photo_id)) if photo_id is not None else None
    if classes is None:
        return inline_image_html(view, src, alt)
    if view is not None:
        return figure_html(view, ref=src, alt=alt, caption=title, classes=classes)
    return missing_figure_html(src, caption=title or alt)


class ArticleLinkProcessor(InlineProcessor):
    """``[[slug]]`` inside running text: a plain link to the article."""

    def __init__(self, dialect: DialectExtension) -> None:
        super().__init__(rf"\[\[({SLUG_PATTERN})\]\]")
        self.dialect = dialect

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return self.dialect.slots.add(partial(_article_link, m.group(1))), m.start(0), m.end(0)


class FigureTreeprocessor(Treeprocessor):
    """Photo references become figures (alone in a paragraph) or inline images."""

    def __init__(self, md: markdown.Markdown, dialect: DialectExtension) -> None:
        super().__init__(md)
        self.dialect = dialect

    def run(self, root: etree.Element) -> None:
        found = [(parent, child) for parent in root.iter() for child in parent if child.tag == "img"]
        for parent, img in found:
            # Backslash escapes are still placeholders here; the slot is built from the real text.
            src = unescape(img.get("src", ""))
            alt = unescape(img.get("alt", ""))
            title = unescape(img.get("title", ""))
            alone = (
                parent.tag == "p"
                and len(parent) == 1
                and not (parent.text or "").strip()
                and not (img.tail or "").strip()
            )
            photo_id = parse_photo_ref(src)
            if photo_id is None and is_remote(safe_url(src)):
                # Left to the sanitiser, which makes it a link (``remote_images.unfetched``).
                continue
            self.dialect.images.append(ImageUse(src, alt))
            classes = (
                tuple(name for name in img.get("class", "").split() if _CLASS_NAME.fullmatch(name)) if alone else None
            )
            self._replace(parent, img, self.dialect.slots.add(partial(_image_markup, photo_id, src, alt, title, classes)))

    @staticmethod
    def _replace(parent: etree.Element, child: etree.Element, text: str) -> None:
        index = list(parent).index(child)
        tail = child.tail or ""
        if index == 0:
            parent.text = (parent.text or "") + text + tail
        else:
            before = parent[index - 1]
            before.tail = (before.tail or "") + text + tail
        parent.remove(child)


class HeadingIdTreeprocessor(Treeprocessor):
    """Stable heading ids from the heading's words, so links to a section survive edits elsewhere."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in HEADING_TAGS and "id" not in element.attrib:
                element.set("id", self.heading_id(self._text(element)))

    def heading_id(self, text: str) -> str:
        plain = _SLOT.sub("", unescape(HTML_PLACEHOLDER_RE.sub(self._stashed_text, text)))
        slug = slugify(plain, 60, fallback="section")
        return f"h-{slug}" if slug.startswith(RESERVED_ID_PREFIX) else slug

    def _stashed_text(self, match: re.Match[str]) -> str:
        """The words of raw HTML Python-Markdown has stashed away from the heading."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        raw = str(blocks[index]) if index < len(blocks) else ""
        return re.sub(r"<[^>]*>|&[#a-zA-Z0-9]+;", "", raw)

    def _text(self, element: etree.Element) -> str:
        parts = [element.text or ""]
        for child in element:
            if not (child.tag == "sup" and child.get("id", "").startswith("fnref")):
                parts.append(self._text(child))
            parts.append(child.tail or "")
        return "".join(parts)


class NotesExtension(FootnoteExtension):
    """Footnotes, numbered in definition order, whose list can be held back.

    The block renderer renders each block with every definition of the
    document loaded but without the list, and renders the list once as its
    own last block; ``seed`` carries how often each note was referenced in
    earlier blocks so repeated references get the ids a full render gives.
    """

    def __init__(self) -> None:
        super().__init__(BACKLINK_TEXT="&#8617;&#xFE0E;")
        self.emit = True

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_NotesListTreeprocessor(self), "footnote", 50)

    def seed(self, counts: dict[str, int]) -> None:
        for label, number in counts.items():
            if number > 0:
                self.found_refs[self.makeFootnoteRefId(label)] = number
                self.used_refs.add(self.makeFootnoteRefId(label))
                for index in range(2, number + 1):
                    self.used_refs.add(f"fnref{index}{self.get_separator()}{label}")

    def counts(self) -> dict[str, int]:
        prefix = self.makeFootnoteRefId("")
        return {key[len(prefix) :]: value for key, value in self.found_refs.items() if key.startswith(prefix)}


class _NotesListTreeprocessor(FootnoteTreeprocessor):
    def run(self, root: etree.Element) -> None:
        if self.footnotes.emit:
            super().run(root)


class ImageUse(NamedTuple):
    """An image a render resolves through the library (or marks missing): its reference and alt text."""

    ref: str
    alt: str


class DialectExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.resolver: Resolver = NullResolver()
        self.slots = Slots()
        self.images: list[ImageUse] = []

    def begin(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.slots = Slots()
        self.images = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)
        skip_hopeless_processors(md.parser)
        md.parser.blockprocessors.register(StandaloneLineProcessor(md.parser, self), "ws-standalone", 12)
        md.inlinePatterns.register(ArticleLinkProcessor(self), "ws-article-link", 176)
        md.treeprocessors.register(InlineBudget(md), "ws-inline-budget", 30)
        md.treeprocessors.register(LinearInlineProcessor(md), "inline", 20)
        smarty = LinearInlineProcessor(md)
        smarty.inlinePatterns = md.treeprocessors["smarty"].inlinePatterns
        md.treeprocessors.register(smarty, "smarty", 6)
        stock = md.parser.blockprocessors["table"]
        md.parser.blockprocessors.register(HeadTableProcessor(md.parser, stock.config), "table", 75)
        md.treeprocessors.register(FigureTreeprocessor(md, self), "ws-figures", 7.5)
        md.treeprocessors.register(HeadingIdTreeprocessor(md), "ws-heading-ids", 7)


@dataclass(frozen=True)
class Definitions:
    """Reference-link and footnote definitions, as a document (or one block of it) makes them."""

    links: tuple[tuple[str, tuple[str, str | None]], ...] = ()
    notes: tuple[tuple[str, str], ...] = ()

    @cached_property
    def link_map(self) -> dict[str, tuple[str, str | None]]:
        """The links as the dict Python-Markdown reads, built once and shared by every block (read only)."""
        return dict(self.links)

    @cached_property
    def note_map(self) -> OrderedDict[str, str]:
        return OrderedDict(self.notes)

    @staticmethod
    def merge_all(parts: list[Definitions]) -> Definitions:
        """The sets in document order, as Python-Markdown merges them: a later definition replaces an earlier one in place."""
        links: dict[str, tuple[str, str | None]] = {}
        notes: OrderedDict[str, str] = OrderedDict()
        for part in parts:
            links.update(part.links)
            notes.update(part.notes)
        return Definitions(tuple(links.items()), tuple(notes.items()))


@dataclass
class Rendered:
    html: str
    note_counts: dict[str, int] = field(default_factory=dict)


class Dialect:
    def __init__(self) -> None:
        self.extension = DialectExtension()
        self.notes = NotesExtension()
        # Instances, not names: a name makes Markdown scan every installed package's entry points.
        self.md = markdown.Markdown(
            extensions=[
                SmartyExtension(), TableExtension(), self.notes, AttrListExtension(), FencedCodeExtension(),
                self.extension,
            ],
            output_format="html",
        )
        registry = self.md.preprocessors
        needs = {id(registry[name]): marks for name, marks in _PREPROCESSOR_NEEDS.items() if name in registry}
        self.preprocessors = [(preprocessor, needs.get(id(preprocessor), ())) for preprocessor in registry]

    def _begin(self, resolver: Resolver) -> None:
        self.md.references = {}  # never clear a shared ``Definitions.link_map``
        self.md.reset()
        self.md.parser.state = State()
        self.extension.begin(resolver)

    def _parse(self, text: str) -> etree.Element:
        text = neutral_angles(text)
        lines = text.split("\n")
        for preprocessor, needs in self.preprocessors:
            if not needs or any(need in text for need in needs):
                lines = preprocessor.run(lines)
        return self.md.parser.parseDocument(lines).getroot()

    def _finish(self, root: etree.Element) -> str:
        """What ``Markdown.convert`` does after parsing, then the sanitiser, then the slots."""
        return self._filled(self._sanitised(root), self.extension.resolver)

    def _filled(self, html: str, resolver: Resolver) -> str:
        return clean_text(self.extension.slots.fill(html, resolver))

    def _sanitised(self, root: etree.Element) -> str:
        """What ``Markdown.convert`` does after parsing, then the sanitiser: the fragment with its slots still to fill."""
        md = self.md
        for treeprocessor in md.treeprocessors:
            replaced = treeprocessor.run(root)
            if replaced is not None:
                root = replaced
        output = md.serializer(root)
        start = output.find(f"<{md.doc_tag}>")
        end = output.rfind(f"</{md.doc_tag}>")
        output = output[start + len(md.doc_tag) + 2 : end].strip() if start >= 0 and end >= 0 else ""
        for postprocessor in md.postprocessors:
            output = postprocessor.run(output)
        return clean_fragment(restore_angles(output.strip()))

    def render(self, text: str, resolver: Resolver) -> str:
        """The whole body as one sanitised fragment, footnotes list at the end."""
        return self.render_for(text, [resolver])[0]

    def render_for(self, text: str, resolvers: Sequence[Resolver]) -> list[str]:
        """``render`` with each of ``resolvers``, from one parse: only the slots differ between them."""
        if not text.strip():
            return ["" for _ in resolvers]
        self._begin(NullResolver())
        self.notes.emit = True
        html = self._sanitised(self._parse(text))
        return [dedupe_heading_ids(self._filled(html, resolver), {}) for resolver in resolvers]

    def image_uses(self, text: str) -> list[ImageUse]:
        """Every image a full render of ``text`` takes from the library, in order, from the render's own parse."""
        if not text.strip():
            return []
        self._begin(NullResolver())
        self.notes.emit = True
        self._finish(self._parse(text))
        return list(self.extension.images)

    def definitions(self, text: str) -> Definitions:
        """The link and footnote definitions ``text`` makes, found by Python-Markdown's own parser."""
        self._begin(NullResolver())
        root = self._parse(text)
        if self.notes.footnotes:
            # A note's own text may define links; a full render parses it before resolving any.
            self.notes.makeFootnotesDiv(root)
        return Definitions(tuple(self.md.references.items()), tuple(self.notes.footnotes.items()))

    def render_block(self, text: str, resolver: Resolver, definitions: Definitions, seen_notes: dict[str, int]) -> Rendered:
        """One block of a document, with the whole document's definitions and no footnotes list."""
        self._begin(resolver)
        root = self._parse(text)
        # Loading every definition of the document and every earlier count
        # per block made rendering quadratic in blocks: the maps are shared,
        # and only the notes this block cites are seeded.
        self.md.references = definitions.link_map
        self.notes.footnotes = definitions.note_map
        cited = set(_NOTE_CITATION.findall(text)) if "[^" in text else set()
        self.notes.seed({label: seen_notes[label] for label in cited if label in seen_notes})
        self.notes.emit = False
        html = self._finish(root)
        counts = {label: number - seen_notes.get(label, 0) for label, number in self.notes.counts().items()}
        return Rendered(html, {label: number for label, number in counts.items() if number > 0})

    def render_notes(self, resolver: Resolver, definitions: Definitions, counts: dict[str, int]) -> str:
        """The footnotes list a full render of the document would end with ("" when it has none)."""
        if not definitions.notes:
            return ""
        self._begin(resolver)
        self.notes.footnotes = OrderedDict(definitions.notes)
        self.notes.seed(counts)
        self.notes.emit = True
        return self._finish(etree.Element(self.md.doc_tag))
