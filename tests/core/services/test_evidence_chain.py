"""Each session's evidence (snapshots, kiosk, analysis and system events, every proctor action)
is one hash chain, appended in the transaction that stores each entry. Checking the stored
evidence recomputes every chain and names the entry where a change made behind the center's
back shows: an event edited, removed, inserted or moved, an image changed on disk. A real core
on a real SQLite file; the tampering is done with plain SQL, as an intruder would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from core.db.models import ProctorEvent, ProctorSession, Snapshot
from core.domain.evidence import GENESIS, chain_hash
from tests.core.api.support import start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id


@pytest.fixture
def session_id(core, exam, clock) -> str:
    """An exam's session with every kind of entry: kiosk events, snapshots, an analysis event,
    a proctor's flag and warning, a termination and the session's end."""
    kiosk = start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")
    core.attempts.record_kiosk_event(kiosk.attempt_id, "focus_lost", detail="Alt+Tab")
    snapshots = []
    for seed in range(3):
        clock.advance(30)
        snapshots.append(core.snapshots.record_snapshot(
            kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(seed=seed)).snapshot.snapshot_id)
    core.snapshots.record_analysis(snapshots[-1], 0, ("no_face",), [("no_face", "Nobody")])
    core.proctoring.flag_session(kiosk.session_id, "Looked away", "twice", actor="Dana Lee")
    core.proctoring.warn_session(kiosk.session_id, "Eyes on the screen", actor="Dana Lee")
    clock.advance(10)
    core.proctoring.terminate_session(kiosk.session_id, "Second person", actor="Dana Lee")
    return kiosk.session_id


def tamper(core, *statements: str) -> None:
    """Change the stored rows behind the center's back (plain SQL on its database, SQLite file
    or PostgreSQL alike), as someone with the database's password could."""
    with core.engine.begin() as db:
        for statement in statements:
            db.execute(text(statement))


def events(core, session_id: str) -> list[ProctorEvent]:
    with core.engine.connect() as connection:
        return list(connection.execute(select(ProctorEvent).where(
            ProctorEvent.session_id == session_id).order_by(ProctorEvent.chain_seq)))


def test_every_entry_of_a_session_has_the_next_place_in_its_chain(core, session_id):
    chain = core.evidence.chain(session_id)

    assert [entry.content["seq"] for entry in chain] == list(range(1, len(chain) + 1))
    kinds = [(e.content["kind"], e.content.get("type")) for e in chain]
    assert kinds.count(("snapshot", None)) == 3
    for event_type in ("session_started", "focus_lost", "no_face", "flagged", "warning_sent",
                       "terminated", "session_ended"):
        assert ("event", event_type) in kinds, event_type
    assert kinds[-1] == ("event", "session_ended")
    previous = GENESIS
    for entry in chain:
        assert entry.chain_hash == chain_hash(previous, entry.content)
        previous = entry.chain_hash
    with core.engine.connect() as connection:
        length, head = connection.execute(select(
            ProctorSession.chain_length, ProctorSession.chain_head)
            .where(ProctorSession.id == session_id)).one()
    assert (length, head) == (len(chain), chain[-1].chain_hash)


def test_untouched_evidence_checks_intact(core, session_id):
    check = core.evidence.check_store()

    assert check.problems == []
    assert (check.sessions, check.snapshots) == (1, 3)
    assert check.events >= 7


def test_an_edited_event_is_named(core, session_id):
    flag = next(e for e in events(core, session_id) if e.type == "flagged")
    tamper(core, f"UPDATE proctor_events SET detail = 'nothing' WHERE id = '{flag.id}'")

    problems = core.evidence.check_store().problems

    assert len(problems) == 1
    assert f"event {flag.id} (flagged)" in problems[0] and "was changed" in problems[0]


def test_a_removed_event_is_named_by_the_entry_after_the_gap(core, session_id):
    listed = events(core, session_id)
    flag = next(e for e in listed if e.type == "flagged")
    tamper(core, f"DELETE FROM proctor_events WHERE id = '{flag.id}'")

    problems = core.evidence.check_store().problems

    assert any(f"entry {flag.chain_seq} is missing before it (removed)" in p for p in problems)


