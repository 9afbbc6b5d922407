"""What a card says about a session at a moment: time left, staleness, the kiosk's state, the
attention order, the search text and the tooltip. Pure functions of a SessionDTO and "now"
(the model, the card delegate, the filter and the header all ask here). Whether a kiosk is
offline or closed is core.domain.kiosk_state's one rule; this module only words it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from console.i18n import local_digits, translate
from console.proctor.formatting import (
    REVIEW_WORDS,
    accommodation_summary,
    ago,
    camera_is_off,
    clock_time,
    duration,
    flag_words,
    outcome_words,
)
from console.proctor.proctor_center.session_roles import SessionCounts
from console.proctor.settings_values import SortKey
from core.domain.enums import RiskLevel, SessionStatus
from core.domain.kiosk_state import (
    KioskFacts,
    KioskState,
    is_closed,
    is_offline,
    last_contact_at,
    silent_seconds,
)
from core.domain.kiosk_state import kiosk_state as judge_kiosk
from core.domain.lifecycle import remaining_seconds
from core.domain.records import SessionDTO


def kiosk_facts(session: SessionDTO) -> KioskFacts:
    """What the one kiosk rule (core.domain.kiosk_state) needs of a session."""
    return KioskFacts(
        started_at=session.started_at,
        snapshot_interval_seconds=session.snapshot_interval_seconds,
        kiosk_seen_at=session.kiosk_seen_at,
        last_snapshot_at=session.last_snapshot_at,
        kiosk_closed_at=session.kiosk_closed_at,
        is_live=session.status == SessionStatus.ACTIVE and not session.is_sample,
    )


def seconds_since_contact(session: SessionDTO, now: datetime) -> int:
    return silent_seconds(kiosk_facts(session), now)


def is_stale(session: SessionDTO, now: datetime) -> bool:
    """An active real session whose kiosk has not been in contact for longer than the rule
    (core.domain.kiosk_state), whatever its camera does."""
    return is_offline(kiosk_facts(session), now)


def kiosk_closed(session: SessionDTO) -> bool:
    """A live session whose kiosk said it closed, and has not been in contact since."""
    return is_closed(kiosk_facts(session))


def kiosk_state(session: SessionDTO, now: datetime) -> KioskState:
    return judge_kiosk(kiosk_facts(session), now)


def waited_for(then: datetime | None, now: datetime) -> str:
    """How long since ``then`` as the card's badge keeps it (``just now``, ``45 s``,
    ``3 min``, ``2 h``; the card delegate says it in the console's language)."""
    if then is None:
        return "never"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 5:
        return "just now"
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


def kiosk_words(session: SessionDTO, now: datetime) -> str:
    """The card's badge for a kiosk that needs a look ("" when it is fine)."""
    facts = kiosk_facts(session)
    state = judge_kiosk(facts, now)
    if state is KioskState.CLOSED:
        return "Kiosk closed"
    if state is KioskState.OFFLINE:
        waited = waited_for(last_contact_at(facts), now)
        return f"Kiosk offline · {waited}"
    return ""


def warning_words(session: SessionDTO, short: bool = False) -> str:
    """``Warned 10:02`` until the candidate acknowledges, then ``Warning seen 10:03`` ("" when
    no warning was sent). ``short`` drops the time (a narrow card)."""
    sent, seen = session.warning_sent_at, session.warning_acknowledged_at
    if sent is None:
        return ""
    if seen is not None:
        return "Warning seen" if short else f"Warning seen {clock_time(seen)[:5]}"
    return "Warned" if short else f"Warned {clock_time(sent)[:5]}"


def time_left(session: SessionDTO, now: datetime) -> int | None:
    """Seconds left on a live session's clock (the domain's rule, rounded up), else None."""
    if session.status != SessionStatus.ACTIVE:
        return None
    return remaining_seconds(session.attempt_status, session.deadline_at, now,
                             session.paused_at)


def attention_key(session: SessionDTO, now: datetime) -> int:
    """Flagged first, then higher risk, then kiosks that need a look (longest silent first)."""
    facts = kiosk_facts(session)
    needs_look = judge_kiosk(facts, now) is not KioskState.OK
    waited = min(silent_seconds(facts, now), 2**31 - 1) if needs_look else 0
    flagged = int(session.is_flagged) << 40
    return flagged | (session.risk_score << 32) | (int(needs_look) << 31) | waited


