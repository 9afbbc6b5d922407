"""The appeal bundle: one session's evidence in a zip anyone can check offline, and its check.

A bundle holds:

- ``snapshots/<snapshot_id>.jpg``: every stored image, byte for byte;
- ``events.json``: the session's events in chain order, each with its ``chain_seq`` and
  ``chain_hash`` (times as the chain writes them, ``YYYY-MM-DDTHH:MM:SS.ffffffZ``);
- ``report.pdf``: the session and its timeline for people, naming the chain's head and the
  evidence key (a plain page drawn by Pillow: the server has no Qt);
- ``center-key.pem``: the center's Ed25519 public key;
- ``manifest.json``: every other file's SHA-256, the whole chain (each entry's position, kind,
  id and hash; a snapshot entry with its canonical content) and the signatures the center made
  of this chain's heads while the session ran and when it ended;
- ``signature.json``: ``{session_id, entry_count, chain_head, manifest_sha256, signed_at,
  key_sha256, algorithm, signature}``, the signature (Ed25519, base64) over the canonical JSON
  (``core.domain.evidence.canonical_json``) of the other fields, made when the bundle is made.

``verify_bundle`` checks all of it with nothing but the bundle (and, to pin the center, the
key's fingerprint) and names every file or event that does not hold."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, BinaryIO

from PIL import Image, ImageDraw, ImageFont

from core.domain.evidence import (
    EVENT,
    GENESIS,
    PURGED,
    SNAPSHOT,
    SNAPSHOT_FIELDS,
    bridge_gap,
    canonical_json,
    canonical_time,
    chain_hash,
    event_content,
    purge_sentence,
    purged_runs,
    signed_head,
)
from core.net.evidence_key import ALGORITHM, fingerprint, is_valid, public_key_from_pem

FORMAT = "proctor-evidence-bundle/1"
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
EVENTS = "events.json"
REPORT = "report.pdf"
CENTER_KEY = "center-key.pem"
SIGNED_FIELDS = ("session_id", "entry_count", "chain_head", "manifest_sha256", "signed_at",
                 "key_sha256", "algorithm")
EVENT_KEYS = ("event_id", "session_id", "type", "detail", "source", "occurred_at",
              "recorded_at", "actor", "cause")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot_file(snapshot_id: str) -> str:
    return f"snapshots/{snapshot_id}.jpg"


# ---- making a bundle -----------------------------------------------------------------------------
@dataclass(frozen=True)
class BundleInput:
    """What the evidence service gathers for one session's bundle."""

    session_id: str
    summary: Sequence[tuple[str, str]]
    """(label, value) lines that head the report"""
    chain: Sequence[tuple[Mapping[str, Any], str]]
    """(canonical content, hash) in chain order"""
    images: Sequence[tuple[str, Callable[[], bytes]]]
    """(snapshot id, read its stored bytes): read one at a time while the zip is written; an
    image that cannot be read (``OSError``, ``ValueError``) is left out, so whoever checks the
    bundle sees it missing"""
    signatures: Sequence[Mapping[str, Any]]
    public_pem: bytes
    key_sha256: str


@dataclass(frozen=True)
class BundleHead:
    """What a written bundle's ``signature.json`` signs: the chain head and the key."""

    entry_count: int
    chain_head: str
    key_sha256: str


def chain_head_of(chain: Sequence[tuple[Mapping[str, Any], str]]) -> tuple[int, str]:
    """(entry count, head) of a chain as listed: the last entry's position and hash (a chain
    whose oldest snapshots a purge removed is shorter than its last position)."""
    if not chain:
        return 0, GENESIS
    return int(chain[-1][0]["seq"]), chain[-1][1]


