"""When a proctor must be alerted: one pure rule, fed with what is known of the live sessions and
the time.

Four kinds of alert, each raised once per *episode*:

- **high risk** — a session's risk level is high. It stays one episode while the level stays
  high; back to medium or low ends it, and high again is a new episode (a second alert).
- **camera off** — the kiosk reports its camera unavailable (``camera_off``).
- **silent kiosk** — an active session's kiosk is offline or closed by the one kiosk rule
  (``core.domain.kiosk_state``: no contact, whatever its camera does) and has not been in
  contact for longer than ``max(silent_after_seconds, 3 x its snapshot interval)`` (counted
  from the start while it never called). A camera that is off does not stop it: an alive kiosk
  keeps calling, so its silence means the kiosk itself is gone.
- **unanswered warning** — a proctor's warning has not been acknowledged for
  ``warning_unanswered_seconds``; one alert per warning.

An episode ends when its condition no longer holds, when its kind is switched off, or when the
session is no longer among the live sessions given (ended). Switching a kind on while its
condition holds raises the alert on the next evaluation. Sample sessions never alert.

An alert's sentence has a code and parameters (``ALERT_MESSAGES``, as ``core.domain.messages``
has for the center's errors): ``message`` is the English sentence, and a console that speaks
another language says the code's template in its words with the same parameters (strings:
``name``, ``exam``, ``score``, ``seconds``, ``warning``; ``{span}`` is ``seconds`` as a length
of time), falling back to ``message`` for a code it does not know.

No clock, no I/O, no Qt: ``evaluate_alerts(state, sessions, now, rules)`` returns the new state
and the alerts that are due now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from core.domain.enums import RiskLevel
from core.domain.kiosk_state import KioskFacts, KioskState, kiosk_state, silent_seconds


class AlertKind(StrEnum):
    HIGH_RISK = "high_risk"
    SILENT_KIOSK = "silent_kiosk"
    CAMERA_OFF = "camera_off"
    UNANSWERED_WARNING = "unanswered_warning"


#: How each kind is named in settings and lists.
ALERT_KIND_WORDS = {
    AlertKind.HIGH_RISK: "A session turns high risk",
    AlertKind.SILENT_KIOSK: "A kiosk goes silent (no contact for a while)",
    AlertKind.CAMERA_OFF: "A kiosk's camera turns off",
    AlertKind.UNANSWERED_WARNING: "A warning stays unacknowledged",
}

#: An alert's sentence by its code: the English template with named parameters. A code never
#: changes meaning once released; a changed sentence gets a new code.
ALERT_MESSAGES: dict[str, str] = {
    "alert_high_risk": "{name} ({exam}) is now high risk, score {score}.",
    "alert_camera_off": "The camera of {name}'s kiosk ({exam}) is off, so no snapshots arrive.",
    "alert_kiosk_closed_silent": "{name}'s kiosk ({exam}) was closed and has been silent for "
                                 "{span}.",
    "alert_kiosk_never_called": "{name}'s kiosk ({exam}) has not called the center since the "
                                "session started, {span} ago.",
    "alert_kiosk_silent": "{name}'s kiosk ({exam}) has not been in contact for {span}.",
    "alert_warning_unanswered": "{name} ({exam}) has not acknowledged the warning “{warning}” "
                                "sent {span} ago.",
}
#: Parameters that hold a number: a client writes their digits as its language does.
ALERT_NUMERIC_PARAMS = frozenset({"score", "seconds"})


def alert_message(code: str, params: Mapping[str, str]) -> str:
    """The English sentence of the alert ``code`` with ``params`` (``{span}`` from
    ``seconds``)."""
    span = _span(int(params["seconds"])) if "seconds" in params else ""
    return ALERT_MESSAGES[code].format(span=span, **params)


DEFAULT_SILENT_AFTER_SECONDS = 90
DEFAULT_WARNING_UNANSWERED_SECONDS = 60
#: A kiosk is silent after this many of its snapshot intervals without contact (at least
#: ``silent_after_seconds``), once the kiosk rule also calls it offline or closed.
SILENT_INTERVALS = 3


@dataclass(frozen=True)
class PendingWarning:
    """A warning sent to the candidate and not acknowledged (yet)."""

    warning_id: str
    message: str
    sent_at: datetime


@dataclass(frozen=True)
class SessionFacts:
    """What the rule needs to know of one live session (from the session list's fields)."""

    session_id: str
    candidate_name: str
    exam_title: str
    started_at: datetime
    risk_level: str
    risk_score: int = 0
    camera_off: bool = False
    last_snapshot_at: datetime | None = None
    snapshot_interval_seconds: int = 30
    unacknowledged_warnings: tuple[PendingWarning, ...] = ()
    is_sample: bool = False
    #: The last time the kiosk used its token (``SessionDTO.kiosk_seen_at``).
    kiosk_seen_at: datetime | None = None
    #: When the kiosk said its window closed (``SessionDTO.kiosk_closed_at``).
    kiosk_closed_at: datetime | None = None
    #: The exam room (``SessionDTO.room``): a console that watches one room alerts on it only.
    room: str | None = None

    def kiosk(self) -> KioskFacts:
        """What the kiosk rule needs (the sessions given are the live ones)."""
        return KioskFacts(self.started_at, self.snapshot_interval_seconds, self.kiosk_seen_at,
                          self.last_snapshot_at, self.kiosk_closed_at,
                          is_live=not self.is_sample)


@dataclass(frozen=True)
class AlertRules:
    """The proctor's switches and thresholds."""

    enabled_kinds: frozenset[AlertKind] = frozenset(AlertKind)
    silent_after_seconds: int = DEFAULT_SILENT_AFTER_SECONDS
    warning_unanswered_seconds: int = DEFAULT_WARNING_UNANSWERED_SECONDS

    def silent_threshold_seconds(self, snapshot_interval_seconds: int) -> int:
        return max(self.silent_after_seconds, SILENT_INTERVALS * snapshot_interval_seconds)


@dataclass(frozen=True)
class Alert:
    alert_id: str
    kind: AlertKind
    session_id: str
    candidate_name: str
    exam_title: str
    raised_at: datetime
    #: A short heading, e.g. "High risk: Ann Lee".
    title: str
    #: One sentence that says what happened (English: ``alert_message(code, params)``).
    message: str
    #: What the alert is about within its session, the same on every console: the kind, or
    #: ``unanswered_warning:<warning id>``. A proctor acknowledges or dismisses it by this key.
    episode_key: str = ""
    #: The sentence's code in ``ALERT_MESSAGES`` and its parameters ("" and none: only the
    #: English ``message``).
    code: str = ""
    params: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class AlertState:
    """The episodes that are open: (session id, episode key). Start with ``AlertState()``."""

    open_episodes: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    raised_count: int = 0


def evaluate_alerts(
    state: AlertState, sessions: Iterable[SessionFacts], now: datetime, rules: AlertRules
) -> tuple[AlertState, list[Alert]]:
    """The alerts due at ``now`` given every live session, and the state to pass next time.

    ``sessions`` is the whole picture: an open episode of a session not in it is closed."""
    open_now: set[tuple[str, str]] = set()
    due: list[Alert] = []
    count = state.raised_count
    for facts in sessions:
        if facts.is_sample:
            continue
        for episode_key, kind, title, code, params in _conditions(facts, now, rules):
            if kind not in rules.enabled_kinds:
                continue
            episode = (facts.session_id, episode_key)
            open_now.add(episode)
            if episode in state.open_episodes:
                continue
            count += 1
            due.append(Alert(
                alert_id=f"{count}:{facts.session_id}:{episode_key}",
                kind=kind,
                session_id=facts.session_id,
                candidate_name=facts.candidate_name,
                exam_title=facts.exam_title,
                raised_at=now,
                title=title,
                message=alert_message(code, params),
                episode_key=episode_key,
                code=code,
                params=params,
            ))
    return AlertState(frozenset(open_now), count), due


def _conditions(
    facts: SessionFacts, now: datetime, rules: AlertRules
) -> Iterable[tuple[str, AlertKind, str, str, dict[str, str]]]:
    """(episode key, kind, title, sentence's code, its parameters) for every condition that
    holds now."""
    name, exam = facts.candidate_name, facts.exam_title
    who = {"name": name, "exam": exam}
    if facts.risk_level == RiskLevel.HIGH:
        yield (AlertKind.HIGH_RISK, AlertKind.HIGH_RISK, f"High risk: {name}",
               "alert_high_risk", {**who, "score": str(facts.risk_score)})
    if facts.camera_off:
        yield (AlertKind.CAMERA_OFF, AlertKind.CAMERA_OFF, f"Camera off: {name}",
               "alert_camera_off", who)
    kiosk = facts.kiosk()
    state = kiosk_state(kiosk, now)
    silent_for = silent_seconds(kiosk, now)
    if (state is not KioskState.OK
            and silent_for > rules.silent_threshold_seconds(facts.snapshot_interval_seconds)):
        if state is KioskState.CLOSED:
            code = "alert_kiosk_closed_silent"
        elif facts.kiosk_seen_at is None and facts.last_snapshot_at is None:
            code = "alert_kiosk_never_called"
        else:
            code = "alert_kiosk_silent"
        yield (AlertKind.SILENT_KIOSK, AlertKind.SILENT_KIOSK, f"Kiosk silent: {name}",
               code, {**who, "seconds": str(int(silent_for))})
    for warning in facts.unacknowledged_warnings:
        waited = int((now - warning.sent_at).total_seconds())
        if waited >= rules.warning_unanswered_seconds:
            yield (f"{AlertKind.UNANSWERED_WARNING}:{warning.warning_id}",
                   AlertKind.UNANSWERED_WARNING, f"Warning unanswered: {name}",
                   "alert_warning_unanswered",
                   {**who, "warning": warning.message, "seconds": str(waited)})


class AlertHandling(StrEnum):
    """What a proctor did with an alert; every console of the center shows it."""

    ACKNOWLEDGED = "acknowledged"  # someone is on it: it stops nagging, stays listed
    DISMISSED = "dismissed"  # dealt with: it leaves the list (shown apart)


def parse_alert_key(key: str) -> tuple[AlertKind, str | None]:
    """The kind and warning id (for an unanswered warning) of an alert's ``episode_key``;
    ValueError with a sentence for anything else."""
    kind_text, _, warning_id = (key or "").strip().partition(":")
    try:
        kind = AlertKind(kind_text)
    except ValueError:
        kinds = ", ".join(k.value for k in AlertKind)
        raise ValueError(f"Unknown alert {key!r}: it is one of {kinds}, or "
                         f"unanswered_warning:<warning id>.") from None
    if (kind is AlertKind.UNANSWERED_WARNING) != bool(warning_id):
        raise ValueError("An unanswered warning's alert names its warning "
                         "(unanswered_warning:<warning id>); the other alerts name only "
                         "their kind.")
    return kind, warning_id or None


def _span(seconds: int) -> str:
    """``45 s``, ``3 min``, ``2 h 5 min``."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