def order_key(key: SortKey, now: datetime) -> Callable[[SessionDTO], tuple]:
    """The sort key of a session for ``key`` (ties: newest start first, then id)."""
    if key is SortKey.NAME:
        return lambda s: (s.candidate_name.casefold(), -s.started_at.timestamp(), s.session_id)
    if key is SortKey.START_TIME:
        return lambda s: (-s.started_at.timestamp(), s.session_id)
    return lambda s: (-attention_key(s, now), -s.started_at.timestamp(), s.session_id)


def count_sessions(sessions: list[SessionDTO], now: datetime) -> SessionCounts:
    """The header's counts: real sessions only (samples are counted apart)."""
    real = [s for s in sessions if not s.is_sample]
    return SessionCounts(
        total=len(real),
        flagged=sum(s.is_flagged for s in real),
        high_risk=sum(s.risk_level == RiskLevel.HIGH for s in real),
        offline=sum(bool(kiosk_words(s, now)) for s in real),
        samples=len(sessions) - len(real),
        completed=sum(s.status == SessionStatus.COMPLETED for s in real),
        cancelled=sum(s.status == SessionStatus.CANCELLED for s in real),
    )


def search_text(session: SessionDTO) -> str:
    """Lower-case "name ref exam seat", the seat also without its punctuation and spaces, so
    "b14" finds seat "B-14"."""
    text = f"{session.candidate_name} {session.candidate_ref} {session.exam_title}"
    if session.seat:
        compact = "".join(c for c in session.seat if c.isalnum())
        text = f"{text} {session.seat} {compact}"
    return text.casefold()


def searchable_changed(old: SessionDTO, new: SessionDTO) -> bool:
    return (old.candidate_name != new.candidate_name or old.candidate_ref != new.candidate_ref
            or old.exam_title != new.exam_title or old.exam_id != new.exam_id
            or old.seat != new.seat or old.room != new.room)


def tooltip(session: SessionDTO, now: datetime) -> str:
    """The card's tooltip: everything the card says, whole, in the console's language
    (Qt's translation, context ``SessionRules``; times and counts in its digits)."""
    seat = (session.seat or "").strip()
    lines = [f"{session.candidate_name} ({session.candidate_ref})"
             + (" · " + translate("SessionRules", "Seat {seat}").format(seat=seat)
                if seat else ""),
             session.exam_title, outcome_words(session)]
    remaining = time_left(session, now)
    if remaining is not None:
        lines.append(translate("SessionRules", "{time} left").format(time=duration(remaining)))
    lines.append(translate("SessionRules", "Snapshots: {count}, the last at {time}").format(
        count=local_digits(str(session.snapshot_count)),
        time=clock_time(session.last_snapshot_at)))
    facts = kiosk_facts(session)
    state = judge_kiosk(facts, now)
    if state is KioskState.CLOSED:
        lines.append(translate("SessionRules", "Kiosk closed at {time}: the candidate's exam "
                               "window is not open").format(
            time=clock_time(session.kiosk_closed_at)))
    elif state is KioskState.OFFLINE:
        lines.append(translate("SessionRules", "Last word from the kiosk {ago}: it may be "
                               "offline").format(ago=ago(last_contact_at(facts), now)))
    lines.append(translate("SessionRules", "Risk {score} ({level})").format(
        score=local_digits(str(session.risk_score)),
        level=translate("Formatting", str(session.risk_level).capitalize())))
    if camera_is_off(session):
        lines.append(translate("SessionRules",
                               "Camera off: the kiosk reports its camera as unavailable"))
    if session.warning_sent_at is not None:
        seen = session.warning_acknowledged_at
        sent = clock_time(session.warning_sent_at)
        lines.append(translate("SessionRules", "Warning sent at {sent}, acknowledged at {seen}")
                     .format(sent=sent, seen=clock_time(seen)) if seen else
                     translate("SessionRules", "Warning sent at {sent}, not acknowledged yet")
                     .format(sent=sent))
    accommodation = accommodation_summary(session)
    if accommodation:
        lines.append(translate("SessionRules", "Accommodation: {what}").format(
            what=accommodation))
    if session.is_flagged:
        lines.append(flag_words(session, with_note=False))
    if session.review_outcome:
        outcome = REVIEW_WORDS.get(session.review_outcome, session.review_outcome)
        lines.append(translate("SessionRules", "Review: {outcome}").format(
            outcome=translate("Formatting", outcome)))
    if session.is_sample:
        lines.append(translate("SessionRules", "Sample session (demo data): actions are off"))
    return "\n".join(lines)