def write_bundle(source: BundleInput, out: BinaryIO, sign: Any, now: datetime) -> BundleHead:
    """Write the zip of ``source`` to ``out`` (any writable binary file, seekable or not) one
    entry at a time: the images are read, hashed and written one by one, then the events, the
    key, the report, and last the manifest of their digests and the signature over it, so
    memory holds one image at a time however long the session. ``sign(bytes) -> base64`` is
    the center's key."""
    events = [{**{k: content[k] for k in EVENT_KEYS}, "chain_seq": content["seq"],
               "chain_hash": digest}
              for content, digest in source.chain if content["kind"] == EVENT]
    entries = []
    for content, digest in source.chain:
        entry: dict[str, Any] = {"seq": content["seq"], "kind": content["kind"],
                                 "id": content["snapshot_id" if content["kind"] == SNAPSHOT
                                               else "event_id"], "hash": digest}
        if content["kind"] == SNAPSHOT:
            entry.update({name: content[name] for name in SNAPSHOT_FIELDS})
        else:
            entry["type"] = content["type"]
        entries.append(entry)
    count, head = chain_head_of(source.chain)
    digests: dict[str, str] = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:

        def add(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> None:
            bundle.writestr(name, data, method)
            digests[name] = sha256_hex(data)

        for snapshot_id, read in source.images:
            try:
                image = read()
            except (OSError, ValueError):
                continue  # shows as missing to whoever checks the bundle
            add(snapshot_file(snapshot_id), image, zipfile.ZIP_STORED)
            del image
        add(EVENTS, json.dumps(events, indent=1, ensure_ascii=False).encode("utf-8"))
        add(CENTER_KEY, source.public_pem)
        add(REPORT, report_pdf(source, count, head, now))
        manifest = {
            "format": FORMAT, "session_id": source.session_id, "made_at": canonical_time(now),
            "files": dict(sorted(digests.items())), "chain": entries,
            "signatures": list(source.signatures),
        }
        manifest_bytes = json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8")
        signed = {"session_id": source.session_id, "entry_count": count, "chain_head": head,
                  "manifest_sha256": sha256_hex(manifest_bytes),
                  "signed_at": canonical_time(now), "key_sha256": source.key_sha256,
                  "algorithm": ALGORITHM}
        signed["signature"] = sign(canonical_json(signed))
        bundle.writestr(MANIFEST, manifest_bytes)
        bundle.writestr(SIGNATURE, json.dumps(signed, indent=1).encode("utf-8"))
    return BundleHead(count, head, source.key_sha256)


def build_bundle(source: BundleInput, sign: Any, now: datetime) -> bytes:
    """The zip of ``source`` in memory (``write_bundle`` writes it to a file)."""
    buffer = io.BytesIO()
    write_bundle(source, buffer, sign, now)
    return buffer.getvalue()


PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN = 90
LINE = 26


def report_pdf(source: BundleInput, count: int, head: str, now: datetime) -> bytes:
    """The bundle's report: the session, its chain and key, its timeline; drawn as page
    images and written as a PDF by Pillow (no Qt on the server)."""
    lines: list[tuple[str, int]] = [("Evidence report", 34), ("", 18)]
    lines += [(f"{label}: {value}", 18) for label, value in source.summary]
    lines += [("", 18), ("Evidence chain", 24),
              (f"Evidence chain: {count} entries (snapshots and events, each hashed with "
               "the one before)", 18),
              (f"Chain head: {head}", 16),
              (f"Evidence key: sha256:{source.key_sha256}", 16),
              (f"Bundle made and signed at {canonical_time(now)}", 16),
              ("Check it with: proctor-verify BUNDLE.zip --key sha256:<the center's key>", 16),
              ("", 18), ("Timeline (chain order)", 24)]
    lines += [(text, 15) for text in timeline_lines(source.chain)]
    pages: list[Image.Image] = []
    page, draw, y = _new_page()
    for text, size in lines:
        if y + LINE > PAGE[1] - MARGIN:
            pages.append(page)
            page, draw, y = _new_page()
        draw.text((MARGIN, y), text.replace("\n", " "), fill=0,
                  font=ImageFont.load_default(size=size))
        y += max(LINE, size + 10)
    pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=150.0, save_all=True, append_images=pages[1:],
                  title=f"Evidence report {source.session_id}",
                  # The pages are pictures: the head and key also as text, for a machine.
                  subject=f"Chain head: {head}; evidence key: sha256:{source.key_sha256}")
    return out.getvalue()


