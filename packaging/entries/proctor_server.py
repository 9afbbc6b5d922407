"""The frozen proctor-server's entry point (packaging/proctor.spec): the installed script's,
plus multiprocessing's start-up hook, which the frame-analysis pool's spawned workers need when
frozen."""

import multiprocessing
import sys

from core.api.server import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
