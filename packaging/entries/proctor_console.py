"""The frozen proctor-console's entry point (packaging/proctor.spec): the installed script's,
plus multiprocessing's start-up hook, which the frame-analysis pool's spawned workers need when
frozen."""

import multiprocessing
import sys

from console.proctor.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
