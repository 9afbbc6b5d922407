"""The appeal bundle of a session, fetched from a real server, checked by the real
``proctor-verify`` process with nothing but the zip (and the center's key fingerprint): the
untouched bundle verifies with the contract's one line; every change a forger could make to it
is named by file or event, with exit status 1."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.core.api.support import call, start_kiosk, upload
from tests.helpers import jpeg_bytes

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def bundle(live_server, exam, clock) -> bytes:
    """A terminated session's bundle: snapshots, kiosk events, a flag, a warning, the end."""
    core = live_server.core
    kiosk = start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")
    for seed in range(3):
        clock.advance(30)
        assert upload(live_server.url, kiosk.attempt_id, kiosk.token,
                      jpeg_bytes(seed=seed)).status_code == 201
    core.attempts.record_kiosk_event(kiosk.attempt_id, "focus_lost", detail="Alt+Tab")
    core.proctoring.flag_session(kiosk.session_id, "Looked away", actor="Dana Lee")
    core.proctoring.warn_session(kiosk.session_id, "Eyes on the screen", actor="Dana Lee")
    core.proctoring.terminate_session(kiosk.session_id, "Second person", actor="Dana Lee")
    response = call(live_server.url, "GET", f"/proctor/sessions/{kiosk.session_id}/bundle",
                    core.config.admin_key)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    return response.content


def key_of(live_server) -> str:
    return f"sha256:{live_server.core.evidence.key.fingerprint}"


def verify(tmp_path: Path, data: bytes, *args: str) -> tuple[int, list[str]]:
    path = tmp_path / "bundle.zip"
    path.write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "core.api.verify", str(path), *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.returncode, done.stdout.splitlines()


def read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def rewrite(data: bytes, **changes: bytes | None) -> bytes:
    """The bundle with files replaced (``None`` removes one); names use ``__`` for ``/``
    and ``_json`` for ``.json``."""
    files = read(data)
    for name, content in changes.items():
        real = name.replace("__", "/").replace("_json", ".json").replace("_jpg", ".jpg")
        if content is None:
            files.pop(real)
        else:
            files[real] = content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as bundle:
        for name, content in files.items():
            bundle.writestr(name, content)
    return out.getvalue()


def events_of(data: bytes) -> list[dict]:
    return json.loads(read(data)["events.json"])


def with_events(data: bytes, events: list[dict]) -> bytes:
    return rewrite(data, events_json=json.dumps(events).encode())


def test_the_bundle_holds_what_the_contract_names(bundle):
    files = read(bundle)
    manifest = json.loads(files["manifest.json"])
    signature = json.loads(files["signature.json"])

    images = sorted(name for name in files if name.startswith("snapshots/"))
    assert len(images) == 3 and all(name.endswith(".jpg") for name in images)
    assert {"report.pdf", "events.json", "manifest.json", "signature.json",
            "center-key.pem"} <= set(files)
    assert files["report.pdf"].startswith(b"%PDF")
    assert files["center-key.pem"].startswith(b"-----BEGIN PUBLIC KEY-----")
    events = json.loads(files["events.json"])
    assert [e["chain_seq"] for e in events] == sorted(e["chain_seq"] for e in events)
    assert {"event_id", "type", "chain_seq", "chain_hash"} <= set(events[0])
    assert set(manifest["files"]) == set(files) - {"manifest.json", "signature.json"}
    assert len(manifest["chain"]) == signature["entry_count"] == 3 + len(events)
    assert signature["chain_head"] == manifest["chain"][-1]["hash"]
    assert manifest["signatures"], "the session's end was signed"


def test_an_untouched_bundle_verifies_with_the_contracts_line(tmp_path, live_server, bundle):
    code, lines = verify(tmp_path, bundle, "--key", key_of(live_server))

    signed = json.loads(read(bundle)["signature.json"])
    assert code == 0
    assert lines == [f"verified: 3 snapshots, {len(events_of(bundle))} events, signed by "
                     f"evidence key {key_of(live_server)} at {signed['signed_at']}; chain head "
                     f"{signed['chain_head']} ({signed['entry_count']} entries)"]


def test_a_changed_image_is_named(tmp_path, bundle):
    image = sorted(n for n in read(bundle) if n.startswith("snapshots/"))[1]

    code, lines = verify(tmp_path, rewrite(bundle, **{
        image.replace("/", "__").replace(".jpg", "_jpg"): jpeg_bytes(seed=42)}))

    assert code == 1
    assert lines == [f"{image}: the image was changed (its SHA-256 is not the one recorded at "
                     "ingest)"]


