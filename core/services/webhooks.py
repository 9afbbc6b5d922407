"""Webhooks: the endpoints of an exam system, and the outbox of their deliveries.

``queue_attempt_event`` and ``queue_session_event`` are called inside the write transaction of
the change they report (start, submit, expiry, termination, flag, warning, review; pause,
resume and extra time call them the same way), so a change and its deliveries commit together
and a crash loses none. The delivery job (core/jobs/webhook_sender.py) claims due deliveries
with ``claim_due`` and settles each with ``settle``.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.orm import aliased

from core.db.engine import UnitOfWork, WriteSession
from core.db.models import Attempt, Candidate, ProctorSession, Webhook, WebhookDelivery
from core.domain.clock import Clock
from core.domain.errors import InvalidInput
from core.domain.records import DeliveryDTO, WebhookCreated, WebhookDTO
from core.domain.webhooks import (
    DeliveryNotFound,
    DeliveryStatus,
    WebhookEventType,
    WebhookNotFound,
)
from core.net.sealed_secrets import SealedSecrets, SecretUnreadable
from core.services.lti_controls import queue_lti_control
from core.services.outbox import record_try

MAX_URL = 2000
MAX_DESCRIPTION = 200
#: How long a claimed delivery is held by its sender: past the answer timeout, so it is never
#: sent twice at once, and short, so one a dead process held is soon tried again.
CLAIM_LEASE = timedelta(seconds=15)
#: The type of the test event an administrator sends (never queued; receivers may ignore it).
TEST_EVENT_TYPE = "webhook.test"
#: How many deliveries the deliveries listing shows at most.
MAX_LISTED = 1000


@dataclass(frozen=True)
class DueDelivery:
    """A claimed delivery, ready to send: where, what (the exact body) and the key to sign."""

    delivery_id: int
    event_id: str
    url: str
    body: bytes
    secret: str | None
    """None when the sealed secret cannot be opened (then it is not sent)."""


# ---- the outbox: called inside the change's own write ------------------------------------
def queue_attempt_event(ws: WriteSession, event_type: WebhookEventType, attempt: Attempt,
                        session: ProctorSession | None, *, now: datetime,
                        actor: str | None = None, reason: str | None = None,
                        occurred_at: datetime | None = None, **extra: Any) -> str | None:
    """Queue ``event_type`` for every webhook that hears it, in ``ws`` (the change's own
    transaction). Returns the event id, or None when no webhook hears it. ``extra`` goes into
    ``data`` beside the ids, ``candidate_ref``, ``external_ref``, ``seat``, ``room``,
    ``actor`` and ``reason``; ``occurred_at`` is when it happened (by default ``now``)."""
    # A flag, termination, pause, resume or extra time of an attempt an LTI platform started
    # also goes to its ACS.
    queue_lti_control(ws, event_type, attempt.id, now=now, reason=reason,
                      extra_minutes=extra.get("minutes"), ends_at=attempt.deadline_at)
    hearing = [webhook_id for webhook_id, events in ws.session.execute(
        select(Webhook.id, Webhook.events).order_by(Webhook.created_at, Webhook.id))
        if str(event_type) in events.split(",")]
    if not hearing:
        return None
    candidate = ws.session.get(Candidate, attempt.candidate_id)
    event_id = str(uuid.uuid4())
    data: dict[str, Any] = {
        "session_id": session.id if session is not None else None,
        "attempt_id": attempt.id,
        "exam_id": attempt.exam_id,
        "candidate_ref": candidate.ref if candidate is not None else None,
        "external_ref": attempt.external_ref,
        "seat": attempt.seat,
        "room": attempt.room,
        "actor": actor,
        "reason": reason,
        **extra,
    }
    body = json.dumps({"event_id": event_id, "type": str(event_type),
                       "occurred_at": (occurred_at or now).isoformat(), "data": data},
                      separators=(",", ":"), ensure_ascii=False, default=str)
    for webhook_id in hearing:
        ws.add(WebhookDelivery(
            event_id=event_id, webhook_id=webhook_id, attempt_id=attempt.id,
            session_id=data["session_id"], type=str(event_type), payload=body,
            status=DeliveryStatus.PENDING, attempts=0, next_try_at=now, created_at=now,
            retrying_since=now))
    return event_id


def queue_session_event(ws: WriteSession, event_type: WebhookEventType,
                        session: ProctorSession, *, now: datetime, actor: str | None = None,
                        reason: str | None = None, occurred_at: datetime | None = None,
                        **extra: Any) -> str | None:
    """``queue_attempt_event`` for a change of a proctor session (its attempt is looked up)."""
    attempt = ws.session.get(Attempt, session.attempt_id)
    assert attempt is not None  # a session's foreign key
    return queue_attempt_event(ws, event_type, attempt, session, now=now, actor=actor,
                               reason=reason, occurred_at=occurred_at, **extra)


# ---- the service --------------------------------------------------------------------------------
def checked_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(code="webhook_url_invalid")
    if len(url) > MAX_URL:
        raise InvalidInput(code="webhook_url_too_long", params={"limit": MAX_URL})
    return url


def checked_events(events: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    known = [t.value for t in WebhookEventType]
    if not events:
        raise InvalidInput(code="webhook_events_required", params={"types": ", ".join(known)})
    chosen: list[str] = []
    for event in events:
        if event not in known:
            raise InvalidInput(code="webhook_event_unknown",
                               params={"event": event, "types": ", ".join(known)})
        if event not in chosen:
            chosen.append(event)
    return tuple(chosen)


class WebhookService:
    def __init__(self, uow: UnitOfWork, clock: Clock, sealer: SealedSecrets) -> None:
        self._uow = uow
        self._clock = clock
        self._sealer = sealer

    def create_webhook(self, url: str, events: list[str] | tuple[str, ...],
                       description: str | None = None) -> WebhookCreated:
        url = checked_url(url)
        chosen = checked_events(events)
        description = (description or "").strip() or None
        if description is not None and len(description) > MAX_DESCRIPTION:
            raise InvalidInput(code="webhook_description_too_long",
                               params={"limit": MAX_DESCRIPTION})
        secret = "whsec_" + secrets.token_urlsafe(32)
        row = Webhook(id=str(uuid.uuid4()), url=url, events=",".join(chosen),
                      description=description, sealed_secret=self._sealer.seal(secret),
                      created_at=self._clock.now())
        with self._uow.write() as ws:
            ws.add(row)
        return WebhookCreated(row.id, row.url, chosen, row.description, row.created_at,
                              secret=secret)

    def list_webhooks(self) -> list[WebhookDTO]:
        with self._uow.read() as s:
            rows = s.scalars(select(Webhook).order_by(Webhook.created_at, Webhook.id)).all()
            return [_webhook_dto(w) for w in rows]

    def delete_webhook(self, webhook_id: str) -> None:
        """Remove the webhook and its deliveries: nothing more is sent to it."""
        with self._uow.write() as ws:
            if ws.get(Webhook, webhook_id) is None:
                raise WebhookNotFound(webhook_id)
            ws.execute(delete(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id))
            ws.execute(delete(Webhook).where(Webhook.id == webhook_id))

    def list_deliveries(self, webhook_id: str, limit: int = 100) -> list[DeliveryDTO]:
        """The webhook's most recent deliveries, newest first."""
        with self._uow.read() as s:
            if s.get(Webhook, webhook_id) is None:
                raise WebhookNotFound(webhook_id)
            rows = s.scalars(
                select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
                .order_by(WebhookDelivery.id.desc()).limit(min(max(limit, 1), MAX_LISTED))
            ).all()
            return [_delivery_dto(d) for d in rows]

    def redeliver(self, webhook_id: str, delivery_id: str) -> DeliveryDTO:
        """Send a delivery again (delivered, failed or pending): due now, with a new day of
        retries. The receiver sees the same event_id."""
        now = self._clock.now()
        with self._uow.write() as ws:
            row = ws.get(WebhookDelivery, int(delivery_id)) if delivery_id.isdigit() else None
            if row is None or row.webhook_id != webhook_id:
                if ws.session.get(Webhook, webhook_id) is None:
                    raise WebhookNotFound(webhook_id)
                raise DeliveryNotFound(delivery_id)
            row.status = DeliveryStatus.PENDING
            row.next_try_at = now
            row.retrying_since = now
            ws.flush()
            return _delivery_dto(row)

    def test_delivery(self, webhook_id: str) -> DueDelivery:
        """A signed test event for the webhook (type ``webhook.test``, not queued, not listed
        among its deliveries), for the sender to send at once."""
        with self._uow.read() as s:
            hook = s.get(Webhook, webhook_id)
            if hook is None:
                raise WebhookNotFound(webhook_id)
            url, sealed = hook.url, hook.sealed_secret
        try:
            secret: str | None = self._sealer.open(sealed)
        except SecretUnreadable:
            secret = None
        event_id = str(uuid.uuid4())
        body = json.dumps({"event_id": event_id, "type": TEST_EVENT_TYPE,
                           "occurred_at": self._clock.now().isoformat(),
                           "data": {"webhook_id": webhook_id}}, separators=(",", ":"))
        return DueDelivery(0, event_id, url, body.encode("utf-8"), secret)

    # ---- the delivery job's side ---------------------------------------------------------------
    def claim_due(self, limit: int) -> list[DueDelivery]:
        """Claim up to ``limit`` deliveries due now, each the earliest pending one of its
        webhook and attempt (a session's later delivery waits for its earlier one). A claim
        moves ``next_try_at`` past the try (``CLAIM_LEASE``); on PostgreSQL the rows are taken
        with ``FOR UPDATE SKIP LOCKED``, so several processes never claim one delivery twice."""
        now = self._clock.now()
        due = (WebhookDelivery.status == DeliveryStatus.PENDING,
               WebhookDelivery.next_try_at <= now)
        with self._uow.read() as s:  # idle most of the time: a read, not a write transaction
            if s.scalar(select(WebhookDelivery.id).where(*due).limit(1)) is None:
                return []
        earlier = aliased(WebhookDelivery)
        waits = (select(earlier.id)
                 .where(earlier.webhook_id == WebhookDelivery.webhook_id,
                        earlier.attempt_id == WebhookDelivery.attempt_id,
                        earlier.status == DeliveryStatus.PENDING,
                        earlier.id < WebhookDelivery.id)
                 .exists())
        query = (select(WebhookDelivery).where(*due, ~waits)
                 .order_by(WebhookDelivery.id).limit(limit))
        with self._uow.write() as ws:
            if ws.session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=WebhookDelivery)
            rows = ws.session.scalars(query).all()
            if not rows:
                return []
            hooks = {w.id: w for w in ws.session.scalars(
                select(Webhook).where(Webhook.id.in_({r.webhook_id for r in rows})))}
            claimed = []
            for row in rows:
                row.next_try_at = now + CLAIM_LEASE
                hook = hooks[row.webhook_id]
                try:
                    secret: str | None = self._sealer.open(hook.sealed_secret)
                except SecretUnreadable:
                    secret = None
                claimed.append(DueDelivery(row.id, row.event_id, hook.url,
                                           row.payload.encode("utf-8"), secret))
            return claimed

    def settle(self, delivery_id: int, status_code: int | None, error: str | None) -> None:
        """Record a try's outcome: delivered on 2xx; otherwise tried again later with a longer
        wait, or failed once a day of retries is over."""
        now = self._clock.now()
        with self._uow.write() as ws:
            row = ws.get(WebhookDelivery, delivery_id)
            if row is None or row.status != DeliveryStatus.PENDING:
                return  # deleted with its webhook meanwhile, or settled by another try
            if record_try(row, status_code, error, row.retrying_since, now):
                row.delivered_at = now


def _webhook_dto(w: Webhook) -> WebhookDTO:
    return WebhookDTO(w.id, w.url, tuple(w.events.split(",")), w.description, w.created_at)


def _delivery_dto(d: WebhookDelivery) -> DeliveryDTO:
    return DeliveryDTO(
        delivery_id=str(d.id), event_id=d.event_id, type=d.type,
        status=d.status,  # type: ignore[arg-type]  # one of DeliveryStatus
        attempts=d.attempts or 0, last_status_code=d.last_status_code,
        next_try_at=d.next_try_at, session_id=d.session_id, attempt_id=d.attempt_id,
        created_at=d.created_at, delivered_at=d.delivered_at, last_error=d.last_error)
