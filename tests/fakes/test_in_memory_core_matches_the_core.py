"""The in-memory core against the real one: one exam day played on both, step by step, and
everything the console reads compared (ids aside, which each side makes its own). This is what
makes the fake trustworthy where the contract suite, run on the fake, can only compare the fake
with itself."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import replace
from datetime import datetime

import pytest

from core.domain.clock import FakeClock
from core.domain.errors import DomainError
from core.services.exams import ExamChanges
from tests.fakes.in_memory_center import InMemoryCore
from tests.helpers import jpeg_bytes, new_snapshot_id, png_bytes

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Ids:
    """Each side's ids, in the order they first appear, numbered: equal numbers, equal roles."""

    def __init__(self) -> None:
        self.numbers: dict[str, str] = {}

    def __call__(self, value):
        if dataclasses.is_dataclass(value):
            return {f.name: self(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self(v) for v in value]
        if isinstance(value, str) and UUID.match(value):
            return self.numbers.setdefault(value, f"id-{len(self.numbers)}")
        if isinstance(value, datetime):
            return value.isoformat()
        return value


class Side:
    """One core (real or in memory) and what happened on it."""

    def __init__(self, core, clock: FakeClock) -> None:
        self.core, self.clock = core, clock
        self.seen: list = []
        core.bus.subscribe(self.seen.append) if hasattr(core, "bus") else core.subscribe(
            self.seen.append)
        self.ids = Ids()

    def attempt(self, call):
        """What ``call(core)`` returns, or the sentence of the domain error it raises."""
        try:
            return self.ids(call(self.core))
        except DomainError as error:
            return f"{type(error).__name__}: {error}"

    def picture(self) -> dict:
        """Everything the console can read, ids numbered in a fixed walk."""
        core = self.core
        sessions = core.proctoring.list_sessions("all")
        exams = core.exams.list_exams(include_archived=True)
        return self.ids({
            "active": core.proctoring.list_sessions(),
            "all": sessions,
            "samples": core.proctoring.list_sessions("completed", include_samples=True),
            # The fake keeps no evidence chain (it says so when asked for a bundle).
            "details": [replace(core.proctoring.get_session(s.session_id), chain_length=0,
                                chain_head=None, evidence_key_sha256=None) for s in sessions],
            "snapshots": [core.proctoring.list_snapshots(s.session_id) for s in sessions],
            "exams": exams,
            "stats": core.snapshots.storage_stats(),
        })

    def changes(self) -> Counter:
        """The domain events so far, by kind (the real core's sweeper may interleave its own
        expiries, so their order is not compared)."""
        return Counter((type(e).__name__, getattr(e, "change", getattr(e, "type", "")))
                       for e in self.seen)


@pytest.fixture
def sides(core, clock) -> list[Side]:
    return [Side(core, clock), Side(InMemoryCore(fake := FakeClock()), fake)]


def both(sides: list[Side], call):
    """Do ``call`` on both cores; the answers (ids numbered) must be the same."""
    real, fake = (side.attempt(call) for side in sides)
    assert fake == real
    return real


def advance(sides: list[Side], seconds: float) -> None:
    for side in sides:
        side.clock.advance(seconds)


def test_an_exam_day_reads_the_same_from_the_in_memory_core_as_from_the_real_one(sides):
    frames = {n: new_snapshot_id() for n in range(7)}
    images = {n: jpeg_bytes(seed=n) for n in range(7)}  # its noise differs from call to call
    png = png_bytes()
    exam = [s.core.exams.create_exam("Algebra final", 3600, snapshot_interval_seconds=30)
            for s in sides]
    short = [s.core.exams.create_exam("Quiz", 120) for s in sides]
    both(sides, lambda c: c.exams.create_exam("", 60))
    people = (("ref-1", "Dana Lee", "B-14", 0), ("ref-2", "Omar Khalid", None, 0),
              ("ref-3", "Mia Chen", None, 1))
    started: list[list] = [[], []]
    for ref, name, seat, which in people:  # a second apart: ties are ordered by random ids
        advance(sides, 1)
        for n, side in enumerate(sides):
            chosen = (exam, short)[which][n]
            started[n].append(side.core.attempts.start_attempt(chosen.exam_id, ref, name, seat))

    def attempt(core, n: int) -> str:
        return started[0 if core is sides[0].core else 1][n].attempt_id

    def session(core, n: int) -> str:
        return started[0 if core is sides[0].core else 1][n].proctor_session_id

    both(sides, lambda c: c.exams.update_exam(
        c.exams.list_exams()[0].exam_id, ExamChanges(duration_seconds=300)))
    for n in range(3):
        advance(sides, 7)
        both(sides, lambda c, n=n: c.snapshots.record_snapshot(attempt(c, 0), frames[n],
                                                               images[n]))
    both(sides, lambda c: c.snapshots.record_snapshot(attempt(c, 1), frames[3], png))
    both(sides, lambda c: c.snapshots.record_snapshot(attempt(c, 1), frames[0], images[0]))
    both(sides, lambda c: c.snapshots.record_snapshot(attempt(c, 1), frames[4], b"not an image"))
    both(sides, lambda c: c.snapshots.record_snapshot(attempt(c, 1), frames[4],
                                                      b"\xff\xd8\xff but not a JPEG"))
    both(sides, lambda c: c.snapshots.record_snapshot(
        attempt(c, 0), frames[5], images[5], captured_at=c.clock.now().replace(
            second=0)))
    for kind in ("focus_lost", "camera_denied", "upload_failed"):
        advance(sides, 3)
        both(sides, lambda c, kind=kind: c.attempts.record_kiosk_event(attempt(c, 0), kind))
    for cause in ("center_unreachable", "center_error", "no_such_cause"):
        advance(sides, 1)
        both(sides, lambda c, cause=cause: c.attempts.record_kiosk_event(
            attempt(c, 0), "upload_failed", cause=cause))
    both(sides, lambda c: c.attempts.record_kiosk_event(attempt(c, 0), "focus_lost",
                                                         cause="center_error"))
    advance(sides, 2)  # a frame after camera_denied: the camera works again
    both(sides, lambda c: c.snapshots.record_snapshot(attempt(c, 0), frames[6], images[6]))
    both(sides, lambda c: c.attempts.record_kiosk_event(attempt(c, 0), "flagged"))
    both(sides, lambda c: c.attempts.record_kiosk_event(attempt(c, 1), "kiosk_closed",
                                                        event_id="closed-1"))
    both(sides, lambda c: c.attempts.record_kiosk_event(attempt(c, 1), "kiosk_closed",
                                                        event_id="closed-1"))
    advance(sides, 40)
    both(sides, lambda c: c.attempts.record_kiosk_event(attempt(c, 0), "focus_regained"))
    both(sides, lambda c: c.snapshots.record_analysis(frames[1], 0, ("no_face",),
                                                      [("no_face", "No face in view")]))
    both(sides, lambda c: c.snapshots.record_analysis(frames[2], 1, (), []))
    both(sides, lambda c: c.proctoring.flag_session(session(c, 0), "Looking away", "twice",
                                                    actor="Desk 3"))
    advance(sides, 1)
    both(sides, lambda c: c.proctoring.flag_session(session(c, 0), "Phone", actor="Dana Fox"))
    warning = both(sides, lambda c: c.proctoring.warn_session(session(c, 0), "Eyes front."))
    both(sides, lambda c: c.attempts.acknowledge_warning(
        attempt(c, 0), c.proctoring.get_session(session(c, 0)).warnings[0].warning_id))
    assert warning["acknowledged_at"] is None
    both(sides, lambda c: c.proctoring.review_session(session(c, 0), "cleared"))
    both(sides, lambda c: c.proctoring.flag_session("sample-1", "Looking away"))
    both(sides, lambda c: c.proctoring.terminate_session(session(c, 1), "Phone in view",
                                                         actor="Desk 3"))
    advance(sides, 5)
    both(sides, lambda c: c.proctoring.warn_session(session(c, 1), "Too late."))
    both(sides, lambda c: c.attempts.force_end_attempt(attempt(c, 1)))
    both(sides, lambda c: c.proctoring.review_session(session(c, 1), "violation", "confirmed"))
    both(sides, lambda c: c.proctoring.review_session(session(c, 1), "no-such-outcome"))
    both(sides, lambda c: c.exams.update_exam(c.exams.list_exams()[-1].exam_id,
                                              ExamChanges(snapshot_interval_seconds=10)))
    both(sides, lambda c: c.exams.archive_exam(c.exams.list_exams()[0].exam_id))
    advance(sides, 120)  # the quiz is over: its attempt expires when next touched
    both(sides, lambda c: c.attempts.get_attempt(attempt(c, 2)))
    both(sides, lambda c: c.attempts.submit_attempt(attempt(c, 0)))
    both(sides, lambda c: c.attempts.start_attempt(c.exams.list_exams(True)[0].exam_id,
                                                   "ref-4", "Late Comer"))
    both(sides, lambda c: c.proctors.create_proctor("dana", "Dana Fox", "correct horse battery"))
    both(sides, lambda c: c.proctors.create_proctor("Dana", "Other", "correct horse battery"))
    both(sides, lambda c: c.proctors.disable_proctor(c.proctors.list_proctors()[0].proctor_id))

    real, fake = (side.picture() for side in sides)
    assert fake == real
    for n in range(7):
        if n == 4:
            continue
        assert (sides[1].core.snapshots.read_image(frames[n])
                == sides[0].core.snapshots.read_image(frames[n]))
        assert (sides[1].core.snapshots.read_thumbnail(frames[n])
                == sides[0].core.snapshots.read_thumbnail(frames[n]))
    assert sides[1].changes() == sides[0].changes()


def test_pauses_extra_time_accommodations_rooms_and_a_late_hand_in_read_the_same(sides):
    exam = [s.core.exams.create_exam("Algebra final", 3600) for s in sides]

    def exam_id(core) -> str:
        return exam[0 if core is sides[0].core else 1].exam_id

    both(sides, lambda c: c.proctoring.set_accommodation(
        exam_id(c), "ref-1", extra_percent=25, exempt=["focus_lost"], note="Screen reader",
        actor="Dana Lee"))
    both(sides, lambda c: c.proctoring.set_accommodation(exam_id(c), "ref-1",
                                                         exempt=["flagged"]))
    started: list[list] = [[], []]
    for ref, room in (("ref-1", "Hall 2"), ("ref-2", "Hall 3")):
        advance(sides, 1)  # a second apart: ties are ordered by random ids
        for n, side in enumerate(sides):
            started[n].append(side.core.attempts.start_attempt(exam[n].exam_id, ref, "Ann Lee",
                                                               None, room))

    def attempt(core, n: int) -> str:
        return started[0 if core is sides[0].core else 1][n].attempt_id

    def session(core, n: int) -> str:
        return started[0 if core is sides[0].core else 1][n].proctor_session_id

    advance(sides, 60)
    both(sides, lambda c: c.attempts.record_kiosk_event(attempt(c, 0), "focus_lost"))
    both(sides, lambda c: c.proctoring.pause_session(session(c, 1), "Fire alarm",
                                                     actor="Dana Lee"))
    both(sides, lambda c: c.proctoring.pause_session(session(c, 1), "Again"))
    advance(sides, 30)
    both(sides, lambda c: c.attempts.record_kiosk_event(attempt(c, 1), "camera_denied"))
    both(sides, lambda c: c.attempts.get_attempt(attempt(c, 1)))
    advance(sides, 300)
    both(sides, lambda c: c.proctoring.resume_session(session(c, 1)))
    both(sides, lambda c: c.proctoring.resume_session(session(c, 1)))
    both(sides, lambda c: c.proctoring.add_time(session(c, 0), 10, "Late start"))
    both(sides, lambda c: c.proctoring.add_time(session(c, 0), 0, "Nothing"))
    both(sides, lambda c: c.proctoring.set_accommodation(exam_id(c), "ref-1", extra_minutes=5))
    both(sides, lambda c: c.proctoring.list_sessions(room="Hall 2"))
    both(sides, lambda c: c.proctoring.list_accommodations(exam_id(c)))
    advance(sides, 3600)
    both(sides, lambda c: c.proctoring.list_sessions("all"))
    pressed = sides[0].clock.now().replace(microsecond=0)
    both(sides, lambda c: c.attempts.submit_attempt(attempt(c, 1), pressed))
    advance(sides, 2000)
    both(sides, lambda c: c.attempts.submit_attempt(attempt(c, 0), c.clock.now()))

    real, fake = (side.picture() for side in sides)
    assert fake == real
    assert sides[1].changes() == sides[0].changes()
