"""Evidence a committee can check: each session's chain as stored, and the check of a whole
center's stored evidence (chains recomputed, images hashed again, signatures verified).

The chain itself is appended in every write transaction (``core.db.evidence_chain``); its form
and math are ``core.domain.evidence``."""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any, BinaryIO

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from core.db.engine import UnitOfWork
from core.db.evidence_chain import ChainHead
from core.db.models import EvidenceSignature, ProctorEvent, ProctorSession, Snapshot
from core.domain.clock import Clock
from core.domain.enums import SessionStatus
from core.domain.errors import SessionNotFound
from core.domain.evidence import (
    EVENT,
    PURGED,
    SNAPSHOT,
    check_chain,
    entry_name,
    event_content,
    purged_runs,
    signed_head,
    snapshot_content,
)
from core.media.store import MediaStore
from core.net.evidence_key import EvidenceKey, is_valid
from core.services.evidence_bundle import (
    BundleHead,
    BundleInput,
    signature_record,
    write_bundle,
)
from core.services.records import load_session_dto

#: How often a running session's chain head is signed (when it moved since).
SIGN_EVERY_SECONDS = 60.0
#: At most this many heads are signed in one sweep (about 0.25 ms each, inside a write that
#: holds every other writer): sessions that all started within a minute would otherwise all be
#: due in the same sweep, every minute. With the sweep every 5 s, up to 2,400 running sessions
#: are still signed every minute; with more, each waits its turn (the longest unsigned first).
SIGN_PER_SWEEP = 200


@dataclass(frozen=True)
class ChainEntry:
    """One entry of a session's chain as stored: its canonical content and its stored hash,
    and for a snapshot where its image is (relative to the media root)."""

    content: dict[str, Any]
    chain_hash: str
    path: str | None = None


@dataclass
class StoreCheck:
    """What checking a center's stored evidence found."""

    sessions: int = 0
    snapshots: int = 0
    events: int = 0
    signatures: int = 0
    #: Sessions whose media the retention period purged (checked across the recorded gaps).
    purged: int = 0
    #: Of those, sessions purged before purges recorded what they removed (not checked).
    unrecorded_purges: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def is_intact(self) -> bool:
        return not self.problems


def session_chain(s: Session, session_id: str) -> list[ChainEntry]:
    """A session's chained entries in chain order (snapshots and events merged by position)."""
    entries: list[tuple[int, ChainEntry]] = []
    for row in s.scalars(select(Snapshot).where(Snapshot.session_id == session_id,
                                                Snapshot.chain_seq.is_not(None))):
        assert row.chain_seq is not None
        entries.append((row.chain_seq, ChainEntry(snapshot_content(
            row.chain_seq, session_id=row.session_id, snapshot_id=row.id,
            captured_at=row.captured_at, received_at=row.received_at, width=row.width,
            height=row.height, size_bytes=row.size_bytes, sha256=row.sha256),
            row.chain_hash or "", row.path)))
    for event in s.scalars(select(ProctorEvent).where(ProctorEvent.session_id == session_id,
                                                      ProctorEvent.chain_seq.is_not(None))):
        assert event.chain_seq is not None
        entries.append((event.chain_seq, ChainEntry(event_content(
            event.chain_seq, session_id=event.session_id, event_id=event.id, type=event.type,
            detail=event.detail, source=event.source, occurred_at=event.occurred_at,
            recorded_at=event.recorded_at, actor=event.actor, cause=event.cause),
            event.chain_hash or "")))
    entries.sort(key=lambda item: (item[0], item[1].content["kind"]))
    return [entry for _seq, entry in entries]


#: ``_hash_at`` of a position a recorded purge removed from inside a run: its hash is gone.
PURGED_ENTRY = "purged"


