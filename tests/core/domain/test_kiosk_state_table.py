"""What a proctor is shown about a kiosk, for every mix of camera state (never off, off,
restored by a frame, restored by the kiosk), liveness (alive, dead for less or more than the
offline rule), restarts and center outages: the card's badges, the header's offline counter,
the alerts due and the risk. One table; each row is a story told to the real services on the
test clock (heartbeats every 5 s, a frame every 30 s while the camera works, the contact
flusher after every heartbeat), then judged by the one kiosk rule (core.domain.kiosk_state)
through the console's words (session_rules) and the alert rule.

The exam's snapshot interval is 30 s: offline after 60 s without contact, the silent-kiosk
alert after 90 s."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.proctor.alerts.alert_controller import session_facts
from console.proctor.formatting import camera_is_off
from console.proctor.proctor_center.session_rules import count_sessions, kiosk_words
from core.domain.alerts import AlertRules, AlertState, evaluate_alerts
from core.domain.kiosk_state import KIOSK_HEARTBEAT_SECONDS
from tests.helpers import jpeg_bytes, new_snapshot_id

INTERVAL = 30


class Kiosk:
    """One kiosk on the real services: what it does, tick by tick (one heartbeat per tick)."""

    def __init__(self, core, clock, exam) -> None:
        self.core, self.clock, self.exam = core, clock, exam
        self.started = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee", "B-14")
        self.camera_works = True
        self.since_frame = 0
        self.spool: list[datetime] = []

    def frame(self, captured_at: datetime) -> None:
        self.core.snapshots.record_snapshot(self.started.attempt_id, new_snapshot_id(),
                                            jpeg_bytes(), captured_at=captured_at)

    def tick(self, center_up: bool = True) -> None:
        """Five seconds of a running kiosk: its heartbeat, and a frame when one is due."""
        now = self.clock.advance(KIOSK_HEARTBEAT_SECONDS)
        self.since_frame += KIOSK_HEARTBEAT_SECONDS
        due = self.camera_works and self.since_frame >= INTERVAL
        if due:
            self.since_frame = 0
        if not center_up:  # nothing arrives; the kiosk keeps its frames on its disk
            if due:
                self.spool.append(now)
            return
        for captured in self.spool:  # the center is back: the spool first
            self.frame(captured)
        self.spool.clear()
        self.core.attempts.get_attempt(self.started.attempt_id)
        if due:
            self.frame(now)
        self.core.contacts.flush()

    def report(self, event_type: str) -> None:
        self.core.attempts.record_kiosk_event(self.started.attempt_id, event_type)

    # ---- the phases a story is told in ----------------------------------------------------------
    def alive(self, seconds: int) -> None:
        for _ in range(seconds // KIOSK_HEARTBEAT_SECONDS):
            self.tick()

    def dead(self, seconds: int) -> None:
        self.clock.advance(seconds)

    def camera_off(self) -> None:
        self.camera_works = False
        self.report("camera_denied")

    def camera_back_by_frame(self) -> None:
        self.camera_works = True
        self.since_frame = INTERVAL  # the first frame goes with the next heartbeat

    def camera_back_by_kiosk(self) -> None:
        self.camera_works = True
        self.report("camera_restored")

    def restart(self, camera_works: bool = True) -> None:
        """The kiosk program starts again and resumes the attempt (same candidate, same exam)."""
        resumed = self.core.attempts.start_attempt(self.exam.exam_id, "C-1", "Ann Lee", "B-14")
        assert resumed.attempt_id == self.started.attempt_id and not resumed.is_new
        if camera_works:
            self.camera_back_by_frame()
        else:
            self.report("camera_denied")  # its camera still fails: it says so again

    def outage(self, seconds: int) -> None:
        for _ in range(seconds // KIOSK_HEARTBEAT_SECONDS):
            self.tick(center_up=False)


def alive(k: Kiosk) -> None:
    k.alive(60)


STORIES = {
    # camera never off
    "a healthy kiosk that keeps calling is fine":
        (lambda k: k.alive(120), [], 0, [], 0),
    "a healthy kiosk dead for less than the rule is not offline yet":
        (lambda k: (alive(k), k.dead(40)), [], 0, [], 0),
    "a healthy kiosk dead for more than the rule is offline and counted":
        (lambda k: (alive(k), k.dead(75)), ["Kiosk offline · 1 min"], 1, [], 0),
    "a healthy kiosk dead past the alert's threshold also raises the silent alert":
        (lambda k: (alive(k), k.dead(120)), ["Kiosk offline · 2 min"], 1, ["silent_kiosk"], 0),
    "a healthy kiosk restarted and resumed is fine again":
        (lambda k: (alive(k), k.dead(75), k.restart(), k.alive(10)), [], 0, [], 0),
    # camera off
    "an alive kiosk with its camera off says camera off and is not offline":
        (lambda k: (alive(k), k.camera_off(), k.alive(60)), ["Camera off"], 0, ["camera_off"],
         15),
    "a camera-off kiosk dead for less than the rule is camera off only":
        (lambda k: (alive(k), k.camera_off(), k.alive(10), k.dead(40)), ["Camera off"], 0,
         ["camera_off"], 15),
    "a camera-off kiosk dead for more than the rule is offline as fast as a healthy one":
        (lambda k: (alive(k), k.camera_off(), k.alive(10), k.dead(75)),
         ["Camera off", "Kiosk offline · 1 min"], 1, ["camera_off"], 15),
    "a camera-off kiosk dead past the alert's threshold raises the silent alert too":
        (lambda k: (alive(k), k.camera_off(), k.alive(10), k.dead(120)),
         ["Camera off", "Kiosk offline · 2 min"], 1, ["camera_off", "silent_kiosk"], 15),
    "a camera-off kiosk restarted with a working camera is cleared by its first frame":
        (lambda k: (alive(k), k.camera_off(), k.alive(10), k.dead(75), k.restart(),
                    k.alive(5)), [], 0, [], 15),
    "a camera-off kiosk restarted with its camera still failing is camera off only":
        (lambda k: (alive(k), k.camera_off(), k.alive(10), k.dead(75),
                    k.restart(camera_works=False), k.alive(10)), ["Camera off"], 0,
         ["camera_off"], 30),
    # camera restored by a frame
    "a camera restored by a frame on an alive kiosk shows nothing":
        (lambda k: (alive(k), k.camera_off(), k.alive(30), k.camera_back_by_frame(),
                    k.alive(30)), [], 0, [], 15),
    "a camera restored by a frame, then the kiosk dies, is offline":
        (lambda k: (alive(k), k.camera_off(), k.alive(30), k.camera_back_by_frame(),
                    k.alive(10), k.dead(75)), ["Kiosk offline · 1 min"], 1, [], 15),
    # camera restored by the kiosk
    "a camera restored by the kiosk on an alive kiosk shows nothing":
        (lambda k: (alive(k), k.camera_off(), k.alive(30), k.camera_back_by_kiosk(),
                    k.alive(30)), [], 0, [], 15),
    "a camera restored by the kiosk, then the kiosk dies past the alert, is offline and silent":
        (lambda k: (alive(k), k.camera_off(), k.alive(30), k.camera_back_by_kiosk(),
                    k.alive(10), k.dead(120)), ["Kiosk offline · 2 min"], 1, ["silent_kiosk"],
         15),
    # the center down for a while, then up
    "a healthy kiosk after a center outage is fine and its spooled frames count nothing":
        (lambda k: (alive(k), k.outage(180), k.alive(10)), [], 0, [], 0),
    "a camera-off kiosk after a center outage is camera off only":
        (lambda k: (alive(k), k.camera_off(), k.outage(180), k.alive(10)), ["Camera off"], 0,
         ["camera_off"], 15),
    "a kiosk that died during a center outage is offline since its last call":
        (lambda k: (alive(k), k.outage(30), k.dead(75)), ["Kiosk offline · 1 min"], 1,
         ["silent_kiosk"], 0),
}


@pytest.mark.parametrize(("story", "badges", "offline", "alerts", "risk"),
                         list(STORIES.values()), ids=list(STORIES))
def test_what_the_proctor_is_shown_about_a_kiosk(memory_core, clock, story, badges, offline,
                                                 alerts, risk):
    exam = memory_core.exams.create_exam("Algebra final", 3600,
                                         snapshot_interval_seconds=INTERVAL)
    kiosk = Kiosk(memory_core, clock, exam)
    story(kiosk)
    now = clock.now()
    [session] = memory_core.proctoring.list_sessions()
    shown = (["Camera off"] if camera_is_off(session) else []) + (
        [words] if (words := kiosk_words(session, now)) else [])
    _state, due = evaluate_alerts(AlertState(), [session_facts(session)], now, AlertRules())
    assert shown == badges
    assert count_sessions([session], now).offline == offline
    assert sorted(a.kind for a in due) == alerts
    assert session.risk_score == risk
