"""OutboxLoop: the thread the webhooks and the LTI control messages are sent from. It looks at
its outbox when a change is recorded, but a burst of changes shares one look."""

from __future__ import annotations

import threading

import pytest

from core.domain.domain_events import EventRecorded, SessionChanged
from core.events.bus import EventBus
from core.jobs import outbox_loop
from core.jobs.outbox_loop import LOOK_SECONDS, OutboxLoop


class CountingOutbox(OutboxLoop):
    """An outbox with nothing due, that counts how often it is looked at."""

    def __init__(self, bus: EventBus) -> None:
        super().__init__(bus, poll_seconds=60.0)  # only the changes wake it in these tests
        self.looks = 0
        self.looked = threading.Condition()

    def send_due(self) -> int:
        with self.looked:
            self.looks += 1
            self.looked.notify_all()
        return 0

    def wait_for_looks(self, count: int, timeout: float = 10.0) -> bool:
        with self.looked:
            return self.looked.wait_for(lambda: self.looks >= count, timeout)


@pytest.fixture
def outbox():
    bus = EventBus()
    loop = CountingOutbox(bus)
    loop.start()
    assert loop.wait_for_looks(1), "it looks once when it starts"
    yield bus, loop
    loop.stop()


def test_a_recorded_change_is_looked_at_without_waiting_for_the_poll(outbox):
    bus, loop = outbox
    bus.publish(EventRecorded("session-1", "event-1", "flagged"))
    assert loop.wait_for_looks(2, timeout=LOOK_SECONDS + 5), "the change woke the loop"


def test_changes_soon_after_a_look_share_the_next_look_instead_of_a_look_each(
        outbox, monkeypatch):
    # At 1,000 kiosks each loop looked 23-61 times a second, each a query. LOOK_SECONDS is
    # made 30 s here: the changes just after the start's look must not be looked at yet.
    monkeypatch.setattr(outbox_loop, "LOOK_SECONDS", 30.0)
    bus, loop = outbox
    for n in range(20):
        bus.publish(SessionChanged(f"session-{n}", "in_progress", "camera"))
    assert not loop.wait_for_looks(2, timeout=1.0), "a look within a second of the last one"
    loop._look_now()  # as the sender does when it settles a delivery
    assert loop.wait_for_looks(2, timeout=5)
    assert not loop.wait_for_looks(3, timeout=0.5), "the 20 changes shared that one look"


def test_a_settled_delivery_asks_for_the_next_look_at_once(outbox, monkeypatch):
    # Its session's next delivery may be due: a backlog of one session is sent one after
    # another, not one per LOOK_SECONDS (made 30 s here, so that waiting it out would fail).
    monkeypatch.setattr(outbox_loop, "LOOK_SECONDS", 30.0)
    _bus, loop = outbox
    for n in range(2, 7):
        loop._look_now()
        assert loop.wait_for_looks(n, timeout=5), f"look {n} came at once"
