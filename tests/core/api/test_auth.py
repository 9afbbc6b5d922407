"""Every protected route answers 401 without a valid secret and 403 with a
genuine secret of the wrong kind, and changes nothing either way. Table-driven; the table is
checked against the app's own routes so a new route cannot slip in untested."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import APIRoute

from core.api.app import create_app
from core.bootstrap import Core
from tests.core.api.support import (
    API,
    Kiosk,
    assert_readable,
    call,
    nothing_is_stored,
    served_core,
    start_kiosk,
)
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module

ADMIN, KIOSK, TOKEN = "admin", "kiosk", "token"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    secret: str
    json: dict[str, Any] | None = None
    is_upload: bool = False
    #: which started attempt the path's ids come from (a: the main one; b, c: spares to end)
    target: str = "a"

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


#: Every route but /health, in an order that also works as one successful walk.
ROUTES: list[Route] = [
    Route("POST", "/exams", ADMIN, json={"title": "Chemistry", "duration_seconds": 1800}),
    Route("GET", "/exams", KIOSK),
    Route("POST", "/attempts", KIOSK,
          json={"exam_id": "{exam_id}", "candidate_ref": "C-9", "candidate_name": "Di Park"}),
    Route("GET", "/attempts/{attempt_id}", TOKEN),
    Route("POST", "/attempts/{attempt_id}/events", TOKEN, json={"type": "focus_lost"}),
    Route("POST", "/attempts/{attempt_id}/snapshots", TOKEN, is_upload=True),
    Route("POST", "/attempts/{attempt_id}/warnings/{warning_id}/ack", TOKEN),
    Route("GET", "/proctor/sessions", ADMIN),
    Route("GET", "/proctor/sessions/{session_id}", ADMIN),
    Route("GET", "/proctor/sessions/{session_id}/snapshots", ADMIN),
    Route("GET", "/snapshots/{snapshot_id}", ADMIN),
    Route("GET", "/snapshots/{snapshot_id}/image", ADMIN),
    Route("GET", "/snapshots/{snapshot_id}/thumbnail", ADMIN),
    Route("GET", "/storage", ADMIN),
    Route("POST", "/proctor/sessions/{session_id}/flag", ADMIN, json={"reason": "Other"}),
    Route("POST", "/proctor/sessions/{session_id}/warn", ADMIN, json={"message": "Eyes up"}),
    Route("GET", "/proctor/sessions/{session_id}/bundle", ADMIN),
    Route("POST", "/proctor/sessions/{session_id}/pause", ADMIN, json={"reason": "Fire alarm"}),
    Route("POST", "/proctor/sessions/{session_id}/resume", ADMIN),
    Route("POST", "/proctor/sessions/{session_id}/extra-time", ADMIN,
          json={"minutes": 5, "reason": "Noise"}),
    Route("POST", "/proctor/sessions/{session_id}/alerts/acknowledge", ADMIN,
          json={"alert": "high_risk"}),
    Route("POST", "/proctor/sessions/{session_id}/alerts/dismiss", ADMIN,
          json={"alert": "camera_off"}),
    Route("PUT", "/exams/{exam_id}/accommodations/{candidate_ref}", ADMIN,
          json={"extra_percent": 25}),
    Route("GET", "/exams/{exam_id}/accommodations", ADMIN),
    Route("POST", "/attempts/{attempt_id}/submit", TOKEN),
    Route("POST", "/proctor/sessions/{session_id}/review", ADMIN, json={"outcome": "no_issue"}),
    Route("POST", "/proctor/sessions/{session_id}/terminate", ADMIN, json={"reason": "Phone"},
          target="b"),
    Route("POST", "/attempts/{attempt_id}/force-end", ADMIN, json={"reason": "Fire"},
          target="c"),
    Route("PATCH", "/exams/{exam_id}", ADMIN, json={"title": "Algebra final, group B"}),
    Route("POST", "/exams/{exam_id}/archive", ADMIN),
    Route("POST", "/exams/{exam_id}/restore", ADMIN),
]


@dataclass
class World:
    """A server with an exam and three started attempts; ``a`` has a snapshot and a warning."""

    core: Core
    url: str
    exam_id: str
    kiosks: dict[str, Kiosk]
    snapshot_id: str
    warning_id: str
    image: bytes = field(repr=False, default=b"")

    def request(self, route: Route, headers: dict[str, str]) -> Any:
        kiosk = self.kiosks[route.target]
        ids = {"exam_id": self.exam_id, "attempt_id": kiosk.attempt_id,
               "session_id": kiosk.session_id, "snapshot_id": self.snapshot_id,
               "warning_id": self.warning_id, "candidate_ref": "C-a"}
        kwargs: dict[str, Any] = {"headers": headers}
        if route.json is not None:
            kwargs["json"] = {k: v.format(**ids) if isinstance(v, str) else v
                              for k, v in route.json.items()}
        if route.is_upload:
            kwargs["files"] = {"image": ("frame.jpg", self.image, "image/jpeg")}
            kwargs["data"] = {"snapshot_id": new_snapshot_id()}
        return call(self.url, route.method, route.path.format(**ids), **kwargs)


def build_world(core: Core, url: str) -> World:
    exam = core.exams.create_exam("Algebra final", 3600)
    kiosks = {name: start_kiosk(core, exam.exam_id, f"C-{name}") for name in "abc"}
    image = jpeg_bytes()
    snapshot_id = new_snapshot_id()
    core.snapshots.record_snapshot(kiosks["a"].attempt_id, snapshot_id, image)
    warning = core.proctoring.warn_session(kiosks["a"].session_id, "Please face the camera")
    return World(core, url, exam.exam_id, kiosks, snapshot_id, warning.warning_id, image)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[World]:
    """One server for the whole refusal table: a refused request must not change it anyway."""
    with served_core(tmp_path_factory.mktemp("auth") / "data") as (core, url):
        yield build_world(core, url)


# ---- the secrets a caller might present ---------------------------------------------------------
Secret = Callable[[World], dict[str, str]]


def _bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


WRONG_SECRETS: dict[str, Secret] = {
    "no secret": lambda w: {},
    "a bearer without a secret": lambda w: {"Authorization": "Bearer"},
    "a made-up key": lambda w: _bearer("letmein-0123456789abcdef"),
    "a forged attempt token": lambda w: _bearer(w.kiosks["a"].attempt_id + ".AAAAAAAAAAAAAAAA"),
    "the admin key as basic auth": lambda w: {
        "Authorization": f"Basic {w.core.config.admin_key}"},
}
WRONG_KINDS: dict[str, dict[str, Secret]] = {
    TOKEN: {
        "another attempt's token": lambda w: _bearer(w.kiosks["b"].token),
        "the kiosk key": lambda w: _bearer(w.core.config.kiosk_key),
        "the admin key": lambda w: _bearer(w.core.config.admin_key),
    },
    ADMIN: {
        "the kiosk key": lambda w: _bearer(w.core.config.kiosk_key),
        "an attempt token": lambda w: _bearer(w.kiosks["a"].token),
    },
    KIOSK: {
        "an attempt token": lambda w: _bearer(w.kiosks["a"].token),
    },
}
RIGHT_SECRET: dict[str, Callable[[World, Route], dict[str, str]]] = {
    ADMIN: lambda w, r: _bearer(w.core.config.admin_key),
    KIOSK: lambda w, r: _bearer(w.core.config.kiosk_key),
    TOKEN: lambda w, r: _bearer(w.kiosks[r.target].token),
}


def refusal_cases() -> list[Any]:
    cases = []
    for route in ROUTES:
        for name in WRONG_SECRETS:
            cases.append(pytest.param(route, name, 401, id=f"{route.name} with {name}"))
        for name in WRONG_KINDS[route.secret]:
            cases.append(pytest.param(route, name, 403, id=f"{route.name} with {name}"))
    return cases


@pytest.mark.parametrize(("route", "secret_name", "status"), refusal_cases())
def test_a_protected_route_refuses_a_wrong_secret_and_changes_nothing(
        world, route, secret_name, status):
    secret = WRONG_SECRETS.get(secret_name) or WRONG_KINDS[route.secret][secret_name]

    with nothing_is_stored(world.core):
        response = world.request(route, secret(world))

    detail = assert_readable(response, status)
    if status == 401:
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert "Bearer" in detail
    else:
        assert "not allowed" in detail


def test_the_kiosk_key_still_lists_exams_and_starts_attempts(world):
    # Positive control for the table above: the kiosk key is no admin key, but it is a key.
    response = call(world.url, "GET", "/exams", world.core.config.kiosk_key)
    assert response.status_code == 200
    assert [e["exam_id"] for e in response.json()] == [world.exam_id]


def test_the_right_secret_opens_every_route_of_the_table(live_server):
    world = build_world(live_server.core, live_server.url)
    for route in ROUTES:
        response = world.request(route, RIGHT_SECRET[route.secret](world, route))
        assert response.status_code in (200, 201), (route.name, response.text)


def test_the_table_covers_every_route_of_the_api(core):
    app_routes = {
        (method, route.path.removeprefix(API))
        for route in create_app(core).routes if isinstance(route, APIRoute)
        for method in route.methods
    }
    table = {(route.method, route.path) for route in ROUTES}
    assert app_routes - {("GET", "/health")} == table


def test_health_needs_no_secret(live_server):
    response = call(live_server.url, "GET", "/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
