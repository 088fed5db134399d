"""The author desk: profiles, avatars, merging and deleting authors."""

from workstation.ui.author_desk.desk import AuthorDesk

__all__ = ["AuthorDesk"]
