"""proctor-server's SIGINT/SIGTERM: noted at whatever step the waiting main thread is at."""

from __future__ import annotations

import faulthandler
import signal
import sys

import pytest

from core.api.server import StopRequest


@pytest.fixture
def handlers_restored():
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


def test_a_stop_asked_at_any_step_of_the_wait_is_seen_and_never_blocks_the_main_thread(
        handlers_restored):
    # A signal's handler runs in the main thread between two of its steps: here it is run at
    # each step of the wait in turn. A handler that takes a lock the wait holds (as setting a
    # threading.Event the thread waits on did) blocks forever at one of them; the watchdog then
    # ends this process with the stacks, a failure rather than a hang.
    step = 0
    while True:
        step += 1
        request = StopRequest()
        seen = [0]

        def at_each_step(frame, event, _arg, request=request, seen=seen, step=step):
            frame.f_trace_opcodes = True
            if event in ("line", "opcode"):
                seen[0] += 1
                if seen[0] == step:
                    request._note(signal.SIGTERM, frame)
            return at_each_step

        faulthandler.dump_traceback_later(20, exit=True)
        sys.settrace(at_each_step)
        try:
            asked = request.wait(0.05)
        finally:
            sys.settrace(None)
            faulthandler.cancel_dump_traceback_later()
        if seen[0] < step:
            break  # the signal came after the wait's last step: every step was tried
        # one that came after the wait's last look is seen by the next wait (the loop's next turn)
        assert asked or request.wait(0), f"a stop asked at step {step} of the wait was lost"
        assert request.signum == signal.SIGTERM
    assert step > 10  # the wait's steps were walked, not skipped


def test_a_real_sigterm_ends_the_wait_at_once(handlers_restored):
    import os
    import threading
    import time

    request = StopRequest()
    threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGTERM)).start()
    started = time.monotonic()
    assert request.wait(30)
    assert time.monotonic() - started < 5
