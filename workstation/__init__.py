"""Workstation: an offline editorial workstation."""

__version__ = "0.1.0"
APP_NAME = "Workstation"
LIBRARY_SUFFIX = ".wslib"
