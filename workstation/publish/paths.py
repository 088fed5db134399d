"""Where every exported file goes, and the one gate every write passes.

A slug comes from a user (or an imported file) and is never trusted: it is
slugified again here, and every output path is resolved and checked to lie
inside the output folder before anything is written, so ``../../x`` or an
absolute path in a record can never reach outside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path, PurePosixPath

from workstation.content.slugs import slugify
from workstation.errors import PublishError, ValidationError
from workstation.library.base_url import validate_base_url

PAGE_SIZE = 20
MANIFEST_NAME = ".workstation-manifest.json"
JOURNAL_NAME = ".workstation-manifest.journal"
# The small record that vouches for a finished export without the manifest (``publish.export_record``).
CURRENT_NAME = ".workstation-current.json"
# The first folder (or file) of every path an export writes. Export deletes
# only paths under these, so a forged manifest can never name a user's own
# ``thesis.docx`` or ``notes/`` for removal.
SITE_ROOTS = frozenset({
    "index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt",
    "page", "articles", "section", "author", "tag", "images", "static", "ninjs", "news-sitemap.xml",
})


@lru_cache(maxsize=65536)
def safe_slug(slug: str) -> str:
    return slugify(slug or "")


def check_collisions(slugs: Iterable[str], path_of: Callable[[str], str], what: str) -> None:
    """Refuse two articles whose slugs slugify to one file (``what``: "page", "document")."""
    seen: dict[str, str] = {}
    for slug in slugs:
        path = path_of(slug)
        if path in seen:
            raise PublishError(f"articles {seen[path]!r} and {slug!r} would share the {what} {path}; change one slug")
        seen[path] = slug


def article_path(slug: str) -> str:
    return f"articles/{safe_slug(slug)}/index.html"


def section_path(slug: str, page: int = 1) -> str:
    base = f"section/{safe_slug(slug)}/"
    return base + ("index.html" if page <= 1 else f"page/{page}/index.html")


def author_path(slug: str, page: int = 1) -> str:
    base = f"author/{safe_slug(slug)}/"
    return base + ("index.html" if page <= 1 else f"page/{page}/index.html")


def tag_path(name: str, page: int = 1) -> str:
    """A tag's page, named by the tag's slugified name (tags are stored and shown by name)."""
    base = f"tag/{safe_slug(name)}/"
    return base + ("index.html" if page <= 1 else f"page/{page}/index.html")


def front_path(page: int = 1) -> str:
    return "index.html" if page <= 1 else f"page/{page}/index.html"


def relative_url(target: str, page: str) -> str:
    """A link from the page at ``page`` to ``target`` (both OUTDIR-relative).

    Relative links keep the site browsable straight from the disk and
    movable to any host or sub-folder without a rebuild.
    """
    depth = page.count("/")
    if not depth or not target.startswith(page[: page.find("/") + 1]):
        # No folder in common (most links: to another section, a picture, the stylesheet).
        return "../" * depth + target
    folders = page.split("/")[:-1]
    parts = target.split("/")
    shared = 0
    while shared < len(folders) and shared < len(parts) - 1 and folders[shared] == parts[shared]:
        shared += 1
    return "../" * (len(folders) - shared) + "/".join(parts[shared:])


def site_base_url(base_url: str | None) -> str:
    """The checked base URL for an export ("" for none); ``PublishError`` before anything is written."""
    try:
        return validate_base_url(base_url or "")
    except ValidationError as exc:
        raise PublishError(str(exc)) from None


def public_url(base_url: str, target: str) -> str:
    """The absolute address of ``target`` under ``base_url`` ("" when none is set).

    Directory indexes are shown as the folder, the form a web server answers.
    """
    if not base_url:
        return ""
    if target == "index.html":
        target = ""
    elif target.endswith("/index.html"):
        target = target[: -len("index.html")]
    return base_url.rstrip("/") + "/" + target


def is_site_path(relpath: str) -> bool:
    """Whether ``relpath`` is a path an export could have written (not whether it did)."""
    parts = PurePosixPath(relpath).parts
    return bool(parts) and parts[0] in SITE_ROOTS and not any(part.startswith(".") for part in parts)


def inside(outdir: Path, relpath: str) -> Path:
    """The absolute path for ``relpath``, refusing anything that escapes ``outdir``."""
    pure = PurePosixPath(relpath)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise PublishError(f"refused to write {relpath!r}: outside the output folder")
    root = outdir.resolve()
    target = (root / Path(*pure.parts)).resolve()
    if target == root or root not in target.parents:
        raise PublishError(f"refused to write {relpath!r}: outside the output folder")
    return target
