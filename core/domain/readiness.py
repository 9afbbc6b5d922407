"""A proctor's override of a kiosk's readiness check: the kiosk found something NOT READY (a
camera that gives no frame, say) and a proctor, signed in at the kiosk, let the attempt start
anyway. Who, when and why are recorded on the session's timeline (``readiness_overridden``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.domain.errors import InvalidInput
from core.domain.event_details import Said

MAX_OVERRIDE_REASON = 200
MAX_NOT_READY_LINES = 4
MAX_NOT_READY_TEXT = 300


@dataclass(frozen=True)
class ReadinessOverride:
    #: The proctor who let the kiosk through (their display name, or "admin").
    actor: str
    reason: str
    #: What the kiosk found NOT READY, one line each ("Camera: no frame within 5 s").
    not_ready: tuple[str, ...] = ()

    def detail(self) -> str:
        """The timeline's detail: ``<reason> — not ready: <line>; <line>``."""
        if not self.not_ready:
            return self.reason
        lines = "; ".join(self.not_ready)
        return Said(f"{self.reason} — not ready: {lines}", "event_readiness_overridden",
                    {"reason": self.reason, "not_ready": lines})


def checked_override(actor: str, reason: str | None,
                     not_ready: Iterable[str] | None = None) -> ReadinessOverride:
    """The override as given, or InvalidInput with a sentence."""
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > MAX_OVERRIDE_REASON:
        raise InvalidInput(code="override_reason_length", params={"limit": MAX_OVERRIDE_REASON})
    lines = tuple(" ".join(line.split()) for line in (not_ready or ()) if line and line.strip())
    if len(lines) > MAX_NOT_READY_LINES or any(len(line) > MAX_NOT_READY_TEXT for line in lines):
        raise InvalidInput(code="not_ready_lines", params={
            "count": MAX_NOT_READY_LINES, "limit": MAX_NOT_READY_TEXT})
    return ReadinessOverride(actor, reason, lines)