def timeline_lines(chain: Sequence[tuple[Mapping[str, Any], str]]) -> list[str]:
    """The report's timeline: each event on its line, and each run of snapshots between two
    events on one line (positions, first and last capture, how many): the manifest lists
    every snapshot and its digest, and the report stays a few pages (and its pages few in
    memory) however many snapshots the session holds."""
    lines: list[str] = []
    run: list[Mapping[str, Any]] = []

    def close_run() -> None:
        if run:
            first, last = run[0], run[-1]
            lines.append(f"{first['seq']:>5}  {first['captured_at'][:19]}  snapshot "
                         f"{first['snapshot_id']}" if len(run) == 1 else
                         f"{first['seq']:>5}-{last['seq']}  {first['captured_at'][:19]} to "
                         f"{last['captured_at'][11:19]}  {len(run)} snapshots")
            run.clear()

    for content, _digest in chain:
        if content["kind"] == SNAPSHOT:
            run.append(content)
            continue
        close_run()
        actor = f" by {content['actor']}" if content.get("actor") else ""
        said = (purge_sentence(content.get("detail")) if content["type"] == PURGED
                else content.get("detail"))
        detail = f": {said}" if said else ""
        lines.append(f"{content['seq']:>5}  {content['occurred_at'][:19]}  "
                     f"{content['type']}{actor}{detail}"[:140])
    close_run()
    return lines


def _new_page() -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
    page = Image.new("L", PAGE, 255)
    return page, ImageDraw.Draw(page), MARGIN


# ---- checking a bundle ---------------------------------------------------------------------------
@dataclass
class BundleCheck:
    snapshots: int = 0
    events: int = 0
    key_sha256: str = ""
    signed_at: str = ""
    entry_count: int = 0
    chain_head: str = ""
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The one line of a bundle that holds; its chain head and key are the ones the
        session's PDF reports state."""
        return (f"verified: {self.snapshots} snapshots, {self.events} events, signed by "
                f"evidence key sha256:{self.key_sha256} at {self.signed_at}; chain head "
                f"{self.chain_head} ({self.entry_count} entries)")


def _name(entry: Mapping[str, Any]) -> str:
    if entry.get("kind") == SNAPSHOT:
        return f"snapshot {entry.get('id')}"
    return f"event {entry.get('id')} ({entry.get('type')})"


