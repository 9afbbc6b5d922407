"""The live change stream over real HTTP: every kind of change arrives with a growing id, a
client that reconnects with Last-Event-ID gets exactly what it missed, and a position outside
the kept window gets a reset first."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest
from httpx_sse import connect_sse

from tests.core.api.support import API, bearer, call, plain_http, start_kiosk, upload
from tests.helpers import jpeg_bytes, new_snapshot_id

WAIT = 10.0


@dataclass(frozen=True)
class Message:
    id: int
    event: str
    data: dict


class StreamReader:
    """Reads the stream on a thread; messages arrive in ``received``."""

    def __init__(self, base_url: str, secret: str, headers: dict[str, str] | None = None,
                 params: dict[str, str] | None = None) -> None:
        self.received: queue.Queue[Message] = queue.Queue()
        self._client = httpx.Client(base_url=base_url, transport=plain_http(),
                                    timeout=httpx.Timeout(30, read=60))
        self._headers = {**bearer(secret), **(headers or {})}
        self._params = params or {}
        self.status: int | None = None
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        assert self._opened.wait(WAIT), "the stream did not open"

    def _read(self) -> None:
        try:
            with connect_sse(self._client, "GET", f"{API}/proctor/stream",
                             headers=self._headers, params=self._params) as source:
                self.status = source.response.status_code
                self.content_type = source.response.headers.get("content-type", "")
                self._opened.set()
                for sse in source.iter_sse():
                    self.received.put(Message(int(sse.id), sse.event, json.loads(sse.data)))
        except (httpx.HTTPError, RuntimeError):
            pass
        finally:
            self._opened.set()

    def next(self) -> Message:
        return self.received.get(timeout=WAIT)

    def until(self, event: str, **fields: object) -> list[Message]:
        """Every message up to and including the first ``event`` whose data has ``fields``."""
        seen = []
        while True:
            message = self.next()
            seen.append(message)
            if message.event == event and all(message.data.get(k) == v
                                               for k, v in fields.items()):
                return seen

    def close(self) -> None:
        self._client.close()


@contextmanager
def reading(live_server, **kwargs) -> Iterator[StreamReader]:
    reader = StreamReader(live_server.url, live_server.core.config.admin_key, **kwargs)
    try:
        yield reader
    finally:
        reader.close()


def test_the_stream_needs_the_admin_key(live_server):
    response = call(live_server.url, "GET", "/proctor/stream",
                    live_server.core.config.kiosk_key)
    assert response.status_code == 403
    assert call(live_server.url, "GET", "/proctor/stream").status_code == 401


def test_each_kind_of_change_arrives_with_a_growing_id(live_server, exam):
    core = live_server.core
    with reading(live_server) as stream:
        assert stream.status == 200 and stream.content_type.startswith("text/event-stream")
        kiosk = start_kiosk(core, exam.exam_id, "c-1")
        started = stream.until("session_changed", session_id=kiosk.session_id,
                               change="started")[-1]
        assert started.data["status"] == "active"

        snapshot_id = new_snapshot_id()
        assert upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(),
                      snapshot_id).status_code == 201
        recorded = stream.until("snapshot_recorded", snapshot_id=snapshot_id)[-1]
        assert recorded.data == {"session_id": kiosk.session_id, "snapshot_id": snapshot_id}

        assert call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events",
                    kiosk.token, json={"type": "focus_lost"}).status_code == 201
        event = stream.until("event_recorded", type="focus_lost")[-1]
        assert event.data["session_id"] == kiosk.session_id

        core.snapshots.record_analysis(snapshot_id, 1, (), [])
        analysed = stream.until("snapshot_analysed", snapshot_id=snapshot_id)[-1]
        assert analysed.data["face_count"] == 1

        core.exams.create_exam("Physics", duration_seconds=600)
        changed = stream.until("exams_changed")[-1]
        assert changed.id > analysed.id > event.id > recorded.id > started.id


def test_a_client_that_reconnects_gets_exactly_what_it_missed(live_server, exam):
    core = live_server.core
    with reading(live_server) as stream:
        core.exams.create_exam("First", duration_seconds=600)
        last_seen = stream.until("exams_changed")[-1].id
    missed = [core.exams.create_exam(f"Missed {n}", duration_seconds=600).exam_id for n in range(5)]
    with reading(live_server, headers={"Last-Event-ID": str(last_seen)}) as stream:
        replayed = [stream.next() for _ in missed]
        core.exams.create_exam("Live", duration_seconds=600)
        live = stream.next()
    assert [m.data["exam_id"] for m in replayed] == missed
    assert [m.id for m in replayed] == sorted({m.id for m in replayed})
    assert replayed[0].id > last_seen and live.id > replayed[-1].id
    assert live.event == "exams_changed" and live.data["exam_id"] not in missed


def test_the_query_parameter_resumes_like_the_header(live_server, exam):
    core = live_server.core
    first = core.exams.create_exam("A", duration_seconds=600)
    second = core.exams.create_exam("B", duration_seconds=600)
    _, newest = core.changes.bounds()
    with reading(live_server, params={"last_event_id": str(newest - 1)}) as stream:
        message = stream.next()
    assert message.id == newest and message.data["exam_id"] == second.exam_id != first.exam_id


def test_a_position_outside_the_kept_window_gets_a_reset_first(live_server, clock):
    core = live_server.core
    for n in range(6):
        core.exams.create_exam(f"Old {n}", duration_seconds=600)
    clock.advance(seconds=3600)
    assert core.changes.prune(keep_changes=2, keep_seconds=60) == 4
    oldest, newest = core.changes.bounds()
    with reading(live_server, headers={"Last-Event-ID": str(oldest - 3)}) as stream:
        reset = stream.next()
        core.exams.create_exam("After the reset", duration_seconds=600)
        after = stream.next()
    assert (reset.event, reset.data, reset.id) == ("reset", {}, newest)
    assert after.event == "exams_changed" and after.id == newest + 1


def test_a_position_from_the_future_gets_a_reset(live_server):
    with reading(live_server, headers={"Last-Event-ID": "999999"}) as stream:
        assert stream.next().event == "reset"


@pytest.mark.parametrize("value", ["-1", "abc"])
def test_a_malformed_position_is_refused_with_a_sentence(live_server, value):
    response = call(live_server.url, "GET", "/proctor/stream", live_server.core.config.admin_key,
                    params={"last_event_id": value})
    assert response.status_code == 422
    assert "last_event_id" in response.text


def test_a_subscriber_that_falls_behind_is_cut_off_and_catches_up_on_reconnect(
        live_server, monkeypatch):
    from core.api import stream as stream_module

    core = live_server.core
    _, before = core.changes.bounds()
    monkeypatch.setattr(stream_module, "QUEUE_LIMIT", 0)  # every live batch overflows
    with reading(live_server) as stream:
        # Either change may still come from the table (committed while the stream opened), but
        # the feed also offers each to the live queue, which is full: the stream is cut off.
        core.exams.create_exam("First", duration_seconds=600)
        core.exams.create_exam("Second", duration_seconds=600)
        stream._thread.join(WAIT)
        assert not stream._thread.is_alive(), "the stream was not cut off"
        before_the_cut = [stream.received.get_nowait().id
                          for _ in range(stream.received.qsize())]
        assert before_the_cut == [before + 1, before + 2][:len(before_the_cut)]
    monkeypatch.setattr(stream_module, "QUEUE_LIMIT", 5_000)
    with reading(live_server, headers={"Last-Event-ID": str(before)}) as stream:
        caught_up = [stream.next(), stream.next()]
    assert [m.id for m in caught_up] == [before + 1, before + 2]


def test_pruning_in_a_writers_transaction_drops_the_old_changes_only_when_it_commits(core, clock):
    # The sweeper prunes inside one of the core's writes (its turn among the writers), so the
    # pruning is that transaction's: rolled back, nothing is lost from the log.
    from sqlalchemy.orm import Session

    for n in range(6):
        core.exams.create_exam(f"Old {n}", duration_seconds=600)
    clock.advance(seconds=3600)
    before = core.changes.bounds()
    with Session(core.engine) as session, session.begin():
        assert core.changes.prune(keep_changes=2, keep_seconds=60, session=session) == 4
        session.rollback()
    assert core.changes.bounds() == before

    with Session(core.engine) as session, session.begin():
        core.changes.prune(keep_changes=2, keep_seconds=60, session=session)
    assert core.changes.bounds() == (before[1] - 1, before[1])

