"""The kiosk rule on its own: how long a kiosk may be silent, and when a closed kiosk is back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.domain.kiosk_state import KioskFacts, KioskState, kiosk_state, offline_after_seconds

T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.mark.parametrize(("interval", "allowed"), [(2, 20), (10, 20), (30, 60), (120, 240)])
def test_a_kiosk_may_be_silent_two_intervals_and_never_less_than_four_heartbeats(
        interval, allowed):
    assert offline_after_seconds(interval) == allowed


def test_silence_counts_from_the_latest_sign_of_the_kiosk():
    facts = KioskFacts(T0, 30, kiosk_seen_at=at(100), last_snapshot_at=at(40))
    assert kiosk_state(facts, at(160)) is KioskState.OK
    assert kiosk_state(facts, at(161)) is KioskState.OFFLINE


def test_a_kiosk_that_never_called_counts_from_the_start():
    assert kiosk_state(KioskFacts(T0, 2), at(20)) is KioskState.OK
    assert kiosk_state(KioskFacts(T0, 2), at(21)) is KioskState.OFFLINE


def test_a_closed_kiosk_stays_closed_through_its_last_calls_and_is_back_when_it_calls_again():
    closing = KioskFacts(T0, 30, kiosk_seen_at=at(65), kiosk_closed_at=at(60))
    assert kiosk_state(closing, at(300)) is KioskState.CLOSED
    restarted = KioskFacts(T0, 30, kiosk_seen_at=at(90), kiosk_closed_at=at(60))
    assert kiosk_state(restarted, at(95)) is KioskState.OK


def test_ended_sessions_have_no_kiosk_to_judge():
    assert kiosk_state(KioskFacts(T0, 30, is_live=False), at(3600)) is KioskState.OK
