"""The application layer: what a desk (or a command) does, without Qt.

The desks display and forward; every write they make, and every rule they
apply, lives here, over the plain-Python core (``library``, ``content``,
``photos``, ``publish``). Each function takes the open library, opens its
own short transaction, and returns a typed result, so the behaviour is
tested in milliseconds without a display.
"""
