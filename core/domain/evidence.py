"""Evidence a committee can check: the canonical form of a session's evidence entries and the
math of its hash chain. Pure: the standard library only.

Every evidence-bearing entry of a session (each snapshot, each event of any source) has a
position in its session's chain (``chain_seq``, 1, 2, 3, …) and a hash (``chain_hash``):

    chain_hash(n) = SHA-256( chain_hash(n - 1) + "\\n" + canonical(entry n) )

as lowercase hex, where ``chain_hash(0)`` is 64 zeros and ``+`` joins the UTF-8 bytes. The
canonical form of an entry is its JSON object with keys sorted, no white space
(``separators=(",", ":")``), non-ASCII characters as themselves (UTF-8), times as
``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC, microseconds), and null for a missing value:

- a snapshot: ``{"kind": "snapshot", "seq", "session_id", "snapshot_id", "captured_at",
  "received_at", "width", "height", "size_bytes", "sha256"}`` (``sha256`` of the stored JPEG);
- an event: ``{"kind": "event", "seq", "session_id", "event_id", "type", "detail", "source",
  "occurred_at", "recorded_at", "actor", "cause"}``.

The position is inside the hashed content and every hash covers the one before, so an entry
edited, removed, inserted or moved breaks the chain from that entry on. The chain's head (its
last hash and its length) is what the center's key signs (``signed_head``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
SNAPSHOT = "snapshot"
EVENT = "event"
#: The fields of each kind's canonical content (besides ``kind`` and ``seq``).
SNAPSHOT_FIELDS = ("session_id", "snapshot_id", "captured_at", "received_at", "width", "height",
                   "size_bytes", "sha256")
EVENT_FIELDS = ("session_id", "event_id", "type", "detail", "source", "occurred_at",
                "recorded_at", "actor", "cause")
#: What the signature of a chain head covers (besides the signature itself).
SIGNED_HEAD_FIELDS = ("session_id", "entry_count", "chain_head", "signed_at")


def canonical_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("evidence times are aware UTC datetimes")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(content: Mapping[str, Any]) -> bytes:
    """The one byte form of a JSON object that is hashed or signed."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plain(value: Any) -> Any:
    return canonical_time(value) if isinstance(value, datetime) else value


def snapshot_content(seq: int, **values: Any) -> dict[str, Any]:
    """A snapshot entry's canonical content (``values``: the ``SNAPSHOT_FIELDS``)."""
    return {"kind": SNAPSHOT, "seq": seq,
            **{name: _plain(values.get(name)) for name in SNAPSHOT_FIELDS}}


def event_content(seq: int, **values: Any) -> dict[str, Any]:
    """An event entry's canonical content (``values``: the ``EVENT_FIELDS``)."""
    return {"kind": EVENT, "seq": seq,
            **{name: _plain(values.get(name)) for name in EVENT_FIELDS}}


def entry_content(kind: str, seq: int, values: Mapping[str, Any]) -> dict[str, Any]:
    if kind == SNAPSHOT:
        return snapshot_content(seq, **values)
    if kind == EVENT:
        return event_content(seq, **values)
    raise ValueError(f"unknown evidence entry kind {kind!r}")


def chain_hash(previous: str, content: Mapping[str, Any]) -> str:
    """The hash of an entry: SHA-256 over the previous hash, a newline and its canonical form."""
    return sha256_hex(previous.encode("ascii") + b"\n" + canonical_json(content))


def entry_id(content: Mapping[str, Any]) -> str:
    """The snapshot's or event's id of an entry's content."""
    return str(content.get("snapshot_id") if content.get("kind") == SNAPSHOT
               else content.get("event_id"))


def entry_name(content: Mapping[str, Any]) -> str:
    """How a problem names an entry: ``snapshot <id>`` or ``event <id> (<type>)``."""
    if content.get("kind") == SNAPSHOT:
        return f"snapshot {entry_id(content)}"
    return f"event {entry_id(content)} ({content.get('type')})"


@dataclass(frozen=True)
class ChainProblem:
    """One break found in a chain: the entry where it shows and what is wrong."""

    seq: int
    entry: str
    what: str

    def __str__(self) -> str:
        return f"{self.entry} (entry {self.seq}): {self.what}"


# ---- purges: entries a recorded purge removed ------------------------------------------------
#: The event that records a purge (the retention period deleting a session's snapshots).
PURGED = "media_purged"
#: How a purge event's ``detail`` begins its second line, the record of what it removed.
PURGE_MARK = "removed entries: "


def purge_detail(sentence: str, removed: Iterable[tuple[int, str]], by: str) -> str:
    """A purge event's detail: a sentence for people, then a line ``removed entries: <JSON>``
    naming what was removed and by whom: ``{"by", "entries", "runs"}``, ``runs`` being
    ``[first, last, hash of last]`` for each run of consecutive positions removed. With the
    hash that ended each run, the chain is checked across the gaps: the entry after a run
    must hash from it. The event is itself an entry of the chain, so the record cannot be
    changed without breaking it."""
    runs: list[list[Any]] = []
    count = 0
    for seq, digest in sorted(removed):
        count += 1
        if runs and runs[-1][1] == seq - 1:
            runs[-1][1:] = [seq, digest]
        else:
            runs.append([seq, seq, digest])
    record = {"by": by, "entries": count, "runs": runs}
    return f"{sentence}\n{PURGE_MARK}{canonical_json(record).decode('utf-8')}"


