"""ProctorClient: a typed httpx client of API v1, used by the kiosk, the demo and tests.

Every non-2xx answer raises ApiError with the server's sentence; a server that cannot be
reached raises ServerUnreachable. Nothing here ever pretends a call succeeded.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from core.pinning import CenterNotPinned, is_certificate_refusal, pinned_connection

Json = dict[str, Any]


class ApiError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


class ServerUnreachable(Exception):
    """The server did not answer (down, wrong address, network fault, timeout)."""


class ProctorClient:
    def __init__(self, base_url: str, secret: str | None = None, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None,
                 fingerprint: str | None = None) -> None:
        # A pin (given, or remembered by core.pinning for this address) means https and a
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
            raise ServerUnreachable(
                f"The server at {self.base_url} did not answer ({exc})."
            ) from exc
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail", response.text)
            except ValueError:
                detail = response.text or response.reason_phrase
            raise ApiError(response.status_code, str(detail))
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> Json:
        body: Json = self.request(method, path, **kwargs).json()
        return body

    def _json_list(self, method: str, path: str, **kwargs: Any) -> list[Json]:
        body: list[Json] = self.request(method, path, **kwargs).json()
        return body

    # ---- public ----------------------------------------------------------------------------------
    def health(self) -> Json:
        return self._json("GET", "/health")

    def list_exams(self) -> list[Json]:
        return self._json_list("GET", "/exams")

    def create_exam(self, title: str, duration_seconds: int, proctoring_enabled: bool = True,
                    snapshot_interval_seconds: int = 30) -> Json:
        return self._json("POST", "/exams", json={
            "title": title, "duration_seconds": duration_seconds,
            "proctoring_enabled": proctoring_enabled,
            "snapshot_interval_seconds": snapshot_interval_seconds,
        })

    def start_attempt(self, exam_id: str, candidate_ref: str, candidate_name: str) -> Json:
        return self._json("POST", "/attempts", json={
            "exam_id": exam_id, "candidate_ref": candidate_ref, "candidate_name": candidate_name,
        })

    # ---- attempt token ---------------------------------------------------------------------------
    def get_attempt(self, attempt_id: str, token: str | None = None) -> Json:
        return self._json("GET", f"/attempts/{attempt_id}", secret=token)

    def submit_attempt(self, attempt_id: str, token: str | None = None) -> Json:
        return self._json("POST", f"/attempts/{attempt_id}/submit", secret=token)

    def upload_snapshot(self, attempt_id: str, snapshot_id: str, jpeg: bytes,
                        captured_at: datetime | None = None, token: str | None = None,
                        content_type: str = "image/jpeg") -> tuple[int, Json]:
        """Returns (status, body): 201 stored now, 200 already stored earlier."""
        captured = (captured_at or datetime.now(UTC)).isoformat()
        response = self.request(
            "POST", f"/attempts/{attempt_id}/snapshots", secret=token,
            files={"image": (f"{snapshot_id}.jpg", jpeg, content_type)},
            data={"snapshot_id": snapshot_id, "captured_at": captured},
        )
        return response.status_code, response.json()

    def record_event(self, attempt_id: str, event_type: str, detail: str | None = None,
                     occurred_at: datetime | None = None, event_id: str | None = None,
                     token: str | None = None) -> Json:
        body: Json = {"type": event_type}
        if detail is not None:
            body["detail"] = detail
        if occurred_at is not None:
            body["occurred_at"] = occurred_at.isoformat()
        if event_id is not None:
            body["event_id"] = event_id
        return self._json("POST", f"/attempts/{attempt_id}/events", json=body, secret=token)

    def acknowledge_warning(
        self, attempt_id: str, warning_id: str, token: str | None = None
    ) -> Json:
        return self._json("POST", f"/attempts/{attempt_id}/warnings/{warning_id}/ack", secret=token)

    # ---- admin -----------------------------------------------------------------------------------
    def force_end(self, attempt_id: str, reason: str | None = None) -> Json:
        return self._json("POST", f"/attempts/{attempt_id}/force-end", json={"reason": reason})

    def list_sessions(self, status: str = "active", include_samples: bool = False) -> list[Json]:
        params = {"status": status, "include_samples": str(include_samples).lower()}
        return self._json_list("GET", "/proctor/sessions", params=params)

    def get_session(self, session_id: str) -> Json:
        return self._json("GET", f"/proctor/sessions/{session_id}")

    def list_snapshots(self, session_id: str) -> list[Json]:
        return self._json_list("GET", f"/proctor/sessions/{session_id}/snapshots")

    def snapshot_image(self, snapshot_id: str) -> bytes:
        return self.request("GET", f"/snapshots/{snapshot_id}/image").content

    def snapshot_thumbnail(self, snapshot_id: str) -> bytes:
        return self.request("GET", f"/snapshots/{snapshot_id}/thumbnail").content

    def flag_session(self, session_id: str, reason: str, note: str | None = None) -> Json:
        return self._json("POST", f"/proctor/sessions/{session_id}/flag",
                          json={"reason": reason, "note": note})

    def warn_session(self, session_id: str, message: str) -> Json:
        return self._json("POST", f"/proctor/sessions/{session_id}/warn", json={"message": message})

    def terminate_session(self, session_id: str, reason: str) -> Json:
        return self._json("POST", f"/proctor/sessions/{session_id}/terminate",
                          json={"reason": reason})
