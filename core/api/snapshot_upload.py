"""The snapshot upload, ``POST /api/v1/attempts/{attempt_id}/snapshots``: one FastAPI route whose
declaration (``upload_snapshot``) describes it in ``/openapi.json`` (path, fields, statuses,
secret) and whose requests ``serve_upload`` answers, the one implementation of its checks,
sentences and statuses.

The hot path of the API: every kiosk posts a frame every few seconds. The route's class hands
the requests to ``serve_upload`` instead of FastAPI's handler, so none of the framework's
per-request work happens (dependency solving, a thread for the whole request, response-model
validation). It runs on the event loop:

1. the bearer secret is checked (401/403) before the body is parsed;
2. the multipart body is parsed (the body-size middleware has already refused an oversized
   one with 413 while streaming it, before reading it to the end);
3. the image is validated and its thumbnail made in one of ``PREPARE_THREADS`` threads of its
   own (CPU work off the loop and off the snapshot writer);
4. the upload is handed to the snapshot writer and the route awaits its future, holding no
   thread: the 201 goes out once the files and the row are on stable storage.

Errors are raised, not rendered here, so the app's one error table answers them.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from typing import Annotated, Any

from fastapi import FastAPI, File, Form
from fastapi import UploadFile as DeclaredFile
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from core.api.auth import Access, AttemptToken, authorize
from core.api.errors import ERRORS
from core.api.lean_routes import BEARER, Handler, mount_lean_route, own_threads
from core.api.parsing import parse_time
from core.bootstrap import Core
from core.domain.records import RecordedSnapshot, SnapshotDTO

UPLOAD_PATH = "/api/v1/attempts/{attempt_id}/snapshots"
#: Uploads checked and decoded at the same time. One takes about 2 ms of CPU but 10-20 ms of
#: wall time on a busy server: after each step that lets go of the interpreter lock (the read of
#: the attempt, the decode, the thumbnail's encode) it waits for the lock to come back from the
#: analysis and the other requests. With 2 at a time, 2 x 1000 / 18 ms is about the 100 uploads
#: a second 1,000 kiosks send: timing each step inside the server showed uploads waiting 1-2.5 s
#: for one of the 2 (the lock held only half the time). 8 overlap the waits (tens of ms there);
#: saturated ingest with analysis on measured 160 -> 180 uploads/s (tests/benchmarks/ingest.py).
#: They are the route's own threads (``own_threads``): with TLS at 1,000 kiosks a turn shared
#: with the event loop's pool was held 40-110 ms for 10 ms of work, and uploads waited 4-5 s
#: for one.
PREPARE_THREADS = 8
#: The limits of the form fields: declared (``Form(max_length=...)``) and checked (``_fields``).
FIELD_MAX_LENGTH = {"snapshot_id": 100, "captured_at": 64}
_ANSWER = TypeAdapter(SnapshotDTO)


def upload_snapshot(
    attempt_id: str,
    image: Annotated[DeclaredFile, File(description="JPEG or PNG bytes")],
    snapshot_id: Annotated[str, Form(max_length=FIELD_MAX_LENGTH["snapshot_id"])],
    captured_at: Annotated[str | None, Form(max_length=FIELD_MAX_LENGTH["captured_at"])] = None,
) -> SnapshotDTO:
    # The declaration (no docstring: it would become the path's description): FastAPI reads the
    # parameters for the schema only. Never called: the route answers with ``serve_upload``.
    raise NotImplementedError("the route answers with serve_upload")


def mount_snapshot_upload(app: FastAPI, core: Core) -> None:
    """Add the upload route: declared by ``upload_snapshot``, served by ``serve_upload``."""
    preparing = own_threads(PREPARE_THREADS, "proctor-prepare")
    # First in the routing table: every kiosk frame is matched against it before any other
    # route (walking the table to its place cost about 30 us of the event loop per upload).
    mount_lean_route(
        app, UPLOAD_PATH, upload_snapshot, serve_upload(core, preparing), method="POST",
        first=True,
        response_model=SnapshotDTO, status_code=201, tags=["evidence"],
        dependencies=[AttemptToken],
        responses={**ERRORS, 413: ERRORS[422] | {"description": "Too large"},
                   415: ERRORS[422] | {"description": "Not JPEG or PNG"},
                   507: ERRORS[422] | {"description": "Media storage full"}})


def serve_upload(core: Core, preparing: Executor) -> Handler:
    """The upload's one implementation, on the event loop (see the module's text); the image
    is checked in ``preparing``."""

    async def upload_snapshot(request: Request) -> Response:
        attempt_id: str = request.path_params["attempt_id"]
        await authorize(request, await BEARER(request), Access.ATTEMPT, attempt_id)
        try:
            form = await request.form()
        except UnicodeDecodeError:
            raise HTTPException(400, "The form is not valid UTF-8.") from None
        try:
            image, snapshot_id, captured_at = _fields(form)
            data = await image.read()
        finally:
            await form.close()
        recorded = await asyncio.wrap_future(preparing.submit(
            core.snapshots.prepare_snapshot, attempt_id, snapshot_id, data,
            parse_time(captured_at, "captured_at")))
        if not isinstance(recorded, RecordedSnapshot):
            recorded = await asyncio.wrap_future(core.snapshots.submit(recorded))
        return Response(answer_body(recorded.snapshot),
                        status_code=201 if recorded.is_new else 200,
                        media_type="application/json")

    return upload_snapshot


def answer_body(snapshot: SnapshotDTO) -> bytes:
    """The answer's JSON body: the stored snapshot's record."""
    return _ANSWER.dump_json(snapshot)


def _fields(form: Any) -> tuple[UploadFile, str, str | None]:
    """The form's fields, checked as the declaration does (the same error entries)."""
    errors: list[dict[str, Any]] = []
    image = form.get("image")
    if image is None or image == "":
        errors.append(_missing("image"))
    elif not isinstance(image, UploadFile):
        errors.append({"type": "value_error", "loc": ("body", "image"), "input": None,
                       "msg": "it must be a file (JPEG or PNG bytes), not text"})
    values: dict[str, str | None] = {}
    for name in ("snapshot_id", "captured_at"):
        value = form.get(name)
        if value is None or value == "":
            values[name] = None
            if name == "snapshot_id":
                errors.append(_missing(name))
        elif not isinstance(value, str):
            errors.append({"type": "string_type", "loc": ("body", name), "input": None,
                           "msg": "Input should be a valid string"})
        elif len(value) > FIELD_MAX_LENGTH[name]:
            errors.append({"type": "string_too_long", "loc": ("body", name), "input": None,
                           "ctx": {"max_length": FIELD_MAX_LENGTH[name]},
                           "msg": f"String should have at most {FIELD_MAX_LENGTH[name]} "
                                  "characters"})
        else:
            values[name] = value
    if errors:
        raise RequestValidationError(errors)
    assert isinstance(image, UploadFile) and values["snapshot_id"] is not None
    return image, values["snapshot_id"], values["captured_at"]


def _missing(name: str) -> dict[str, Any]:
    return {"type": "missing", "loc": ("body", name), "msg": "Field required", "input": None}