def _hash_at(seq: int, by_seq: dict[int, str], runs: dict[int, tuple[int, str, int]]) -> str:
    """The stored hash of the chain's entry ``seq``, the one a purge recorded for the last
    entry of a run it removed, or ``PURGED_ENTRY`` for another entry it removed."""
    if seq in by_seq:
        return by_seq[seq]
    for first, (last, digest, _at) in runs.items():
        if first <= seq <= last:
            return digest if seq == last else PURGED_ENTRY
    return ""


class EvidenceService:
    def __init__(self, uow: UnitOfWork, media: MediaStore, clock: Clock,
                 key: EvidenceKey | None = None) -> None:
        self._uow = uow
        self._media = media
        self._clock = clock
        self.key = key
        if key is not None:
            uow.heads_moved = self._sign_ended

    # ---- signatures ------------------------------------------------------------------------
    def _sign_ended(self, s: Session, heads: Sequence[ChainHead], ended: set[str]) -> None:
        """Inside the transaction that ended sessions: sign their final chain heads."""
        self._sign(s, [head for head in heads if head.session_id in ended])

    def _sign(self, s: Session, heads: Sequence[ChainHead]) -> None:
        if self.key is None or not heads:
            return
        now = self._clock.now()
        s.execute(insert(EvidenceSignature), [
            {"session_id": h.session_id, "entry_count": h.entry_count, "chain_head": h.head,
             "signed_at": now, "key_sha256": self.key.fingerprint,
             "signature": self.key.sign(signed_head(h.session_id, h.entry_count, h.head, now))}
            for h in heads])

    def sign_running_heads(self, every_seconds: float = SIGN_EVERY_SECONDS,
                           limit: int = SIGN_PER_SWEEP) -> int:
        """Sign the chain head of each running session whose chain grew since its last
        signature, once at most every ``every_seconds``: removing a running session's newest
        entries then shows against a signed head. At most ``limit`` in one call, those never
        signed or signed longest ago first. Returns how many were signed."""
        if self.key is None:
            return 0
        now = self._clock.now()
        # Each running session's newest signature, found through the (session, entry count)
        # index: the sweeper asks every few seconds, and a group-by over every signature ever
        # made (one more per session a minute, 180,000 in a 3-hour day of 1,000 kiosks) ran
        # inside the write transaction, holding every other writer.
        newest = (select(EvidenceSignature.entry_count, EvidenceSignature.signed_at)
                  .where(EvidenceSignature.session_id == ProctorSession.id)
                  .order_by(EvidenceSignature.entry_count.desc()).limit(1))
        last_count = newest.with_only_columns(EvidenceSignature.entry_count).scalar_subquery()
        last_at = newest.with_only_columns(EvidenceSignature.signed_at).scalar_subquery()
        query = (select(ProctorSession.id, ProctorSession.chain_length, ProctorSession.chain_head)
                 .where(ProctorSession.status == SessionStatus.ACTIVE,
                        ProctorSession.chain_length > func.coalesce(last_count, 0),
                        or_(last_at.is_(None),
                            last_at <= now - timedelta(seconds=every_seconds)))
                 .order_by(last_at.asc().nulls_first(), ProctorSession.id).limit(limit))
        with self._uow.write() as ws:
            heads = [ChainHead(session_id, length, head)
                     for session_id, length, head in ws.execute(query) if head is not None]
            self._sign(ws.session, heads)
        return len(heads)


    def chain(self, session_id: str) -> list[ChainEntry]:
        with self._uow.read() as s:
            return session_chain(s, session_id)

    def check_store(self, check_files: bool = True) -> StoreCheck:
        """Recompute every session's chain from its rows, hash every stored image again and
        compare with its recorded digest; one sentence per problem, naming the snapshot or
        event where it shows."""
        result = StoreCheck()
        for session_id, length, head, purged in self._sessions():
            with self._uow.read() as s:
                entries = session_chain(s, session_id)
                unchained = self._unchained(s, session_id)
            runs = purged_runs(e.content for e in entries)
            if purged is not None:
                result.purged += 1
                if not runs:
                    # Purged before purges recorded what they removed: its gaps cannot be
                    # told from removals, so it is not checked.
                    result.unrecorded_purges += 1
                    continue
            result.sessions += 1
            result.snapshots += sum(1 for e in entries if e.content["kind"] == SNAPSHOT)
            result.events += sum(1 for e in entries if e.content["kind"] == EVENT)
            where = f"session {session_id}"
            result.problems += [f"{where}: {problem}" for problem in
                                check_chain([(e.content, e.chain_hash) for e in entries])]
            result.problems += [f"{where}: {name} has no place in the chain (inserted)"
                                for name in unchained]
            count, last = ((entries[-1].content["seq"], entries[-1].chain_hash) if entries
                           else (0, None))
            if (count, last) != (length or 0, head):
                result.problems.append(
                    f"{where}: the chain holds {count} entries but the session records "
                    f"{length or 0}: entries were removed from or added to its end")
            if check_files:
                result.problems += [f"{where}: {problem}" for problem in self._files(entries)]
            signatures = self.signatures(session_id)
            result.signatures += len(signatures)
            result.problems += [f"{where}: {problem}" for problem in
                                self._signature_problems(entries, signatures, runs)]
        return result

    def _signature_problems(self, entries: list[ChainEntry],
                            signatures: list[EvidenceSignature],
                            runs: dict[int, tuple[int, str, int]]) -> Iterator[str]:
        """Each signed head must be signed by the center's key and be the head the chain has
        at that length: a chain cut back, or rebuilt after a change, no longer matches it.
        Each purge recorded in the chain must be one the center signed (it signs the head in
        the purge's own transaction): a purge record added by hand has no signature."""
        by_seq = {entry.content["seq"]: entry.chain_hash for entry in entries}
        newest = len(entries) and entries[-1].content["seq"]
        signed_up_to = 0
        for signature in signatures:
            when = signature.signed_at.strftime("%Y-%m-%d %H:%M:%S UTC")
            message = signed_head(signature.session_id, signature.entry_count,
                                  signature.chain_head, signature.signed_at)
            if self.key is None or signature.key_sha256 != self.key.fingerprint:
                yield (f"the signature of {when} was made by evidence key "
                       f"sha256:{signature.key_sha256}, not this center's key")
            elif not is_valid(self.key.public, signature.signature, message):
                yield f"the signature of {when} is not valid (the signed head was altered)"
            elif signature.entry_count > newest:
                yield (f"the head signed at {when} covers {signature.entry_count} entries but "
                       f"the chain holds {newest}: its newest entries were removed")
            elif _hash_at(signature.entry_count, by_seq, runs) not in (
                    signature.chain_head, PURGED_ENTRY):
                yield (f"the head signed at {when} (entry {signature.entry_count}) is not the "
                       "chain's: an entry at or before it was changed since")
            else:
                signed_up_to = max(signed_up_to, signature.entry_count)
        for entry in entries:
            content = entry.content
            if content["kind"] == EVENT and content["type"] == PURGED and \
                    content["seq"] > signed_up_to:
                yield (f"{entry_name(content)} records a purge the center never signed (it "
                       "was added to the chain by hand)")

    def _sessions(self) -> Iterator[tuple[str, int, str | None, Any]]:
        with self._uow.read() as s:
            rows = s.execute(select(ProctorSession.id, ProctorSession.chain_length,
                                    ProctorSession.chain_head, ProctorSession.media_purged_at)
                             .order_by(ProctorSession.started_at, ProctorSession.id)).all()
        yield from (tuple(row) for row in rows)  # type: ignore[misc]

    @staticmethod
    def _unchained(s: Session, session_id: str) -> list[str]:
        names = [f"snapshot {snapshot_id}" for snapshot_id in s.scalars(
            select(Snapshot.id).where(Snapshot.session_id == session_id,
                                      Snapshot.chain_seq.is_(None)))]
        names += [f"event {event_id} ({event_type})" for event_id, event_type in s.execute(
            select(ProctorEvent.id, ProctorEvent.type).where(
                ProctorEvent.session_id == session_id, ProctorEvent.chain_seq.is_(None)))]
        return names

    def _files(self, entries: list[ChainEntry]) -> Iterator[str]:
        for entry in entries:
            if entry.content["kind"] != SNAPSHOT or entry.path is None:
                continue
            name = f"snapshot {entry.content['snapshot_id']}"
            try:
                data = self._media.resolve(entry.path).read_bytes()
            except (OSError, ValueError):
                yield f"{name}: its image {entry.path} is missing"
                continue
            recorded = entry.content["sha256"]
            if recorded is not None and hashlib.sha256(data).hexdigest() != recorded:
                yield (f"{name}: its image {entry.path} was changed (its SHA-256 is not the "
                       "one recorded at ingest)")

    # ---- the appeal bundle -----------------------------------------------------------------
    def write_bundle(self, session_id: str, out: BinaryIO) -> BundleHead:
        """Write the session's appeal bundle (``core.services.evidence_bundle``), signed now, to
        ``out`` one file at a time (one image in memory at a time). Raises ``SessionNotFound``
        before writing anything."""
        if self.key is None:
            raise RuntimeError("the center has no evidence key")
        with self._uow.read() as s:
            session = load_session_dto(s, session_id)
            if session is None:
                raise SessionNotFound(session_id)
            chain = session_chain(s, session_id)
        images = [(entry.content["snapshot_id"], partial(self._read_media, entry.path))
                  for entry in chain if entry.content["kind"] == SNAPSHOT and entry.path]
        flagged = (f"yes, by {session.flagged_by}: {session.flag_reason}"
                   if session.is_flagged else "no")
        summary = [
            ("Candidate", f"{session.candidate_name} ({session.candidate_ref})"),
            ("Exam", session.exam_title), ("Seat", session.seat or "not given"),
            ("Session", session.session_id), ("Status", session.status),
            ("Started", f"{session.started_at:%Y-%m-%d %H:%M:%S} UTC"),
            ("Ended", f"{session.ended_at:%Y-%m-%d %H:%M:%S} UTC" if session.ended_at
             else "still running"),
            ("Risk", f"{session.risk_score} ({session.risk_level})"), ("Flagged", flagged),
            ("Snapshots", str(session.snapshot_count)),
        ]
        source = BundleInput(
            session_id, summary, [(e.content, e.chain_hash) for e in chain], images,
            [signature_record(sig.session_id, sig.entry_count, sig.chain_head, sig.signed_at,
                              sig.key_sha256, sig.signature)
             for sig in self.signatures(session_id)],
            self.key.public_pem(), self.key.fingerprint)
        return write_bundle(source, out, self.key.sign, self._clock.now())

    def bundle_file(self, session_id: str) -> BinaryIO:
        """The session's appeal bundle written to an unnamed temporary file beside the media
        (on the evidence's disk, not in memory or a RAM-backed /tmp), open at its start; the
        file is gone when it is closed, or when the process ends."""
        handle = tempfile.TemporaryFile(dir=self._media.root)  # noqa: SIM115 (the caller closes it)
        try:
            self.write_bundle(session_id, handle)
            handle.seek(0)
        except BaseException:
            handle.close()
            raise
        return handle

    def bundle(self, session_id: str) -> bytes:
        """The session's appeal bundle in memory (small sessions and tests; the server and the
        console write it to a file with ``write_bundle``)."""
        buffer = io.BytesIO()
        self.write_bundle(session_id, buffer)
        return buffer.getvalue()

    def _read_media(self, relative: str) -> bytes:
        return self._media.resolve(relative).read_bytes()

    def signatures(self, session_id: str) -> list[EvidenceSignature]:
        with self._uow.read() as s:
            return list(s.scalars(select(EvidenceSignature)
                                  .where(EvidenceSignature.session_id == session_id)
                                  .order_by(EvidenceSignature.entry_count,
                                            EvidenceSignature.id)))
