import multiprocessing

from workstation.cli import main

# Photo decoding and previews run in spawned helper processes (workers/); in
# the frozen bundle each is this same executable, and freeze_support() turns
# it into the helper.
multiprocessing.freeze_support()
raise SystemExit(main())
