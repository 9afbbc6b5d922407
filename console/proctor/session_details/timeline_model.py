"""TimelineModel: a session's events newest first — time, type in words with who did it (a
proctor's action: "Flagged by Dana Lee"), detail and source.

The center's own problems (an ``upload_failed`` whose cause is ``center_unreachable`` or
``center_error``) stay in time order but read in their own words ("Center unreachable — upload
retried"), in their own tone (severity ``center``, not the candidate's warn colour), and are
counted apart from the candidate's events (``timeline_title``).

``set_events`` takes the whole list after each refresh and inserts only the new rows, so a
selection in the timeline survives live updates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from console.i18n import translate
from console.proctor.formatting import (
    CENTER_PROBLEM_WORDS,
    REVIEW_WORDS,
    actor_words,
    by_words,
    clock_time,
    date_time,
    event_words,
)
from console.proctor.session_details.event_sentences import event_sentence, knows
from core.domain.records import EventDTO
from core.domain.risk import is_center_problem

EventRole = Qt.ItemDataRole.UserRole + 1  #: the EventDTO
EventIdRole = Qt.ItemDataRole.UserRole + 2  #: str
OccurredAtRole = Qt.ItemDataRole.UserRole + 3  #: aware datetime
TypeWordsRole = Qt.ItemDataRole.UserRole + 4  #: "Left the exam window", "Flagged by Dana Lee"
DetailRole = Qt.ItemDataRole.UserRole + 5  #: str ("" when none)
SourceRole = Qt.ItemDataRole.UserRole + 6  #: "kiosk" | "analysis" | "proctor" | "system"
SourceWordsRole = Qt.ItemDataRole.UserRole + 7  #: "Kiosk", "Analysis", ...
SeverityRole = Qt.ItemDataRole.UserRole + 8  #: "danger" | "warn" | "ok" | "info" | "center"
#: Who did it: "Dana Lee", "the administrator"; "" for kiosk, analysis and system events.
ActorRole = Qt.ItemDataRole.UserRole + 9
#: The whole entry in one line: "Flagged by Dana Lee — Looking away".
SummaryRole = Qt.ItemDataRole.UserRole + 10

ITEM_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemNeverHasChildren)
SOURCE_WORDS = {"kiosk": QT_TRANSLATE_NOOP("TimelineModel", "Kiosk"),
                "analysis": QT_TRANSLATE_NOOP("TimelineModel", "Analysis"),
                "proctor": QT_TRANSLATE_NOOP("TimelineModel", "Proctor"),
                "system": QT_TRANSLATE_NOOP("TimelineModel", "System")}

#: How an event type reads at a glance (colour of its dot); everything else is "info".
SEVERITY = {
    "camera_denied": "danger",
    "no_face": "danger",
    "multiple_faces": "danger",
    "terminated": "danger",
    "flagged": "danger",
    "camera_blocked": "warn",
    "too_dark": "warn",
    "looking_away": "warn",
    "focus_lost": "warn",
    "upload_failed": "warn",
    "warning_sent": "warn",
    "camera_restored": "ok",
    "focus_regained": "ok",
    "warning_acknowledged": "ok",
    "session_started": "ok",
    "paused": "warn",
    "resumed": "ok",
    "handed_in": "ok",
}

#: The severity of the center's own problems: a neutral tone, apart from the candidate's evidence.
CENTER_SEVERITY = "center"

Index = QModelIndex | QPersistentModelIndex


def is_center_event(event: EventDTO) -> bool:
    """The event is one of the center's own problems, not the candidate's evidence."""
    return is_center_problem(event.type, event.cause)


def center_problems(events: Sequence[EventDTO]) -> list[EventDTO]:
    """The center's own problems among ``events``, in the order given."""
    return [e for e in events if is_center_event(e)]


def candidate_events(events: Sequence[EventDTO]) -> list[EventDTO]:
    """``events`` without the center's own problems, in the order given."""
    return [e for e in events if not is_center_event(e)]


def severity(event: EventDTO) -> str:
    return CENTER_SEVERITY if is_center_event(event) else SEVERITY.get(event.type, "info")


def timeline_title(events: Sequence[EventDTO]) -> str:
    """``Timeline · 12 events``; ``Timeline · 12 events · 2 center problems`` when the center
    had problems (not counted among the candidate's events); numbers in the language's digits."""
    problems = len(center_problems(events))
    locale = QLocale()
    title = translate("TimelineModel", "Timeline · {count} events").format(
        count=locale.toString(len(events) - problems))
    if problems == 1:
        title += translate("TimelineModel", " · 1 center problem").replace(
            "1", locale.toString(1))
    elif problems:
        title += translate("TimelineModel", " · {count} center problems").format(
            count=locale.toString(problems))
    return title


