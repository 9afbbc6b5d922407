"""The values the console's settings remember (console_settings.py reads and writes them), as
plain values with no Qt: the grid's orders and the proctor's alert switches. They sit below the
settings, the Proctor Center grid and the alerts, which all name them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.domain.alerts import DEFAULT_SILENT_AFTER_SECONDS, AlertKind, AlertRules

MIN_SILENT_AFTER_SECONDS, MAX_SILENT_AFTER_SECONDS = 30, 3600


class SortKey(StrEnum):
    """The orders the Proctor Center grid offers (its labels: proctor_center/sort_labels.py)."""

    ATTENTION = "attention"
    NAME = "name"
    START_TIME = "start_time"


@dataclass(frozen=True)
class AlertSettings:
    """The proctor's alert switches."""

    enabled_kinds: frozenset[AlertKind] = frozenset(AlertKind)
    #: A desktop notification (the system tray's balloon) for each new alert.
    desktop_notifications: bool = True
    #: A short sound with each new alert (off by default: exam rooms are quiet).
    sound: bool = False
    silent_after_seconds: int = DEFAULT_SILENT_AFTER_SECONDS

    def rules(self) -> AlertRules:
        return AlertRules(enabled_kinds=self.enabled_kinds,
                          silent_after_seconds=self.silent_after_seconds)
