"""AlertNotifier: a desktop notification (the system tray's message) and an optional sound for
new alerts. PySide6-Essentials has no QtMultimedia (no QSoundEffect), so the sound is the
desktop's own alert sound through ``QApplication.beep()``."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from console.i18n import translate
from console.proctor.alerts.alert_list_model import alert_sentence, alert_title
from console.proctor.settings_values import AlertSettings
from core.domain.alerts import Alert

MESSAGE_MS = 15_000


class AlertNotifier(QObject):
    #: The proctor clicked the desktop notification of an alert about this session.
    session_requested = Signal(str)

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._tray: QSystemTrayIcon | None = None
        self._last_session_id: str | None = None
        #: (title, message) of every notification shown, newest last (the tray may be absent).
        self.shown: list[tuple[str, str]] = []
        #: How many times the alert sound was played.
        self.beeps = 0

    @staticmethod
    def is_tray_available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, alerts: list[Alert], settings: AlertSettings) -> None:
        if not alerts:
            return
        if settings.desktop_notifications:
            title, message = notification_text(alerts)
            self._last_session_id = alerts[-1].session_id
            self.shown.append((title, message))
            tray = self._tray_icon()
            if tray is not None:
                tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)
        if settings.sound:
            self.beeps += 1
            QApplication.beep()

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()

    def _tray_icon(self) -> QSystemTrayIcon | None:
        if self._tray is None and self.is_tray_available():
            self._tray = QSystemTrayIcon(self._icon, self)
            self._tray.setToolTip(self.tr("Proctor Console alerts"))
            self._tray.messageClicked.connect(self._message_clicked)
            self._tray.show()
        return self._tray

    def _message_clicked(self) -> None:
        if self._last_session_id is not None:
            self.session_requested.emit(self._last_session_id)


def notification_text(alerts: list[Alert]) -> tuple[str, str]:
    """One alert: its title and sentence. Several: a count and the first sentences."""
    if len(alerts) == 1:
        return alert_title(alerts[0]), alert_sentence(alerts[0])
    lines = [alert_sentence(a) for a in alerts[:3]]
    if len(alerts) > 3:
        lines.append(translate("AlertNotifier", "… and {count} more in the Alerts list.").format(
            count=QLocale().toString(len(alerts) - 3)))
    return translate("AlertNotifier", "{count} new alerts").format(
        count=QLocale().toString(len(alerts))), "\n".join(lines)
