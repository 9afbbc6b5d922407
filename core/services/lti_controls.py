"""The outbox of LTI control messages (flag, terminate, pause, resume, update) for a platform's
Assessment Control Service: queued inside the proctor's action's own write transaction, from the
same place that queues its webhooks (core/services/webhooks.py), and sent by
core/jobs/lti_control_sender.py.

An ``update`` (extra time) keeps its seconds in the row's ``extra_seconds`` and the new end
time in its reason."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from core.db.engine import WriteSession
from core.db.models import LtiControl, LtiLink
from core.domain import lti
from core.domain.webhooks import DeliveryStatus, WebhookEventType

#: The proctor's changes that reach the platform, and the control action each becomes.
CONTROL_OF: dict[WebhookEventType, str] = {
    WebhookEventType.SESSION_FLAGGED: lti.CONTROL_FLAG,
    WebhookEventType.ATTEMPT_TERMINATED: lti.CONTROL_TERMINATE,
    WebhookEventType.SESSION_PAUSED: lti.CONTROL_PAUSE,
    WebhookEventType.SESSION_RESUMED: lti.CONTROL_RESUME,
    WebhookEventType.SESSION_TIME_ADDED: lti.CONTROL_UPDATE,
}


def queue_lti_control(ws: WriteSession, event_type: WebhookEventType, attempt_id: str, *,
                      now: datetime, reason: str | None, extra_minutes: int | None = None,
                      ends_at: datetime | None = None) -> None:
    """Queue the control message ``event_type`` amounts to (flag, terminate, pause, resume;
    extra time: update with ``extra_minutes`` and the new end time ``ends_at``) when the
    attempt came from an LTI launch whose platform offers that action through its ACS."""
    action = CONTROL_OF.get(event_type)
    if action is None:
        return
    link = ws.session.scalar(select(LtiLink).where(LtiLink.attempt_id == attempt_id))
    if link is None or not link.acs_url:
        return
    offered = [a for a in (link.acs_actions or "").split(",") if a]
    if offered and action not in offered:
        return
    extra_seconds = None
    if action == lti.CONTROL_UPDATE:
        if not extra_minutes or extra_minutes <= 0:
            return
        extra_seconds = extra_minutes * 60
        if ends_at is not None:
            reason = (f"{extra_minutes} min more; the attempt now ends at "
                      f"{ends_at.isoformat(timespec='seconds')}."
                      + (f" {reason}" if reason else ""))
    ws.add(LtiControl(link_id=link.id, action=action, extra_seconds=extra_seconds,
                      reason=(reason or None) and reason[:300], incident_at=now,
                      status=DeliveryStatus.PENDING, attempts=0, next_try_at=now,
                      created_at=now))


