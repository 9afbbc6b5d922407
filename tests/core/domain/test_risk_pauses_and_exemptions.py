"""The risk rule's exam-day part, as a table: what happens during a proctor's pause is not
weighed and a pause leaves an episode's length out; a candidate's accommodation exempts event
types; a proctor's flag counts whatever."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.domain.accommodations import AccommodationTerms, checked_terms
from core.domain.errors import InvalidInput
from core.domain.risk import AnalysedFrame, Evidence, RiskRule, pause_windows

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def timeline(script: str) -> list[Evidence]:
    """``"paused@0 focus_lost@30 resumed@60"``: kiosk and proctor events at seconds."""
    events = []
    for word in script.split():
        kind, seconds = word.split("@")
        events.append(Evidence(kind, at(float(seconds))))
    return events


RULE = RiskRule()


@pytest.mark.parametrize(("script", "now", "exempt", "expected"), [
    # focus lost weighs 8 each time; its episode grows after 90 s by 8 every 30 s
    ("focus_lost@0 focus_regained@10", 600, (), 8),
    ("paused@0 focus_lost@5 focus_regained@10 resumed@20", 600, (), 0),
    ("paused@0 focus_lost@5 focus_regained@10 resumed@20 focus_lost@30 focus_regained@31",
     600, (), 8),
    # a focus loss at the very moment of the resume weighs again
    ("paused@0 resumed@20 focus_lost@20 focus_regained@21", 600, (), 8),
    # a 5-minute focus loss: 8 * (1 + 7) = 64; with 4 minutes of it paused, 1 minute: 8
    ("focus_lost@0 focus_regained@300", 600, (), 64),
    ("focus_lost@0 paused@30 resumed@270 focus_regained@300", 600, (), 8),
    # a pause that is still going on at "now" covers everything since it began
    ("focus_lost@0 paused@30", 600, (), 8),
    ("paused@0 camera_denied@10", 600, (), 0),
    # a pause ends with the session
    ("paused@0 session_ended@50 focus_lost@60 focus_regained@61", 600, (), 8),
    # accommodations: exempt kinds never weigh, others still do
    ("focus_lost@0 focus_regained@10 focus_lost@20", 600, ("focus_lost",), 0),
    ("focus_lost@0 camera_denied@10 camera_restored@20", 600, ("focus_lost",), 15),
    # a proctor's flag is a person's judgement: it counts even during a pause or exemption
    ("paused@0 flagged@10", 600, (), 30),
    ("flagged@10", 600, ("focus_lost",), 30),
])
def test_the_risk_of_a_timeline_with_pauses_and_exemptions(script, now, exempt, expected):
    assert RULE.score(timeline(script), now=at(now), exempt=exempt) == expected


def test_a_detected_episode_during_a_pause_does_not_weigh():
    events = [Evidence("paused", at(0)), Evidence("multiple_faces", at(30), detected=True),
              Evidence("resumed", at(200))]
    frames = [AnalysedFrame(at(s), frozenset({"multiple_faces"})) for s in (30, 60, 90, 120)]
    frames.append(AnalysedFrame(at(150), frozenset()))

    assert RULE.score(events, frames, now=at(300)) == 0
    assert RULE.score(events[1:2], frames, now=at(300)) > 0


def test_a_detected_episode_leaves_the_paused_time_out_of_its_length():
    frames = [AnalysedFrame(at(s), frozenset({"no_face"})) for s in range(0, 301, 30)]
    episode = [Evidence("no_face", at(0), detected=True)]
    paused = [*episode, Evidence("paused", at(30)), Evidence("resumed", at(270))]

    assert RULE.score(episode, frames, now=at(300)) == 10 * (1 + 7)
    assert RULE.score(paused, frames, now=at(300)) == 10


def test_pause_windows_are_read_from_the_timeline_and_the_last_may_be_open():
    events = timeline("paused@0 resumed@60 paused@100 paused@110")
    assert pause_windows(events) == [(at(0), at(60)), (at(100), None)]


@pytest.mark.parametrize(("terms", "duration", "seconds", "summary"), [
    (AccommodationTerms(extra_percent=25), 3600, 900, "+25 % time"),
    (AccommodationTerms(extra_minutes=10), 3600, 600, "+10 min"),
    (AccommodationTerms(extra_percent=50, extra_minutes=5), 1200, 900, "+50 % time, +5 min"),
    (AccommodationTerms(exempt=("focus_lost",)), 3600, 0, "Not counted: focus lost"),
    (AccommodationTerms(note="Sits by the door"), 3600, 0, "Accommodation"),
    (AccommodationTerms(), 3600, 0, None),
])
def test_an_accommodation_gives_its_extra_time_and_its_short_text(terms, duration, seconds,
                                                                   summary):
    assert terms.extra_seconds(duration) == seconds
    assert terms.summary == summary


@pytest.mark.parametrize(("args", "says"), [
    ((-1, None, None, None), "extra_percent"),
    ((None, 24 * 60 + 1, None, None), "extra_minutes"),
    ((None, None, ["flagged"], None), "cannot be exempted"),
    ((None, None, None, "x" * 1001), "note"),
])
def test_accommodation_terms_out_of_bounds_are_refused_with_a_sentence(args, says):
    with pytest.raises(InvalidInput, match=says):
        checked_terms(*args)
