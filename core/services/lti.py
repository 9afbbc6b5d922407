"""LTI 1.3 Proctoring Services (1EdTech, v1.0): the center as the proctoring tool.

The exam platform's administrator registers the platform here (``register_platform``). A
candidate who opens a proctored assessment in the platform is sent through the OIDC login
(``begin_login``: a state and a nonce, kept once in the database) to the launch
(``launch``): the platform's ``id_token`` is checked against its JWK set, issuer, audience,
expiry, nonce and state (each used once), then an ``LtiStartProctoring`` starts the attempt (the
candidate joins it at a kiosk with the candidate ID the page shows) and answers with the
tool's signed ``LtiStartAssessment``; an ``LtiEndAssessment`` hands the attempt in. A proctor's
flag, termination, pause, resume or extra time of such an attempt is queued
(``queue_lti_control``, in the action's own transaction) for the platform's Assessment Control
Service; core/jobs/lti_control_sender.py claims and sends it.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    InvalidKeyIdError,
    JoseError,
)
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from core.db.engine import UnitOfWork
from core.db.models import Attempt, Exam, LtiControl, LtiLink, LtiLogin, LtiPlatform
from core.domain import lti
from core.domain.clock import Clock
from core.domain.errors import AttemptEnded, Conflict, InvalidInput, NotFound
from core.domain.lti import (
    LaunchInvalid,
    LaunchRefused,
    PlatformNotFound,
    PlatformNotRegistered,
)
from core.domain.records import LtiPlatformDTO
from core.domain.webhooks import DeliveryStatus
from core.net.lti_key import KeySetUnavailable, LtiToolKey, PlatformKeySets
from core.services.attempts import AttemptService
from core.services.outbox import record_try

#: How long a claimed control message is held by its sender (past its answer timeout).
CLAIM_LEASE = timedelta(seconds=30)
MAX_REF = 100
MAX_NAME = 200
MAX_EXTERNAL_REF = 200


class PlatformUnreachable(LaunchRefused):
    """The platform's key set could not be had: its fault or the network's, not the token's."""

    status = 502


@dataclass(frozen=True)
class LaunchOutcome:
    """What a launch did, for the page the candidate's browser shows next."""

    message_type: str
    attempt_id: str
    attempt_status: str
    exam_title: str
    candidate_ref: str
    #: LtiStartProctoring: where the signed LtiStartAssessment goes, and the message itself.
    start_assessment_url: str | None = None
    start_assessment_jwt: str | None = None
    #: LtiEndAssessment: where the platform asked the candidate to be sent back, if anywhere.
    return_url: str | None = None


@dataclass(frozen=True)
class LoginRedirect:
    """Where the candidate's browser goes after the login initiation, and the login's state
    (the route binds it to the browser with a cookie)."""

    url: str
    state: str


@dataclass(frozen=True)
class DueControl:
    """A claimed control message, with what sending it needs."""

    control_id: int
    action: str
    reason: str | None
    #: An update's extra time, in seconds (None for the other actions).
    extra_seconds: int | None
    incident_at: datetime
    acs_url: str
    token_url: str
    client_id: str
    issuer: str
    user_sub: str
    resource_link_id: str
    attempt_number: str


def _checked_url(value: str, what: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"The {what} must be an http:// or https:// address with a host.")
    return value


def _check_target(target_link_uri: str, launch_url: str) -> None:
    """Refuse a login or launch whose ``target_link_uri`` is not this tool's launch URL (LTI
    Core 1.3: the tool checks the target is its own before it acts on the launch)."""
    if not lti.same_launch_url(target_link_uri, launch_url):
        raise LaunchInvalid(code="lti_wrong_target", params={
            "target": repr(target_link_uri[:300]), "launch_url": repr(launch_url)})


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