def test_the_newest_event_removed_shows_against_the_sessions_recorded_length(core, session_id):
    last = events(core, session_id)[-1]
    tamper(core, f"DELETE FROM proctor_events WHERE id = '{last.id}'")

    problems = core.evidence.check_store().problems

    assert len(problems) == 2
    assert "entries were removed from or added to its end" in problems[0]
    assert "covers 10 entries but the chain holds 9: its newest entries were removed" in problems[1]


def test_an_inserted_event_is_named(core, session_id):
    tamper(core, "INSERT INTO proctor_events (id, session_id, type, detail, source, occurred_at,"
                 f" recorded_at) VALUES ('forged', '{session_id}', 'focus_regained', NULL,"
                 " 'kiosk', '2026-01-01 09:00:00', '2026-01-01 09:00:00')")

    problems = core.evidence.check_store().problems

    assert problems == [f"session {session_id}: event forged (focus_regained) has no place "
                        "in the chain (inserted)"]


def test_two_swapped_events_are_named(core, session_id):
    listed = events(core, session_id)
    first, second = listed[1], listed[2]
    tamper(core,
           f"UPDATE proctor_events SET chain_seq = -1 WHERE id = '{first.id}'",
           f"UPDATE proctor_events SET chain_seq = {first.chain_seq} WHERE id = '{second.id}'",
           f"UPDATE proctor_events SET chain_seq = {second.chain_seq} WHERE id = '{first.id}'")

    problems = core.evidence.check_store().problems

    assert problems and all(session_id in p for p in problems)
    assert any(second.id in p for p in problems)


def test_an_image_changed_on_disk_is_named(core, session_id):
    with core.engine.connect() as connection:
        snapshot_id, path = connection.execute(select(Snapshot.id, Snapshot.path).where(
            Snapshot.session_id == session_id).limit(1)).one()
    core.media.resolve(path).write_bytes(jpeg_bytes(seed=99))

    problems = core.evidence.check_store().problems

    assert problems == [f"session {session_id}: snapshot {snapshot_id}: its image {path} was "
                        "changed (its SHA-256 is not the one recorded at ingest)"]


# ---- signatures ----------------------------------------------------------------------------------
def signatures(core, session_id: str) -> list:
    return core.evidence.signatures(session_id)


def test_a_session_that_ends_has_its_final_head_signed_by_the_centers_key(core, session_id):
    signed = signatures(core, session_id)
    chain = core.evidence.chain(session_id)

    assert [(s.entry_count, s.chain_head) for s in signed] == [(len(chain), chain[-1].chain_hash)]
    assert signed[0].key_sha256 == core.evidence.key.fingerprint
    assert core.evidence.check_store().signatures == 1


def test_a_running_session_is_signed_once_its_chain_has_grown_and_a_minute_has_passed(
        core, exam, clock):
    kiosk = start_kiosk(core, exam.exam_id, "C-2", "Bo Chan")
    assert core.evidence.sign_running_heads() == 1
    assert core.evidence.sign_running_heads() == 0  # nothing new
    core.attempts.record_kiosk_event(kiosk.attempt_id, "focus_lost")
    assert core.evidence.sign_running_heads() == 0  # within the minute
    clock.advance(60)

    assert core.evidence.sign_running_heads() == 1
    assert [s.entry_count for s in signatures(core, kiosk.session_id)] == [1, 2]


def test_sessions_that_all_became_due_at_once_are_signed_a_bounded_number_per_sweep(
        core, exam, clock):
    # 1,000 kiosks that start within a minute would all be due in the same sweep every minute:
    # one long write that holds every upload's commit. Each sweep signs its share instead, the
    # never signed and the longest unsigned first, and none is forgotten.
    kiosks = [start_kiosk(core, exam.exam_id, f"C-{n}", f"Kiosk {n}") for n in range(5)]
    signed_per_sweep = []
    for _ in range(4):
        signed_per_sweep.append(core.evidence.sign_running_heads(limit=2))
        clock.advance(5)
    assert signed_per_sweep == [2, 2, 1, 0]
    sweeps = [{k.session_id for k in kiosks if signatures(core, k.session_id)[0].signed_at
               == clock.now() - timedelta(seconds=seconds)} for seconds in (20, 15, 10)]

    def changed_a_minute_later(event_type: str) -> None:
        for kiosk in kiosks:
            core.attempts.record_kiosk_event(kiosk.attempt_id, event_type)
        clock.advance(60)

    changed_a_minute_later("focus_lost")
    assert core.evidence.sign_running_heads(limit=2) == 2
    changed_a_minute_later("focus_regained")  # the first sweep's two: now the latest signed
    assert core.evidence.sign_running_heads(limit=2) == 2

    signed = {k.session_id: len(signatures(core, k.session_id)) for k in kiosks}
    assert [len(sweep) for sweep in sweeps] == [2, 2, 1]
    assert [sorted(signed[s] for s in sweep) for sweep in sweeps] == [[2, 2], [2, 2], [1]]


