"""Risk scoring: one pure rule that judges a session's evidence over time.

A proctor ranks candidates by what the evidence says happened, not by how many times a detector
spoke. So the rule scores *episodes* on the session's timeline:

- **Reported evidence** (kiosk events such as ``focus_lost`` or ``camera_denied``) adds its weight
  each time: the kiosk saw it happen.
- **Detected evidence** (events from frame analysis: ``no_face``, ``multiple_faces``, ``too_dark``,
  ``camera_blocked``, ``looking_away``) is judged by episode, the time from its event to the
  first analysed frame that no longer shows it (or to the newest frame while it goes on). An
  episode that starts within ``MERGE_GAP_SECONDS`` (60 s) of the end of the previous one of its
  kind continues it: the detector missed a frame or two of one long episode. The first episode
  of a kind adds its full weight, each later one half as much as the one before (10, 5, 2.5, ...
  for ``no_face``), so a flickering detector adds at most twice the weight however long the exam
  lasts; an episode seen in one frame only, and gone in the next, counts half again (a glimpse,
  most often the detector's noise). ``looking_away`` weighs little (5): a turned head is a cue
  for a proctor to look, not proof; its event is recorded only after two frames in a row showed
  it (core/domain/episodes.py), so its episodes are never one-frame glimpses.
- **Length**: an episode that lasts longer than ``GRACE_SECONDS`` (90 s, three snapshots at the
  default interval) adds its weight again for every further ``STEP_SECONDS`` (30 s);
  ``focus_lost`` lasts until ``focus_regained`` and ``camera_denied`` until ``camera_restored``
  (the kiosk's, or the one the server records when a frame proves the camera works, see
  core/domain/camera.py), or until ``now`` while they go on. So a five-minute absence (80) and
  a second person in view for three minutes (100) rank high, while a calm candidate whose face
  the detector misses in an occasional frame stays low.
- A proctor's flag adds ``flagged`` once, however often the session is re-flagged.
- **A pause is nobody's evidence**: from a ``paused`` event to the next ``resumed`` (or the
  session's end) the candidate is told to stop, so what the kiosk or analysis reports then is
  recorded but not weighed, and an episode's length leaves the paused time out. (A proctor's
  flag still counts: it is a person's judgement, not the candidate's behaviour.)
- **Accommodations**: the event types a candidate is exempt from (``exempt``, say
  ``focus_lost`` for a candidate who uses a screen reader) never weigh on that candidate's risk.
- **The center's own outages are not evidence**: an ``upload_failed`` whose cause is
  ``center_unreachable`` or ``center_error`` adds nothing; only ``refused`` (the center answered
  4xx) weighs, and an ``upload_failed`` without a cause is ``refused``.

The score is capped at 100. Levels: below 30 low, below 60 medium, otherwise high. Weights can be
overridden by the ``PROCTOR_RISK_WEIGHTS`` setting (``name=points,...``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from core.domain.enums import CENTER_PROBLEM_CAUSES, EventType, RiskLevel

DEFAULT_RISK_WEIGHTS: Mapping[str, int] = {
    "camera_denied": 15,
    "upload_failed": 3,
    "focus_lost": 8,
    "no_face": 10,
    "multiple_faces": 25,
    "too_dark": 5,
    "camera_blocked": 15,
    "looking_away": 5,
    "flagged": 30,
}

MAX_RISK = 100
MEDIUM_FROM = 30
HIGH_FROM = 60
#: An episode this long counts once; each further STEP_SECONDS adds its weight again.
GRACE_SECONDS = 90.0
STEP_SECONDS = 30.0
#: Each later detected episode of a kind counts this share of the one before it; an episode seen
#: in one frame only counts this share of its weight.
REPEAT_SHARE = 0.5
#: A detected episode that starts this soon after the previous one of its kind ended continues it.
MERGE_GAP_SECONDS = 60.0
#: Evidence that counts once per session.
ONCE = frozenset({"flagged"})
#: Reported episodes that a later event ends.
ENDED_BY: Mapping[str, str] = {"focus_lost": "focus_regained", "camera_denied": "camera_restored"}
#: Evidence that may be exempted for a candidate (everything but a proctor's flag).
EXEMPTIBLE = frozenset(k for k in DEFAULT_RISK_WEIGHTS if k not in ONCE)
#: Events that open and close a pause window.
PAUSE_STARTS = "paused"
PAUSE_ENDS = frozenset({"resumed", "session_ended"})
#: The frame-analysis cues that continue a detected episode of a kind (a frozen picture is
#: reported as ``camera_blocked``).
CUES_OF: Mapping[str, frozenset[str]] = {"camera_blocked": frozenset({"camera_blocked", "frozen"})}
#: Detected kinds whose event is recorded only once several frames in a row showed them: the
#: frames before the event are not on its episode, so one frame after it is not a glimpse.
CONFIRMED_OVER_FRAMES = frozenset({"looking_away"})


@dataclass(frozen=True)
class Evidence:
    """One event on a session's timeline."""

    kind: str
    at: datetime
    detected: bool = False  # recorded by frame analysis (not reported by the kiosk or a person)
    cause: str | None = None  # why an upload failed (``upload_failed`` only)


def is_center_problem(kind: str, cause: str | None) -> bool:
    """The event is one of the center's own problems (its uploads could not reach it or it
    failed to store them), shown apart from the candidate's evidence and never weighed."""
    return kind == EventType.UPLOAD_FAILED and cause in CENTER_PROBLEM_CAUSES


@dataclass
class _Episode:
    """A detected episode of one kind: from ``start`` to ``end``, ``frames`` frames showing it."""

    start: datetime
    end: datetime
    frames: int
    is_over: bool


