"""Webhooks as pure rules: the event types an exam system may hear, how a delivery is signed,
and when a failed delivery is tried again (and when it is given up).

A delivery is ``POST url`` with the JSON body ``{event_id, type, occurred_at, data}`` and the
headers ``Proctor-Webhook-Id`` (the event id), ``Proctor-Webhook-Timestamp`` (Unix seconds) and
``Proctor-Webhook-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">``, keyed with the
webhook secret's UTF-8 bytes.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from enum import StrEnum

from core.domain.errors import NotFound


class WebhookEventType(StrEnum):
    ATTEMPT_STARTED = "attempt.started"
    ATTEMPT_SUBMITTED = "attempt.submitted"
    ATTEMPT_EXPIRED = "attempt.expired"
    ATTEMPT_TERMINATED = "attempt.terminated"
    SESSION_FLAGGED = "session.flagged"
    SESSION_WARNED = "session.warned"
    SESSION_PAUSED = "session.paused"
    SESSION_RESUMED = "session.resumed"
    SESSION_TIME_ADDED = "session.time_added"
    SESSION_REVIEWED = "session.reviewed"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for its (next) try
    DELIVERED = "delivered"  # the receiver answered 2xx
    FAILED = "failed"  # no 2xx for at least a day of retries: given up (redeliver starts again)


#: How an attempt's ending is reported (by the attempt's new status).
ATTEMPT_ENDED_TYPES: dict[str, WebhookEventType] = {
    "submitted": WebhookEventType.ATTEMPT_SUBMITTED,
    "expired": WebhookEventType.ATTEMPT_EXPIRED,
    "terminated": WebhookEventType.ATTEMPT_TERMINATED,
}

ID_HEADER = "Proctor-Webhook-Id"
TIMESTAMP_HEADER = "Proctor-Webhook-Timestamp"
SIGNATURE_HEADER = "Proctor-Webhook-Signature"
#: A receiver that has not answered within this many seconds is counted as not answering.
ANSWER_TIMEOUT_SECONDS = 10.0
#: Failed deliveries are tried again for at least this long before they are given up.
RETRY_FOR = timedelta(hours=24)
#: The waits after the 1st, 2nd, ... failed try; the last one repeats.
RETRY_DELAYS = (
    timedelta(seconds=5), timedelta(seconds=15), timedelta(minutes=1), timedelta(minutes=5),
    timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1), timedelta(hours=2),
)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Proctor-Webhook-Signature`` value of ``body`` sent at ``timestamp``."""
    signed = str(timestamp).encode() + b"." + body
    return "v1=" + hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def signed_headers(secret: str, event_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        ID_HEADER: event_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def is_delivered(status_code: int | None) -> bool:
    """Any 2xx answer delivers; anything else (or no answer) is tried again."""
    return status_code is not None and 200 <= status_code < 300


def next_try_after_failure(tries: int, retrying_since: datetime,
                           now: datetime) -> datetime | None:
    """When to try again after ``tries`` failed tries, or None when a day of retries is over."""
    if now - retrying_since >= RETRY_FOR:
        return None
    return now + RETRY_DELAYS[min(max(tries, 1), len(RETRY_DELAYS)) - 1]


class WebhookNotFound(NotFound):
    def __init__(self, webhook_id: str) -> None:
        super().__init__(code="webhook_not_found", params={"webhook_id": webhook_id})


class DeliveryNotFound(NotFound):
    def __init__(self, delivery_id: str) -> None:
        super().__init__(code="delivery_not_found", params={"delivery_id": delivery_id})
