"""Fixtures of the application layer's tests: photo records stored straight through the models (the desk's query tests use the same)."""

from tests.photos_desk.conftest import add_photo

__all__ = ["add_photo"]
