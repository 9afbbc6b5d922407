"""LtiControlSender: the job that sends the LTI control messages (flag, terminate, pause,
resume, update) to each platform's Assessment Control Service, on a thread of its own.

For each claimed message it gets an access token from the platform's token endpoint (OAuth 2
client credentials, the client authenticated by a JWT the tool's key signs: RFC 7523, as LTI
Advantage's security framework asks; kept until it expires), then POSTs the control
(``application/vnd.ims.lti-ap.v1.control+json``) and settles the message: any 2xx sent;
anything else, or no answer, tried again with the webhooks' growing delays for a day.
"""

from __future__ import annotations

import logging
import time

import httpx

from core.domain import lti
from core.domain.clock import Clock
from core.events.bus import EventBus
from core.jobs.outbox_loop import OutboxLoop
from core.net.lti_key import LtiToolKey
from core.services.lti import DueControl, LtiService

log = logging.getLogger(__name__)

ANSWER_TIMEOUT_SECONDS = 10.0
#: How bad each action is, as the control's ``incident_severity`` (0 to 1).
SEVERITY = {lti.CONTROL_FLAG: 0.5, lti.CONTROL_TERMINATE: 1.0, lti.CONTROL_PAUSE: 0.3,
            lti.CONTROL_RESUME: 0.0, lti.CONTROL_UPDATE: 0.0}


class TokenRefused(Exception):
    """The platform's token endpoint gave no access token; ``str`` is a sentence."""


class LtiControlSender(OutboxLoop):
    thread_name = "proctor-lti-controls"
    what = "LTI control messages"

    def __init__(self, service: LtiService, tool_key: LtiToolKey, clock: Clock, *,
                 bus: EventBus | None = None, poll_seconds: float = 2.0,
                 timeout_seconds: float = ANSWER_TIMEOUT_SECONDS) -> None:
        super().__init__(bus, poll_seconds)
        self._service = service
        self._key = tool_key
        self._clock = clock
        self._timeout = timeout_seconds
        self._tokens: dict[tuple[str, str], tuple[float, str]] = {}

    def send_due(self) -> int:
        """Claim what is due, send it on this thread and settle it; returns how many."""
        due = self._service.claim_due_controls(10)
        if not due:
            return 0
        with httpx.Client(timeout=httpx.Timeout(self._timeout)) as client:
            for control in due:
                status, error = self.send(control, client)
                self._service.settle_control(control.control_id, status, error)
        return len(due)

    def send(self, control: DueControl,
             client: httpx.Client) -> tuple[int | None, str | None]:
        """POST one control: (the status code or None, a sentence when it was not taken)."""
        try:
            token = self._token(client, control)
            attempt_number: int | str = (int(control.attempt_number)
                                         if control.attempt_number.isdigit()
                                         else control.attempt_number)
            body = {
                "user": {"iss": control.issuer, "sub": control.user_sub},
                "resource_link": {"id": control.resource_link_id},
                "attempt_number": attempt_number,
                "action": control.action,
                "incident_time": control.incident_at.isoformat(),
                "incident_severity": SEVERITY.get(control.action, 0.5),
                "reason_code": control.action,
            }
            if control.reason:
                body["reason_msg"] = control.reason
            if control.extra_seconds is not None:
                body["extra_time"] = control.extra_seconds
            answer = client.post(control.acs_url, json=body, headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": lti.ACS_MEDIA_TYPE,
                "Accept": "application/vnd.ims.lti-ap.v1.control.result+json"})
        except TokenRefused as exc:
            return None, str(exc)
        except httpx.TimeoutException:
            return None, f"The platform did not answer within {self._timeout:g} s."
        except httpx.HTTPError as exc:
            return None, f"The platform could not be reached ({type(exc).__name__})."
        if answer.status_code == 401:
            self._tokens.pop((control.token_url, control.client_id), None)
        if 200 <= answer.status_code < 300:
            return answer.status_code, None
        return answer.status_code, f"The platform's ACS answered {answer.status_code}."

    def _token(self, client: httpx.Client, control: DueControl) -> str:
        kept = self._tokens.get((control.token_url, control.client_id))
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
        assertion = self._key.sign(self._clock.now(), {
            "iss": control.client_id, "sub": control.client_id, "aud": control.token_url})
        answer = client.post(control.token_url, data={
            "grant_type": "client_credentials",
            "client_assertion_type": lti.CLIENT_ASSERTION_TYPE,
            "client_assertion": assertion,
            "scope": lti.ACS_SCOPE})
        try:
            granted = answer.json() if answer.status_code == 200 else {}
        except ValueError:
            granted = {}
        token = granted.get("access_token") if isinstance(granted, dict) else None
        if not isinstance(token, str) or not token:
            raise TokenRefused(f"The platform's token endpoint gave no access token (it "
                               f"answered {answer.status_code}).")
        lifetime = granted.get("expires_in", 3600)
        lifetime = lifetime if isinstance(lifetime, int | float) else 3600
        self._tokens[(control.token_url, control.client_id)] = (
            time.monotonic() + max(0.0, float(lifetime) - 30), token)
        return token