@dataclass(frozen=True)
class AnalysedFrame:
    """One analysed snapshot: when it was captured and the cues analysis found in it."""

    at: datetime
    cues: frozenset[str]


class RiskRule:
    def __init__(self, overrides: Mapping[str, int] | None = None) -> None:
        self.weights: dict[str, int] = {**DEFAULT_RISK_WEIGHTS, **(overrides or {})}

    def weight(self, event_type: str) -> int:
        return self.weights.get(event_type, 0)

    def score(
        self,
        timeline: Iterable[Evidence],
        frames: Sequence[AnalysedFrame] = (),
        now: datetime | None = None,
        exempt: Iterable[str] = (),
    ) -> int:
        """The session's risk from its whole timeline (any order) and its analysed frames
        (oldest first); ``now`` ends reported episodes that are still going on. Evidence
        during a pause (``paused`` to ``resumed``) and of the ``exempt`` kinds is not weighed."""
        events = sorted(timeline, key=lambda e: e.at)
        pauses = pause_windows(events, now)
        exempted = frozenset(exempt)
        frame_times = [f.at for f in frames]
        episodes: dict[str, list[_Episode]] = {}
        counted_once: set[str] = set()
        total = 0.0
        for index, event in enumerate(events):
            weight = self.weight(event.kind)
            if weight <= 0 or is_center_problem(event.kind, event.cause):
                continue
            if event.kind not in ONCE and (event.kind in exempted
                                           or _in_pause(event.at, pauses)):
                continue
            if event.kind in ONCE:
                if event.kind not in counted_once:
                    counted_once.add(event.kind)
                    total += weight
            elif event.detected:
                _add_episode(episodes.setdefault(event.kind, []),
                             _detected_episode(event, frames, frame_times))
            else:
                seconds = _reported_seconds(event, events[index + 1:], now, pauses)
                total += weight * (1 + _extra_steps(seconds))
        for kind, kind_episodes in episodes.items():
            weight = self.weight(kind)
            for repeat, episode in enumerate(kind_episodes):
                share = REPEAT_SHARE ** repeat
                if episode.is_over and episode.frames == 1 and kind not in CONFIRMED_OVER_FRAMES:
                    share *= REPEAT_SHARE
                seconds = _unpaused_seconds(episode.start, episode.end, pauses)
                total += weight * (share + _extra_steps(seconds))
        return min(MAX_RISK, round(total))


def _extra_steps(seconds: float) -> int:
    if seconds <= GRACE_SECONDS:
        return 0
    return int((seconds - GRACE_SECONDS) // STEP_SECONDS)


def _detected_episode(
    event: Evidence, frames: Sequence[AnalysedFrame], frame_times: list[datetime]
) -> _Episode:
    """From the event to the first later frame without its cue, or to the newest frame."""
    cues = CUES_OF.get(event.kind, frozenset({event.kind}))
    episode = _Episode(event.at, event.at, 0, is_over=False)
    for frame in frames[bisect.bisect_left(frame_times, event.at):]:
        episode.end = frame.at
        if not cues & frame.cues:
            episode.is_over = True
            break
        episode.frames += 1
    return episode


def _add_episode(episodes: list[_Episode], episode: _Episode) -> None:
    """Append, or continue the previous episode when only a short gap lies between them."""
    if episodes:
        previous = episodes[-1]
        gap = (episode.start - previous.end).total_seconds()
        if previous.is_over and gap <= MERGE_GAP_SECONDS:
            previous.end = max(previous.end, episode.end)
            previous.frames += episode.frames
            previous.is_over = episode.is_over
            return
    episodes.append(episode)


def _reported_seconds(event: Evidence, later: Sequence[Evidence], now: datetime | None,
                      pauses: Sequence[tuple[datetime, datetime | None]] = ()) -> float:
    """From a reported event to the event that ends it (or ``now``), less the paused time; 0
    for moments."""
    ending = ENDED_BY.get(event.kind)
    if ending is None:
        return 0.0
    end = next((e.at for e in later if e.kind in (ending, "session_ended")), now)
    return 0.0 if end is None else _unpaused_seconds(event.at, end, pauses)


def pause_windows(events: Sequence[Evidence], now: datetime | None = None
                  ) -> list[tuple[datetime, datetime | None]]:
    """The session's pauses, oldest first, from its timeline (sorted by time): each from a
    ``paused`` event to the next ``resumed`` or ``session_ended``; the last one open (None)
    while it goes on."""
    windows: list[tuple[datetime, datetime | None]] = []
    start: datetime | None = None
    for event in events:
        if event.kind == PAUSE_STARTS and start is None:
            start = event.at
        elif event.kind in PAUSE_ENDS and start is not None:
            windows.append((start, event.at))
            start = None
    if start is not None:
        windows.append((start, None))
    return windows


def _in_pause(at: datetime, pauses: Sequence[tuple[datetime, datetime | None]]) -> bool:
    return any(start <= at and (end is None or at < end) for start, end in pauses)


def _unpaused_seconds(start: datetime, end: datetime,
                      pauses: Sequence[tuple[datetime, datetime | None]]) -> float:
    """Seconds from ``start`` to ``end`` that no pause covers."""
    seconds = max(0.0, (end - start).total_seconds())
    for pause_start, pause_end in pauses:
        overlap_start = max(start, pause_start)
        overlap_end = end if pause_end is None else min(end, pause_end)
        if overlap_end > overlap_start:
            seconds -= (overlap_end - overlap_start).total_seconds()
    return max(0.0, seconds)


def risk_level(score: int) -> RiskLevel:
    if score >= HIGH_FROM:
        return RiskLevel.HIGH
    if score >= MEDIUM_FROM:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW
