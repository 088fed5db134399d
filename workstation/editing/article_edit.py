"""The rules for one article open on a desk, kept out of the desk.

What "unsaved" means (the fields shown are not what the file holds), how
soon typing is saved (``AUTOSAVE_AFTER_S``), when an autosave also keeps a
revision (``REVISION_EVERY_S``), which revision a close keeps, and what
Undo and Redo of a restore write. The desk reports what it shows and
shows what comes back.

Every save names the version and fields this desk last had from the file,
so a save after someone else's is merged, never written over theirs
(``articles.save_article``). A conflict is held (``conflict``) until the
desk resolves it; meanwhile autosaves keep the words aside as revisions and
``should_ask`` says when to ask the person again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from workstation.content.merge import Choice
from workstation.editing.articles import (
    Conflicted,
    OpenedArticle,
    Restored,
    RestorePoint,
    Saved,
    restore_revision,
    save_article,
    tag_key,
    write_restore_side,
)
from workstation.errors import ValidationError
from workstation.library.article_state import ArticleState
from workstation.library.database import Library

# Typing is saved this long after the last keystroke: a killed process loses at most this much.
AUTOSAVE_AFTER_S = 1.0
# While typing, an autosave also keeps a revision at most this often (seconds).
REVISION_EVERY_S = 300.0


class ArticleEdit:
    """The rules for one article open on a desk, without the desk.

    The desk reports what it shows (an ``ArticleState``) and shows what
    comes back; this object decides whether a save is needed, which
    revision it keeps, and what Undo of a restore writes.
    """

    def __init__(self, library: Library, opened: OpenedArticle, clock: Callable[[], float] = time.monotonic) -> None:
        self.library = library
        self.article_id = opened.article_id
        self.stored = opened.state
        self.version = opened.version
        self.conflict: Conflicted | None = None
        self._asked_about: int | None = None
        self.edited = False
        self.body_cleared = False
        self.restore_point: RestorePoint | None = None
        self._clock = clock
        self._last_revision = clock()

    def is_dirty(self, shown: ArticleState) -> bool:
        """Unsaved means: what the desk shows is not what the file holds.

        Tags compare as a set, and publication times to the second (the
        desk's date field keeps no microseconds).
        """
        return _comparable(shown) != _comparable(self.stored)

    def note_edit(self, body: str | None = None) -> None:
        """The reporter changed something; ``body`` is the text when that is what changed.

        A body they emptied themselves is theirs to save empty.
        """
        self.edited = True
        if body is not None and not body.strip():
            self.body_cleared = True

    def revision_due(self) -> bool:
        return self._clock() - self._last_revision >= REVISION_EVERY_S

    def save(self, shown: ArticleState, revision_reason: str | None = None) -> Saved | Conflicted:
        """Save against the version this desk last had: written, merged, or a ``Conflicted`` to resolve."""
        result = save_article(
            self.library,
            self.article_id,
            shown,
            body_cleared_by_user=self.body_cleared,
            revision_reason=revision_reason,
            base=self.stored,
            base_version=self.version,
        )
        if isinstance(result, Conflicted):
            self.conflict = result
        else:
            self._stored(result)
        return result

    def autosave(self, shown: ArticleState) -> Saved | Conflicted:
        """Save, keeping an "autosave" revision when the last one is ``REVISION_EVERY_S`` old."""
        return self.save(shown, "autosave" if self.revision_due() else None)

    def should_ask(self, conflicted: Conflicted, asked_for: bool) -> bool:
        """Whether the desk shows this conflict: always on a save asked for, once per stored version on autosave."""
        ask = asked_for or self._asked_about != conflicted.version
        self._asked_about = conflicted.version
        return ask

    def resolve(self, choices: Sequence[Choice] | Mapping[int, Choice]) -> Saved | Conflicted:
        """Save the held conflict settled by ``choices`` (by index in its ``conflicts``), against the version it met.

        If the article moved on yet again, that is merged (or conflicts) like any save.
        """
        if self.conflict is None:
            raise ValidationError("there is no conflict to resolve")
        conflict = self.conflict
        self.stored, self.version = conflict.theirs, conflict.version
        self.conflict = None
        return self.save(conflict.resolution(choices), "merge")

    def close(self, shown: ArticleState) -> Saved | Conflicted | None:
        """The last save: a "close" revision if anything was edited; None when there is nothing to write."""
        if self.edited:
            return self.save(shown, "close")
        if self.is_dirty(shown):
            return self.save(shown)
        return None

    def restore(self, revision_id: int, shown: ArticleState) -> Restored:
        restored, self.restore_point = restore_revision(
            self.library, self.article_id, revision_id, shown, body_cleared_by_user=self.body_cleared,
            base_version=self.version,
        )
        self._stored(restored.saved)
        self.edited = True
        return restored

    def undo_restore(self, shown: ArticleState) -> Restored:
        """Every field back as before the last restore, saved."""
        return self._cross_restore(shown, undone=True)

    def redo_restore(self, shown: ArticleState) -> Restored:
        """The restored fields again, after an undo, saved."""
        return self._cross_restore(shown, undone=False)

    def _cross_restore(self, shown: ArticleState, undone: bool) -> Restored:
        if self.restore_point is None:
            raise ValidationError("there is no restore to undo")
        point = self.restore_point
        side = point.before if undone else point.after
        restored = write_restore_side(self.library, self.article_id, side, shown, self.version)
        self.restore_point = replace(point, undone=undone)
        self._stored(restored.saved)
        return restored

    def adopt(self, state: ArticleState) -> None:
        """The file's state after a publishing verb (``editing.publishing``) wrote it: what is stored now."""
        self.stored = replace(self.stored, status=state.status, published_at=state.published_at)

    def _stored(self, saved: Saved) -> None:
        self.stored = saved.state
        self.version = saved.version
        self.conflict = None
        if saved.revision_kept:
            self._last_revision = self._clock()


def _comparable(state: ArticleState) -> ArticleState:
    published = state.published_at.replace(microsecond=0) if state.published_at is not None else None
    return replace(state, tags=tuple(tag_key(state.tags)), published_at=published)
