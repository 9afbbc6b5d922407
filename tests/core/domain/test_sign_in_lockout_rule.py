"""The lockout rule alone: five failed sign-ins within five minutes lock a username for five
minutes from the fifth; counting starts afresh after the lock. And the address rule: twenty tries
within a minute fill an address until the oldest of them is a minute old."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.domain.accounts import (
    address_free_at,
    clean_seat,
    locked_until,
    retry_after_seconds,
    when,
)
from core.domain.errors import InvalidInput

T0 = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def at(*seconds: float) -> list[datetime]:
    return [T0 + timedelta(seconds=s) for s in seconds]


def test_four_failures_do_not_lock():
    assert locked_until(at(0, 1, 2, 3), T0 + timedelta(seconds=4)) is None


def test_the_fifth_failure_within_five_minutes_locks_for_five_minutes_from_it():
    failures = at(0, 60, 120, 180, 240)
    assert locked_until(failures, T0 + timedelta(seconds=241)) == T0 + timedelta(seconds=540)
    assert locked_until(failures, T0 + timedelta(seconds=540)) is None


def test_five_failures_spread_over_more_than_five_minutes_do_not_lock():
    assert locked_until(at(0, 80, 160, 240, 320), T0 + timedelta(seconds=321)) is None


def test_after_a_lock_the_count_starts_afresh():
    failures = at(0, 1, 2, 3, 4, 400, 401, 402, 403)  # a lock until 304, then four more
    assert locked_until(failures, T0 + timedelta(seconds=404)) is None
    assert locked_until([*failures, T0 + timedelta(seconds=404)],
                        T0 + timedelta(seconds=405)) == T0 + timedelta(seconds=704)


def test_retry_after_rounds_up_to_whole_seconds_and_is_at_least_one():
    assert retry_after_seconds(T0 + timedelta(seconds=10.2), T0) == 11
    assert retry_after_seconds(T0, T0) == 1


def test_times_in_sentences_are_utc_hours_and_minutes():
    berlin = datetime(2026, 1, 15, 11, 42, tzinfo=UTC).astimezone(ZoneInfo("Europe/Berlin"))
    assert when(berlin) == "11:42 UTC"


@pytest.mark.parametrize(("seat", "kept"), [(None, None), ("  ", None), (" B-14 ", "B-14")])
def test_a_seat_is_trimmed_and_blank_means_none(seat, kept):
    assert clean_seat(seat) == kept


@pytest.mark.parametrize("seat", ["x" * 41, "B\t14", "B\u200b14"])
def test_a_seat_too_long_or_with_control_characters_is_refused(seat):
    with pytest.raises(InvalidInput):
        clean_seat(seat)


def test_nineteen_tries_in_a_minute_leave_the_address_free():
    assert address_free_at(at(*range(19)), T0 + timedelta(seconds=19)) is None


def test_twenty_tries_in_a_minute_fill_the_address_until_the_oldest_is_a_minute_old():
    tries = at(*range(0, 40, 2))  # 20 tries, two seconds apart
    assert address_free_at(tries, T0 + timedelta(seconds=40)) == T0 + timedelta(seconds=60)
    assert address_free_at(tries, T0 + timedelta(seconds=60)) is None


def test_tries_older_than_a_minute_do_not_count_toward_the_address():
    assert address_free_at(at(*range(0, 20)), T0 + timedelta(seconds=80)) is None
