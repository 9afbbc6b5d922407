"""Every refusal says in words what was wrong, including the ones the framework makes: unknown
routes, wrong methods, an encoded '/' in an id, a multipart form of 10,000 parts, JSON nested
10,000 deep, a PNG whose text chunks are too large. Nothing is stored, and the same connection
answers the next request."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from core.bootstrap import Core
from tests.core.api.support import (
    API,
    Kiosk,
    assert_readable,
    bearer,
    nothing_is_stored,
    plain_http,
    served_core,
    start_kiosk,
)
from tests.helpers import new_snapshot_id

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module


@dataclass
class Scene:
    core: Core
    client: httpx.Client
    kiosk: Kiosk

    @property
    def admin(self) -> dict[str, str]:
        return bearer(self.core.config.admin_key)


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Iterator[Scene]:
    with served_core(tmp_path_factory.mktemp("sentences") / "data") as (core, url):
        exam = core.exams.create_exam("Algebra final", 3600)
        kiosk = start_kiosk(core, exam.exam_id, "C-1")
        with httpx.Client(base_url=url, transport=plain_http(), timeout=30) as client:
            yield Scene(core, client, kiosk)


def refused(scene: Scene, status: int, method: str, path: str, **kwargs) -> str:
    """Send one request on the scene's kept-alive connection; assert the status, a sentence,
    that nothing was stored, and that the same connection answers health afterwards."""
    with nothing_is_stored(scene.core):
        response = scene.client.request(method, path, **kwargs)
    detail = assert_readable(response, status)
    health = scene.client.get(f"{API}/health")
    assert health.status_code == 200
    port = response.extensions["network_stream"].get_extra_info("client_addr")[1]
    assert health.extensions["network_stream"].get_extra_info("client_addr")[1] == port
    return detail


@pytest.mark.parametrize("path", [
    "/snapshots/{ghost}%2Fimage/image", "/snapshots/a%2fb/thumbnail",
    "/proctor/sessions/{session}%2Fx", "/proctor/sessions/x%2Fy/snapshots",
])
def test_an_encoded_slash_in_an_id_is_named_as_the_problem(scene, path):
    path = path.format(ghost=new_snapshot_id(), session=scene.kiosk.session_id)
    detail = refused(scene, 404, "GET", f"{API}{path}", headers=scene.admin)
    assert "encoded '/'" in detail and "%2F" in detail


def test_an_unknown_route_says_there_is_no_such_endpoint(scene):
    detail = refused(scene, 404, "GET", f"{API}/proctor/sesions", headers=scene.admin)
    assert "no API endpoint GET /api/v1/proctor/sesions" in detail
    assert "no API endpoint GET /nothing/here" in refused(scene, 404, "GET", "/nothing/here")


def test_a_wrong_method_says_which_methods_the_path_accepts(scene):
    response = scene.client.delete(f"{API}/exams", headers=scene.admin)
    assert response.headers["Allow"] == "GET, POST"
    detail = refused(scene, 405, "DELETE", f"{API}/exams", headers=scene.admin)
    assert "DELETE /api/v1/exams" in detail and "not allowed" in detail
    assert "this path accepts GET or POST." in detail


def test_a_multipart_form_of_ten_thousand_parts_is_refused_as_too_many_parts(scene):
    boundary = "b0undary"
    parts = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="f{i}"\r\n\r\nx\r\n'
                    for i in range(10_000))
    body = f"{parts}--{boundary}--\r\n".encode()
    detail = refused(scene, 422, "POST", f"{API}/attempts/{scene.kiosk.attempt_id}/snapshots",
                     content=body, headers={**bearer(scene.kiosk.token),
                                            "Content-Type": f"multipart/form-data; "
                                                            f"boundary={boundary}"})
    assert "too many parts" in detail and "1000" in detail


def test_json_nested_ten_thousand_deep_is_refused_as_nested_too_deeply(scene):
    body = b'{"title": ' + b"[" * 10_000 + b"]" * 10_000 + b', "duration_seconds": 60}'
    detail = refused(scene, 422, "POST", f"{API}/exams", content=body,
                     headers={**scene.admin, "Content-Type": "application/json"})
    assert "nested too deeply" in detail


def png_with_text(text_bytes: int) -> bytes:
    """A real 8x8 PNG with a zTXt chunk that inflates to ``text_bytes`` bytes."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    ztxt = b"Comment\x00\x00" + zlib.compress(b"A" * text_bytes, 9)
    idat = zlib.compress(b"".join(b"\x00" + b"\x80" * 24 for _ in range(8)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"zTXt", ztxt)
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def test_a_png_with_a_huge_text_chunk_is_refused_as_too_much_metadata(scene):
    detail = refused(scene, 422, "POST", f"{API}/attempts/{scene.kiosk.attempt_id}/snapshots",
                     headers=bearer(scene.kiosk.token),
                     files={"image": ("frame.png", png_with_text(8 * 1024 * 1024), "image/png")},
                     data={"snapshot_id": new_snapshot_id()})
    assert "too much metadata" in detail and "MAX_TEXT" not in detail


def test_a_png_with_a_small_text_chunk_is_stored(scene):
    response = scene.client.post(
        f"{API}/attempts/{scene.kiosk.attempt_id}/snapshots", headers=bearer(scene.kiosk.token),
        files={"image": ("frame.png", png_with_text(1000), "image/png")},
        data={"snapshot_id": new_snapshot_id()})
    assert response.status_code == 201, response.text
    assert (response.json()["width"], response.json()["height"]) == (8, 8)
