"""``RemoteCenter``: a running ``proctor-server`` (or another console) over HTTP.

Calls go through one httpx client with the console's secret; answers become the same records
the embedded core returns (read by ``core.client.read_record``, the kiosk's reader too), and
error statuses the same domain errors (404 ``NotFound``, 409
``Conflict``, 422 ``InvalidInput``), so no widget can tell which kind of center it talks to.
Changes come from the live stream (``GET /api/v1/proctor/stream``) on a thread of their own,
framed by ``httpx-sse``; after a lost connection the stream resumes from the last change it saw
(``Last-Event-ID``), so nothing is missed, and reachability listeners hear False, then True.

Its own sentences (the center lost, refused, signed out, out of step) are said in the console's
language through Qt's translation (``console.i18n.translate``, context ``RemoteCenter``); they
may be made on the stream's thread, which ``QCoreApplication.translate`` allows.

A refused sign-in is not a lost network: when the center answers 401 (the proctor's account was
disabled, the token signed out or expired, the admin key changed) or the stream says
``signed_out``, the center is signed out for good — ``signed_out_reason`` holds the center's
sentence, sign-out listeners hear it once, the stream stops, and every later call raises
``CenterRefused`` with that sentence without sending anything.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, BinaryIO, TypeVar
from urllib.parse import quote

import httpx
from httpx_sse import connect_sse
from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.i18n import center_sentence, https_only_sentence, not_pinned_sentence, translate
from console.proctor.center.interface import (
    CenterRefused,
    CenterUnavailable,
    ChangeListener,
    NotAllowed,
    ReachabilityListener,
    SignOutListener,
)
from core.client import (
    ServesHttpsOnly,
    UnexpectedAnswer,
    read_record,
    read_records,
    refusal,
)
from core.domain.accounts import ADMIN_ACTOR
from core.domain.errors import Conflict, DomainError, InvalidInput, NotFound
from core.domain.records import (
    AccommodationDTO,
    DeliveryDTO,
    ExamDTO,
    ProctorDTO,
    SessionDetail,
    SessionDTO,
    SnapshotDTO,
    StorageReport,
    StorageStats,
    WarningCreated,
    WebhookCreated,
    WebhookDTO,
    WebhookTestResult,
)
from core.domain.storage import StorageStatus
from core.events.change_log import EVENT_OF, rebuild
from core.net.enrolment_file import Enrolment
from core.net.pinning import (
    CenterIdentityChanged,
    PinnedTransport,
    is_certificate_refusal,
    pinned_connection,
    serves_https_only,
)
from core.services.enrolment_codes import IssuedCode
from core.services.exams import ExamChanges

log = logging.getLogger(__name__)

API = "/api/v1"
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
# A bundle is made and signed while the request waits (a 2,000-snapshot session: about 25 s).
BUNDLE_TIMEOUT = httpx.Timeout(300.0, connect=5.0)
# The pieces a bundle is written to its file in.
BUNDLE_CHUNK_BYTES = 256 * 1024
# Waits between attempts to reconnect the stream (the last one repeats).
RECONNECT_SECONDS = (0.5, 1.0, 2.0, 5.0)

# 503: the center's database does not answer, a fault that passes (nothing was changed).
_ERRORS: dict[int, type[DomainError]] = {404: NotFound, 409: Conflict, 422: InvalidInput,
                                         503: CenterUnavailable}
_T = TypeVar("_T")


def _unavailable_at_first_contact(url: str, exc: BaseException) -> CenterUnavailable:
    """Signing in: as ``_unavailable``, but an ``http://`` address of a center that serves HTTPS
    only says so, with ``ServesHttpsOnly`` (the kiosk's sentence) as the cause. Raise it
    ``from`` its ``__cause__``."""
    if not serves_https_only(url):
        unavailable = _unavailable(url, exc)
        unavailable.__cause__ = exc
        return unavailable
    https_only = ServesHttpsOnly(url)
    https_only.__cause__ = exc
    unavailable = CenterUnavailable(https_only_sentence(url))
    unavailable.__cause__ = https_only
    return unavailable


def _unavailable(url: str, exc: BaseException) -> CenterUnavailable:
    if is_certificate_refusal(exc):  # https with a certificate of the center's own CA
        return CenterUnavailable(not_pinned_sentence(url))
    return CenterUnavailable(translate(
        "RemoteCenter",
        "The exam center at {address} cannot be reached ({error}). Check that its server is "
        "running and the network is up; nothing was changed.").format(
        address=url, error=exc or type(exc).__name__))


def sign_in(url: str, username: str, password: str, *, fingerprint: str | None = None,
            fingerprint_held: bool = False,
            transport: httpx.BaseTransport | None = None) -> RemoteCenter:
    """A ``RemoteCenter`` acting as the proctor ``username`` (``POST /auth/login``).

    Raises ``InvalidInput`` with the server's one sentence for wrong credentials, a disabled
    account or the lockout, ``CenterUnavailable`` when nothing answers and
    ``CenterIdentityChanged`` when the server is not the pinned center: ``FingerprintMismatch``
    when the fingerprint was typed and never held for that address (not ``fingerprint_held``)."""
    connection = pinned_connection(url.strip().rstrip("/"), fingerprint, held=fingerprint_held)
    transport = transport or connection.transport
    try:
        with httpx.Client(base_url=connection.base_url + API, timeout=TIMEOUT,
                          transport=transport) as client:
            response = client.post("/auth/login",
                                   json={"username": username, "password": password})
    except httpx.TransportError as exc:
        unavailable = _unavailable_at_first_contact(connection.base_url, exc)
        raise unavailable from unavailable.__cause__
    if response.status_code in (401, 422, 429):
        refused = refusal(response)  # with the center's code, for the console to translate
        raise InvalidInput(_detail(response), code=refused.code, params=refused.params)
    if not response.is_success:
        raise DomainError(_detail(response))
    body = response.json()
    center = RemoteCenter(connection.base_url, str(body["token"]),
                          who=str(body["proctor"]["display_name"]), can_manage_proctors=False,
                          fingerprint=connection.fingerprint, transport=transport)
    center.signs_out_on_close = True
    center.username = username.strip()
    return center


def with_admin_key(url: str, admin_key: str, *, fingerprint: str | None = None,
                   fingerprint_held: bool = False,
                   transport: httpx.BaseTransport | None = None) -> RemoteCenter:
    """A ``RemoteCenter`` acting as the center's administrator; the key is checked first (a
    wrong key raises ``CenterRefused``). ``fingerprint_held``: as for ``sign_in``."""
    connection = pinned_connection(url.strip().rstrip("/"), fingerprint, held=fingerprint_held)
    center = RemoteCenter(connection.base_url, admin_key, who=ADMIN_ACTOR,
                          can_manage_proctors=True, fingerprint=connection.fingerprint,
                          transport=transport or connection.transport)
    try:
        center.list_proctors()
    except CenterUnavailable as exc:
        center.close()
        transport_error = exc.__cause__
        if isinstance(transport_error, httpx.TransportError):
            unavailable = _unavailable_at_first_contact(connection.base_url, transport_error)
            raise unavailable from unavailable.__cause__
        raise
    except BaseException:
        center.close()
        raise
    return center


def _refusal(response: httpx.Response, location: str, who: str) -> str:
    """What a 401 means for this console, in a sentence: the center's own, when it says the
    sign-in ended (``invalid_token``: disabled, signed out, expired); else that the center does
    not know the secret."""
    if "invalid_token" in response.headers.get("WWW-Authenticate", ""):
        return _said_detail(response)
    words = REFUSED_ADMIN_KEY if who == ADMIN_ACTOR else REFUSED_SIGN_IN
    return translate("RemoteCenter", words).format(address=location)


#: A 401 without ``invalid_token``: the center does not know the console's secret.
REFUSED_ADMIN_KEY = QT_TRANSLATE_NOOP(
    "RemoteCenter",
    "The exam center at {address} no longer accepts this console's admin key (it may have been "
    "changed, or the center set up again). Sign in again.")
REFUSED_SIGN_IN = QT_TRANSLATE_NOOP(
    "RemoteCenter",
    "The exam center at {address} no longer accepts this console's sign-in (it may have been "
    "changed, or the center set up again). Sign in again.")


def _said_detail(response: httpx.Response) -> str:
    """The center's sentence in the console's language when it carries a code the console
    knows (``console.i18n.center_sentence``), else as the center wrote it."""
    try:
        body = response.json()
        code, params = body.get("code"), body.get("params")
    except (ValueError, AttributeError):
        code, params = None, None
    return center_sentence(code if isinstance(code, str) else None,
                           params if isinstance(params, dict) else None, _detail(response))


def _detail(response: httpx.Response) -> str:
    try:
        return str(response.json()["detail"])
    except (ValueError, KeyError, TypeError):
        return translate("RemoteCenter", "The exam center answered {status} {reason}.").format(
            status=response.status_code, reason=response.reason_phrase)


def _signed_out_reason(data: str) -> str:
    """The sentence of a ``signed_out`` message (``{"reason": ..., "code": ..., "params": ...}``)
    in the console's language when its code is known here."""
    try:
        said = json.loads(data)
        code, params = said.get("code"), said.get("params")
        return center_sentence(code if isinstance(code, str) else None,
                               params if isinstance(params, dict) else None,
                               str(said["reason"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return translate("RemoteCenter",
                         "The exam center ended this console's sign-in. Sign in again.")


def now_serves_https_only(location: str) -> str:
    """The banner's sentence for an ``http://`` center whose port now answers TLS."""
    return translate(
        "RemoteCenter",
        "The exam center at {address} now serves HTTPS only, and this console never falls back "
        "to plain text: sign in again with its https:// address and fingerprint (File ▸ Connect "
        "to an exam center's server…).").format(address=location)


class RemoteCenter:
    kind = "remote"
    samples_enabled = False

    def __init__(self, url: str, secret: str, *, who: str = ADMIN_ACTOR,
                 can_manage_proctors: bool = True, fingerprint: str | None = None,
                 verify: Any = True, transport: httpx.BaseTransport | None = None) -> None:
        """``fingerprint`` pins the center (see ``core.net.pinning``): every request, the stream's
        too, goes only to the server that proves it; ``transport`` replaces that (tests)."""
        self.location = url.rstrip("/")
        self.who = who
        self.can_manage_proctors = can_manage_proctors
        self.fingerprint = fingerprint
        # Why the center cannot be used although it answers (refused sign-in, identity
        # changed), in a sentence for the console's banner; "" otherwise.
        self.last_problem = ""
        # Signed in with a password: ``close`` signs out, so the token dies with the window.
        self.signs_out_on_close = False
        # The proctor's username when signed in with a password (for signing in again).
        self.username = ""
        # Why the center signed this console out (its sentence); "" while signed in.
        self.signed_out_reason = ""
        self._sign_out_listeners: tuple[SignOutListener, ...] = ()
        self._headers = {"Authorization": f"Bearer {secret}"}
        self._verify = verify
        if transport is None and fingerprint is not None:
            transport = PinnedTransport(self.location, fingerprint)
        self._http = httpx.Client(base_url=self.location + API, headers=self._headers,
                                  timeout=TIMEOUT, verify=verify, transport=transport)
        self._listeners: tuple[ChangeListener, ...] = ()
        self._reachability: tuple[ReachabilityListener, ...] = ()
        self._lock = threading.Lock()
        self._stream_thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._stream_client: httpx.Client | None = None
        self.last_event_id: int | None = None
        self.is_reachable = True
        self._following = threading.Event()

    # ---- plumbing --------------------------------------------------------------------------
    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        self._check_open()
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise _unavailable(self.location, exc) from exc
        except CenterIdentityChanged as exc:  # nothing was sent
            raise CenterUnavailable(str(exc)) from exc
        return self._checked(response)

    def _check_open(self) -> None:
        if self._stop.is_set():
            raise CenterUnavailable(translate(
                "RemoteCenter", "This console closed its connection to the exam center."))
        if self.signed_out_reason:  # nothing is sent in a name the center no longer accepts
            raise CenterRefused(self.signed_out_reason)

    def _checked(self, response: httpx.Response) -> httpx.Response:
        """The response if it succeeded, else the error its status and sentence mean."""
        if response.is_success:
            return response
        detail = _detail(response)
        if response.status_code == 401:
            reason = _refusal(response, self.location, self.who)
            self._sign_out(reason)
            raise CenterRefused(reason)
        if response.status_code == 403:
            raise NotAllowed(translate(
                "RemoteCenter", "{refusal} Ask the center's administrator to do this.").format(
                refusal=_said_detail(response)))
        refused = refusal(response)  # with the center's code, for the console to translate
        raise _ERRORS.get(response.status_code, DomainError)(
            detail, code=refused.code, params=refused.params)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._call(method, path, **kwargs).json()

    def _read(self, cls: type[_T], method: str, path: str, **kwargs: Any) -> _T:
        """The answer as the record ``cls`` (the one reader of both clients)."""
        try:
            return read_record(cls, self._json(method, path, **kwargs))
        except UnexpectedAnswer as exc:
            raise DomainError(self._out_of_step(exc)) from exc

    def _read_list(self, cls: type[_T], method: str, path: str, **kwargs: Any) -> list[_T]:
        try:
            return read_records(cls, self._json(method, path, **kwargs))
        except UnexpectedAnswer as exc:
            raise DomainError(self._out_of_step(exc)) from exc

    def _out_of_step(self, exc: UnexpectedAnswer) -> str:
        return translate(
            "RemoteCenter",
            "{problem} The exam center at {address} may run another version of the software."
        ).format(problem=exc, address=self.location)

    def now(self) -> datetime:
        return datetime.now(UTC)

    # ---- reading ---------------------------------------------------------------------------
    def list_sessions(self, status: str = "active", include_samples: bool = False,
                      room: str | None = None) -> list[SessionDTO]:
        params = {"status": status, "include_samples": str(include_samples).lower()}
        if room is not None:
            params["room"] = room
        return self._read_list(SessionDTO, "GET", "/proctor/sessions", params=params)

    def get_session(self, session_id: str) -> SessionDetail:
        return self._read(SessionDetail, "GET", f"/proctor/sessions/{session_id}")

    def get_session_summary(self, session_id: str) -> SessionDTO:
        return self.get_session(session_id).session

    def list_snapshots(self, session_id: str, limit: int | None = None,
                       before: datetime | None = None) -> list[SnapshotDTO]:
        params: dict[str, str] = {}
        if limit is not None:
            params["limit"] = str(limit)
        if before is not None:
            params["before"] = before.isoformat()
        return self._read_list(SnapshotDTO, "GET", f"/proctor/sessions/{session_id}/snapshots",
                               params=params)

    def get_snapshot(self, snapshot_id: str) -> SnapshotDTO:
        return self._read(SnapshotDTO, "GET", f"/snapshots/{snapshot_id}")

    def read_image(self, snapshot_id: str) -> bytes:
        return self._call("GET", f"/snapshots/{snapshot_id}/image").content

    def read_thumbnail(self, snapshot_id: str) -> bytes:
        return self._call("GET", f"/snapshots/{snapshot_id}/thumbnail").content

    def list_exams(self, include_archived: bool = False) -> list[ExamDTO]:
        return self._read_list(ExamDTO, "GET", "/exams",
                               params={"include_archived": str(include_archived).lower()})

    def storage_stats(self) -> StorageStats:
        return self._read(StorageStats, "GET", "/storage")

    def storage_status(self) -> StorageStatus:
        report = self._read(StorageReport, "GET", "/storage")
        return StorageStatus(report.free_bytes, report.total_bytes, report.level)

    def list_proctors(self) -> list[ProctorDTO]:
        return self._read_list(ProctorDTO, "GET", "/proctors")

    def write_bundle(self, session_id: str, out: BinaryIO) -> None:
        """The bundle's bytes go to ``out`` as they arrive (a 2,000-snapshot bundle is about
        200 MB); an answer cut short is an error, not a shorter file."""
        self._check_open()
        path = f"/proctor/sessions/{quote(session_id, safe='')}/bundle"
        try:
            with self._http.stream("GET", path, timeout=BUNDLE_TIMEOUT) as response:
                if not response.is_success:
                    response.read()
                    self._checked(response)
                for chunk in response.iter_bytes(BUNDLE_CHUNK_BYTES):
                    out.write(chunk)
        except httpx.TransportError as exc:  # also an answer that ends before its length
            raise _unavailable(self.location, exc) from exc
        except CenterIdentityChanged as exc:
            raise CenterUnavailable(str(exc)) from exc

    # ---- acting ----------------------------------------------------------------------------
    def create_exam(self, title: str, duration_seconds: int, proctoring_enabled: bool = True,
                    snapshot_interval_seconds: int = 30) -> ExamDTO:
        return self._read(ExamDTO, "POST", "/exams", json={
            "title": title, "duration_seconds": duration_seconds,
            "proctoring_enabled": proctoring_enabled,
            "snapshot_interval_seconds": snapshot_interval_seconds})

    def update_exam(self, exam_id: str, changes: ExamChanges) -> ExamDTO:
        body = {name: value for name, value in vars(changes).items() if value is not None}
        return self._read(ExamDTO, "PATCH", f"/exams/{exam_id}", json=body)

    def archive_exam(self, exam_id: str) -> ExamDTO:
        return self._read(ExamDTO, "POST", f"/exams/{exam_id}/archive")

    def restore_exam(self, exam_id: str) -> ExamDTO:
        return self._read(ExamDTO, "POST", f"/exams/{exam_id}/restore")

    def create_proctor(self, username: str, display_name: str, password: str) -> ProctorDTO:
        return self._read(ProctorDTO, "POST", "/proctors", json={
            "username": username, "display_name": display_name, "password": password})

    def disable_proctor(self, proctor_id: str) -> ProctorDTO:
        return self._read(ProctorDTO, "POST", f"/proctors/{proctor_id}/disable")

    def list_webhooks(self) -> list[WebhookDTO]:
        return self._read_list(WebhookDTO, "GET", "/webhooks")

    def list_webhook_deliveries(self, webhook_id: str, limit: int = 100) -> list[DeliveryDTO]:
        return self._read_list(DeliveryDTO, "GET",
                               f"/webhooks/{quote(webhook_id, safe='')}/deliveries",
                               params={"limit": limit})

    def create_webhook(self, url: str, events: list[str],
                       description: str | None = None) -> WebhookCreated:
        return self._read(WebhookCreated, "POST", "/webhooks", json={
            "url": url, "events": list(events), "description": description})

    def delete_webhook(self, webhook_id: str) -> None:
        self._call("DELETE", f"/webhooks/{quote(webhook_id, safe='')}")

    def test_webhook(self, webhook_id: str) -> WebhookTestResult:
        return self._read(WebhookTestResult, "POST",
                          f"/webhooks/{quote(webhook_id, safe='')}/test", timeout=30)

    def flag_session(self, session_id: str, reason: str, note: str | None = None) -> SessionDTO:
        return self._read(SessionDTO, "POST", f"/proctor/sessions/{session_id}/flag",
                          json={"reason": reason, "note": note})

    def warn_session(self, session_id: str, message: str) -> str:
        return self._read(WarningCreated, "POST", f"/proctor/sessions/{session_id}/warn",
                          json={"message": message}).warning_id

    def terminate_session(self, session_id: str, reason: str) -> SessionDTO:
        return self._read(SessionDTO, "POST", f"/proctor/sessions/{session_id}/terminate",
                          json={"reason": reason})

    def review_session(self, session_id: str, outcome: str,
                       note: str | None = None) -> SessionDTO:
        return self._read(SessionDTO, "POST", f"/proctor/sessions/{session_id}/review",
                          json={"outcome": outcome, "note": note})

    def pause_session(self, session_id: str, reason: str) -> SessionDTO:
        return self._read(SessionDTO, "POST", f"/proctor/sessions/{session_id}/pause",
                          json={"reason": reason})

    def resume_session(self, session_id: str) -> SessionDTO:
        return self._read(SessionDTO, "POST", f"/proctor/sessions/{session_id}/resume")

    def handle_alert(self, session_id: str, alert: str, handling: str) -> SessionDTO:
        action = "acknowledge" if handling == "acknowledged" else "dismiss"
        return self._read(SessionDTO, "POST", f"/proctor/sessions/{session_id}/alerts/{action}",
                          json={"alert": alert})

    # ---- setting kiosks up (the administrator's key) ----------------------------------------
    def make_enrolment_code(self, room: str | None = None) -> IssuedCode:
        """A one-time kiosk enrolment code (``POST /enrolment-codes``; admin key), for the
        room given."""
        body = self._json("POST", "/enrolment-codes", json={"room": room or None})
        code = str(body["code"]).replace("-", "")  # as the center keeps it: one form, shown
        return IssuedCode(code, datetime.fromisoformat(str(body["expires_at"])),
                          body.get("room") or None)

    def kiosk_enrolment(self, room: str | None = None) -> Enrolment:
        """What a kiosk needs (address, kiosk key, fingerprint, room), as the center gives it
        to an enrolled kiosk: a code made here and traded at once (``POST /enrol``), over this
        console's pinned connection."""
        issued = self.make_enrolment_code(room)
        body = self._json("POST", "/enrol", json={"code": issued.code})
        pin = body.get("fingerprint") or None
        if pin is not None and self.fingerprint is not None and pin != f"sha256:{self.fingerprint}":
            raise DomainError(translate(
                "RemoteCenter",
                "The center at {address} gave another fingerprint than the one this console "
                "holds; nothing was exported.").format(address=self.location))
        return Enrolment(str(body["server_url"]).rstrip("/"), str(body["kiosk_key"]),
                         pin.removeprefix("sha256:") if pin else None, body.get("room") or None)

    def add_time(self, session_id: str, minutes: int, reason: str) -> SessionDTO:
        return self._read(SessionDTO, "POST", f"/proctor/sessions/{session_id}/extra-time",
                          json={"minutes": minutes, "reason": reason})

    def set_accommodation(self, exam_id: str, candidate_ref: str, *,
                          extra_percent: int | None = None, extra_minutes: int | None = None,
                          exempt: tuple[str, ...] | None = None,
                          note: str | None = None) -> AccommodationDTO:
        return self._read(AccommodationDTO, "PUT",
                          f"/exams/{exam_id}/accommodations/{quote(candidate_ref, safe='')}",
                          json={"extra_percent": extra_percent, "extra_minutes": extra_minutes,
                                "exempt": list(exempt) if exempt is not None else None,
                                "note": note})

    # ---- changes ---------------------------------------------------------------------------
    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        with self._lock:
            self._listeners = (*self._listeners, listener)
        self._start_stream()

        def unsubscribe() -> None:
            with self._lock:
                self._listeners = tuple(x for x in self._listeners if x is not listener)

        return unsubscribe

    def watch_reachability(self, listener: ReachabilityListener) -> Callable[[], None]:
        with self._lock:
            self._reachability = (*self._reachability, listener)

        def unwatch() -> None:
            with self._lock:
                self._reachability = tuple(x for x in self._reachability if x is not listener)

        return unwatch

    def watch_sign_out(self, listener: SignOutListener) -> Callable[[], None]:
        with self._lock:
            self._sign_out_listeners = (*self._sign_out_listeners, listener)

        def unwatch() -> None:
            with self._lock:
                self._sign_out_listeners = tuple(
                    x for x in self._sign_out_listeners if x is not listener)

        return unwatch

    def _sign_out(self, reason: str) -> None:
        """The center refused this console's secret: signed out for good (listeners hear it
        once; the stream stops)."""
        with self._lock:
            if self.signed_out_reason:
                return
            self.signed_out_reason = reason
            listeners = self._sign_out_listeners
        log.info("%s signed this console (%s) out: %s", self.location, self.who, reason)
        for listener in listeners:
            try:
                listener(reason)
            except Exception:
                log.exception("sign-out listener %r failed", listener)

    def _start_stream(self) -> None:
        if self._stream_thread is not None:
            return
        self._stream_thread = threading.Thread(target=self._follow_stream, daemon=True,
                                               name="proctor-remote-stream")
        self._stream_thread.start()

    def _set_reachable(self, reachable: bool) -> None:
        if reachable == self.is_reachable:
            return
        self.is_reachable = reachable
        for listener in self._reachability:
            try:
                listener(reachable)
            except Exception:
                log.exception("reachability listener %r failed", listener)

    def _follow_stream(self) -> None:
        failures = 0
        while not self._stop.is_set() and not self.signed_out_reason:
            try:
                self._read_stream()
                failures = 0
            except (httpx.HTTPError, CenterRefused, CenterIdentityChanged) as exc:
                log.info("the change stream of %s broke (%s); reconnecting", self.location, exc)
                self.last_problem = "" if isinstance(exc, httpx.HTTPError) else str(exc)
                if isinstance(exc, httpx.HTTPError) and self._now_serves_tls():
                    self.last_problem = now_serves_https_only(self.location)
            if self._stop.is_set() or self.signed_out_reason:
                return
            self._following.clear()
            self._set_reachable(False)
            self._stop.wait(RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)])
            failures += 1

    def _read_stream(self) -> None:
        headers = dict(self._headers)
        if self.last_event_id is not None:
            headers["Last-Event-ID"] = str(self.last_event_id)
        transport = (PinnedTransport(self.location, self.fingerprint)
                     if self.fingerprint is not None else None)
        with httpx.Client(base_url=self.location + API, headers=headers, verify=self._verify,
                          timeout=httpx.Timeout(10.0, read=45.0), transport=transport) as client:
            self._stream_client = client
            with connect_sse(client, "GET", "/proctor/stream") as source:
                if source.response.status_code == 401:
                    source.response.read()
                    self._sign_out(_refusal(source.response, self.location, self.who))
                    return
                if source.response.status_code == 403:
                    raise CenterRefused(translate(
                        "RemoteCenter", "The exam center refused the console's secret."))
                source.response.raise_for_status()
                self._following.set()
                self.last_problem = ""
                log.info("following the changes of %s as %s", self.location, self.who)
                first_read = self.last_event_id is None
                self._set_reachable(True)
                for sse in source.iter_sse():
                    if self._stop.is_set():
                        return
                    if sse.id:
                        self.last_event_id = int(sse.id)
                    if sse.event == "signed_out":  # the last message: the stream ends
                        self._sign_out(_signed_out_reason(sse.data))
                        return
                    if sse.event == "reset" and not first_read:
                        # Too far behind: listeners re-read their lists.
                        self._set_reachable(False)
                        self._set_reachable(True)
                    elif sse.event in EVENT_OF:
                        self._deliver(rebuild(sse.event, json.loads(sse.data)))

    def _now_serves_tls(self) -> bool:
        """An ``http://`` center whose port answers TLS now (a console that switched to the
        center's network): only a sentence for the banner, never a reason to switch."""
        return serves_https_only(self.location)

    def wait_until_following(self, timeout: float) -> bool:
        """True once the change stream is open (every later change will be delivered)."""
        self._start_stream()
        return self._following.wait(timeout)

    def _deliver(self, event: Any) -> None:
        for listener in self._listeners:
            try:
                listener(event)
            except Exception:
                log.exception("change listener %r failed on %r", listener, event)

    def __enter__(self) -> RemoteCenter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop following the stream: no listener is called after this returns. (A read that is
        blocked on the network ends with the next keepalive; its thread is a daemon.)"""
        self._stop.set()
        with self._lock:
            self._listeners = ()
            self._reachability = ()
            self._sign_out_listeners = ()
        if self._stream_client is not None:
            self._stream_client.close()
        if self._stream_thread is not None:
            self._stream_thread.join(0.5)
        if self.signs_out_on_close and not self.signed_out_reason:
            try:
                self._http.post("/auth/logout", timeout=2.0)
            except (httpx.HTTPError, CenterIdentityChanged):
                log.info("could not sign out of %s (the token expires by itself)", self.location)
        self._http.close()
