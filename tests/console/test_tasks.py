"""TaskRunner: a task's result comes back on the GUI thread, and what the task was given is let
go there too, never in the pool's thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from console.tasks import TaskRunner


class Held:
    """Notes the thread its last reference was dropped in (as a window a task closes over)."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def test_what_a_task_closes_over_is_let_go_on_the_gui_thread_after_its_callback(qtbot):
    runner = TaskRunner()
    released: list[str] = []
    results: list[str] = []
    go = threading.Event()
    held = Held(released)

    def work(thing: Held = held) -> str:
        go.wait(5)
        return type(thing).__name__

    delivered = threading.Event()
    # The pool's thread is held just after it says the task is done, until the GUI thread has
    # delivered it: the order in which the GUI thread can let go first.
    runner.task_finished.connect(lambda *_: delivered.wait(5), Qt.ConnectionType.DirectConnection)

    def done(result: str) -> None:
        results.append(result)
        delivered.set()

    with qtbot.waitSignal(runner.task_finished, timeout=10_000):
        runner.submit(work, on_done=done)
        del held, work  # only the task holds it now, as when its window has closed
        go.set()
    qtbot.waitUntil(lambda: results == ["Held"], timeout=5000)
    assert runner.wait_for_done(5000)

    assert released == [threading.main_thread().name]
    runner.shutdown()
