"""create_app(core) -> FastAPI. Routes are thin: parse, call one service, map errors."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, BinaryIO, Literal

from fastapi import FastAPI, Query, Response
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.background import BackgroundTask

from core import __version__
from core.api import schemas as api
from core.api.accounts import create_accounts_router
from core.api.auth import (
    Access,
    AttemptToken,
    Authenticator,
    Caller,
    Ender,
    Identity,
    Kiosk,
    KioskCaller,
    SessionReader,
    Staff,
    Submitter,
    allows,
)
from core.api.enrolment import create_enrolment_router
from core.api.errors import (
    DATABASE_RETRY_AFTER_SECONDS,
    DATABASE_UNREACHABLE,
    ERRORS,
    CodedHTTPException,
    install_error_handlers,
)
from core.api.evidence_headers import EvidenceHeaders
from core.api.integrations import create_integrations_router
from core.api.lean_routes import mount_heartbeat
from core.api.limits import BodySizeLimit
from core.api.lti import create_lti_router
from core.api.snapshot_upload import mount_snapshot_upload
from core.api.stream import StopSignal, create_stream_router
from core.bootstrap import Core
from core.db.probe import database_answers
from core.domain.alerts import AlertHandling
from core.domain.readiness import checked_override
from core.domain.records import (
    AccommodationDTO,
    AttemptState,
    EventCreated,
    ExamDTO,
    Health,
    SessionDetail,
    SessionDTO,
    SnapshotDTO,
    StartedAttempt,
    StorageReport,
    WarningCreated,
    WarningDTO,
)
from core.services.exams import ExamChanges

DATABASE_RETRY_AFTER = {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)}
IMAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/jpeg": {}}, "description": "JPEG bytes",
          "headers": {"Repr-Digest": {
              "description": "sha-256=:<base64>: of these bytes as recorded at ingest (RFC 9530)",
              "schema": {"type": "string"}}}}}


# Who may call what is decided in core/api/auth.py. "Admin" routes take the admin key or a
# proctor token; the ones that act also take the caller's identity (``who: Caller``).
Admin = Staff


def create_app(core: Core) -> FastAPI:
    app = FastAPI(
        title="Proctor Console API",
        version=__version__,
        description="Kiosks, integrations and the console talk to the proctoring core here.",
        responses={401: ERRORS[401]},
    )
    app.state.core = core
    app.state.stopping = StopSignal()  # set by ApiServer.stop: long-lived responses end
    app.state.authenticator = Authenticator(
        core.config.admin_key, core.config.kiosk_key, core.tokens, core.proctors,
        core.integration_keys,
    )
    install_error_handlers(app)
    app.include_router(create_stream_router(core, Admin, app.state.stopping))
    app.include_router(create_enrolment_router(core, Admin))
    app.include_router(create_accounts_router(core))
    app.include_router(create_integrations_router(core))
    app.include_router(create_lti_router(core))
    app.add_middleware(BodySizeLimit, max_upload_bytes=core.config.max_upload_bytes)
    app.add_middleware(EvidenceHeaders)  # nosniff and no-store on every route tagged evidence

    # ---- health and exams ------------------------------------------------------------------------
    @app.get("/api/v1/health", response_model=Health, tags=["health"], responses={
        503: {"model": Health, "description": "The database does not answer (degraded)"}})
    def health() -> Health | JSONResponse:
        if database_answers(core.engine):
            return Health("ok", __version__)
        degraded = Health("degraded", __version__, database="unreachable")
        return JSONResponse({**asdict(degraded), "detail": DATABASE_UNREACHABLE},
                            status_code=503, headers=DATABASE_RETRY_AFTER)

    @app.post("/api/v1/exams", response_model=ExamDTO, status_code=201, tags=["exams"],
              dependencies=[Admin], responses=ERRORS)
    def create_exam(body: api.ExamCreate) -> ExamDTO:
        return core.exams.create_exam(body.title, body.duration_seconds,
                                      body.proctoring_enabled, body.snapshot_interval_seconds)

    @app.get("/api/v1/exams", response_model=list[ExamDTO], tags=["exams"],
             responses=ERRORS)
    def list_exams(who: Annotated[Identity, Kiosk],
                   include_archived: bool = False) -> list[ExamDTO]:
        if include_archived and not allows(who, Access.STAFF):
            raise CodedHTTPException(403, "not_allowed_list_archived")
        return core.exams.list_exams(include_archived)

    @app.patch("/api/v1/exams/{exam_id}", response_model=ExamDTO, tags=["exams"],
               dependencies=[Admin], responses=ERRORS)
    def update_exam(exam_id: str, body: api.ExamPatch) -> ExamDTO:
        return core.exams.update_exam(exam_id, ExamChanges(**body.model_dump()))

    @app.post("/api/v1/exams/{exam_id}/archive", response_model=ExamDTO, tags=["exams"],
              dependencies=[Admin], responses=ERRORS)
    def archive_exam(exam_id: str) -> ExamDTO:
        return core.exams.archive_exam(exam_id)

    @app.post("/api/v1/exams/{exam_id}/restore", response_model=ExamDTO, tags=["exams"],
              dependencies=[Admin], responses=ERRORS)
    def restore_exam(exam_id: str) -> ExamDTO:
        return core.exams.restore_exam(exam_id)

    # ---- attempts (kiosk) ------------------------------------------------------------------------
    @app.post("/api/v1/attempts", response_model=StartedAttempt, status_code=201,
              tags=["attempts"], responses=ERRORS)
    def start_attempt(body: api.AttemptStart, response: Response,
                      who: KioskCaller) -> StartedAttempt:
        override = None
        if body.readiness_override is not None:
            if not allows(who, Access.STAFF):
                raise CodedHTTPException(403, "readiness_override_refused")
            override = checked_override(who.actor_name, body.readiness_override.reason,
                                        body.readiness_override.not_ready)
        started = core.attempts.start_attempt(body.exam_id, body.candidate_ref, body.candidate_name,
                                              body.seat, body.room,
                                              body.external_ref, override)
        if not started.is_new:
            response.status_code = 200
        return started

    # The heartbeat, declared and served in core/api/lean_routes.py (a hot path of every kiosk).
    mount_heartbeat(app, core)

    @app.post("/api/v1/attempts/{attempt_id}/submit", response_model=AttemptState,
              tags=["attempts"], dependencies=[Submitter], responses=ERRORS)
    def submit_attempt(attempt_id: str, body: api.SubmitRequest | None = None) -> AttemptState:
        return core.attempts.submit_attempt(attempt_id, body.submitted_at if body else None)

    # Declared and served in core/api/snapshot_upload.py (the lean path of every kiosk frame).
    mount_snapshot_upload(app, core)

    @app.post("/api/v1/attempts/{attempt_id}/events", response_model=EventCreated,
              status_code=201, tags=["attempts"], dependencies=[AttemptToken], responses=ERRORS)
    def record_event(attempt_id: str, body: api.EventCreate, response: Response) -> EventCreated:
        recorded = core.attempts.record_kiosk_event(
            attempt_id, body.type, body.detail, body.occurred_at, body.event_id, body.cause,
            body.detail_code, body.detail_params,
        )
        if not recorded.is_new:
            response.status_code = 200
        return EventCreated(recorded.event.event_id)

    @app.post("/api/v1/attempts/{attempt_id}/warnings/{warning_id}/ack",
              response_model=WarningDTO, tags=["attempts"], dependencies=[AttemptToken],
              responses=ERRORS)
    def acknowledge_warning(attempt_id: str, warning_id: str) -> WarningDTO:
        return core.attempts.acknowledge_warning(attempt_id, warning_id)

    @app.post("/api/v1/attempts/{attempt_id}/force-end", response_model=AttemptState,
              tags=["attempts"], responses=ERRORS)
    def force_end(attempt_id: str, who: Ender, body: api.ForceEnd | None = None) -> AttemptState:
        return core.attempts.force_end_attempt(attempt_id, body.reason if body else None,
                                                    actor=who.actor_name)

    # ---- proctoring (admin) ----------------------------------------------------------------------
    @app.get("/api/v1/proctor/sessions", response_model=list[SessionDTO], tags=["proctor"],
             dependencies=[SessionReader], responses=ERRORS)
    def list_sessions(
        status: Literal["active", "completed", "cancelled", "all"] = "active",
        include_samples: bool = False,
        room: Annotated[str | None, Query(max_length=40,
                                          description="Only the sessions of this room")] = None,
    ) -> list[SessionDTO]:
        return core.proctoring.list_sessions(status, include_samples, room)

    @app.get("/api/v1/proctor/sessions/{session_id}", response_model=SessionDetail,
             tags=["proctor"], dependencies=[SessionReader], responses=ERRORS)
    def get_session(session_id: str) -> SessionDetail:
        return core.proctoring.get_session(session_id)

    @app.get("/api/v1/proctor/sessions/{session_id}/snapshots",
             response_model=list[SnapshotDTO], tags=["evidence"], dependencies=[Admin],
             responses=ERRORS)
    def list_snapshots(
        session_id: str,
        limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
        before: datetime | None = None,
    ) -> list[SnapshotDTO]:
        return core.proctoring.list_snapshots(session_id, limit, before)

    @app.get("/api/v1/proctor/sessions/{session_id}/bundle", response_class=Response,
             tags=["evidence"], dependencies=[Admin],
             responses={**ERRORS, 200: {"content": {"application/zip": {}},
                                        "description": "the appeal bundle (README: Evidence)"}})
    def session_bundle(session_id: str) -> StreamingResponse:
        # Written to a temporary file first (so a missing session is a 404, and the answer has
        # its length), then sent from it in chunks: memory stays flat however big the bundle.
        handle = core.evidence.bundle_file(session_id)
        size = os.fstat(handle.fileno()).st_size
        return StreamingResponse(
            _chunks(handle), media_type="application/zip",
            background=BackgroundTask(handle.close),
            headers={"Content-Disposition": f'attachment; filename="evidence-{session_id}.zip"',
                     "Content-Length": str(size)})

    @app.get("/api/v1/snapshots/{snapshot_id}", response_model=SnapshotDTO,
             tags=["evidence"], dependencies=[Admin], responses=ERRORS)
    def get_snapshot(snapshot_id: str) -> SnapshotDTO:
        return core.snapshots.get_snapshot(snapshot_id)

    @app.get("/api/v1/snapshots/{snapshot_id}/image", response_class=Response, tags=["evidence"],
             dependencies=[Admin], responses={**ERRORS, **IMAGE_RESPONSES})
    def snapshot_image(snapshot_id: str) -> Response:
        return _jpeg(*core.snapshots.read_with_digest(snapshot_id))

    @app.get("/api/v1/snapshots/{snapshot_id}/thumbnail", response_class=Response,
             tags=["evidence"], dependencies=[Admin], responses={**ERRORS, **IMAGE_RESPONSES})
    def snapshot_thumbnail(snapshot_id: str) -> Response:
        return _jpeg(*core.snapshots.read_with_digest(snapshot_id, thumbnail=True))

    @app.post("/api/v1/proctor/sessions/{session_id}/flag", response_model=SessionDTO,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def flag_session(session_id: str, body: api.FlagRequest, who: Caller) -> SessionDTO:
        return core.proctoring.flag_session(session_id, body.reason, body.note,
                                                 actor=who.actor_name)

    @app.post("/api/v1/proctor/sessions/{session_id}/warn", response_model=WarningCreated,
              status_code=201, tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def warn_session(session_id: str, body: api.WarnRequest, who: Caller) -> WarningCreated:
        warning = core.proctoring.warn_session(session_id, body.message, actor=who.actor_name)
        return WarningCreated(warning.warning_id)

    @app.post("/api/v1/proctor/sessions/{session_id}/terminate", response_model=SessionDTO,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def terminate_session(session_id: str, body: api.TerminateRequest, who: Caller) -> SessionDTO:
        return core.proctoring.terminate_session(session_id, body.reason,
                                                      actor=who.actor_name)

    # ---- the exam day: pause, resume, extra time, accommodations -----------------------------
    @app.post("/api/v1/proctor/sessions/{session_id}/pause", response_model=SessionDTO,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def pause_session(session_id: str, body: api.PauseRequest, who: Caller) -> SessionDTO:
        return core.proctoring.pause_session(session_id, body.reason, actor=who.actor_name)

    @app.post("/api/v1/proctor/sessions/{session_id}/resume", response_model=SessionDTO,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def resume_session(session_id: str, who: Caller) -> SessionDTO:
        return core.proctoring.resume_session(session_id, actor=who.actor_name)

    @app.post("/api/v1/proctor/sessions/{session_id}/extra-time", response_model=SessionDTO,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def add_time(session_id: str, body: api.ExtraTimeRequest, who: Caller) -> SessionDTO:
        return core.proctoring.add_time(session_id, body.minutes, body.reason,
                                        actor=who.actor_name)

    @app.post("/api/v1/proctor/sessions/{session_id}/alerts/acknowledge",
              response_model=SessionDTO, tags=["proctor"], dependencies=[Admin],
              responses=ERRORS)
    def acknowledge_alert(session_id: str, body: api.AlertRequest, who: Caller) -> SessionDTO:
        return core.proctoring.handle_alert(session_id, body.alert, AlertHandling.ACKNOWLEDGED,
                                            actor=who.actor_name)

    @app.post("/api/v1/proctor/sessions/{session_id}/alerts/dismiss",
              response_model=SessionDTO, tags=["proctor"], dependencies=[Admin],
              responses=ERRORS)
    def dismiss_alert(session_id: str, body: api.AlertRequest, who: Caller) -> SessionDTO:
        return core.proctoring.handle_alert(session_id, body.alert, AlertHandling.DISMISSED,
                                            actor=who.actor_name)

    @app.put("/api/v1/exams/{exam_id}/accommodations/{candidate_ref}",
             response_model=AccommodationDTO, tags=["exams"], dependencies=[Admin],
             responses=ERRORS)
    def set_accommodation(exam_id: str, candidate_ref: str, body: api.AccommodationRequest,
                          who: Caller) -> AccommodationDTO:
        return core.proctoring.set_accommodation(
            exam_id, candidate_ref, extra_percent=body.extra_percent,
            extra_minutes=body.extra_minutes, exempt=body.exempt, note=body.note,
            actor=who.actor_name)

    @app.get("/api/v1/exams/{exam_id}/accommodations", response_model=list[AccommodationDTO],
             tags=["exams"], dependencies=[Admin], responses=ERRORS)
    def list_accommodations(exam_id: str) -> list[AccommodationDTO]:
        return core.proctoring.list_accommodations(exam_id)

    @app.post("/api/v1/proctor/sessions/{session_id}/review", response_model=SessionDTO,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def review_session(session_id: str, body: api.ReviewRequest, who: Caller) -> SessionDTO:
        return core.proctoring.review_session(session_id, body.outcome, body.note,
                                                   actor=who.actor_name)

    @app.get("/api/v1/storage", response_model=StorageReport, tags=["evidence"],
             dependencies=[Admin])
    def storage() -> StorageReport:
        return StorageReport.of(core.snapshots.storage_stats(), core.media.storage_status())

    return app


#: The size of the pieces a bundle is sent in.
BUNDLE_CHUNK_BYTES = 256 * 1024


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    """A file's bytes in pieces, closing it at the end (or when the client goes away)."""
    try:
        while chunk := handle.read(BUNDLE_CHUNK_BYTES):
            yield chunk
    finally:
        handle.close()


def _jpeg(data: bytes, sha256_hex: str) -> Response:
    """JPEG bytes with the digest recorded at ingest (RFC 9530 ``Repr-Digest``); nosniff and
    no-store come from EvidenceHeaders."""
    return Response(data, media_type="image/jpeg",
                    headers={"Repr-Digest": repr_digest(sha256_hex)})


def repr_digest(sha256_hex: str) -> str:
    """``sha-256=:<base64>:``: an RFC 9530 digest field of a SHA-256 given in hex."""
    return f"sha-256=:{base64.b64encode(bytes.fromhex(sha256_hex)).decode('ascii')}:"
