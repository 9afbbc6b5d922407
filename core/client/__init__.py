"""ProctorClient: a typed httpx client of the kiosk's side of API v1 (exams, attempts, snapshots,
events, warnings); ``request`` reaches any other route. The proctor's side is the console's
``RemoteCenter``, which reads its answers with the same reader.

Every answer is read into the core's record of that shape (``core.domain.records``, the API's
response models) by the one reader both clients use, ``read_record`` (times as aware datetimes);
a field the contract promises but the answer lacks raises UnexpectedAnswer. Every non-2xx answer
raises ApiError with the server's sentence; a server that cannot be reached raises
ServerUnreachable. Nothing here ever pretends a call succeeded.

Time left on an attempt has one rule, ``core.domain.lifecycle.remaining_seconds``: the kiosk
reaches it through ``StartedAttempt.time_left``/``AttemptState.time_left`` (the kiosk imports
nothing else of the core).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from core.client.results import (
    ApiError,
    CenterHealth,
    EventReceipt,
    ServerUnreachable,
    ServesHttpsOnly,
    SnapshotReceipt,
    UnexpectedAnswer,
    failure_cause,
    read_record,
    read_records,
)
from core.domain.enums import UploadFailureCause
from core.domain.records import (
    AttemptState,
    ExamDTO,
    Health,
    SnapshotDTO,
    StartedAttempt,
    WarningDTO,
)
from core.net.discovery import BrowseResult, DiscoveredCenter, browse_centers
from core.net.enrolment_file import Enrolment, EnrolmentFileError, read_enrolment_file
from core.net.pinning import (
    CenterIdentityChanged,
    CenterNotPinned,
    FingerprintMismatch,
    PinError,
    find_pinned,
    https_url,
    is_certificate_refusal,
    normalize_fingerprint,
    normalize_prefix,
    pin_for,
    pinned_connection,
    presented_chain,
    remember_pin,
    serves_https_only,
)

__all__ = [  # the kiosk's one door into the core
    "ApiError",
    "AttemptState",
    "BrowseResult",
    "CenterHealth",
    "CenterIdentityChanged",
    "CenterNotPinned",
    "DiscoveredCenter",
    "Enrolment",
    "EnrolmentFileError",
    "EventReceipt",
    "ExamDTO",
    "FingerprintMismatch",
    "Health",
    "PinError",
    "ServerUnreachable",
    "ServesHttpsOnly",
    "SnapshotDTO",
    "SnapshotReceipt",
    "StartedAttempt",
    "UnexpectedAnswer",
    "UploadFailureCause",
    "WarningDTO",
    "browse_centers",
    "failure_cause",
    "normalize_fingerprint",
    "pin_announced_center",
    "pin_for",
    "read_enrolment_file",
    "read_record",
    "read_records",
    "refusal",
    "remember_pin",
]


# ---- the client ------------------------------------------------------------------------------
class ProctorClient:
    def __init__(self, base_url: str, secret: str | None = None, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None,
                 fingerprint: str | None = None) -> None:
        # A pin (given, or remembered by core.net.pinning for this address) means https and a
        # transport that checks the center's certificate before anything is sent.
        pinned = pinned_connection(base_url.rstrip("/"), fingerprint, timeout)
        self.base_url, self.fingerprint = pinned.base_url, pinned.fingerprint
        self.secret = secret
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout,
                                  transport=transport or pinned.transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ProctorClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def with_secret(self, secret: str) -> ProctorClient:
        return ProctorClient(self.base_url, secret, self._http.timeout.read or 10.0,
                             fingerprint=self.fingerprint)

    # ---- transport -----------------------------------------------------------------------------
    def request(
        self, method: str, path: str, *, secret: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        token = secret or self.secret
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = self._http.request(method, f"/api/v1{path}", headers=headers, **kwargs)
        except httpx.TransportError as exc:
            if self.fingerprint is None and is_certificate_refusal(exc):
                raise CenterNotPinned(self.base_url) from exc
            if self.fingerprint is None and _answered_then_closed(exc) \
                    and serves_https_only(self.base_url):
                raise ServesHttpsOnly(self.base_url) from exc
            raise ServerUnreachable(
                f"The server at {self.base_url} did not answer ({exc})."
            ) from exc
        if response.status_code >= 400:
            raise refusal(response)
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> object:
        response = self.request(method, path, **kwargs)
        try:
            body: object = response.json()
        except ValueError as exc:
            raise UnexpectedAnswer(f"{method} {path} answered something other than JSON") from exc
        return body

    # ---- public ----------------------------------------------------------------------------------
    def health(self) -> Health:
        return read_record(Health, self._json("GET", "/health"))

    def check_health(self) -> CenterHealth:
        """Health with the center's clock (its ``Date`` header), for a kiosk's readiness check;
        the pin, when there is one, is checked like on every call."""
        sent = time.monotonic()
        response = self.request("GET", "/health")
        took = time.monotonic() - sent
        health = read_record(Health, _body(response))
        center_time = None
        with contextlib.suppress(TypeError, ValueError):  # no Date header, or not a date
            center_time = parsedate_to_datetime(response.headers.get("date", ""))
        if center_time is not None:
            # The header is taken as the middle of the round trip (it has whole seconds).
            center_time = center_time.astimezone(UTC) + timedelta(seconds=took / 2)
        return CenterHealth(health, center_time, took)

    def list_exams(self) -> list[ExamDTO]:
        return read_records(ExamDTO, self._json("GET", "/exams"))

    def start_attempt(self, exam_id: str, candidate_ref: str, candidate_name: str,
                      seat: str | None = None, room: str | None = None) -> StartedAttempt:
        """``seat``: where the candidate sits (e.g. "B-14"); ``room``: the exam room (the exam
        day's contract; a center that does not know rooms ignores it). The proctor sees both."""
        body = {"exam_id": exam_id, "candidate_ref": candidate_ref,
                "candidate_name": candidate_name}
        if seat is not None:
            body["seat"] = seat
        if room is not None:
            body["room"] = room
        return read_record(StartedAttempt, self._json("POST", "/attempts", json=body))

    def start_attempt_overridden(self, exam_id: str, candidate_ref: str, candidate_name: str,
                                 seat: str | None, room: str | None, *, username: str,
                                 password: str, reason: str,
                                 not_ready: list[str]) -> StartedAttempt:
        """A proctor lets a kiosk that is not ready start: signed in at the kiosk for this one
        call (``POST /auth/login``), the start carries ``readiness_override`` (the center
        records who and why on the session's timeline), then the proctor is signed out."""
        signed_in = self._json("POST", "/auth/login",
                               json={"username": username, "password": password})
        token = str(signed_in["token"]) if isinstance(signed_in, dict) else ""
        try:
            body: dict[str, Any] = {"exam_id": exam_id, "candidate_ref": candidate_ref,
                                    "candidate_name": candidate_name,
                                    "readiness_override": {"reason": reason,
                                                           "not_ready": not_ready}}
            if seat is not None:
                body["seat"] = seat
            if room is not None:
                body["room"] = room
            return read_record(StartedAttempt,
                               self._json("POST", "/attempts", json=body, secret=token))
        finally:
            with contextlib.suppress(ApiError, ServerUnreachable):
                self.request("POST", "/auth/logout", secret=token)

    # ---- attempt token ---------------------------------------------------------------------------
    def get_attempt(self, attempt_id: str, token: str | None = None) -> AttemptState:
        return read_record(AttemptState,
                           self._json("GET", f"/attempts/{attempt_id}", secret=token))

    def submit_attempt(self, attempt_id: str, token: str | None = None,
                       submitted_at: datetime | None = None) -> AttemptState:
        """``submitted_at``: when the candidate pressed Submit (a hand-in kept while the center
        could not be reached arrives later than that)."""
        kwargs: dict[str, Any] = {}
        if submitted_at is not None:
            kwargs["json"] = {"submitted_at": submitted_at.astimezone(UTC).isoformat()}
        return read_record(AttemptState, self._json(
            "POST", f"/attempts/{attempt_id}/submit", secret=token, **kwargs))

    def upload_snapshot(self, attempt_id: str, snapshot_id: str, jpeg: bytes,
                        captured_at: datetime | None = None, token: str | None = None,
                        content_type: str = "image/jpeg") -> SnapshotReceipt:
        """Status 201: stored now; 200: already stored earlier (``is_new`` False)."""
        captured = (captured_at or datetime.now(UTC)).isoformat()
        response = self.request(
            "POST", f"/attempts/{attempt_id}/snapshots", secret=token,
            files={"image": (f"{snapshot_id}.jpg", jpeg, content_type)},
            data={"snapshot_id": snapshot_id, "captured_at": captured},
        )
        return SnapshotReceipt(read_record(SnapshotDTO, _body(response)), response.status_code)

    def record_event(self, attempt_id: str, event_type: str, detail: str | None = None,
                     occurred_at: datetime | None = None, event_id: str | None = None,
                     token: str | None = None, cause: str | None = None,
                     detail_code: str | None = None,
                     detail_params: Mapping[str, Any] | None = None) -> EventReceipt:
        """``cause`` (``upload_failed`` only): ``center_unreachable``, ``center_error`` or
        ``refused`` (the server's default). ``detail_code`` and ``detail_params``: the code
        and values of ``detail``'s template, for a reader in another language."""
        body: dict[str, Any] = {"type": event_type}
        if detail is not None:
            body["detail"] = detail
        if detail_code is not None:
            body["detail_code"] = detail_code
            body["detail_params"] = dict(detail_params or {})
        if cause is not None:
            body["cause"] = cause
        if occurred_at is not None:
            body["occurred_at"] = occurred_at.isoformat()
        if event_id is not None:
            body["event_id"] = event_id
        response = self.request("POST", f"/attempts/{attempt_id}/events", json=body,
                                secret=token)
        return EventReceipt.read(_body(response), response.status_code)

    def acknowledge_warning(
        self, attempt_id: str, warning_id: str, token: str | None = None
    ) -> WarningDTO:
        return read_record(WarningDTO, self._json(
            "POST", f"/attempts/{attempt_id}/warnings/{warning_id}/ack", secret=token))


def pin_announced_center(server_url: str, fingerprint_prefix: str,
                         timeout: float = 10.0) -> str:
    """Pin the center a kiosk chose from the network's announcements: the certificate it
    presents whose SHA-256 starts with the announced digits (the person compared them with the
    proctor's screen) becomes the pin for ``server_url``. Returns the full fingerprint.

    Raises CenterIdentityChanged when no certificate there starts with those digits, or when
    this computer already trusts another center at that address (an enrolment's full pin is
    never replaced by an announcement); ServerUnreachable when nothing answers over TLS."""
    prefix = normalize_prefix(fingerprint_prefix)
    known = pin_for(server_url)
    if known is not None:
        if known.startswith(prefix):
            return known
        raise CenterIdentityChanged(https_url(server_url), known, None)
    url = https_url(server_url)
    parts = urlsplit(url)
    try:
        chain = presented_chain(parts.hostname or "", parts.port or 443, timeout)
    except OSError as exc:  # ssl.SSLError included: no TLS there, so nothing is trusted
        raise ServerUnreachable(f"The center at {url} did not answer over TLS ({exc}).") from exc
    anchor = find_pinned(chain, prefix=prefix)
    if anchor is None:
        presented = hashlib.sha256(chain[-1]).hexdigest() if chain else None
        raise CenterIdentityChanged(url, prefix, presented)
    return remember_pin(server_url, hashlib.sha256(anchor).hexdigest())


def refusal(response: httpx.Response) -> ApiError:
    """The ApiError an error answer means: its sentence, and its code and parameters when the
    center gave them (a body that is not the contract's is the sentence as it came)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return ApiError(response.status_code, response.text or response.reason_phrase)
    code, params = body.get("code"), body.get("params")
    return ApiError(response.status_code, str(body.get("detail", response.text)),
                    code if isinstance(code, str) else None,
                    {str(k): str(v) for k, v in params.items()} if isinstance(params, dict)
                    else None)


def _answered_then_closed(exc: httpx.TransportError) -> bool:
    """The connection was made and then dropped or answered in no HTTP (what a TLS port does to
    plain HTTP); not a refused connection or a timeout, which need no second look."""
    return not isinstance(exc, httpx.ConnectError | httpx.TimeoutException)


def _body(response: httpx.Response) -> object:
    try:
        body: object = response.json()
    except ValueError as exc:
        raise UnexpectedAnswer(f"the server answered {response.status_code} without JSON") from exc
    return body
