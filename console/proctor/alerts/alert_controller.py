"""AlertController: feeds the alert rule (core.domain.alerts) with the live sessions and the time,
and hands the alerts that are due to the list model and the notifier.

What it knows of the sessions comes from the core's events through the bridge: a session that
changed is read again in the task runner (changes coalesced for a moment, one read at a time so
results apply in order); a change about warnings reads the session's warnings too. A slow timer
only moves the clock (a kiosk goes silent and a warning goes unanswered by time alone); it never
reads the database.

Alerts are shared by the center's proctors: acknowledging or dismissing one is recorded on the
session's timeline (``alert_acknowledged`` / ``alert_dismissed``, with the alert's episode key
and the actor), and every console applies those events to its own list, those of a proctor at
another console as they arrive and those made before this console started when it loads."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.i18n import translate
from console.proctor.alerts.alert_list_model import AlertListModel
from console.proctor.alerts.alert_notifier import AlertNotifier
from console.proctor.center.interface import CenterUnavailable
from console.proctor.context import ConsoleContext
from console.proctor.settings_values import AlertSettings
from core.domain.alerts import (
    AlertHandling,
    AlertState,
    PendingWarning,
    SessionFacts,
    evaluate_alerts,
)
from core.domain.enums import SessionFilter, SessionStatus
from core.domain.errors import SessionNotFound
from core.domain.records import EventDTO, SessionDTO, WarningDTO

log = logging.getLogger(__name__)

TICK_MS = 5000
COALESCE_MS = 250
#: Session changes after which its warnings are read again (a dismissed warning's alert clears
#: the warning).
WARNING_CHANGES = frozenset({"warned", "warning_acknowledged", "alert_dismissed"})
#: Session changes that a proctor handled one of its alerts (the timeline is read for them).
ALERT_CHANGES = frozenset({"alert_acknowledged", "alert_dismissed"})
#: Timeline event type -> what was done with the alert.
HANDLING_OF_EVENT = {"alert_acknowledged": AlertHandling.ACKNOWLEDGED,
                     "alert_dismissed": AlertHandling.DISMISSED}


def session_facts(session: SessionDTO, warnings: Iterable[WarningDTO] = ()) -> SessionFacts:
    """What the alert rule needs of a session (and its warnings not yet acknowledged)."""
    return SessionFacts(
        session_id=session.session_id,
        candidate_name=session.candidate_name,
        exam_title=session.exam_title,
        started_at=session.started_at,
        risk_level=session.risk_level,
        risk_score=session.risk_score,
        camera_off=session.camera_off,
        last_snapshot_at=session.last_snapshot_at,
        snapshot_interval_seconds=session.snapshot_interval_seconds,
        unacknowledged_warnings=tuple(
            PendingWarning(w.warning_id, w.message, w.sent_at)
            for w in warnings if w.acknowledged_at is None and w.cleared_at is None
        ),
        is_sample=session.is_sample,
        kiosk_seen_at=session.kiosk_seen_at,
        kiosk_closed_at=session.kiosk_closed_at,
        room=session.room,
    )


class AlertController(QObject):
    #: Alerts became due (a list of core.domain.alerts.Alert), after they were listed.
    alerts_raised = Signal(list)
    #: The proctor asked to see this session (an alert was opened).
    session_requested = Signal(str)
    #: The first full read of the live sessions was applied.
    loaded = Signal()
    #: Acknowledging or dismissing an alert failed: the center's sentence.
    handling_failed = Signal(str)
    #: An alert's handling (from this console or another) was applied to the list.
    handling_applied = Signal()

    def __init__(self, context: ConsoleContext, model: AlertListModel, notifier: AlertNotifier,
                 parent: QObject | None = None, *, tick_ms: int = TICK_MS) -> None:
        super().__init__(parent)
        self._context = context
        self._proctoring = context.center
        self._clock = context.center
        self.model = model
        self.notifier = notifier
        self.settings = context.settings.alerts
        self._state = AlertState()
        self._facts: dict[str, SessionFacts] = {}
        #: Sessions seen ending: a read that started before the end must not bring them back.
        self._ended_ids: set[str] = set()
        self._pending: set[str] = set()
        self._pending_warnings: set[str] = set()
        self._is_busy = False
        self._is_loaded = False
        self._is_closed = False
        #: Alert events (by event id) already applied: a later episode is never marked by an
        #: earlier handling read again.
        self._applied_events: set[str] = set()

        self._coalesce_timer = QTimer(self)
        self._coalesce_timer.setSingleShot(True)
        self._coalesce_timer.setInterval(COALESCE_MS)
        self._coalesce_timer.timeout.connect(self._pump)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(tick_ms)
        self._clock_timer.timeout.connect(self.evaluate)
        notifier.session_requested.connect(self.session_requested)

        context.bridge.session_changed.connect(self._on_session_changed)
        context.bridge.reachability_changed.connect(self._on_reachability_changed)
        self._clock_timer.start()
        self._load()

    def _load(self) -> None:
        self._is_busy = True
        self._context.tasks.submit(_load_live_sessions, self._proctoring,
                                   on_done=self._on_loaded, on_error=self._on_read_failed)

    def _on_reachability_changed(self, reachable: bool) -> None:
        """The center is back after a loss: read the live sessions again (changes made
        meanwhile may not all have been delivered)."""
        if reachable and not self._is_closed:
            self._load()

    # ---- what others ask -------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self._is_loaded

    @property
    def is_busy(self) -> bool:
        return self._is_busy or bool(self._pending) or self._coalesce_timer.isActive()

    def live_session_ids(self) -> list[str]:
        return sorted(self._facts)

    # ---- commands --------------------------------------------------------------------------
    def apply_settings(self, settings: AlertSettings) -> None:
        self.settings = settings
        self.evaluate()

    def open_session(self, session_id: str) -> None:
        self.session_requested.emit(session_id)

    def handle(self, row: int, handling: str) -> None:
        """This console's proctor acknowledges or dismisses the alert in ``row``: recorded at
        the center for every console; shown here as soon as the center has it."""
        alert = self.model.alert_at(row)
        if not alert.episode_key:
            return

        def done(_session: object) -> None:
            self.model.apply_handling(alert.session_id, alert.episode_key, handling,
                                      self._proctoring.who, self._clock.now())
            self.handling_applied.emit()

        def failed(error: BaseException) -> None:
            log.warning("handling alert %s: %s", alert.alert_id, error)
            self.handling_failed.emit(
                (translate("AlertController", "The alert could not be marked acknowledged "
                           "({error}). Try again; if the center cannot be reached, the "
                           "connection banner says so.")
                 if handling == "acknowledged" else
                 translate("AlertController", "The alert could not be marked dismissed "
                           "({error}). Try again; if the center cannot be reached, the "
                           "connection banner says so.")).format(error=error))

        self._context.tasks.submit(self._proctoring.handle_alert, alert.session_id,
                                   alert.episode_key, str(handling), on_done=done,
                                   on_error=failed)

    def apply_handled(self, handled: Iterable[Any]) -> None:
        """Alert events of the sessions' timelines (oldest first applied last wins): each is
        applied once, to the newest alert of its session and key."""
        changed = False
        for event in sorted(handled, key=lambda e: e.occurred_at):
            handling = HANDLING_OF_EVENT.get(event.type)
            if handling is None or event.event_id in self._applied_events or not event.detail:
                continue
            self._applied_events.add(event.event_id)  # an alert this console never listed too
            changed |= self.model.apply_handling(event.session_id, event.detail, handling,
                                                 event.actor or "", event.occurred_at)
        if changed:
            self.handling_applied.emit()

    def evaluate(self) -> None:
        """Run the rule at the current time; list and announce what is due."""
        if self._is_closed or not self._is_loaded:
            return
        room = self._context.settings.watched_room  # a console that watches one room
        facts = [f for f in self._facts.values() if not room or f.room == room]
        self._state, due = evaluate_alerts(self._state, facts, self._clock.now(),
                                           self.settings.rules())
        if due:
            self.model.add_alerts(due)
            self.notifier.notify(due, self.settings)
            self.alerts_raised.emit(due)

    def close(self) -> None:
        self._is_closed = True
        self._clock_timer.stop()
        self._coalesce_timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self._context.bridge.session_changed.disconnect(self._on_session_changed)
        self.notifier.close()

    # ---- live updates ----------------------------------------------------------------------
    def _on_session_changed(self, session_id: str, status: str, change: str) -> None:
        if self._is_closed:
            return
        if change in ALERT_CHANGES:  # a proctor (here or elsewhere) handled one of its alerts
            self._context.tasks.submit(_read_handled, self._proctoring, session_id,
                                       on_done=self.apply_handled,
                                       on_error=self._on_handled_read_failed)
        if status != SessionStatus.ACTIVE:
            self._ended_ids.add(session_id)
            self._pending.discard(session_id)
            self._pending_warnings.discard(session_id)
            if self._facts.pop(session_id, None) is not None:
                self.evaluate()  # its episodes close
            return
        self._pending.add(session_id)
        if change in WARNING_CHANGES or session_id not in self._facts:
            self._pending_warnings.add(session_id)
        if not self._coalesce_timer.isActive():
            self._coalesce_timer.start()

    def _pump(self) -> None:
        if self._is_busy or self._is_closed or not self._pending:
            return
        ids = sorted(self._pending)
        with_warnings = {i for i in ids if i in self._pending_warnings}
        self._pending.clear()
        self._pending_warnings -= with_warnings
        self._is_busy = True
        self._context.tasks.submit(_read_sessions, self._proctoring, ids, with_warnings,
                                   on_done=self._on_read, on_error=self._on_read_failed)

    def _on_loaded(self, loaded: tuple[list[SessionFacts], list[EventDTO]]) -> None:
        self._is_busy = False
        if self._is_closed:
            return
        facts, handled = loaded
        self._facts = {f.session_id: f for f in facts if f.session_id not in self._ended_ids}
        self._is_loaded = True
        self.evaluate()
        self.apply_handled(handled)  # what the team did before this console started
        self.loaded.emit()
        self._pump()

    def _on_read(self, results: list[tuple[str, SessionDTO | None, Any]]) -> None:
        self._is_busy = False
        if self._is_closed:
            return
        for session_id, session, warnings in results:
            if (session is None or session.status != SessionStatus.ACTIVE
                    or session_id in self._ended_ids):
                self._facts.pop(session_id, None)
                continue
            if warnings is None:  # not read again: keep what was known
                known = self._facts.get(session_id)
                pending = known.unacknowledged_warnings if known is not None else ()
                self._facts[session_id] = replace(session_facts(session),
                                                  unacknowledged_warnings=pending)
            else:
                self._facts[session_id] = session_facts(session, warnings)
        self.evaluate()
        self._pump()

    def _on_handled_read_failed(self, error: BaseException) -> None:
        log.warning("reading a session's handled alerts: %s", error)

    def _on_read_failed(self, error: BaseException) -> None:
        self._is_busy = False
        if isinstance(error, CenterUnavailable):  # a restart or a network cut: the connection
            log.warning("reading sessions for alerts: %s", error)  # banner tells the proctor
        else:
            log.error("reading sessions for alerts failed", exc_info=error)
        if not self._is_loaded and not self._is_closed:
            self._is_loaded = True  # alert on what arrives from now on
            self.loaded.emit()
        self._pump()


def _load_live_sessions(proctoring: Any) -> tuple[list[SessionFacts], list[EventDTO]]:
    """Every active session with its warnings not yet acknowledged, and the alert events of
    their timelines (runs in the pool)."""
    facts = []
    handled: list[EventDTO] = []
    for session in proctoring.list_sessions(SessionFilter.ACTIVE):
        try:
            detail = proctoring.get_session(session.session_id)
        except SessionNotFound:
            continue
        facts.append(session_facts(detail.session, detail.warnings))
        handled.extend(e for e in detail.events if e.type in HANDLING_OF_EVENT)
    return facts, handled


def _read_handled(proctoring: Any, session_id: str) -> list[EventDTO]:
    """The alert events of one session's timeline (runs in the pool)."""
    try:
        detail = proctoring.get_session(session_id)
    except SessionNotFound:
        return []
    return [e for e in detail.events if e.type in HANDLING_OF_EVENT]


def _read_sessions(proctoring: Any, ids: list[str], with_warnings: set[str],
                   ) -> list[tuple[str, SessionDTO | None, tuple[WarningDTO, ...] | None]]:
    results: list[tuple[str, SessionDTO | None, tuple[WarningDTO, ...] | None]] = []
    for session_id in ids:
        try:
            if session_id in with_warnings:
                detail = proctoring.get_session(session_id)
                results.append((session_id, detail.session, detail.warnings))
            else:
                results.append((session_id, proctoring.get_session_summary(session_id), None))
        except SessionNotFound:
            results.append((session_id, None, None))
    return results
