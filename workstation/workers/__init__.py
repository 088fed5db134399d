"""Helper processes: they decode, encode and compute, and never open the library.

Only the app process writes its library (see ``library/walguard.py`` for
why a second process that so much as opens it for writing can lose the
app's acknowledged saves). The helpers here receive paths or bytes and hand
back results; the app stores them, on a thread of its own, in short
transactions. Nothing here imports Qt.
"""
