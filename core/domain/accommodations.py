"""Accommodations: what a candidate is granted for one exam, set before (or during) it.

An accommodation gives longer time (``extra_percent`` of the exam's duration and/or
``extra_minutes``) and may exempt event types from weighing on the candidate's risk (say
``focus_lost`` for a candidate whose screen reader takes the focus). It applies to that
candidate's attempts of that exam: at start, and to a running attempt when it is set or changed
(the deadline moves by the difference). Pure rules: validation, the extra time and the short text
the proctor's card shows (``"+25 % time"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.domain.errors import InvalidInput
from core.domain.event_details import Said
from core.domain.risk import EXEMPTIBLE

MAX_EXTRA_PERCENT = 300
MAX_EXTRA_MINUTES = 24 * 60
MAX_NOTE = 1000


@dataclass(frozen=True)
class AccommodationTerms:
    extra_percent: int = 0
    extra_minutes: int = 0
    exempt: tuple[str, ...] = ()
    note: str | None = None

    def extra_seconds(self, duration_seconds: int) -> int:
        """The time added to an attempt of an exam this long (rounded to whole seconds)."""
        return round(duration_seconds * self.extra_percent / 100) + self.extra_minutes * 60

    @property
    def summary(self) -> str | None:
        """The short text on the proctor's card: ``+25 % time``, ``+10 min``, both, or the
        exemptions when no time is given; None when it grants nothing."""
        parts = []
        if self.extra_percent:
            parts.append(f"+{self.extra_percent} % time")
        if self.extra_minutes:
            parts.append(f"+{self.extra_minutes} min")
        if parts:
            return ", ".join(parts)
        if self.exempt:
            return "Not counted: " + ", ".join(exempt_label(k) for k in self.exempt)
        return "Accommodation" if self.note else None

    @property
    def said(self) -> Said:
        """The detail of the ``accommodation_set`` event: ``+25 % time — not counted: focus
        lost — Screen reader`` (English, the evidence), with its code and parts
        (``event_accommodation_set``) for a client to say it in its language."""
        parts = [self.summary or "No extra time"]
        if self.exempt and (self.extra_percent or self.extra_minutes):
            parts.append("not counted: " + ", ".join(exempt_label(k) for k in self.exempt))
        if self.note:
            parts.append(self.note)
        return Said(" — ".join(parts), "event_accommodation_set",
                    {"percent": self.extra_percent, "minutes": self.extra_minutes,
                     "exempt": list(self.exempt), "note": self.note})


def exempt_label(kind: str) -> str:
    """``focus_lost`` -> ``focus lost``."""
    return kind.replace("_", " ")


def checked_terms(extra_percent: int | None, extra_minutes: int | None,
                  exempt: Iterable[str] | None, note: str | None) -> AccommodationTerms:
    """The terms, once every value is acceptable; InvalidInput with a sentence otherwise."""
    percent = extra_percent or 0
    minutes = extra_minutes or 0
    if not 0 <= percent <= MAX_EXTRA_PERCENT:
        raise InvalidInput(code="extra_percent_range", params={"limit": MAX_EXTRA_PERCENT})
    if not 0 <= minutes <= MAX_EXTRA_MINUTES:
        raise InvalidInput(code="extra_minutes_range", params={"limit": MAX_EXTRA_MINUTES})
    kinds: list[str] = []
    for kind in exempt or ():
        if kind not in EXEMPTIBLE:
            known = ", ".join(sorted(EXEMPTIBLE))
            raise InvalidInput(code="not_exemptable", params={"kind": kind, "types": known})
        if kind not in kinds:
            kinds.append(kind)
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise InvalidInput(code="note_too_long", params={"limit": MAX_NOTE})
    return AccommodationTerms(percent, minutes, tuple(sorted(kinds)), note)
