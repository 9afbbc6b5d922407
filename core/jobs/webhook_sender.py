"""WebhookSender: the job that delivers the webhook outbox, on threads of its own.

A loop claims due deliveries (``WebhookService.claim_due``: each the earliest pending one of its
webhook and attempt, taken once even by several server processes) and hands each to a small
pool of sending threads, which POST the stored body with the signature headers through httpx and
settle it. A receiver that is down, slow (no answer within ``ANSWER_TIMEOUT_SECONDS``) or answers
500 holds only a sending thread and its own session's later deliveries: never a request of the
API (nothing here is on a request's path) nor another session's deliveries beyond the pool.
The loop wakes when this process records a change (at most every ``LOOK_SECONDS``), else
every ``poll_seconds``.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from core.domain.clock import Clock
from core.domain.records import WebhookTestResult
from core.domain.webhooks import ANSWER_TIMEOUT_SECONDS, signed_headers
from core.events.bus import EventBus
from core.jobs.outbox_loop import OutboxLoop
from core.services.webhooks import DueDelivery, WebhookService

log = logging.getLogger(__name__)


class WebhookSender(OutboxLoop):
    thread_name = "proctor-webhooks"
    what = "webhook deliveries"

    def __init__(self, webhooks: WebhookService, clock: Clock, *, poll_seconds: float = 1.0,
                 senders: int = 8, bus: EventBus | None = None,
                 timeout_seconds: float = ANSWER_TIMEOUT_SECONDS) -> None:
        super().__init__(bus, poll_seconds)
        self._webhooks = webhooks
        self._clock = clock
        self._senders = max(1, senders)
        self._timeout = timeout_seconds
        self._free = threading.Semaphore(self._senders)
        self._pool: ThreadPoolExecutor | None = None
        self._client: httpx.Client | None = None

    # ---- running -------------------------------------------------------------------------------
    def _opening(self) -> None:
        self._client = httpx.Client(timeout=httpx.Timeout(self._timeout),
                                    follow_redirects=False)
        self._pool = ThreadPoolExecutor(self._senders, thread_name_prefix="proctor-webhook")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop claiming; tries under way end within the answer timeout (what they leave
        pending is tried again after the claim's lease, by this or another process)."""
        super().stop(timeout)

    def _closing(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def send_due(self) -> int:
        """Claim as many due deliveries as there are free sending threads and start them;
        returns how many."""
        free = 0
        while self._free.acquire(timeout=0 if free else self.poll_seconds):
            free += 1
            if free == self._senders:
                break
        if not free:
            return 0
        try:
            due = self._webhooks.claim_due(free)
        except Exception:
            for _ in range(free):
                self._free.release()
            raise
        for _ in range(free - len(due)):
            self._free.release()
        pool = self._pool
        for delivery in due:
            if pool is None:
                self._free.release()
                continue
            pool.submit(self._send_and_settle, delivery)
        return len(due)

    def deliver_due(self) -> int:
        """Claim what is due and send it on this thread, one after another; returns how many
        were tried (for tests and tools: the running job uses its sending threads)."""
        due = self._webhooks.claim_due(self._senders)
        for delivery in due:
            status, error = self.send(delivery)
            self._webhooks.settle(delivery.delivery_id, status, error)
        return len(due)

    def _send_and_settle(self, delivery: DueDelivery) -> None:
        try:
            status, error = self.send(delivery)
            self._webhooks.settle(delivery.delivery_id, status, error)
        except Exception:
            log.exception("webhook delivery %s could not be settled", delivery.delivery_id)
        finally:
            self._free.release()
            self._look_now()  # its session's next delivery may be due now

    def send_test(self, webhook_id: str) -> WebhookTestResult:
        """Send the webhook a signed test event now, on this thread, and say how it fared."""
        delivery = self._webhooks.test_delivery(webhook_id)
        status, error = self.send(delivery)
        return WebhookTestResult(webhook_id, delivery.event_id, error is None, status, error)

    # ---- one try -------------------------------------------------------------------------------
    def send(self, delivery: DueDelivery) -> tuple[int | None, str | None]:
        """POST one delivery: (the status code or None, a sentence when it did not deliver)."""
        if delivery.secret is None:
            return None, ("The webhook's secret cannot be opened with this center's token "
                          "secret; delete the webhook and add it again.")
        client = self._client or httpx.Client(timeout=httpx.Timeout(self._timeout))
        timestamp = int(self._clock.now().timestamp())
        headers = signed_headers(delivery.secret, delivery.event_id, timestamp, delivery.body)
        try:
            answer = client.post(delivery.url, content=delivery.body, headers=headers)
        except httpx.TimeoutException:
            return None, f"No answer within {self._timeout:g} s."
        except httpx.HTTPError as exc:
            return None, f"The receiver could not be reached ({type(exc).__name__}: {exc})."
        finally:
            if client is not self._client:
                client.close()
        if 200 <= answer.status_code < 300:
            return answer.status_code, None
        return answer.status_code, f"The receiver answered {answer.status_code}."