def test_an_edited_event_is_named(tmp_path, bundle):
    events = events_of(bundle)
    flag = next(e for e in events if e["type"] == "flagged")
    flag["detail"] = "Nothing happened"

    code, lines = verify(tmp_path, with_events(bundle, events))

    assert code == 1
    assert f"events.json: event {flag['event_id']} (flagged) was edited (its content does not " \
           "give the hash the chain recorded)" in lines
    assert "events.json: changed (its SHA-256 is not the one in the manifest)" in lines


def test_a_removed_event_is_named(tmp_path, bundle):
    events = events_of(bundle)
    flag = next(e for e in events if e["type"] == "flagged")

    code, lines = verify(tmp_path, with_events(bundle, [e for e in events if e is not flag]))

    assert code == 1
    assert f"events.json: event {flag['event_id']} (flagged) is missing (removed)" in lines


def test_an_inserted_event_is_named(tmp_path, bundle):
    events = events_of(bundle)
    forged = {**events[1], "event_id": "forged-1", "type": "focus_regained", "detail": None}

    code, lines = verify(tmp_path, with_events(bundle, [*events[:2], forged, *events[2:]]))

    assert code == 1
    assert ("events.json: event forged-1 (focus_regained) is not in the signed chain (inserted)"
            in lines)


def test_two_swapped_events_are_both_named(tmp_path, bundle):
    events = events_of(bundle)
    events[1], events[2] = events[2], events[1]

    code, lines = verify(tmp_path, with_events(bundle, events))

    assert code == 1
    for moved in (events[1], events[2]):
        assert (f"events.json: event {moved['event_id']} ({moved['type']}) is out of its place "
                "in the chain (reordered)") in lines


def test_an_altered_chain_head_or_signature_is_named(tmp_path, bundle):
    signature = json.loads(read(bundle)["signature.json"])
    head_changed = {**signature, "chain_head": "0" * 64}
    signature_changed = {**signature, "signature": signature["signature"][::-1]}

    for altered in (head_changed, signature_changed):
        code, lines = verify(tmp_path, rewrite(bundle,
                                               signature_json=json.dumps(altered).encode()))

        assert code == 1
        assert ("signature.json: the signature does not match what it signs (the chain head, "
                "manifest hash or time was altered, or another key signed it)") in lines


def test_a_bundle_signed_by_another_key_is_refused_when_the_centers_key_is_given(
        tmp_path, live_server, bundle):
    other = "sha256:" + "ab" * 32

    code, lines = verify(tmp_path, bundle, "--key", other)

    assert code == 1
    assert lines == [f"center-key.pem: the bundle was signed by evidence key "
                     f"{key_of(live_server)}, not the key given ({other})"]


def test_an_unknown_session_has_no_bundle(live_server):
    response = call(live_server.url, "GET", "/proctor/sessions/no-such-session/bundle",
                    live_server.core.config.admin_key)

    assert response.status_code == 404
    assert "session" in response.json()["detail"].lower()


# ---- a whole center's stored evidence ------------------------------------------------------------
def verify_data_dir(core) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-m", "core.api.verify", "--data-dir",
                           str(core.config.data_dir)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT),
                                            "PROCTOR_DATABASE_URL": core.config.database_url})
    return done.returncode, done.stdout.splitlines()


def test_a_centers_untouched_data_dir_verifies(live_server, bundle):
    code, lines = verify_data_dir(live_server.core)

    assert code == 0, lines
    assert lines == [f"verified: 3 snapshots, {len(events_of(bundle))} events in 1 session, "
                     f"1 signature by evidence key {key_of(live_server)}"]


def test_an_event_edited_in_a_centers_database_is_named_by_the_data_dir_check(
        live_server, bundle):
    core = live_server.core
    flag = next(e for e in events_of(bundle) if e["type"] == "flagged")
    with core.engine.begin() as connection:
        connection.exec_driver_sql(
            f"UPDATE proctor_events SET detail = 'nothing' WHERE id = '{flag['event_id']}'")

    code, lines = verify_data_dir(core)

    assert code == 1
    assert any(f"event {flag['event_id']} (flagged)" in line and "was changed" in line
               for line in lines), lines
