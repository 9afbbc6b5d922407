"""The writers' turn on SQLite: the uploads' commits go before any other writer waiting."""

from __future__ import annotations

import threading

from core.db.engine import WriteTurn


def wait_until_waiting(turn: WriteTurn, count: int) -> None:
    """Until ``count`` threads wait on the turn (its condition's waiters: no sleeping)."""
    with turn._changed:
        turn._changed.wait_for(lambda: len(turn._changed._waiters) >= count, timeout=10)  # type: ignore[attr-defined]


def test_an_urgent_writer_takes_the_turn_before_writers_that_waited_longer():
    turn, order = WriteTurn(), []

    def writer(name: str, urgent: bool) -> None:
        with turn.held(urgent):
            order.append(name)

    with turn.held():  # a write is running
        analysis = threading.Thread(target=writer, args=("analysis", False))
        analysis.start()
        wait_until_waiting(turn, 1)
        uploads = threading.Thread(target=writer, args=("uploads", True))
        uploads.start()
        wait_until_waiting(turn, 2)
    analysis.join(10)
    uploads.join(10)
    assert order == ["uploads", "analysis"]


def test_the_thread_holding_the_turn_may_write_again_inside_its_write_and_then_lets_go():
    turn, done = WriteTurn(), []
    with turn.held(), turn.held(urgent=True):
        done.append("inner")

    def another_writer() -> None:
        with turn.held():
            done.append("another")

    other = threading.Thread(target=another_writer)
    other.start()
    other.join(10)
    assert done == ["inner", "another"]
