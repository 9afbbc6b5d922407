"""What one try of an outbox row does to it, for the webhook deliveries and the LTI control
messages alike: counted, its answer kept, then delivered, or due again after the growing delay,
or given up once retrying has gone on long enough."""

from __future__ import annotations

from datetime import datetime

from core.db.models import LtiControl, WebhookDelivery
from core.domain.webhooks import DeliveryStatus, is_delivered, next_try_after_failure


def record_try(row: WebhookDelivery | LtiControl, status_code: int | None, error: str | None,
               retrying_since: datetime, now: datetime) -> bool:
    """Record one try of ``row`` (``status_code`` None: no answer); True when it was delivered
    (the caller notes when)."""
    row.attempts = (row.attempts or 0) + 1
    row.last_status_code = status_code
    row.last_error = error[:300] if error else None
    if is_delivered(status_code):
        row.status = DeliveryStatus.DELIVERED
        row.next_try_at = None
        return True
    row.next_try_at = next_try_after_failure(row.attempts, retrying_since, now)
    if row.next_try_at is None:
        row.status = DeliveryStatus.FAILED
    return False
