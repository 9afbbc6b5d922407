"""Risk scoring: one pure, weighted rule.

Each evidence event adds its weight to the session's score, capped at 100; a proctor flag adds
``flagged`` once. Levels: below 30 low, below 60 medium, otherwise high. Weights can be
overridden by the ``PROCTOR_RISK_WEIGHTS`` setting (``name=points,...``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from core.domain.enums import RiskLevel

DEFAULT_RISK_WEIGHTS: Mapping[str, int] = {
    "camera_denied": 15,
    "upload_failed": 3,
    "focus_lost": 8,
    "no_face": 10,
    "multiple_faces": 25,
    "too_dark": 5,
    "camera_blocked": 15,
    "flagged": 30,
}

MAX_RISK = 100
MEDIUM_FROM = 30
HIGH_FROM = 60


class RiskRule:
    def __init__(self, overrides: Mapping[str, int] | None = None) -> None:
        self.weights: dict[str, int] = {**DEFAULT_RISK_WEIGHTS, **(overrides or {})}

    def weight(self, event_type: str) -> int:
        return self.weights.get(event_type, 0)

    def score(self, event_types: Iterable[str]) -> int:
        return min(MAX_RISK, sum(self.weight(t) for t in event_types))

    def add(self, score: int, event_type: str) -> int:
        return min(MAX_RISK, score + self.weight(event_type))


def risk_level(score: int) -> RiskLevel:
    if score >= HIGH_FROM:
        return RiskLevel.HIGH
    if score >= MEDIUM_FROM:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW
