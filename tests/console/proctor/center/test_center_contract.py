"""One contract, two centers: everything the console's windows ask of an exam center answers the
same from the embedded core and from a remote server over real HTTP and the live stream. The
tests that take ``center`` also run against the in-memory center of the fast tests
(tests/fakes/test_in_memory_center_contract.py), with its own ``backend``."""

from __future__ import annotations

import io
import queue
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import timedelta

import pytest

from console.proctor.center import (
    Center,
    CenterRefused,
    CenterUnavailable,
    EmbeddedCenter,
    NotAllowed,
    RemoteCenter,
    sign_in,
    with_admin_key,
)
from console.proctor.session_details.export_flow import write_bundle
from core.api.app import create_app
from core.api.server import ApiServer
from core.domain.domain_events import DomainEvent, ExamsChanged, SessionChanged
from core.domain.errors import Conflict, InvalidInput, NotFound
from core.services.evidence_bundle import verify_bundle
from core.services.exams import ExamChanges
from tests.core.api.support import call, plain_http, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

WAIT = 10.0


@pytest.fixture(params=["embedded", "remote"])
def center(request, core, live_server) -> Iterator[Center]:
    if request.param == "embedded":
        built: Center = EmbeddedCenter(core)
    else:
        built = RemoteCenter(live_server.url, core.config.admin_key, transport=plain_http())
    yield built
    built.close()


@pytest.fixture
def backend(core):
    """What stands behind the center: the tests set the scene through it (a kiosk starts, sends
    snapshots and events) and read the truth from it. Here the real core; the in-memory fake's
    run of this suite (tests/fakes/test_in_memory_center_contract.py) puts its own core here."""
    return core


@pytest.fixture
def an_exam(backend):
    return backend.exams.create_exam("Algebra final", duration_seconds=3600,
                                     snapshot_interval_seconds=30)


@pytest.fixture
def session(backend, an_exam, clock):
    kiosk = start_kiosk(backend, an_exam.exam_id, "ref-1", "Dana Lee")
    for n in range(3):
        clock.advance(seconds=5)
        backend.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(),
                                          jpeg_bytes(seed=n))
    backend.attempts.record_kiosk_event(kiosk.attempt_id, "focus_lost")
    return kiosk


def test_the_session_list_is_the_cores(center, backend, session):
    assert center.list_sessions() == backend.proctoring.list_sessions()
    assert center.list_sessions("all") == backend.proctoring.list_sessions("all")


def test_samples_come_only_when_asked_for_and_nothing_is_active(center, backend):
    samples = center.list_sessions(include_samples=True)
    assert [s.is_sample for s in samples] == [True, True]
    assert samples == backend.proctoring.list_sessions(include_samples=True)


def test_a_sessions_detail_has_its_events_and_warnings(center, backend, session):
    backend.proctoring.warn_session(session.session_id, "Please face the camera.")
    assert center.get_session(session.session_id) == backend.proctoring.get_session(
        session.session_id)
    assert center.get_session_summary(session.session_id) == (
        backend.proctoring.get_session_summary(session.session_id))


def test_snapshots_page_newest_first_and_their_bytes_are_the_stored_ones(center, backend, session):
    every = backend.proctoring.list_snapshots(session.session_id)
    assert center.list_snapshots(session.session_id) == every
    assert center.list_snapshots(session.session_id, limit=2) == every[:2]
    assert center.list_snapshots(session.session_id, before=every[0].captured_at) == every[1:]
    newest = every[0].snapshot_id
    assert center.get_snapshot(newest) == every[0]
    with pytest.raises(NotFound):
        center.get_snapshot(new_snapshot_id())
    assert center.read_image(newest) == backend.snapshots.read_image(newest)
    assert center.read_thumbnail(newest) == backend.snapshots.read_thumbnail(newest)


def test_exams_are_created_and_listed(center, backend):
    created = center.create_exam("Chemistry", 1800, snapshot_interval_seconds=20)
    assert created in backend.exams.list_exams()
    assert center.list_exams() == backend.exams.list_exams()


def test_storage_figures_are_the_cores(center, backend, session):
    assert center.storage_stats() == backend.snapshots.storage_stats()


def test_exams_are_edited_archived_and_restored(center, backend):
    created = center.create_exam("Chemistry", 1800)
    edited = center.update_exam(created.exam_id, ExamChanges(title="Chemistry II",
                                                             snapshot_interval_seconds=15))
    assert (edited.title, edited.snapshot_interval_seconds) == ("Chemistry II", 15)
    archived = center.archive_exam(created.exam_id)
    assert archived.is_archived and center.list_exams() == []
    assert center.list_exams(include_archived=True) == [archived]
    assert not center.restore_exam(created.exam_id).is_archived
    assert center.list_exams() == backend.exams.list_exams()


def test_storage_status_is_the_cores(center, backend):
    assert center.storage_status().level == backend.storage_status().level


def test_the_admin_creates_lists_and_disables_proctors(center, backend):
    assert center.can_manage_proctors
    created = center.create_proctor("dana", "Dana Lee", "correct horse battery")
    assert center.list_proctors() == backend.proctors.list_proctors() == [created]
    assert center.disable_proctor(created.proctor_id).is_disabled
    with pytest.raises(Conflict):
        center.create_proctor("dana", "Another Dana", "correct horse battery")


def test_actions_are_recorded_as_done_by_who_the_console_acts_for(center, backend, session):
    center.flag_session(session.session_id, "Looking away")
    assert backend.proctoring.get_session_summary(session.session_id).flagged_by == center.who
    center.terminate_session(session.session_id, "Phone in view")
    with pytest.raises(Conflict, match=f"Already terminated by {center.who}"):
        center.terminate_session(session.session_id, "again")


def test_proctor_actions_change_the_session(center, backend, session):
    flagged = center.flag_session(session.session_id, "Looking away", "twice")
    assert flagged.is_flagged and flagged.flag_reason == "Looking away"
    warning_id = center.warn_session(session.session_id, "Eyes on your screen, please.")
    detail = backend.proctoring.get_session(session.session_id)
    assert [w.warning_id for w in detail.warnings] == [warning_id]
    ended = center.terminate_session(session.session_id, "Phone in view")
    assert ended.status == "cancelled"
    reviewed = center.review_session(session.session_id, "violation", "confirmed")
    assert reviewed.review_outcome == "violation"
    assert reviewed == backend.proctoring.get_session_summary(session.session_id)


def test_a_session_is_paused_resumed_and_given_time_by_who_the_console_acts_for(
        center, backend, session, clock):
    paused = center.pause_session(session.session_id, "Fire alarm")
    assert paused.paused and paused.paused_reason == "Fire alarm"
    with pytest.raises(Conflict, match="already paused"):
        center.pause_session(session.session_id, "Again")
    clock.advance(seconds=120)
    resumed = center.resume_session(session.session_id)
    given = center.add_time(session.session_id, 10, "Late start")

    assert not resumed.paused and resumed.paused_seconds == 120
    assert given.deadline_at == paused.deadline_at + timedelta(seconds=120 + 600)
    assert given == backend.proctoring.get_session_summary(session.session_id)
    events = {e.type: e.actor for e in backend.proctoring.get_session(session.session_id).events}
    assert events["paused"] == events["resumed"] == events["time_added"] == center.who


def test_an_alert_is_acknowledged_and_dismissed_by_who_the_console_acts_for(
        center, backend, session):
    warning_id = center.warn_session(session.session_id, "Eyes on your screen")
    center.handle_alert(session.session_id, "high_risk", "acknowledged")
    center.handle_alert(session.session_id, f"unanswered_warning:{warning_id}", "dismissed")

    detail = backend.proctoring.get_session(session.session_id)
    handled = [(e.type, e.detail, e.actor) for e in detail.events if e.type.startswith("alert_")]
    assert handled == [("alert_dismissed", f"unanswered_warning:{warning_id}", center.who),
                       ("alert_acknowledged", "high_risk", center.who)]
    assert detail.warnings[0].cleared_at is not None
    with pytest.raises(InvalidInput, match="Unknown alert"):
        center.handle_alert(session.session_id, "loud_noise", "dismissed")


def test_an_accommodation_is_set_and_the_session_list_filters_by_room(center, backend, an_exam):
    set_up = center.set_accommodation(an_exam.exam_id, "ref-9", extra_percent=25,
                                      exempt=("focus_lost",), note="Screen reader")
    backend.attempts.start_attempt(an_exam.exam_id, "ref-9", "Ann Lee", "A-1", "Hall 2")
    backend.attempts.start_attempt(an_exam.exam_id, "ref-8", "Bo Chen", "A-2", "Hall 3")

    hall_2 = center.list_sessions(room="Hall 2")
    assert set_up.accommodation == "+25 % time" and set_up.set_by == center.who
    assert [(s.candidate_ref, s.accommodation) for s in hall_2] == [("ref-9", "+25 % time")]
    assert hall_2 == backend.proctoring.list_sessions(room="Hall 2")
    with pytest.raises(InvalidInput, match="cannot be exempted"):
        center.set_accommodation(an_exam.exam_id, "ref-9", exempt=("flagged",))


def test_errors_are_the_same_domain_errors_with_the_same_sentences(center, backend, session):
    backend.proctoring.terminate_session(session.session_id, "Phone in view")
    with pytest.raises(Conflict) as conflict:
        center.terminate_session(session.session_id, "again")
    with pytest.raises(Conflict) as expected:
        backend.proctoring.terminate_session(session.session_id, "again")
    assert str(conflict.value) == str(expected.value)
    with pytest.raises(NotFound):
        center.get_session("no-such-session")
    with pytest.raises(NotFound):
        center.read_image(new_snapshot_id())
    with pytest.raises(Conflict):
        center.flag_session("sample-1", "Looking away")
    with pytest.raises(InvalidInput):
        center.review_session(session.session_id, "not-an-outcome")


def test_changes_arrive_as_domain_events(center, backend, an_exam):
    received: queue.Queue[DomainEvent] = queue.Queue()
    unsubscribe = center.subscribe(received.put)
    try:
        if isinstance(center, RemoteCenter):
            _wait_until_reachable(center)
        kiosk = start_kiosk(backend, an_exam.exam_id, "ref-2", "Omar Khalid")
        created = backend.exams.create_exam("Biology", 600)
        seen = _until(received, lambda e: e == ExamsChanged(created.exam_id))
    finally:
        unsubscribe()
    assert SessionChanged(kiosk.session_id, "active", "started") in seen


# ---- remote only ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["embedded", "remote"])
def test_a_sessions_evidence_bundle_verifies_from_either_center(kind, core, live_server,
                                                                 session):
    """Not run against the in-memory center: it keeps no signed chain, and says so
    (tests/fakes/test_in_memory_center_contract.py)."""
    built: Center = (EmbeddedCenter(core) if kind == "embedded" else
                     RemoteCenter(live_server.url, core.config.admin_key, transport=plain_http()))
    try:
        out = io.BytesIO()
        built.write_bundle(session.session_id, out)
        data = out.getvalue()
        with pytest.raises(NotFound):
            built.write_bundle("no-such-session", io.BytesIO())
    finally:
        built.close()
    check = verify_bundle(data, core.evidence.key.fingerprint)
    assert check.problems == []
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        images = {name for name in bundle.namelist() if name.startswith("snapshots/")}
    assert images == {f"snapshots/{s.snapshot_id}.jpg"
                      for s in core.proctoring.list_snapshots(session.session_id)}


def test_a_bundle_the_center_cuts_short_is_an_error_and_leaves_no_file(tmp_path):
    """A center that stops sending part way (it stopped, the network went): the export fails
    with a sentence, and neither the bundle nor its partial file is left behind."""
    listener = socket.create_server(("127.0.0.1", 0))

    def answer_half() -> None:
        connection, _address = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\n"
                               b"Content-Length: 1000000\r\n\r\n" + b"PK" * 5000)

    server = threading.Thread(target=answer_half, daemon=True)
    server.start()
    remote = RemoteCenter(f"http://127.0.0.1:{listener.getsockname()[1]}", "admin-key",
                          transport=plain_http())
    target = tmp_path / "bundle.zip"
    try:
        with pytest.raises(CenterUnavailable, match="cannot be reached"):
            write_bundle(str(target), lambda out: remote.write_bundle("s-1", out))
    finally:
        remote.close()
        listener.close()
        server.join(WAIT)
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_center_says_so_and_changes_nothing(core):
    server = ApiServer(create_app(core), "127.0.0.1", 0)
    server.start()
    url = server.url
    server.stop()
    remote = RemoteCenter(url, core.config.admin_key, transport=plain_http())
    with pytest.raises(CenterUnavailable, match="cannot be reached"):
        remote.list_sessions()
    remote.close()


def test_a_refused_secret_asks_to_sign_in_again(live_server):
    remote = RemoteCenter(live_server.url, "not-the-key", transport=plain_http())
    with pytest.raises(CenterRefused, match=r"no longer accepts this console's admin key.*"
                                            r"Sign in again"):
        remote.list_sessions()
    remote.close()