def purge_sentence(detail: str | None) -> str | None:
    """A purge event's detail for people: its sentence, without the record."""
    return detail.split("\n" + PURGE_MARK, 1)[0] if detail is not None else None


def purged_runs(contents: Iterable[Mapping[str, Any]]) -> dict[int, tuple[int, str, int]]:
    """The runs the chain's purge events record as removed: first position -> (last
    position, hash of the last, position of the purge event). A record that cannot be read
    records nothing (the gaps then show as removals)."""
    runs: dict[int, tuple[int, str, int]] = {}
    for content in contents:
        detail = content.get("detail")
        if content.get("kind") != EVENT or content.get("type") != PURGED or \
                not isinstance(detail, str) or "\n" + PURGE_MARK not in detail:
            continue
        try:
            record = json.loads(detail.split("\n" + PURGE_MARK, 1)[1])
            for first, last, digest in record["runs"]:
                if isinstance(first, int) and isinstance(last, int) and first <= last \
                        and isinstance(digest, str):
                    runs[first] = (last, digest, int(content.get("seq") or 0))
        except (ValueError, TypeError, KeyError):
            continue
    return runs


def bridge_gap(previous_seq: int, seq: int, runs: Mapping[int, tuple[int, str, int]]
               ) -> str | None:
    """When every position between ``previous_seq`` and ``seq`` was removed by a recorded
    purge recorded later in the chain, the hash of entry ``seq - 1`` (the one ``seq`` must
    hash from); else None (entries are missing that no purge removed)."""
    position, digest = previous_seq + 1, None
    while position < seq:
        run = runs.get(position)
        if run is None or run[0] >= seq or run[2] <= run[0]:
            return None
        position, digest = run[0] + 1, run[1]
    return digest


def check_chain(entries: Sequence[tuple[Mapping[str, Any], str]]) -> list[ChainProblem]:
    """Check a chain given as (canonical content, stored hash) in the order it is kept.
    Returns one problem per break, naming the entry where it shows: a position that does not
    follow the one before (entries removed before it, or it was inserted or moved), or a hash
    that is not the one its content and the previous entry's hash give (it was edited).
    Positions a purge recorded in the chain removed are no break: the entry after them must
    hash from the hash the purge recorded for the last of them."""
    problems: list[ChainProblem] = []
    previous, previous_seq = GENESIS, 0
    runs = purged_runs(content for content, _stored in entries)
    for content, stored in entries:
        seq = content.get("seq")
        name = entry_name(content)
        where = seq if isinstance(seq, int) else previous_seq + 1
        if isinstance(seq, int) and seq > previous_seq + 1 and \
                (bridged := bridge_gap(previous_seq, seq, runs)) is not None:
            previous, previous_seq = bridged, seq - 1
        if seq != previous_seq + 1:
            problems.append(ChainProblem(where, name, _position_problem(seq, previous_seq)))
        elif chain_hash(previous, content) != stored:
            problems.append(ChainProblem(where, name, "it was changed: its hash is not the one "
                                         "its content and the entry before it give"))
        previous = stored
        previous_seq = seq if isinstance(seq, int) else previous_seq + 1
    return problems


def _position_problem(seq: object, previous_seq: int) -> str:
    expected = previous_seq + 1
    if isinstance(seq, int) and seq > expected:
        missing = (f"entries {expected} to {seq - 1} are" if seq - 1 > expected
                   else f"entry {expected} is")
        return f"{missing} missing before it (removed)"
    if isinstance(seq, int):
        return (f"it says it is entry {seq} but follows entry {previous_seq}: it was "
                "inserted, or moved")
    return "it has no place in the chain (inserted)"


def head_of(entries: Iterable[tuple[Mapping[str, Any], str]]) -> tuple[int, str]:
    """(entry count, last hash) of a chain."""
    count, head = 0, GENESIS
    for _content, stored in entries:
        count, head = count + 1, stored
    return count, head


def signed_head(session_id: str, entry_count: int, chain_head: str,
                signed_at: datetime) -> bytes:
    """The bytes the center's key signs for a chain head."""
    return canonical_json({"session_id": session_id, "entry_count": entry_count,
                           "chain_head": chain_head, "signed_at": canonical_time(signed_at)})


def sort_key(kind: str, at: datetime, entry_type: str | None, identifier: str
             ) -> tuple[datetime, int, str, str]:
    """The order in which entries written in one transaction join the chain: by the time the
    center took them, a snapshot before the events it caused, a session's start before what
    happened at its start (a proctor's readiness override), a session's end last."""
    if kind == SNAPSHOT:
        rank = 0
    else:
        rank = {"session_started": 1, "session_ended": 3}.get(entry_type or "", 2)
    return at, rank, kind, identifier
