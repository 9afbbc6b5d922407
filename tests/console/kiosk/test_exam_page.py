"""How the exam page writes time."""

from __future__ import annotations

import pytest

from console.kiosk.exam.exam_page import format_remaining


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "00:00"), (-5, "00:00"), (59, "00:59"), (305, "05:05"), (3599, "59:59"),
    (3600, "1:00:00"), (3725, "1:02:05"), (36000, "10:00:00"),
])
def test_time_left_reads_like_a_clock(seconds, text):
    assert format_remaining(seconds) == text