def forge_chain_from(core, session_id: str) -> None:
    """An intruder who knows the chain's math rebuilds every hash and the session's head after
    an edit: only the signatures can tell."""
    previous = GENESIS
    chain = core.evidence.chain(session_id)
    with core.engine.begin() as db:
        for entry in chain:
            previous = chain_hash(previous, entry.content)
            table, key = (("snapshots", entry.content["snapshot_id"])
                          if entry.content["kind"] == "snapshot"
                          else ("proctor_events", entry.content["event_id"]))
            db.execute(text(f"UPDATE {table} SET chain_hash = :hash WHERE id = :key"),
                       {"hash": previous, "key": key})
        db.execute(text("UPDATE proctor_sessions SET chain_length = :length, chain_head = :head "
                        "WHERE id = :id"), {"length": len(chain), "head": previous,
                                            "id": session_id})


def test_a_chain_rebuilt_after_an_edit_no_longer_matches_its_signed_head(core, session_id):
    flag = next(e for e in events(core, session_id) if e.type == "flagged")
    tamper(core, f"UPDATE proctor_events SET detail = 'nothing' WHERE id = '{flag.id}'")
    forge_chain_from(core, session_id)

    problems = core.evidence.check_store().problems

    assert len(problems) == 1
    assert "is not the chain's: an entry at or before it was changed since" in problems[0]


def test_the_newest_entries_cut_with_the_head_rewritten_show_against_the_signature(
        core, session_id):
    last = events(core, session_id)[-1]
    tamper(core, f"DELETE FROM proctor_events WHERE id = '{last.id}'")
    forge_chain_from(core, session_id)

    problems = core.evidence.check_store().problems

    assert len(problems) == 1 and "its newest entries were removed" in problems[0]


def test_an_altered_signature_or_signed_head_is_named(core, session_id):
    tamper(core, "UPDATE evidence_signatures SET entry_count = entry_count - 1")

    problems = core.evidence.check_store().problems

    assert len(problems) == 1 and "is not valid (the signed head was altered)" in problems[0]


def test_a_signature_by_another_key_is_named_with_that_keys_fingerprint(core, session_id):
    tamper(core, f"UPDATE evidence_signatures SET key_sha256 = '{'ab' * 32}'")

    problems = core.evidence.check_store().problems

    assert problems == [f"session {session_id}: the signature of "
                        f"{signatures(core, session_id)[0].signed_at:%Y-%m-%d %H:%M:%S} UTC "
                        f"was made by evidence key sha256:{'ab' * 32}, not this center's key"]


def test_uploads_stored_together_take_consecutive_places_with_the_events_they_cause(
        core, exam, clock):
    """The ingest writer stores waiting uploads in one transaction, their chain places given
    in the insert; a frame after a camera report adds camera_restored in that transaction.
    Every session's chain is whole and checks intact."""
    kiosks = [start_kiosk(core, exam.exam_id, f"C-{n}", f"Kiosk {n}") for n in range(3)]
    core.attempts.record_kiosk_event(kiosks[0].attempt_id, "camera_denied")
    clock.advance(30)
    prepared = [core.snapshots.prepare_snapshot(kiosk.attempt_id, new_snapshot_id(),
                                                jpeg_bytes(seed=n))
                for n in range(4) for kiosk in kiosks]
    for future in [core.snapshots.submit(p) for p in prepared]:
        future.result()

    for kiosk in kiosks:
        chain = core.evidence.chain(kiosk.session_id)
        assert [e.content["seq"] for e in chain] == list(range(1, len(chain) + 1))
        assert sum(e.content["kind"] == "snapshot" for e in chain) == 4
    assert any(e.content.get("type") == "camera_restored"
               for e in core.evidence.chain(kiosks[0].session_id))
    check = core.evidence.check_store()
    assert check.problems == [] and check.snapshots == 12