def test_a_disabled_proctor_is_signed_out_within_3_s_with_the_centers_sentence(
        core, live_server):
    dana = core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
    remote = sign_in(live_server.url, "dana", "correct horse battery", transport=plain_http())
    heard: queue.Queue[str] = queue.Queue()
    reachability: list[bool] = []
    remote.watch_sign_out(heard.put)
    remote.watch_reachability(reachability.append)
    remote.subscribe(lambda _event: None)
    try:
        assert remote.wait_until_following(WAIT)
        disabled_at = time.monotonic()
        core.proctors.disable_proctor(dana.proctor_id)

        reason = heard.get(timeout=WAIT)
        assert time.monotonic() - disabled_at < 3.0
        assert reason.startswith("The proctor account of Dana Lee was disabled by an "
                                 "administrator")
        assert remote.signed_out_reason == reason
        with pytest.raises(CenterRefused) as refused:
            remote.list_sessions()
        assert str(refused.value) == reason
        assert reachability == [], "a sign-out is not a lost network"
        assert heard.empty(), "the sign-out is heard once"
    finally:
        remote.close()


def test_a_sign_in_ended_elsewhere_is_a_sign_out_at_the_first_refused_call(core, live_server):
    core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
    remote = sign_in(live_server.url, "dana", "correct horse battery", transport=plain_http())
    heard: list[str] = []
    remote.watch_sign_out(heard.append)
    token = remote._headers["Authorization"].split()[1]
    try:
        assert call(live_server.url, "POST", "/auth/logout", token).status_code == 204
        for _ in range(2):
            with pytest.raises(CenterRefused, match="signed out"):
                remote.list_exams()
        assert len(heard) == 1 and "signed out" in heard[0]
    finally:
        remote.close()


def test_a_proctor_signs_in_acts_under_their_name_and_may_not_manage_proctors(
        core, live_server, session):
    core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
    remote = sign_in(live_server.url, "dana", "correct horse battery", transport=plain_http())
    try:
        assert (remote.who, remote.can_manage_proctors) == ("Dana Lee", False)
        remote.flag_session(session.session_id, "Looking away")
        assert core.proctoring.get_session_summary(session.session_id).flagged_by == "Dana Lee"
        with pytest.raises(NotAllowed, match="administrator"):
            remote.list_proctors()
    finally:
        remote.close()
    signed_out = RemoteCenter(live_server.url, remote._headers["Authorization"].split()[1],
                              transport=plain_http())
    with pytest.raises(CenterRefused):  # closing the console signed the proctor out
        signed_out.list_sessions()
    signed_out.close()


def test_a_wrong_password_is_one_sentence_and_signs_nobody_in(core, live_server):
    core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
    with pytest.raises(InvalidInput) as wrong:
        sign_in(live_server.url, "dana", "not the password", transport=plain_http())
    with pytest.raises(InvalidInput) as unknown:
        sign_in(live_server.url, "nobody", "not the password", transport=plain_http())
    assert str(wrong.value) == str(unknown.value)


def test_a_wrong_admin_key_is_refused_before_the_console_opens(live_server):
    with pytest.raises(CenterRefused):
        with_admin_key(live_server.url, "not-the-key", transport=plain_http())


def test_after_the_server_restarts_the_stream_resumes_with_what_was_missed(core):
    server = ApiServer(create_app(core), "127.0.0.1", 0)
    server.start()
    port = server.port
    remote = RemoteCenter(server.url, core.config.admin_key, transport=plain_http())
    received: queue.Queue[DomainEvent] = queue.Queue()
    reachable: queue.Queue[bool] = queue.Queue()
    remote.watch_reachability(reachable.put)
    remote.subscribe(received.put)
    try:
        _wait_until_reachable(remote)
        first = core.exams.create_exam("Before", 600)
        _until(received, lambda e: e == ExamsChanged(first.exam_id))
        server.stop()
        assert reachable.get(timeout=WAIT) is False
        missed = [core.exams.create_exam(f"While down {n}", 600).exam_id for n in range(3)]
        server = ApiServer(create_app(core), "127.0.0.1", port)
        server.start()
        assert reachable.get(timeout=WAIT) is True
        seen = _until(received, lambda e: e == ExamsChanged(missed[-1]))
        assert [e.exam_id for e in seen if isinstance(e, ExamsChanged)] == missed
    finally:
        remote.close()
        server.stop()


def _wait_until_reachable(remote: RemoteCenter) -> None:
    assert remote.wait_until_following(WAIT), "the change stream did not open"


def _until(events: queue.Queue[DomainEvent], done) -> list[DomainEvent]:
    seen = []
    while True:
        event = events.get(timeout=WAIT)
        seen.append(event)
        if done(event):
            return seen
