"""Sorting and filtering the grid: attention, name, start time; text and exam filters."""

from __future__ import annotations

import dataclasses

import pytest

from console.proctor.proctor_center.session_filter_model import SessionFilterModel, SortKey
from tests.console.proctor.proctor_helpers import start
from tests.helpers import jpeg_bytes, new_snapshot_id


@pytest.fixture
def proxy(fake_session_model, qtmodeltester):
    model = SessionFilterModel()
    model.setSourceModel(fake_session_model)
    qtmodeltester.check(model)
    return model


@pytest.fixture
def three_sessions(fake_core, clock, fake_exam, fake_session_model, qtbot):
    """Ann (started first), Bob (high risk), Cleo (flagged), a minute apart."""
    ann = start(fake_core, fake_exam, "A-100", "Ann Lee")
    clock.advance(60)
    bob = start(fake_core, fake_exam, "B-200", "Bob Stone")
    clock.advance(60)
    cleo = start(fake_core, fake_exam, "C-300", "Cleo Park")
    for _ in range(3):
        fake_core.attempts.record_kiosk_event(bob.attempt_id, "multiple_faces")
    fake_core.proctoring.flag_session(cleo.proctor_session_id, "Using a phone or notes")
    qtbot.waitUntil(
        lambda: fake_session_model.rowCount() == 3
        and fake_session_model.session(cleo.proctor_session_id).is_flagged
        and fake_session_model.session(bob.proctor_session_id).risk_level == "high",
        timeout=3000,
    )
    return ann, bob, cleo


def names(proxy: SessionFilterModel) -> list[str]:
    return [proxy.session_at(r).candidate_name for r in range(proxy.rowCount())]


def test_attention_shows_flagged_first_then_higher_risk(proxy, three_sessions):
    proxy.set_sort_key(SortKey.ATTENTION)
    assert names(proxy) == ["Cleo Park", "Bob Stone", "Ann Lee"]


def test_a_stale_session_comes_before_a_calm_one(proxy, three_sessions, fake_core, clock, fake_exam,
                                                 qtbot, fake_session_model):
    ann, _bob, cleo = three_sessions
    fake_core.proctoring.terminate_session(cleo.proctor_session_id, "Phone on the desk")
    dan = start(fake_core, fake_exam, "D-400", "Dan Quiet")  # his kiosk never sends a snapshot
    for _ in range(4):  # Ann's kiosk keeps sending
        clock.advance(25)
        fake_core.snapshots.record_snapshot(ann.attempt_id, new_snapshot_id(), jpeg_bytes(160, 120),
                                            captured_at=clock.now())
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 3
                    and fake_session_model.session(ann.proctor_session_id).snapshot_count == 4,
                    timeout=3000)
    fake_session_model.tick()
    assert fake_session_model.counts().offline == 2  # Bob and Dan: nothing for 100 s
    assert names(proxy) == ["Bob Stone", "Dan Quiet", "Ann Lee"]
    assert proxy.session_at(1).session_id == dan.proctor_session_id


def test_sorting_by_name_and_by_start_time(proxy, three_sessions):
    proxy.set_sort_key(SortKey.NAME)
    assert names(proxy) == ["Ann Lee", "Bob Stone", "Cleo Park"]
    proxy.set_sort_key(SortKey.START_TIME)
    assert names(proxy) == ["Cleo Park", "Bob Stone", "Ann Lee"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bob", ["Bob Stone"]),
        ("c-300", ["Cleo Park"]),
        ("algebra", ["Ann Lee", "Bob Stone", "Cleo Park"]),
        ("lee algebra", ["Ann Lee"]),
        ("nobody", []),
        ("", ["Ann Lee", "Bob Stone", "Cleo Park"]),
    ],
)
def test_the_text_filter_matches_name_ref_and_exam(proxy, three_sessions, text, expected):
    proxy.set_sort_key(SortKey.NAME)
    proxy.set_search_text(text)
    assert names(proxy) == expected


