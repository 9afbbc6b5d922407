"""The hot paths' single reads (the heartbeat, the upload's gate) are one statement each: under
load every statement waits for the interpreter lock to come back, and a heartbeat was two."""

from __future__ import annotations

from sqlalchemy import event


def statements_of(core, call):
    """The statements ``call`` sends to the database, and what it returns."""
    sent: list[str] = []

    def note(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        sent.append(statement.split()[0].upper())

    event.listen(core.engine, "before_cursor_execute", note)
    try:
        result = call()
    finally:
        event.remove(core.engine, "before_cursor_execute", note)
    return sent, result


def test_a_heartbeat_is_one_read_that_sees_the_last_commit(core, exam):
    started = core.attempts.start_attempt(exam.exam_id, "HB-1", "Kiosk One")
    sent, state = statements_of(core, lambda: core.attempts.get_attempt(started.attempt_id))
    assert sent == ["SELECT"]
    assert state.status == "in_progress"

    core.attempts.submit_attempt(started.attempt_id)
    sent, state = statements_of(core, lambda: core.attempts.get_attempt(started.attempt_id))
    assert sent == ["SELECT"]
    assert state.status == "submitted"


def test_a_write_after_a_hot_read_on_the_same_thread_still_starts_its_own_transaction(
        core, exam):
    started = core.attempts.start_attempt(exam.exam_id, "HB-2", "Kiosk Two")
    core.attempts.get_attempt(started.attempt_id)
    sent, _ = statements_of(core, lambda: core.attempts.submit_attempt(started.attempt_id))
    assert sent[0] == "BEGIN" or core.engine.dialect.name != "sqlite", sent
