import sys

from workstation.cli import main

# Photo decoding and previews run in spawned helper processes (workers/); in
# the frozen bundle each is this same executable, and freeze_support() turns
# it into the helper. Run from source there is nothing to turn, and importing
# multiprocessing would cost every command (an unchanged export among them)
# a twentieth of a second.
if getattr(sys, "frozen", False):
    import multiprocessing

    multiprocessing.freeze_support()
raise SystemExit(main())