def test_the_exam_filter_keeps_that_exams_sessions(proxy, three_sessions, fake_core, qtbot,
                                                   fake_session_model):
    other = fake_core.exams.create_exam("Chemistry", 1800)
    start(fake_core, other, "E-500", "Eve Stone")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 4, timeout=3000)
    proxy.set_sort_key(SortKey.NAME)
    proxy.set_exam_id(other.exam_id)
    assert names(proxy) == ["Eve Stone"]
    proxy.set_search_text("stone")
    assert names(proxy) == ["Eve Stone"]
    proxy.set_exam_id(None)
    assert names(proxy) == ["Bob Stone", "Eve Stone"]


def test_flagging_a_session_moves_it_to_the_top_while_sorted_by_attention(
    proxy, three_sessions, fake_core, qtbot
):
    ann, _bob, _cleo = three_sessions
    proxy.set_sort_key(SortKey.ATTENTION)
    assert names(proxy)[-1] == "Ann Lee"
    fake_core.proctoring.flag_session(ann.proctor_session_id, "Another person present")
    fake_core.proctoring.flag_session(ann.proctor_session_id, "Another person present", "again")
    for _ in range(2):
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "multiple_faces")
    qtbot.waitUntil(lambda: names(proxy)[0] == "Ann Lee", timeout=3000)


def test_a_session_that_ends_leaves_the_filtered_view(proxy, three_sessions, fake_core, qtbot):
    ann, _bob, _cleo = three_sessions
    proxy.set_search_text("lee")
    assert names(proxy) == ["Ann Lee"]
    fake_core.attempts.submit_attempt(ann.attempt_id)
    qtbot.waitUntil(lambda: proxy.rowCount() == 0, timeout=3000)


def test_a_renamed_candidate_is_filtered_again_but_clock_ticks_never_refilter(
    fake_session_model, three_sessions, fake_core, clock, qtbot
):
    ann, _bob, _cleo = three_sessions

    class CountingFilter(SessionFilterModel):
        calls = 0

        def filterAcceptsRow(self, source_row, source_parent) -> bool:
            CountingFilter.calls += 1
            return super().filterAcceptsRow(source_row, source_parent)

    proxy = CountingFilter()
    proxy.setSourceModel(fake_session_model)
    proxy.set_search_text("lee")
    assert names(proxy) == ["Ann Lee"]
    before = CountingFilter.calls
    clock.advance(5)
    fake_session_model.tick()
    assert CountingFilter.calls == before
    renamed = dataclasses.replace(fake_session_model.session(ann.proctor_session_id),
                                  candidate_name="Ann Marsh")
    fake_session_model.apply_sessions([renamed if s.session_id == renamed.session_id else s
                                       for s in fake_session_model.sessions()])
    assert names(proxy) == []


@pytest.fixture
def seated(fake_core, clock, fake_exam, fake_session_model, qtbot):
    """Dora at seat B-14, Finn at seat B-4, Gus with no seat."""
    fake_core.attempts.start_attempt(fake_exam.exam_id, "D-1", "Dora Vance", seat="B-14")
    clock.advance(60)
    fake_core.attempts.start_attempt(fake_exam.exam_id, "F-2", "Finn Holt", seat="B-4")
    clock.advance(60)
    fake_core.attempts.start_attempt(fake_exam.exam_id, "G-3", "Gus Ward")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 3, timeout=3000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("B-14", ["Dora Vance"]),
        ("b-14", ["Dora Vance"]),
        ("b14", ["Dora Vance"]),
        ("B14", ["Dora Vance"]),
        ("b 14", ["Dora Vance"]),
        ("b-4", ["Finn Holt"]),
        ("b-", ["Dora Vance", "Finn Holt"]),
        ("b-1", ["Dora Vance"]),
    ],
)
def test_the_search_box_finds_a_candidate_by_seat_in_any_case_with_or_without_the_dash(
    proxy, seated, text, expected
):
    proxy.set_sort_key(SortKey.NAME)
    proxy.set_search_text(text)
    assert names(proxy) == expected


def test_a_candidate_moved_to_another_seat_is_found_at_the_new_seat(
    proxy, seated, fake_core, fake_exam, qtbot
):
    proxy.set_search_text("c-9")
    assert names(proxy) == []
    fake_core.attempts.start_attempt(fake_exam.exam_id, "G-3", "Gus Ward",
                                     seat="C-9")  # resumed there
    qtbot.waitUntil(lambda: names(proxy) == ["Gus Ward"], timeout=3000)