class LtiService:
    def __init__(self, uow: UnitOfWork, clock: Clock, attempts: AttemptService,
                 tool_key: LtiToolKey, key_sets: PlatformKeySets | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._attempts = attempts
        self.tool_key = tool_key
        self._key_sets = key_sets or PlatformKeySets()

    # ---- registration (administrator) -----------------------------------------------------------
    def register_platform(self, *, issuer: str, client_id: str, deployment_id: str,
                          jwks_url: str, auth_url: str, token_url: str,
                          exam_id: str | None = None, name: str | None = None) -> LtiPlatformDTO:
        issuer, client_id, deployment_id = issuer.strip(), client_id.strip(), deployment_id.strip()
        if not issuer or not client_id or not deployment_id:
            raise InvalidInput("A platform needs its issuer, the client id it gave this center "
                               "and its deployment id.")
        row = LtiPlatform(
            id=str(uuid.uuid4()), name=_text(name), issuer=issuer, client_id=client_id,
            deployment_id=deployment_id, jwks_url=_checked_url(jwks_url, "JWKS URL"),
            auth_url=_checked_url(auth_url, "authorization URL"),
            token_url=_checked_url(token_url, "token URL"), exam_id=_text(exam_id),
            created_at=self._clock.now())
        try:
            with self._uow.write() as ws:
                if row.exam_id is not None and ws.get(Exam, row.exam_id) is None:
                    raise InvalidInput(f"No exam has the id {row.exam_id!r}; give the id of an "
                                       "exam of this center, or none.")
                ws.add(row)
        except IntegrityError as exc:
            raise Conflict(f"The platform {issuer!r} with the client id {client_id!r} is "
                           "already registered; remove it first to register it again.") from exc
        return _platform_dto(row)

    def list_platforms(self) -> list[LtiPlatformDTO]:
        with self._uow.read() as s:
            rows = s.scalars(select(LtiPlatform).order_by(LtiPlatform.created_at)).all()
            return [_platform_dto(p) for p in rows]

    def delete_platform(self, platform_id: str) -> None:
        """Forget the platform: its logins, links and unsent control messages go with it; the
        attempts it started stay."""
        with self._uow.write() as ws:
            if ws.get(LtiPlatform, platform_id) is None:
                raise PlatformNotFound(platform_id)
            links = select(LtiLink.id).where(LtiLink.platform_id == platform_id)
            ws.execute(delete(LtiControl).where(LtiControl.link_id.in_(links)))
            ws.execute(delete(LtiLink).where(LtiLink.platform_id == platform_id))
            ws.execute(delete(LtiLogin).where(LtiLogin.platform_id == platform_id))
            ws.execute(delete(LtiPlatform).where(LtiPlatform.id == platform_id))

    # ---- OIDC login initiation --------------------------------------------------------------
    def begin_login(self, *, iss: str | None, login_hint: str | None,
                    target_link_uri: str | None, redirect_uri: str,
                    lti_message_hint: str | None = None, client_id: str | None = None,
                    deployment_id: str | None = None) -> LoginRedirect:
        """Remember a new state and nonce for the platform and return the address of its
        authorization endpoint that the candidate's browser goes to next, with the state."""
        if not iss or not login_hint or not target_link_uri:
            raise LaunchInvalid(code="lti_login_incomplete")
        _check_target(target_link_uri, redirect_uri)
        now = self._clock.now()
        with self._uow.write() as ws:
            query = select(LtiPlatform).where(LtiPlatform.issuer == iss)
            if client_id:
                query = query.where(LtiPlatform.client_id == client_id)
            platforms = ws.session.scalars(query).all()
            if not platforms:
                if client_id:
                    raise PlatformNotRegistered(code="lti_client_not_registered", params={
                        "issuer": repr(iss), "client_id": repr(client_id)})
                raise PlatformNotRegistered(code="lti_issuer_not_registered",
                                            params={"issuer": repr(iss)})
            if len(platforms) > 1:
                raise LaunchInvalid(code="lti_client_id_needed", params={"issuer": repr(iss)})
            platform = platforms[0]
            if deployment_id and deployment_id != platform.deployment_id:
                raise PlatformNotRegistered(code="lti_deployment_not_registered", params={
                    "deployment": repr(deployment_id), "issuer": repr(iss)})
            state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            ws.add(LtiLogin(state=state, nonce=nonce, platform_id=platform.id, created_at=now))
            ws.execute(delete(LtiLogin).where(LtiLogin.created_at < now - timedelta(days=1)))
            auth_url, tool_client = platform.auth_url, platform.client_id
        params = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post",
                  "prompt": "none", "client_id": tool_client, "redirect_uri": redirect_uri,
                  "login_hint": login_hint, "state": state, "nonce": nonce}
        if lti_message_hint:
            params["lti_message_hint"] = lti_message_hint
        return LoginRedirect(auth_url + ("&" if "?" in auth_url else "?") + urlencode(params),
                             state)

    # ---- the launch -------------------------------------------------------------------------
    def launch(self, id_token: str | None, state: str | None, *, launch_url: str,
               browser_states: frozenset[str] = frozenset()) -> LaunchOutcome:
        """Check and carry out a launch posted to ``launch_url`` (the tool's own launch URL,
        which the token's ``target_link_uri`` must name). ``browser_states``: the login states
        the posting browser's state cookies name; when it names any, this launch's state must
        be among them (the login began in this browser). None (a platform's iframe that blocks
        third-party cookies) leaves the state's own check, in the database, to count alone."""
        if not id_token or not state:
            raise LaunchInvalid(code="lti_launch_incomplete")
        if browser_states and state not in browser_states:
            raise LaunchRefused(code="lti_other_browser")
        now = self._clock.now()
        with self._uow.read() as s:
            login = s.get(LtiLogin, state)
            if login is None or now - login.created_at > timedelta(
                    seconds=lti.LOGIN_TTL_SECONDS):
                raise LaunchRefused(code="lti_state_unknown")
            if login.used_at is not None:
                raise LaunchRefused(code="lti_launch_replayed")
            platform = s.get(LtiPlatform, login.platform_id)
            assert platform is not None  # the login's foreign key
            nonce = login.nonce
        claims = self._verified_claims(id_token, platform, nonce)
        with self._uow.write() as ws:
            used = ws.execute(update(LtiLogin)
                              .where(LtiLogin.state == state, LtiLogin.used_at.is_(None))
                              .values(used_at=now)).rowcount
        if used != 1:
            raise LaunchRefused(code="lti_launch_replayed")
        if claims.get(lti.DEPLOYMENT_ID) != platform.deployment_id:
            raise PlatformNotRegistered(code="lti_deployment_not_registered", params={
                "deployment": repr(claims.get(lti.DEPLOYMENT_ID)),
                "issuer": repr(platform.issuer)})
        if claims.get(lti.VERSION) != lti.LTI_VERSION:
            raise LaunchInvalid(code="lti_wrong_version", params={
                "version": lti.LTI_VERSION, "said": repr(claims.get(lti.VERSION))})
        target = claims.get(lti.TARGET_LINK_URI)
        if not isinstance(target, str) or not target.strip():
            raise LaunchInvalid(code="lti_target_missing", params={"launch_url": launch_url})
        _check_target(target, launch_url)
        kind = claims.get(lti.MESSAGE_TYPE)
        if kind == lti.START_PROCTORING:
            return self._start_proctoring(platform, claims)
        if kind == lti.END_ASSESSMENT:
            return self._end_assessment(platform, claims, now)
        raise LaunchInvalid(code="lti_wrong_message_type", params={
            "start": lti.START_PROCTORING, "end": lti.END_ASSESSMENT, "kind": repr(kind)})

    def _verified_claims(self, id_token: str, platform: LtiPlatform,
                         nonce: str) -> dict[str, Any]:
        try:
            try:
                keys = self._key_sets.get(platform.jwks_url, None)
                token = jwt.decode(id_token, keys, algorithms=["RS256"])
            except InvalidKeyIdError:
                keys = self._key_sets.get(platform.jwks_url, None, refresh=True)
                token = jwt.decode(id_token, keys, algorithms=["RS256"])
        except KeySetUnavailable as exc:
            raise PlatformUnreachable(str(exc)) from exc
        except InvalidKeyIdError as exc:
            raise LaunchRefused(code="lti_unknown_key",
                                params={"jwks_url": platform.jwks_url}) from exc
        except BadSignatureError as exc:
            raise LaunchRefused(code="lti_bad_signature", params={
                "jwks_url": platform.jwks_url, "issuer": repr(platform.issuer)}) from exc
        except (JoseError, ValueError) as exc:
            raise LaunchRefused(code="lti_unreadable_token") from exc
        claims = dict(token.claims)
        if claims.get("iss") != platform.issuer:
            raise PlatformNotRegistered(code="lti_other_issuer",
                                        params={"issuer": repr(claims.get("iss"))})
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if platform.client_id not in audiences or (
                len(audiences) > 1 and claims.get("azp") != platform.client_id):
            raise LaunchRefused(code="lti_other_audience", params={
                "audience": repr(audience), "client_id": repr(platform.client_id)})
        now = self._clock.now().timestamp()
        expires, issued = claims.get("exp"), claims.get("iat")
        if not isinstance(expires, int | float) or not isinstance(issued, int | float):
            raise LaunchRefused(code="lti_token_times_missing")
        if expires < now - lti.LEEWAY_SECONDS:
            raise LaunchRefused(code="lti_token_expired")
        if issued > now + lti.LEEWAY_SECONDS:
            raise LaunchRefused(code="lti_token_from_the_future")
        if claims.get("nonce") != nonce:
            raise LaunchRefused(code="lti_wrong_nonce")
        if not _text(claims.get("sub")):
            raise LaunchInvalid(code="lti_no_user")
        return claims

    def _start_proctoring(self, platform: LtiPlatform, claims: dict[str, Any]) -> LaunchOutcome:
        link = claims.get(lti.RESOURCE_LINK) or {}
        link_id = _text(link.get("id")) if isinstance(link, dict) else None
        attempt_number = claims.get(lti.ATTEMPT_NUMBER)
        start_url = _text(claims.get(lti.START_ASSESSMENT_URL))
        missing = [name for name, value in (("resource_link.id", link_id),
                                            ("attempt_number", attempt_number),
                                            ("start_assessment_url", start_url))
                   if value in (None, "")]
        if missing:
            raise LaunchInvalid(code="lti_claims_missing", params={
                "kind": lti.START_PROCTORING, "missing": ", ".join(missing)})
        assert link_id is not None and start_url is not None
        sub = str(claims["sub"])
        custom = claims.get(lti.CUSTOM) or {}
        custom = custom if isinstance(custom, dict) else {}
        exam_id = _text(custom.get("exam_id")) or platform.exam_id
        if exam_id is None:
            raise LaunchInvalid(code="lti_no_exam")
        lis = claims.get(lti.LIS) or {}
        candidate_ref = (_text(custom.get("candidate_ref"))
                         or (_text(lis.get("person_sourcedid")) if isinstance(lis, dict) else None)
                         or sub)[:MAX_REF]
        full_name = " ".join(p for p in (_text(claims.get("given_name")),
                                         _text(claims.get("family_name"))) if p)
        name = (_text(claims.get("name")) or full_name or candidate_ref)[:MAX_NAME]
        external_ref = (_text(custom.get("external_ref"))
                        or f"{link_id}#{attempt_number}")[:MAX_EXTERNAL_REF]
        try:
            started = self._attempts.start_attempt(exam_id, candidate_ref, name,
                                                   external_ref=external_ref)
        except NotFound as exc:
            raise LaunchInvalid(code="lti_exam_not_found", params={"exam_id": exam_id}) from exc
        acs = claims.get(lti.ACS) or {}
        acs = acs if isinstance(acs, dict) else {}
        actions = acs.get("actions")
        self._keep_link(platform, started.attempt_id, link_id, sub, str(attempt_number),
                        claims.get(lti.SESSION_DATA), _text(acs.get("assessment_control_url")),
                        ",".join(a for a in actions if isinstance(a, str))
                        if isinstance(actions, list) else None)
        message = self.tool_key.sign(self._clock.now(), {
            "iss": platform.client_id,
            "aud": platform.issuer,
            "nonce": secrets.token_urlsafe(16),
            lti.MESSAGE_TYPE: lti.START_ASSESSMENT,
            lti.VERSION: lti.LTI_VERSION,
            lti.DEPLOYMENT_ID: platform.deployment_id,
            lti.SESSION_DATA: claims.get(lti.SESSION_DATA),
            lti.RESOURCE_LINK: {"id": link_id},
            lti.ATTEMPT_NUMBER: attempt_number,
            lti.END_ASSESSMENT_RETURN: True,
        })
        return LaunchOutcome(lti.START_PROCTORING, started.attempt_id, started.status,
                             started.exam_title, candidate_ref, start_assessment_url=start_url,
                             start_assessment_jwt=message)

    def _keep_link(self, platform: LtiPlatform, attempt_id: str, link_id: str, sub: str,
                   attempt_number: str, session_data: Any, acs_url: str | None,
                   acs_actions: str | None) -> None:
        now = self._clock.now()
        with self._uow.write() as ws:
            row = ws.session.scalar(select(LtiLink).where(LtiLink.attempt_id == attempt_id))
            if row is None:
                row = LtiLink(id=str(uuid.uuid4()), attempt_id=attempt_id, created_at=now)
                ws.add(row)
            row.platform_id = platform.id
            row.resource_link_id = link_id[:255]
            row.user_sub = sub[:255]
            row.attempt_number = attempt_number[:40]
            row.session_data = session_data if isinstance(session_data, str) else None
            row.acs_url = acs_url
            row.acs_actions = acs_actions
            row.ended_at = None

    def _end_assessment(self, platform: LtiPlatform, claims: dict[str, Any],
                        now: datetime) -> LaunchOutcome:
        link = claims.get(lti.RESOURCE_LINK) or {}
        link_id = _text(link.get("id")) if isinstance(link, dict) else None
        attempt_number = claims.get(lti.ATTEMPT_NUMBER)
        with self._uow.read() as s:
            row = s.scalar(select(LtiLink).where(
                LtiLink.platform_id == platform.id, LtiLink.resource_link_id == (link_id or ""),
                LtiLink.user_sub == str(claims["sub"]),
                LtiLink.attempt_number == str(attempt_number)))
        if row is None:
            raise LaunchInvalid(code="lti_no_attempt", params={
                "kind": lti.END_ASSESSMENT, "link": repr(link_id),
                "attempt": repr(attempt_number)})
        try:
            state = self._attempts.submit_attempt(row.attempt_id)
            status = state.status
        except AttemptEnded:
            status = ""
        with self._uow.write() as ws:
            ws.execute(update(LtiLink).where(LtiLink.id == row.id).values(ended_at=now))
        presentation = claims.get(lti.LAUNCH_PRESENTATION) or {}
        return_url = (_text(presentation.get("return_url"))
                      if isinstance(presentation, dict) else None)
        with self._uow.read() as s:
            attempt = s.get(Attempt, row.attempt_id)
            status = status or (attempt.status if attempt is not None else "ended")
            exam = s.get(Exam, attempt.exam_id) if attempt is not None else None
        return LaunchOutcome(lti.END_ASSESSMENT, row.attempt_id, status,
                             exam.title if exam is not None else "", str(claims["sub"]),
                             return_url=return_url)

    # ---- the Assessment Control Service's outbox ----------------------------------------------
    def claim_due_controls(self, limit: int) -> list[DueControl]:
        """Claim up to ``limit`` control messages due now (``FOR UPDATE SKIP LOCKED`` on
        PostgreSQL, so several processes never claim one twice); each is held for a lease."""
        now = self._clock.now()
        due = (LtiControl.status == DeliveryStatus.PENDING, LtiControl.next_try_at <= now)
        with self._uow.read() as s:
            if s.scalar(select(LtiControl.id).where(*due).limit(1)) is None:
                return []
        query = select(LtiControl).where(*due).order_by(LtiControl.id).limit(limit)
        with self._uow.write() as ws:
            if ws.session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=LtiControl)
            claimed = []
            for row in ws.session.scalars(query).all():
                row.next_try_at = now + CLAIM_LEASE
                link = ws.get(LtiLink, row.link_id)
                platform = ws.get(LtiPlatform, link.platform_id) if link is not None else None
                if link is None or platform is None or not link.acs_url:
                    row.status = DeliveryStatus.FAILED
                    continue
                claimed.append(DueControl(
                    row.id, row.action, row.reason, row.extra_seconds, row.incident_at,
                    link.acs_url, platform.token_url, platform.client_id, platform.issuer,
                    link.user_sub, link.resource_link_id, link.attempt_number))
            return claimed

    def settle_control(self, control_id: int, status_code: int | None,
                       error: str | None) -> None:
        now = self._clock.now()
        with self._uow.write() as ws:
            row = ws.get(LtiControl, control_id)
            if row is None or row.status != DeliveryStatus.PENDING:
                return
            if record_try(row, status_code, error, row.created_at, now):
                row.sent_at = now

    def controls_of(self, attempt_id: str) -> list[dict[str, Any]]:
        """The attempt's control messages, oldest first (for tests and tools)."""
        with self._uow.read() as s:
            rows = s.scalars(select(LtiControl).join(LtiLink, LtiLink.id == LtiControl.link_id)
                             .where(LtiLink.attempt_id == attempt_id)
                             .order_by(LtiControl.id)).all()
            return [{"action": r.action, "reason": r.reason,
                     "status": r.status, "attempts": r.attempts,
                     "last_status_code": r.last_status_code, "last_error": r.last_error}
                    for r in rows]


def _platform_dto(p: LtiPlatform) -> LtiPlatformDTO:
    return LtiPlatformDTO(p.id, p.name, p.issuer, p.client_id, p.deployment_id, p.jwks_url,
                          p.auth_url, p.token_url, p.exam_id, p.created_at)
