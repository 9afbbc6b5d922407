"""Debouncing frame findings into evidence: when a run of frames starts or ends an episode.

A frame analysis reports *cues* for each frame (``no_face``, ``multiple_faces``, ``too_dark``,
``camera_blocked``, ``frozen``, ``looking_away``). For each session and each condition, an
*episode* starts with the first frame that shows the condition and lasts while consecutive
observed frames keep showing it. The event is recorded once per episode, when the episode
reaches ``confirm_frames`` frames (default 1: at its first frame), or the condition's own
minimum (``MIN_FRAMES_OF_CONDITION``) when that is larger, dated at the frame that confirmed it.
A frame without the condition ends the episode and nothing is recorded then; the next episode of
the same condition records a new event whose detail also says how long the previous one lasted
(from its first frame to the frame that cleared it). So three no-face frames in a row make one
``no_face`` event, and a long absence adds the ``no_face`` risk weight once.
``frozen`` episodes are recorded as ``camera_blocked`` events (the event type covers "blocked or
frozen"); the detail tells which.

``looking_away`` needs two frames in a row: a candidate who turns to think, to stretch or towards
a noise is caught in one snapshot now and then, and that is no evidence. Two consecutive
snapshots span one snapshot interval (30 s by default): the head stayed turned, or
was turned again, across it.

Frames captured before the newest frame already observed (a kiosk's spooled backlog) never
start or end an episode: ``EpisodeTracker.is_out_of_order`` tells the caller to skip them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from core.domain.enums import EventType
from core.domain.event_details import Said

# Conditions: the cue stored on the snapshot, the event it records, and the event's detail.
NO_FACE = "no_face"
MULTIPLE_FACES = "multiple_faces"
TOO_DARK = "too_dark"
CAMERA_BLOCKED = "camera_blocked"
FROZEN = "frozen"
LOOKING_AWAY = "looking_away"
CONDITIONS: tuple[str, ...] = (CAMERA_BLOCKED, FROZEN, TOO_DARK, NO_FACE, MULTIPLE_FACES,
                               LOOKING_AWAY)
EVENT_OF_CONDITION: dict[str, EventType] = {
    NO_FACE: EventType.NO_FACE,
    MULTIPLE_FACES: EventType.MULTIPLE_FACES,
    TOO_DARK: EventType.TOO_DARK,
    CAMERA_BLOCKED: EventType.CAMERA_BLOCKED,
    FROZEN: EventType.CAMERA_BLOCKED,
    LOOKING_AWAY: EventType.LOOKING_AWAY,
}
DETAIL_OF_CONDITION: dict[str, str] = {
    NO_FACE: "No face in view",
    MULTIPLE_FACES: "{faces} faces in view",
    TOO_DARK: "Picture too dark to see the candidate",
    CAMERA_BLOCKED: "Camera covered or blocked",
    FROZEN: "Picture frozen: the same image as the previous snapshot",
    LOOKING_AWAY: "Head turned away from the screen",
}
#: Conditions that need more frames in a row than ``confirm_frames`` before they are evidence.
MIN_FRAMES_OF_CONDITION: dict[str, int] = {LOOKING_AWAY: 2}


def describe_duration(seconds: float) -> str:
    """``45 s``, ``2 min 5 s``, ``1 h 30 min``: how long an episode lasted, in words."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


@dataclass
class Episode:
    started_at: datetime
    frames: int = 0
    is_reported: bool = False


@dataclass
class EpisodeTracker:
    """The episodes of one session, advanced one frame at a time (not thread-safe)."""

    confirm_frames: int = 1
    last_captured_at: datetime | None = None
    episodes: dict[str, Episode] = field(default_factory=dict)
    last_durations: dict[str, float] = field(default_factory=dict)

    def is_out_of_order(self, captured_at: datetime) -> bool:
        """True for a frame captured before the newest one observed: it must not be observed."""
        return self.last_captured_at is not None and captured_at < self.last_captured_at

    def observe(
        self, cues: Iterable[str], captured_at: datetime, face_count: int
    ) -> list[tuple[str, str | None]]:
        """Advance the episodes by one frame; return the events (type, detail) to record now."""
        present = set(cues)
        events: list[tuple[str, str | None]] = []
        for condition in CONDITIONS:
            episode = self.episodes.get(condition)
            if condition not in present:
                if episode is not None:
                    del self.episodes[condition]
                    if episode.is_reported:
                        duration = (captured_at - episode.started_at).total_seconds()
                        self.last_durations[condition] = duration
                continue
            if episode is None:
                episode = self.episodes[condition] = Episode(captured_at)
            episode.frames += 1
            if not episode.is_reported and episode.frames >= self.frames_to_confirm(condition):
                episode.is_reported = True
                events.append((EVENT_OF_CONDITION[condition],
                               self._detail(condition, face_count)))
        self.last_captured_at = captured_at
        return events

    def frames_to_confirm(self, condition: str) -> int:
        """How many frames in a row record ``condition``."""
        return max(1, self.confirm_frames, MIN_FRAMES_OF_CONDITION.get(condition, 1))

    def _detail(self, condition: str, face_count: int) -> Said:
        """The event's detail, with its code (``event_<condition>``, ``..._again``) and
        parameters (``core.domain.event_details``)."""
        detail = DETAIL_OF_CONDITION[condition].format(faces=face_count)
        params: dict[str, int] = {"faces": face_count} if condition == MULTIPLE_FACES else {}
        code = f"event_{condition}"
        previous = self.last_durations.get(condition)
        if previous is not None:
            detail += f" (again; the previous time lasted about {describe_duration(previous)})"
            params["previous_seconds"] = max(0, round(previous))
            code += "_again"
        return Said(detail, code, params)
