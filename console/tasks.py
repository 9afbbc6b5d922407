"""TaskRunner: run blocking work (database, file I/O, decoding) in a QThreadPool and get the
result back on the GUI thread through ``on_done`` / ``on_error``.

What a task was given (its function, often a closure over a window, and its arguments) is
released on the GUI thread, after its callback, never in the pool's thread: when the window
went away meanwhile, the pool thread would otherwise drop the last reference to a Qt object
made on the GUI thread and destroy it there, which Qt does not allow (a crash with no Python
frame in the pool thread, seen under load)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task_id: int, fn: Callable[..., Any],
                 args: tuple[Any, ...]) -> None:
        super().__init__()
        self._runner = runner
        self._task_id = task_id
        self._fn = fn
        self._args = args

    def run(self) -> None:
        # This thread lets go of what the task was given before it says the task is done: once
        # it has said so, the GUI thread may drop the runner's references at any moment, and
        # whichever thread drops the last one destroys what they point to.
        fn, args = self._fn, self._args
        self._fn, self._args = _let_go, ()
        try:
            result = fn(*args)
        except BaseException as exc:  # delivered to on_error on the GUI thread
            del fn, args
            self._runner.task_finished.emit(self._task_id, None, exc)
        else:
            del fn, args
            self._runner.task_finished.emit(self._task_id, result, None)


def _let_go() -> None:
    """What a job holds once it has started: nothing of the task's."""


class TaskRunner(QObject):
    task_finished = Signal(int, object, object)  # task id, result, error (internal relay)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        #: By task id: its callbacks, and what it was given (held until it is delivered).
        self._pending: dict[int, tuple[DoneCallback | None, ErrorCallback | None, object]] = {}
        self._closed = False
        self.task_finished.connect(self._deliver)

    def submit(self, fn: Callable[..., Any], *args: Any, on_done: DoneCallback | None = None,
               on_error: ErrorCallback | None = None) -> int:
        """Run ``fn(*args)`` in the pool; callbacks run on the GUI thread. Returns a task id."""
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error, (fn, args))
        self._pool.start(_Job(self, task_id, fn, args))
        return task_id

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 10_000) -> None:
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(msecs)
        self._pending.clear()

    def _deliver(self, task_id: int, result: object, error: object) -> None:
        on_done, on_error, _given = self._pending.pop(task_id, (None, None, None))
        if self._closed:
            return
        if error is not None:
            if on_error is not None:
                on_error(error)  # type: ignore[arg-type]
            else:
                log.error("background task failed", exc_info=error)  # type: ignore[arg-type]
        elif on_done is not None:
            on_done(result)
