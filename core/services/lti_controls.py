"""The outbox of LTI control messages (flag, terminate) for a platform's Assessment Control
Service: queued inside the proctor's action's own write transaction, from the same place that
queues its webhooks (core/services/webhooks.py), and sent by core/jobs/lti_control_sender.py."""

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
}


def queue_lti_control(ws: WriteSession, event_type: WebhookEventType, attempt_id: str, *,
                      now: datetime, reason: str | None) -> None:
    """Queue the control message ``event_type`` amounts to (flag, terminate) when the attempt
    came from an LTI launch whose platform offers that action through its ACS."""
    action = CONTROL_OF.get(event_type)
    if action is None:
        return
    link = ws.session.scalar(select(LtiLink).where(LtiLink.attempt_id == attempt_id))
    if link is None or not link.acs_url:
        return
    offered = [a for a in (link.acs_actions or "").split(",") if a]
    if offered and action not in offered:
        return
    ws.add(LtiControl(link_id=link.id, action=action, reason=(reason or None) and reason[:300],
                      incident_at=now, status=DeliveryStatus.PENDING, attempts=0,
                      next_try_at=now, created_at=now))