#: Which alert a proctor acknowledged or dismissed (the event's detail is the alert's key).
ALERT_KEY_WORDS = {
    "high_risk": QT_TRANSLATE_NOOP("TimelineModel", "High risk"),
    "camera_off": QT_TRANSLATE_NOOP("TimelineModel", "Camera off"),
    "silent_kiosk": QT_TRANSLATE_NOOP("TimelineModel", "Kiosk silent"),
    "unanswered_warning": QT_TRANSLATE_NOOP("TimelineModel", "Warning unanswered"),
}


def detail_words(event: EventDTO) -> str:
    """The event's detail as a person reads it: a sentence the center or a kiosk wrote with a
    code in the console's language (``event_sentence``), a review's outcome code in words
    (older rows)."""
    if knows(event.detail_code):
        return event_sentence(event.detail_code, event.detail_params, event.detail)
    detail = event.detail or ""
    if event.type == "reviewed":
        outcome, dash, note = detail.partition(" — ")
        if outcome in REVIEW_WORDS:
            return (translate("Formatting", REVIEW_WORDS[outcome])
                    + (f" — {note}" if dash else ""))
    if event.type in ("alert_acknowledged", "alert_dismissed"):
        key = detail.partition(":")[0]
        return translate("TimelineModel", ALERT_KEY_WORDS[key]) if key in ALERT_KEY_WORDS \
            else detail
    return detail


def source_words(source: str) -> str:
    return (translate("TimelineModel", SOURCE_WORDS[source]) if source in SOURCE_WORDS
            else source.capitalize())


def event_title(event: EventDTO) -> str:
    """The event's name with who did it, when a person did: ``Flagged by Dana Lee``,
    ``Terminated by the administrator``; a kiosk's event is just its name, and the center's
    own problem says so (``Center unreachable — upload retried``)."""
    if is_center_event(event):
        return CENTER_PROBLEM_WORDS.get(event.cause or "", event_words(event.type))
    if event.source == "kiosk":
        return event_words(event.type)
    return event_words(event.type) + by_words(event.actor)


def event_summary(event: EventDTO) -> str:
    """``Flagged by Dana Lee — Looking away``."""
    detail = detail_words(event)
    return event_title(event) + (f" — {detail}" if detail else "")


class TimelineModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[EventDTO] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._events):
            return None
        event = self._events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{clock_time(event.occurred_at)}  {event_title(event)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            detail = f"\n{detail_words(event)}" if event.detail else ""
            return (f"{event_title(event)} — {date_time(event.occurred_at)}"
                    f" ({source_words(event.source)}){detail}")
        if role == EventRole:
            return event
        if role == EventIdRole:
            return event.event_id
        if role == OccurredAtRole:
            return event.occurred_at
        if role == TypeWordsRole:
            return event_title(event)
        if role == ActorRole:
            return "" if event.source == "kiosk" else actor_words(event.actor)
        if role == SummaryRole:
            return event_summary(event)
        if role == DetailRole:
            return detail_words(event)
        if role == SourceRole:
            return event.source
        if role == SourceWordsRole:
            return source_words(event.source)
        if role == SeverityRole:
            return severity(event)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ITEM_FLAGS

    def event_at(self, row: int) -> EventDTO:
        return self._events[row]

    def events(self) -> list[EventDTO]:
        return list(self._events)

    def set_events(self, events: list[EventDTO] | tuple[EventDTO, ...]) -> None:
        """Show ``events`` (newest first). New events are inserted where they belong and changed
        ones updated; the model is reset only if an event disappeared or the order changed."""
        new = list(events)
        old_ids = [e.event_id for e in self._events]
        old_set = set(old_ids)
        if [e.event_id for e in new if e.event_id in old_set] != old_ids:
            self.beginResetModel()
            self._events = new
            self.endResetModel()
            return
        for row, event in enumerate(new):
            if event.event_id in old_set:
                if self._events[row] != event:
                    self._events[row] = event
                    index = self.index(row)
                    self.dataChanged.emit(index, index)
                continue
            self.beginInsertRows(QModelIndex(), row, row)
            self._events.insert(row, event)
            self.endInsertRows()
