"""What every offscreen screenshot script does: let Qt run until a window is in the state to
show, let it paint, and write the PNG."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

#: Where the README's pictures live.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "resources" / "screenshots"


def settle(app: QApplication, seconds: float = 0.4) -> None:
    """Run Qt's events for ``seconds`` (layouts, deferred paints, queued signals)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Run Qt's events until ``condition`` holds; RuntimeError after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return
        time.sleep(0.01)
    raise RuntimeError("the window did not reach the expected state in time")


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path} ({widget.width()}x{widget.height()})")
