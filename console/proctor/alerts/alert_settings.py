"""AlertSettings: the proctor's alert switches, kept in the console's QSettings (console.ini in
the data dir) under ``alerts/``."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from core.domain.alerts import DEFAULT_SILENT_AFTER_SECONDS, AlertKind, AlertRules

GROUP = "alerts"
MIN_SILENT_AFTER_SECONDS, MAX_SILENT_AFTER_SECONDS = 30, 3600


@dataclass(frozen=True)
class AlertSettings:
    enabled_kinds: frozenset[AlertKind] = frozenset(AlertKind)
    #: A desktop notification (the system tray's balloon) for each new alert.
    desktop_notifications: bool = True
    #: A short sound with each new alert (off by default: exam rooms are quiet).
    sound: bool = False
    silent_after_seconds: int = DEFAULT_SILENT_AFTER_SECONDS

    def rules(self) -> AlertRules:
        return AlertRules(enabled_kinds=self.enabled_kinds,
                          silent_after_seconds=self.silent_after_seconds)

    @classmethod
    def load(cls, settings: QSettings) -> AlertSettings:
        default = cls()
        enabled = frozenset(
            kind for kind in AlertKind
            if settings.value(f"{GROUP}/{kind}", True, type=bool)
        )
        silent = settings.value(f"{GROUP}/silent_after_seconds", default.silent_after_seconds,
                                type=int)
        return cls(
            enabled_kinds=enabled,
            desktop_notifications=bool(settings.value(f"{GROUP}/desktop_notifications",
                                                      default.desktop_notifications, type=bool)),
            sound=bool(settings.value(f"{GROUP}/sound", default.sound, type=bool)),
            silent_after_seconds=min(max(int(silent), MIN_SILENT_AFTER_SECONDS),
                                     MAX_SILENT_AFTER_SECONDS),
        )

    def save(self, settings: QSettings) -> None:
        for kind in AlertKind:
            settings.setValue(f"{GROUP}/{kind}", kind in self.enabled_kinds)
        settings.setValue(f"{GROUP}/desktop_notifications", self.desktop_notifications)
        settings.setValue(f"{GROUP}/sound", self.sound)
        settings.setValue(f"{GROUP}/silent_after_seconds", self.silent_after_seconds)
        settings.sync()
