"""The snapshot upload, served by a plain Starlette route in front of its FastAPI declaration.

The hot path of the API: every kiosk posts a frame every few seconds. The FastAPI declaration
in ``create_app`` stays the one description of the endpoint (``/openapi.json``: same path,
fields and statuses); this route serves the requests with the same checks, sentences and
statuses but without the framework's per-request work (dependency solving, a thread for the
whole request, response-model validation). It runs on the event loop:

1. the bearer secret is checked (401/403) before the body is parsed;
2. the multipart body is parsed (the body-size middleware has already refused an oversized
   one with 413 while streaming it, before reading it to the end);
3. the image is validated and its thumbnail made in a worker thread (CPU work off the loop
   and off the snapshot writer), at most ``PREPARE_THREADS`` at a time;
4. the upload is handed to the snapshot writer and the route awaits its future, holding no
   thread: the 201 goes out once the files and the row are on stable storage.

Errors are raised, not rendered here, so the app's one error table answers them.
"""

from __future__ import annotations

import asyncio
import functools
import os
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPBearer
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from core.api.app import _parse_time
from core.api.auth import Access, authorize
from core.api.schemas import SnapshotUploaded
from core.bootstrap import Core
from core.domain.records import RecordedSnapshot

UPLOAD_PATH = "/api/v1/attempts/{attempt_id}/snapshots"
#: Reads "Authorization: Bearer ..." (the route is plain Starlette: no FastAPI dependencies).
_BEARER = HTTPBearer(auto_error=False)
#: Uploads decoded at the same time. The decoding is CPU work: more threads than cores only
#: contend for the interpreter lock (measured: 2-4 threads gave 15-25 % more uploads/s and less
#: CPU per upload than the thread pool's 40 on the 2-core development machine).
PREPARE_THREADS = max(2, os.cpu_count() or 2)
#: The declared limits of the form fields (``Form(max_length=...)`` in the declaration).
FIELD_MAX_LENGTH = {"snapshot_id": 100, "captured_at": 64}


def mount_snapshot_upload(app: FastAPI, core: Core) -> None:
    """Serve the upload with the lean route: it goes first, so it answers every POST to the
    path; the FastAPI route of the same path remains for the schema."""

    limiter: list[anyio.CapacityLimiter] = []

    async def upload_snapshot(request: Request) -> Response:
        attempt_id: str = request.path_params["attempt_id"]
        await authorize(request, await _BEARER(request), Access.ATTEMPT, attempt_id)
        try:
            form = await request.form()
        except UnicodeDecodeError:
            raise HTTPException(400, "The form is not valid UTF-8.") from None
        try:
            image, snapshot_id, captured_at = _fields(form)
            data = await image.read()
        finally:
            await form.close()
        if not limiter:
            limiter.append(anyio.CapacityLimiter(PREPARE_THREADS))  # needs the running loop
        recorded = await anyio.to_thread.run_sync(functools.partial(
            core.snapshots.prepare_snapshot, attempt_id, snapshot_id, data,
            _parse_time(captured_at, "captured_at")), limiter=limiter[0])
        if not isinstance(recorded, RecordedSnapshot):
            recorded = await asyncio.wrap_future(core.snapshots.submit(recorded))
        snapshot = recorded.snapshot
        body = SnapshotUploaded(
            snapshot_id=snapshot.snapshot_id, captured_at=snapshot.captured_at,
            received_at=snapshot.received_at, width=snapshot.width, height=snapshot.height,
            size_bytes=snapshot.size_bytes,
        ).model_dump_json()
        return Response(body, status_code=201 if recorded.is_new else 200,
                        media_type="application/json")

    app.router.routes.insert(0, Route(UPLOAD_PATH, upload_snapshot, methods=["POST"],
                                      name="upload_snapshot_lean"))


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

