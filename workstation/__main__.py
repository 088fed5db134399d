import multiprocessing

from workstation.cli import main

# The photo import runs in a child process; in the frozen bundle that child is
# this same executable, and freeze_support() turns it into the worker.
multiprocessing.freeze_support()
raise SystemExit(main())