def verify_bundle(data: bytes, pinned_key: str | None = None) -> BundleCheck:
    """Check a bundle's every file, its chain and its signatures; ``pinned_key`` (64 hex
    digits) is the evidence key the committee was given for the center."""
    result = BundleCheck()
    problems = result.problems
    try:
        bundle = zipfile.ZipFile(io.BytesIO(data))
        files = {name: bundle.read(name) for name in bundle.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        problems.append(f"the bundle is not a readable zip file ({exc})")
        return result
    missing = [n for n in (MANIFEST, SIGNATURE, CENTER_KEY, EVENTS) if n not in files]
    if missing:
        problems += [f"{name}: missing from the bundle" for name in missing]
        return result
    try:
        manifest = json.loads(files[MANIFEST])
        signed = json.loads(files[SIGNATURE])
        events = json.loads(files[EVENTS])
        public = public_key_from_pem(files[CENTER_KEY])
    except (ValueError, TypeError) as exc:
        problems.append(f"the bundle cannot be read ({exc})")
        return result

    # The key, the bundle's signature, the manifest it signs.
    key_sha256 = fingerprint(public)
    result.key_sha256, result.signed_at = key_sha256, str(signed.get("signed_at"))
    count_signed = signed.get("entry_count")
    result.chain_head = str(signed.get("chain_head"))
    result.entry_count = count_signed if isinstance(count_signed, int) else 0
    if pinned_key is not None and key_sha256 != pinned_key.lower():
        problems.append(f"{CENTER_KEY}: the bundle was signed by evidence key sha256:"
                        f"{key_sha256}, not the key given (sha256:{pinned_key.lower()})")
    if signed.get("key_sha256") != key_sha256:
        problems.append(f"{SIGNATURE}: it names evidence key sha256:{signed.get('key_sha256')}"
                        f", not the bundle's {CENTER_KEY}")
    message = canonical_json({name: signed.get(name) for name in SIGNED_FIELDS})
    if not is_valid(public, str(signed.get("signature", "")), message):
        problems.append(f"{SIGNATURE}: the signature does not match what it signs (the chain "
                        f"head, manifest hash or time was altered, or another key signed it)")
    if sha256_hex(files[MANIFEST]) != signed.get("manifest_sha256"):
        problems.append(f"{MANIFEST}: changed after the bundle was signed")

    # Every file as listed.
    listed: dict[str, str] = manifest.get("files", {})
    chain: list[dict[str, Any]] = manifest.get("chain", [])
    recorded_images = {snapshot_file(e["id"]): e.get("sha256") for e in chain
                       if e.get("kind") == SNAPSHOT}
    for name, digest in listed.items():
        if name not in files:
            problems.append(f"{name}: missing from the bundle (removed)")
        elif name in recorded_images:
            if sha256_hex(files[name]) != recorded_images[name]:
                problems.append(f"{name}: the image was changed (its SHA-256 is not the one "
                                "recorded at ingest)")
        elif sha256_hex(files[name]) != digest:
            problems.append(f"{name}: changed (its SHA-256 is not the one in the manifest)")
    problems += [f"{name}: not listed in the manifest (added)"
                 for name in sorted(set(files) - set(listed) - {MANIFEST, SIGNATURE})]

    # The events as listed against the signed chain.
    by_id = {e.get("event_id"): e for e in events if isinstance(e, dict)}
    chained = [e for e in chain if e.get("kind") == EVENT]
    chained_ids = [e["id"] for e in chained]
    for entry in chained:
        if entry["id"] not in by_id:
            problems.append(f"{EVENTS}: {_name(entry)} is missing (removed)")
    for event in events:
        if isinstance(event, dict) and event.get("event_id") not in set(chained_ids):
            problems.append(f"{EVENTS}: event {event.get('event_id')} ({event.get('type')}) "
                            "is not in the signed chain (inserted)")
    listed_order = [e.get("event_id") for e in events if isinstance(e, dict)
                    and e.get("event_id") in set(chained_ids)]
    expected_order = [i for i in chained_ids if i in set(listed_order)]
    for listed_id, expected_id in zip(listed_order, expected_order, strict=True):
        if listed_id != expected_id:
            event = by_id[listed_id]
            problems.append(f"{EVENTS}: event {listed_id} ({event.get('type')}) is out of "
                            "its place in the chain (reordered)")

    # The chain: each entry's hash from its content and the one before; positions a purge
    # recorded in the chain removed are bridged by the hash it recorded.
    runs = purged_runs({"kind": EVENT, "seq": e.get("chain_seq"), "type": e.get("type"),
                        "detail": e.get("detail")} for e in events
                       if isinstance(e, dict) and e.get("event_id") in set(chained_ids))
    previous, previous_seq = GENESIS, 0
    for entry in chain:
        seq = entry.get("seq")
        if isinstance(seq, int) and seq > previous_seq + 1 and \
                (bridged := bridge_gap(previous_seq, seq, runs)) is not None:
            previous, previous_seq = bridged, seq - 1
        if seq != previous_seq + 1:
            problems.append(f"{MANIFEST}: {_name(entry)} is entry {seq} where entry "
                            f"{previous_seq + 1} belongs" +
                            (" (entries before it were removed, and no purge recorded it)"
                             if isinstance(seq, int) and seq > previous_seq + 1 else ""))
        previous_seq = seq if isinstance(seq, int) else previous_seq + 1
        if entry.get("kind") == SNAPSHOT:
            content = {"kind": SNAPSHOT, "seq": entry.get("seq"),
                       **{name: entry.get(name) for name in SNAPSHOT_FIELDS}}
        else:
            event = by_id.get(entry.get("id"))
            if event is None:
                previous = entry.get("hash", "")
                continue
            content = event_content(int(entry.get("seq", 0)),
                                    **{k: event.get(k) for k in EVENT_KEYS if k != "event_id"},
                                    event_id=event.get("event_id"))
            if event.get("chain_seq") != entry.get("seq") or \
                    event.get("chain_hash") != entry.get("hash"):
                problems.append(f"{EVENTS}: {_name(entry)} carries another place or hash "
                                "than the signed chain's")
        if chain_hash(previous, content) != entry.get("hash"):
            where = EVENTS if entry.get("kind") == EVENT else MANIFEST
            problems.append(f"{where}: {_name(entry)} was edited (its content does not give "
                            "the hash the chain recorded)")
        previous = entry.get("hash", "")
    count, head = ((chain[-1].get("seq"), chain[-1].get("hash")) if chain else (0, GENESIS))
    if (count, head) != (signed.get("entry_count"), signed.get("chain_head")):
        problems.append(f"{SIGNATURE}: the signed chain head ({signed.get('entry_count')} "
                        f"entries) is not the manifest's ({count} entries)")
    by_seq = {e.get("seq"): e.get("hash") for e in chain}
    signed_up_to = 0
    for stored in manifest.get("signatures", []):
        at = stored.get("signed_at")
        n = stored.get("entry_count")
        message = signed_head(manifest.get("session_id", ""), n, stored.get("chain_head"),
                              datetime.fromisoformat(str(at).replace("Z", "+00:00")))
        if stored.get("key_sha256") != key_sha256 or not is_valid(
                public, stored.get("signature", ""), message):
            problems.append(f"{MANIFEST}: the center's signature of {at} does not verify "
                            "with the bundle's key")
        elif not (isinstance(n, int) and isinstance(count, int) and 0 < n <= count and
                  _signed_entry_holds(n, str(stored.get("chain_head")), by_seq, runs)):
            problems.append(f"{MANIFEST}: the head the center signed at {at} ({n} entries) "
                            "is not this chain's")
        else:
            signed_up_to = max(signed_up_to, n)
    problems += [f"{EVENTS}: event {e.get('event_id')} ({PURGED}) records a purge the center "
                 "never signed (it was added by hand)" for e in events
                 if isinstance(e, dict) and e.get("type") == PURGED
                 and e.get("event_id") in set(chained_ids)
                 and not (isinstance(e.get("chain_seq"), int) and e["chain_seq"] <= signed_up_to)]
    result.snapshots = sum(1 for e in chain if e.get("kind") == SNAPSHOT)
    result.events = len(chained)
    return result


def _signed_entry_holds(seq: int, signed: str, by_seq: Mapping[Any, Any],
                        runs: Mapping[int, tuple[int, str, int]]) -> bool:
    """Whether the chain's entry ``seq`` is the one a signature names: its hash, or, for an
    entry a recorded purge removed, the hash the purge kept (the last of a run) or none."""
    if seq in by_seq:
        return bool(by_seq[seq] == signed)
    for first, (last, digest, _at) in runs.items():
        if first <= seq <= last:
            return seq != last or digest == signed
    return False


def signature_record(session_id: str, entry_count: int, chain_head: str, signed_at: datetime,
                     key_sha256: str, signature: str) -> dict[str, Any]:
    """A stored signature as the manifest lists it."""
    return {"entry_count": entry_count, "chain_head": chain_head,
            "signed_at": canonical_time(signed_at.astimezone(UTC)), "key_sha256": key_sha256,
            "signature": signature}
