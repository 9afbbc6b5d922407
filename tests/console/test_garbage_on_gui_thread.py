"""Reference cycles are collected on the GUI thread only: a cycle that holds a widget, collected
in an upload's or a server's thread, would destroy the widget outside the GUI thread."""

from __future__ import annotations

import gc
import threading

from console.ui import GuiThreadGarbageCollector


class Cycle:
    """Garbage only the cyclic collector frees; says on which thread it was freed."""

    freed_on: list[threading.Thread] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread())


#: Objects kept alive past the first threshold: the collector counts allocations net of
#: deallocations, so only what stays allocated brings a collection.
kept: list[list[object]] = []


def make_garbage_and_allocate_a_lot() -> None:
    Cycle()
    kept.extend([] for _ in range(20 * gc.get_threshold()[0]))


def test_a_cycle_made_in_a_background_thread_is_freed_on_the_gui_thread(qtbot):
    Cycle.freed_on.clear()
    collector = GuiThreadGarbageCollector()
    try:
        worker = threading.Thread(target=make_garbage_and_allocate_a_lot)
        worker.start()
        worker.join()
        assert Cycle.freed_on == []  # not collected by the thread that crossed the threshold
        qtbot.waitUntil(lambda: Cycle.freed_on != [], timeout=5000)
        assert Cycle.freed_on == [threading.main_thread()]
    finally:
        collector.stop()
        kept.clear()


def test_stopping_the_collector_gives_python_its_own_collector_back():
    gc.enable()
    try:
        collector = GuiThreadGarbageCollector()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()  # as tests/conftest.py keeps it between tests
