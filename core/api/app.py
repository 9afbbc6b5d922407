"""create_app(core) -> FastAPI. Routes are thin: parse, call one service, map errors."""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, Form, Query, Response, UploadFile

from core import __version__
from core.api import schemas as api
from core.api.accounts import create_accounts_router
from core.api.auth import (
    Access,
    AttemptToken,
    Authenticator,
    Caller,
    Identity,
    Kiosk,
    Staff,
    allows,
    forbidden,
)
from core.api.enrolment import create_enrolment_router
from core.api.errors import install_error_handlers
from core.api.limits import BodySizeLimit
from core.api.stream import create_stream_router
from core.bootstrap import Core
from core.domain.errors import InvalidInput
from core.domain.records import SessionDetail
from core.services.exams import ExamChanges

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": api.ErrorBody, "description": "Missing or wrong secret"},
    403: {"model": api.ErrorBody, "description": "Secret of the wrong kind"},
    404: {"model": api.ErrorBody, "description": "Unknown id"},
    409: {"model": api.ErrorBody, "description": "State conflict"},
    422: {"model": api.ErrorBody, "description": "Invalid field"},
}
IMAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/jpeg": {}}, "description": "JPEG bytes"}}


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
    app.state.stopping = threading.Event()  # set by ApiServer.stop: long-lived responses end
    app.state.authenticator = Authenticator(
        core.config.admin_key, core.config.kiosk_key, core.tokens, core.proctors
    )
    install_error_handlers(app)
    app.include_router(create_stream_router(core, Admin, app.state.stopping))
    app.include_router(create_enrolment_router(core, Admin))
    app.include_router(create_accounts_router(core))
    app.add_middleware(BodySizeLimit, max_upload_bytes=core.config.max_upload_bytes)

    # ---- health and exams ------------------------------------------------------------------------
    @app.get("/api/v1/health", response_model=api.Health, tags=["health"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/api/v1/exams", response_model=api.ExamView, status_code=201, tags=["exams"],
              dependencies=[Admin], responses=ERRORS)
    def create_exam(body: api.ExamCreate) -> object:
        return _view(core.exams.create_exam(
            body.title, body.duration_seconds, body.proctoring_enabled,
            body.snapshot_interval_seconds,
        ))

    @app.get("/api/v1/exams", response_model=list[api.ExamView], tags=["exams"],
             responses=ERRORS)
    def list_exams(who: Annotated[Identity, Kiosk], include_archived: bool = False) -> object:
        if include_archived and not allows(who, Access.STAFF):
            raise forbidden("list archived exams")
        return [_view(e) for e in core.exams.list_exams(include_archived)]

    @app.patch("/api/v1/exams/{exam_id}", response_model=api.ExamView, tags=["exams"],
               dependencies=[Admin], responses=ERRORS)
    def update_exam(exam_id: str, body: api.ExamPatch) -> object:
        return _view(core.exams.update_exam(exam_id, ExamChanges(**body.model_dump())))

    @app.post("/api/v1/exams/{exam_id}/archive", response_model=api.ExamView, tags=["exams"],
              dependencies=[Admin], responses=ERRORS)
    def archive_exam(exam_id: str) -> object:
        return _view(core.exams.archive_exam(exam_id))

    @app.post("/api/v1/exams/{exam_id}/restore", response_model=api.ExamView, tags=["exams"],
              dependencies=[Admin], responses=ERRORS)
    def restore_exam(exam_id: str) -> object:
        return _view(core.exams.restore_exam(exam_id))

    # ---- attempts (kiosk) ------------------------------------------------------------------------
    @app.post("/api/v1/attempts", response_model=api.AttemptStarted, status_code=201,
              tags=["attempts"], dependencies=[Kiosk], responses=ERRORS)
    def start_attempt(body: api.AttemptStart, response: Response) -> object:
        started = core.attempts.start_attempt(body.exam_id, body.candidate_ref, body.candidate_name,
                                              body.seat)
        if not started.is_new:
            response.status_code = 200
        return _view(started)

    @app.get("/api/v1/attempts/{attempt_id}", response_model=api.AttemptView, tags=["attempts"],
             dependencies=[AttemptToken], responses=ERRORS)
    def get_attempt(attempt_id: str) -> object:
        return _view(core.attempts.get_attempt(attempt_id))

    @app.post("/api/v1/attempts/{attempt_id}/submit", response_model=api.AttemptView,
              tags=["attempts"], dependencies=[AttemptToken], responses=ERRORS)
    def submit_attempt(attempt_id: str) -> object:
        return _view(core.attempts.submit_attempt(attempt_id))

    # Described here for /openapi.json; the requests are served by the lean route that
    # mount_snapshot_upload puts in front of it (the same checks, sentences and statuses).
    @app.post("/api/v1/attempts/{attempt_id}/snapshots", response_model=api.SnapshotUploaded,
              status_code=201, tags=["evidence"], dependencies=[AttemptToken],
              responses={**ERRORS, 413: ERRORS[422] | {"description": "Too large"},
                         415: ERRORS[422] | {"description": "Not JPEG or PNG"},
                         507: ERRORS[422] | {"description": "Media storage full"}})
    def upload_snapshot(
        attempt_id: str,
        response: Response,
        image: Annotated[UploadFile, File(description="JPEG or PNG bytes")],
        snapshot_id: Annotated[str, Form(max_length=100)],
        captured_at: Annotated[str | None, Form(max_length=64)] = None,
    ) -> object:
        data = image.file.read(core.config.max_upload_bytes + 1)
        recorded = core.snapshots.record_snapshot(
            attempt_id, snapshot_id, data, _parse_time(captured_at, "captured_at")
        )
        if not recorded.is_new:
            response.status_code = 200
        return _view(recorded.snapshot)

    @app.post("/api/v1/attempts/{attempt_id}/events", response_model=api.EventCreated,
              status_code=201, tags=["attempts"], dependencies=[AttemptToken], responses=ERRORS)
    def record_event(attempt_id: str, body: api.EventCreate, response: Response) -> object:
        recorded = core.attempts.record_kiosk_event(
            attempt_id, body.type, body.detail, body.occurred_at, body.event_id
        )
        if not recorded.is_new:
            response.status_code = 200
        return {"event_id": recorded.event.event_id}

    @app.post("/api/v1/attempts/{attempt_id}/warnings/{warning_id}/ack",
              response_model=api.WarningView, tags=["attempts"], dependencies=[AttemptToken],
              responses=ERRORS)
    def acknowledge_warning(attempt_id: str, warning_id: str) -> object:
        return _view(core.attempts.acknowledge_warning(attempt_id, warning_id))

    @app.post("/api/v1/attempts/{attempt_id}/force-end", response_model=api.AttemptView,
              tags=["attempts"], dependencies=[Admin], responses=ERRORS)
    def force_end(attempt_id: str, who: Caller, body: api.ForceEnd | None = None) -> object:
        return _view(core.attempts.force_end_attempt(attempt_id, body.reason if body else None,
                                                     actor=who.actor_name))

    # ---- proctoring (admin) ----------------------------------------------------------------------
    @app.get("/api/v1/proctor/sessions", response_model=list[api.SessionView], tags=["proctor"],
             dependencies=[Admin], responses=ERRORS)
    def list_sessions(
        status: Literal["active", "completed", "cancelled", "all"] = "active",
        include_samples: bool = False,
    ) -> object:
        return [_view(s) for s in core.proctoring.list_sessions(status, include_samples)]

    @app.get("/api/v1/proctor/sessions/{session_id}", response_model=api.SessionDetailView,
             tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def get_session(session_id: str) -> object:
        return _detail(core.proctoring.get_session(session_id))

    @app.get("/api/v1/proctor/sessions/{session_id}/snapshots",
             response_model=list[api.SnapshotView], tags=["evidence"], dependencies=[Admin],
             responses=ERRORS)
    def list_snapshots(
        session_id: str,
        limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
        before: datetime | None = None,
    ) -> object:
        return [_view(s) for s in core.proctoring.list_snapshots(session_id, limit, before)]

    @app.get("/api/v1/snapshots/{snapshot_id}", response_model=api.SnapshotDetailView,
             tags=["evidence"], dependencies=[Admin], responses=ERRORS)
    def get_snapshot(snapshot_id: str) -> object:
        return _view(core.snapshots.get_snapshot(snapshot_id))

    @app.get("/api/v1/snapshots/{snapshot_id}/image", response_class=Response, tags=["evidence"],
             dependencies=[Admin], responses={**ERRORS, **IMAGE_RESPONSES})
    def snapshot_image(snapshot_id: str) -> Response:
        return _jpeg(core.snapshots.read_image(snapshot_id))

    @app.get("/api/v1/snapshots/{snapshot_id}/thumbnail", response_class=Response,
             tags=["evidence"], dependencies=[Admin], responses={**ERRORS, **IMAGE_RESPONSES})
    def snapshot_thumbnail(snapshot_id: str) -> Response:
        return _jpeg(core.snapshots.read_thumbnail(snapshot_id))

    @app.post("/api/v1/proctor/sessions/{session_id}/flag", response_model=api.SessionView,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def flag_session(session_id: str, body: api.FlagRequest, who: Caller) -> object:
        return _view(core.proctoring.flag_session(session_id, body.reason, body.note,
                                                  actor=who.actor_name))

    @app.post("/api/v1/proctor/sessions/{session_id}/warn", response_model=api.WarningCreated,
              status_code=201, tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def warn_session(session_id: str, body: api.WarnRequest, who: Caller) -> object:
        warning = core.proctoring.warn_session(session_id, body.message, actor=who.actor_name)
        return {"warning_id": warning.warning_id}

    @app.post("/api/v1/proctor/sessions/{session_id}/terminate", response_model=api.SessionView,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def terminate_session(session_id: str, body: api.TerminateRequest, who: Caller) -> object:
        return _view(core.proctoring.terminate_session(session_id, body.reason,
                                                       actor=who.actor_name))

    @app.post("/api/v1/proctor/sessions/{session_id}/review", response_model=api.SessionView,
              tags=["proctor"], dependencies=[Admin], responses=ERRORS)
    def review_session(session_id: str, body: api.ReviewRequest, who: Caller) -> object:
        return _view(core.proctoring.review_session(session_id, body.outcome, body.note,
                                                    actor=who.actor_name))

    @app.get("/api/v1/storage", response_model=api.StorageView, tags=["evidence"],
             dependencies=[Admin])
    def storage() -> object:
        return {**_view(core.snapshots.storage_stats()), **_view(core.media.storage_status())}

    from core.api.snapshot_upload import mount_snapshot_upload  # it imports this module

    mount_snapshot_upload(app, core)
    return app


def _view(dto: Any) -> dict[str, object]:  # a dataclass instance
    return dataclasses.asdict(dto)


def _detail(detail: SessionDetail) -> dict[str, object]:
    body = _view(detail.session)
    body["events"] = [_view(e) for e in detail.events]
    body["warnings"] = [_view(w) for w in detail.warnings]
    return body


def _jpeg(data: bytes) -> Response:
    return Response(data, media_type="image/jpeg",
                    headers={"Cache-Control": "private, max-age=86400"})


def _parse_time(value: str | None, field: str) -> datetime | None:
    if value is None or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            f"{field} must be an ISO 8601 time such as 2026-01-15T09:30:00Z."
        ) from None
