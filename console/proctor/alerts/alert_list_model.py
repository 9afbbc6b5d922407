"""AlertListModel: the alerts raised in this console run, newest first, each seen or not, and
acknowledged or dismissed by a proctor of the center (any console's: the timeline says so).

An acknowledged alert stops nagging (it counts as seen) and stays listed with who acknowledged
it; a dismissed one is dealt with: the Alerts list shows it apart (hidden unless asked for)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from console.i18n import local_digits, translate
from console.proctor.formatting import actor_words, clock_time
from core.domain.alerts import Alert, AlertHandling, AlertKind

_USER = int(Qt.ItemDataRole.UserRole)
ALERT_ROLE = _USER + 1
SESSION_ID_ROLE = _USER + 2
KIND_ROLE = _USER + 3
IS_SEEN_ROLE = _USER + 4
MESSAGE_ROLE = _USER + 5
HANDLING_ROLE = _USER + 6

ROLE_NAMES = {
    ALERT_ROLE: b"alert",
    SESSION_ID_ROLE: b"sessionId",
    KIND_ROLE: b"kind",
    IS_SEEN_ROLE: b"isSeen",
    MESSAGE_ROLE: b"message",
    HANDLING_ROLE: b"handling",
}
#: Older alerts beyond this many are dropped (a long day stays light).
MAX_ALERTS = 500
UNSEEN_BACKGROUND = QColor("#fff4e0")
DISMISSED_FOREGROUND = QColor("#7a7f87")


@dataclass
class _Row:
    alert: Alert
    is_seen: bool = False
    #: "acknowledged" or "dismissed" (core.domain.alerts.AlertHandling), "" when neither.
    handling: str = ""
    handled_by: str = ""
    handled_at: datetime | None = None

    def handling_words(self) -> str:
        if not self.handling or self.handled_at is None:
            return ""
        who = actor_words(self.handled_by)
        time = clock_time(self.handled_at)
        if self.handling == AlertHandling.DISMISSED:
            words = (translate("AlertListModel", "Dismissed by {who} at {time}") if who
                     else translate("AlertListModel", "Dismissed at {time}"))
        else:
            words = (translate("AlertListModel", "Acknowledged by {who} at {time}") if who
                     else translate("AlertListModel", "Acknowledged at {time}"))
        return words.format(who=who, time=time)


#: An alert's heading by its kind (the alert rule's own words, core.domain.alerts), said in the
#: console's language.
ALERT_TITLES = {
    AlertKind.HIGH_RISK: QT_TRANSLATE_NOOP("AlertListModel", "High risk: {name}"),
    AlertKind.CAMERA_OFF: QT_TRANSLATE_NOOP("AlertListModel", "Camera off: {name}"),
    AlertKind.SILENT_KIOSK: QT_TRANSLATE_NOOP("AlertListModel", "Kiosk silent: {name}"),
    AlertKind.UNANSWERED_WARNING: QT_TRANSLATE_NOOP("AlertListModel",
                                                    "Warning unanswered: {name}"),
}


def alert_title(alert: Alert) -> str:
    """``High risk: Ann Lee`` in the console's language (the rule's title for a kind this
    console does not know)."""
    words = ALERT_TITLES.get(alert.kind)
    return (translate("AlertListModel", words).format(name=alert.candidate_name) if words
            else alert.title)


# An alert's sentence by its code (core.domain.alerts.ALERT_MESSAGES, repeated word for word
# for lupdate; a test keeps the two equal), said in the console's language.
ALERT_SENTENCES = {
    "alert_high_risk": QT_TRANSLATE_NOOP(
        "AlertMessages", "{name} ({exam}) is now high risk, score {score}."),
    "alert_camera_off": QT_TRANSLATE_NOOP(
        "AlertMessages", "The camera of {name}'s kiosk ({exam}) is off, so no snapshots arrive."),
    "alert_kiosk_closed_silent": QT_TRANSLATE_NOOP(
        "AlertMessages", "{name}'s kiosk ({exam}) was closed and has been silent for {span}."),
    "alert_kiosk_never_called": QT_TRANSLATE_NOOP(
        "AlertMessages",
        "{name}'s kiosk ({exam}) has not called the center since the session started, {span} "
        "ago."),
    "alert_kiosk_silent": QT_TRANSLATE_NOOP(
        "AlertMessages", "{name}'s kiosk ({exam}) has not been in contact for {span}."),
    "alert_warning_unanswered": QT_TRANSLATE_NOOP(
        "AlertMessages",
        "{name} ({exam}) has not acknowledged the warning “{warning}” sent {span} ago."),
}


def span_words(seconds: int) -> str:
    """``45 s``, ``3 min``, ``2 h 5 min`` in the console's words and digits."""
    if seconds < 60:
        words = translate("AlertMessages", "{seconds} s").format(seconds=seconds)
    elif seconds < 3600:
        words = translate("AlertMessages", "{minutes} min").format(minutes=seconds // 60)
    else:
        hours, minutes = divmod(seconds // 60, 60)
        words = (translate("AlertMessages", "{hours} h {minutes} min").format(
            hours=hours, minutes=minutes) if minutes
            else translate("AlertMessages", "{hours} h").format(hours=hours))
    return local_digits(words)


def alert_sentence(alert: Alert) -> str:
    """What happened, in the console's language: the translation of the alert's code with its
    parameters (numbers in the language's digits); the rule's English sentence for a code this
    console does not know, or parameters that do not fit."""
    template = ALERT_SENTENCES.get(alert.code)
    if template is None:
        return alert.message
    values = dict(alert.params)
    try:
        if "seconds" in values:
            values["span"] = span_words(int(values["seconds"]))
        if "score" in values:
            values["score"] = local_digits(values["score"])
        return translate("AlertMessages", template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation out of step
        return alert.message


class AlertListModel(QAbstractListModel):
    #: The number of alerts not seen yet changed.
    unseen_count_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({role: QByteArray(name) for role, name in ROLE_NAMES.items()})
        return names

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        alert = row.alert
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{clock_time(alert.raised_at)}   {alert_title(alert)}\n{alert_sentence(alert)}"
            handled = row.handling_words()
            return f"{text}\n{handled}." if handled else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return alert_sentence(alert)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            words = (translate("AlertListModel", "Seen alert at {time}: {message}") if row.is_seen
                     else translate("AlertListModel", "New alert at {time}: {message}"))
            return words.format(time=clock_time(alert.raised_at), message=alert_sentence(alert))
        if role == Qt.ItemDataRole.FontRole:
            return None if row.is_seen else self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return None if row.is_seen else QBrush(UNSEEN_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return (QBrush(DISMISSED_FOREGROUND) if row.handling == AlertHandling.DISMISSED
                    else None)
        if role == HANDLING_ROLE:
            return row.handling
        if role == ALERT_ROLE:
            return alert
        if role == SESSION_ID_ROLE:
            return alert.session_id
        if role == KIND_ROLE:
            return str(alert.kind)
        if role == IS_SEEN_ROLE:
            return row.is_seen
        if role == MESSAGE_ROLE:
            return alert_sentence(alert)
        return None

    # ---- what the views ask ---------------------------------------------------------------
    @property
    def unseen_count(self) -> int:
        return sum(not row.is_seen for row in self._rows)

    def alert_at(self, row: int) -> Alert:
        return self._rows[row].alert

    def is_seen(self, row: int) -> bool:
        return self._rows[row].is_seen

    def alerts(self) -> list[Alert]:
        return [row.alert for row in self._rows]

    def handling(self, row: int) -> str:
        """"acknowledged", "dismissed" or "" for the alert in ``row``."""
        return self._rows[row].handling

    def handled_by(self, row: int) -> str:
        return self._rows[row].handled_by

    @property
    def dismissed_count(self) -> int:
        return sum(row.handling == AlertHandling.DISMISSED for row in self._rows)

    # ---- commands --------------------------------------------------------------------------
    def add_alerts(self, alerts: Iterable[Alert]) -> None:
        """New alerts go on top (the newest first)."""
        fresh = list(alerts)
        if not fresh:
            return
        fresh.reverse()  # the last raised ends up first
        self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
        self._rows[:0] = [_Row(alert) for alert in fresh]
        self.endInsertRows()
        if len(self._rows) > MAX_ALERTS:
            self.beginRemoveRows(QModelIndex(), MAX_ALERTS, len(self._rows) - 1)
            del self._rows[MAX_ALERTS:]
            self.endRemoveRows()
        self.unseen_count_changed.emit(self.unseen_count)

    def mark_seen(self, row: int) -> None:
        if not 0 <= row < len(self._rows) or self._rows[row].is_seen:
            return
        self._rows[row].is_seen = True
        index = self.index(row)
        self.dataChanged.emit(index, index)
        self.unseen_count_changed.emit(self.unseen_count)

    def apply_handling(self, session_id: str, episode_key: str, handling: str, actor: str,
                       at: datetime) -> bool:
        """A proctor (of any console) acknowledged or dismissed the alert ``episode_key`` of
        ``session_id``: the newest such alert shows it. True when a row changed."""
        for r, row in enumerate(self._rows):
            alert = row.alert
            if alert.session_id != session_id or alert.episode_key != episode_key:
                continue
            if row.handling == AlertHandling.DISMISSED and handling != AlertHandling.DISMISSED:
                return False  # dismissed stays dismissed
            row.handling, row.handled_by, row.handled_at = handling, actor, at
            row.is_seen = True  # someone is on it: it stops nagging
            index = self.index(r)
            self.dataChanged.emit(index, index)
            self.unseen_count_changed.emit(self.unseen_count)
            return True
        return False

    def mark_all_seen(self) -> None:
        unseen = [r for r, row in enumerate(self._rows) if not row.is_seen]
        if not unseen:
            return
        for r in unseen:
            self._rows[r].is_seen = True
        self.dataChanged.emit(self.index(unseen[0]), self.index(unseen[-1]))
        self.unseen_count_changed.emit(0)
