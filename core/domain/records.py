"""The records: frozen dataclasses, one per shape. They leave the core's services, cross the wire
as they are (the API's response models, ``core/api/reference.md``) and are what both clients
read the API's answers back into (``core.client.read_record``). A field added here reaches the
wire and both clients; ``tests/core/api/test_records_on_the_wire.py`` keeps it so.

Pure: the standard library and typing only. A field's docstring is its description in the API
reference (pydantic reads ``__pydantic_config__``, a plain dict, when it meets a record)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, ClassVar, Literal

from core.domain.enums import RiskLevel
from core.domain.lifecycle import remaining_seconds
from core.domain.storage import StorageLevel, StorageStatus

#: How pydantic (FastAPI's response models, the clients' reader) sees every record: field
#: descriptions from attribute docstrings; in the answers' schema every field is required,
#: since the server always sends it, defaults included.
RECORD_CONFIG: dict[str, Any] = {
    "use_attribute_docstrings": True,
    "json_schema_serialization_defaults_required": True,
}


class Record:
    """Base of the records: only the shared configuration, no field and no behaviour."""

    __pydantic_config__: ClassVar[dict[str, Any]] = RECORD_CONFIG


@dataclass(frozen=True)
class StorageStats(Record):
    """How many files the media root holds and their size in bytes."""

    files: int
    bytes: int


@dataclass(frozen=True)
class StorageReport(StorageStats):
    """The media storage: its files (``StorageStats``) and the file system's free space."""

    free_bytes: int
    """free space on the file system of the media root"""
    total_bytes: int
    level: StorageLevel
    """low under 1 GiB or 5 % free, full under 16 MiB free"""

    @classmethod
    def of(cls, stats: StorageStats, status: StorageStatus) -> StorageReport:
        return cls(stats.files, stats.bytes, status.free_bytes, status.total_bytes, status.level)


@dataclass(frozen=True)
class Health(Record):
    status: Literal["ok", "degraded"]
    """degraded (with 503) while the database does not answer"""
    version: str
    database: Literal["ok", "unreachable"] = "ok"


@dataclass(frozen=True)
class EventCreated(Record):
    event_id: str


@dataclass(frozen=True)
class WarningCreated(Record):
    warning_id: str


@dataclass(frozen=True)
class ExamDTO(Record):
    exam_id: str
    title: str
    duration_seconds: int
    proctoring_enabled: bool
    snapshot_interval_seconds: int
    created_at: datetime
    is_archived: bool = False
    """Hidden from kiosks' exam list; attempts already running go on."""
    attempt_count: int = 0
    """Attempts ever started (any status); once there is one, only the title may change."""


@dataclass(frozen=True)
class StartedAttempt(Record):
    """The answer to starting (or resuming) an attempt: its id, its token and its deadline."""

    attempt_id: str
    token: str
    status: str
    started_at: datetime
    deadline_at: datetime
    snapshot_interval_seconds: int
    proctor_session_id: str | None
    exam_id: str
    exam_title: str
    is_new: bool
    """False when the server resumed this candidate's attempt in progress (200, not 201)."""
    seat: str | None = None
    external_ref: str | None = None
    """The exam system's own id of this attempt, as given on start; null when none was."""
    room: str | None = None
    """The exam room, as the kiosk was enrolled (at most 40 characters); null when none."""

    @property
    def is_proctored(self) -> bool:
        return self.proctor_session_id is not None

    def time_left(self, now: datetime) -> int:
        """Whole seconds left at ``now``, by the one rule of the core (rounded up)."""
        return remaining_seconds(self.status, self.deadline_at, now)


@dataclass(frozen=True)
class WarningDTO(Record):
    """A proctor's message to the candidate (``acknowledged_at`` None until they confirm)."""

    warning_id: str
    message: str
    sent_at: datetime
    acknowledged_at: datetime | None
    cleared_at: datetime | None = None
    """When a proctor dismissed the alert about this warning (dealt with: the kiosk tells the
    candidate they may continue); null until then."""


@dataclass(frozen=True)
class AttemptState(Record):
    """The attempt as the kiosk's heartbeat (and submit, force-end) sees it."""

    attempt_id: str
    exam_id: str
    exam_title: str
    candidate_ref: str
    candidate_name: str
    status: str
    started_at: datetime
    deadline_at: datetime
    ended_at: datetime | None
    remaining_seconds: int
    """What the server computed when it answered."""
    snapshot_interval_seconds: int
    proctor_session_id: str | None
    proctor_session_status: str | None
    warnings: tuple[WarningDTO, ...]
    seat: str | None = None
    external_ref: str | None = None
    """The exam system's own id of this attempt, as given on start; null when none was."""
    room: str | None = None
    """The exam room, as the kiosk was enrolled; null when none."""
    paused: bool = False
    """A proctor paused the attempt: its clock stands still (``remaining_seconds`` does not
    fall) until it is resumed, when ``deadline_at`` moves by the paused time."""
    paused_reason: str | None = None
    """The proctor's reason for the pause, to show the candidate; null when not paused."""
    paused_at: datetime | None = None
    """When the pause began; null when not paused."""

    @property
    def is_in_progress(self) -> bool:
        return self.status == "in_progress"

    @property
    def open_warnings(self) -> tuple[WarningDTO, ...]:
        return tuple(w for w in self.warnings if w.acknowledged_at is None)

    def time_left(self, now: datetime) -> int:
        """Whole seconds left at ``now``, by the one rule of the core (rounded up); while
        paused, what was left when the pause began."""
        return remaining_seconds(self.status, self.deadline_at, now, self.paused_at)


@dataclass(frozen=True)
class SessionDTO(Record):
    """A proctor session as the proctor's lists show it."""

    session_id: str
    attempt_id: str
    candidate_name: str
    candidate_ref: str
    exam_id: str
    exam_title: str
    status: str
    attempt_status: str
    started_at: datetime
    ended_at: datetime | None
    deadline_at: datetime
    snapshot_interval_seconds: int
    snapshot_count: int
    last_snapshot_at: datetime | None
    latest_snapshot_id: str | None
    latest_face_count: int | None
    risk_score: int
    """0 to 100"""
    risk_level: RiskLevel
    is_flagged: bool
    flag_reason: str | None
    flag_note: str | None
    review_outcome: str | None
    review_note: str | None
    reviewed_at: datetime | None
    is_sample: bool = False
    camera_off: bool = False
    """The kiosk reported its camera unavailable, and since then neither has it reported it back
    nor has a snapshot captured after the report arrived (a frame proves the camera works)."""
    warning_sent_at: datetime | None = None
    """When the latest proctor warning to this session was sent."""
    warning_acknowledged_at: datetime | None = None
    """When the candidate acknowledged the latest warning."""
    kiosk_closed_at: datetime | None = None
    """When the center heard the kiosk say its window was closed mid-exam; null once it sent a
    snapshot again."""
    seat: str | None = None
    """Where the candidate sits, as the kiosk said; null when not given."""
    flagged_by: str | None = None
    """The actor of the flag (who flagged the session last); null when it is not flagged."""
    kiosk_seen_at: datetime | None = None
    """The last time the attempt's token was used for anything (heartbeat, upload, event,
    submit): null before the first call. Heartbeats are recorded coarsely (within a few
    seconds). Every console judges "kiosk offline" from it by one rule, whatever the camera
    does."""
    frames_skipped: int = 0
    """Snapshots stored but not analysed because the center's analysis was behind (each
    session's newest frame goes first, so these are older frames) or the session ended first."""
    external_ref: str | None = None
    """The exam system's own id of the attempt, as given on start; null when none was."""
    room: str | None = None
    """The exam room the candidate's kiosk was enrolled in; null when none."""
    paused: bool = False
    """A proctor paused the attempt (its clock stands still); false once resumed or ended."""
    paused_reason: str | None = None
    """Why it was paused; null when not paused."""
    paused_at: datetime | None = None
    """When the pause began; null when not paused."""
    paused_seconds: int = 0
    """Seconds the attempt was paused in all, the running pause not included."""
    added_seconds: int = 0
    """Seconds proctors added during the exam (extra time)."""
    accommodation: str | None = None
    """The candidate's accommodation for this exam as a short text (``+25 % time``); null when
    none."""
    accommodation_percent: int = 0
    """The accommodation's extra time as a percentage of the exam's duration (0 when none): with
    ``accommodation_minutes``, ``accommodation_exempt`` and ``accommodation_note``, the parts a
    client says ``accommodation`` from in its own language."""
    accommodation_minutes: int = 0
    """The accommodation's extra time in whole minutes (0 when none)."""
    accommodation_seconds: int = 0
    """Seconds the accommodation added to this attempt's time."""
    accommodation_exempt: tuple[str, ...] = ()
    """Event types that do not weigh on this candidate's risk (the accommodation's)."""
    accommodation_note: str | None = None
    accommodation_by: str | None = None
    """Who set the accommodation (a proctor's display name or "admin")."""

    def time_left(self, now: datetime) -> int:
        """Whole seconds left at ``now``, by the one rule of the core; while paused, what was
        left when the pause began."""
        return remaining_seconds(self.attempt_status, self.deadline_at, now, self.paused_at)


@dataclass(frozen=True)
class AccommodationDTO(Record):
    """What one candidate is granted for one exam."""

    exam_id: str
    candidate_ref: str
    extra_percent: int
    extra_minutes: int
    exempt: tuple[str, ...]
    """Event types that do not weigh on this candidate's risk."""
    note: str | None
    set_by: str
    """Who set it (a proctor's display name or "admin")."""
    set_at: datetime
    accommodation: str | None
    """The short text sessions carry (``+25 % time``)."""
    attempts_changed: int = 0
    """Running attempts whose deadline moved (or risk was judged again) with this change."""


@dataclass(frozen=True)
class EventDTO(Record):
    event_id: str
    session_id: str
    type: str
    detail: str | None
    occurred_at: datetime
    source: str
    actor: str | None = None
    """Who caused it (a proctor, "admin", a desk); null on kiosk, analysis and system events."""
    cause: str | None = None
    """Why an ``upload_failed`` happened: ``center_unreachable`` or ``center_error`` (the
    center's own problems, never weighed against the candidate) or ``refused`` (the center
    answered 4xx; an ``upload_failed`` sent without a cause is stored as ``refused``); null on
    every other type."""
    detail_code: str | None = None
    """When the center wrote ``detail`` itself: the code of its template
    (core/domain/event_details.py), which a client says in its own language with
    ``detail_params``; on a kiosk's event, the code the kiosk sent with its sentence (the
    kiosk's templates); null on a detail a person wrote and on events recorded before codes
    existed. A client shows ``detail`` for a code it does not know. Not covered
    by the evidence chain: ``detail`` is the record (README: Evidence)."""
    detail_params: dict[str, Any] | None = None
    """With ``detail_code``: the values its template names; times as ISO 8601 UTC (names
    ending ``_at``), durations in whole seconds (names ending ``_seconds``), numbers as
    numbers."""


@dataclass(frozen=True, kw_only=True)
class SessionDetail(SessionDTO):
    """A session (its fields, flat) with its timeline (newest first) and its warnings."""

    events: tuple[EventDTO, ...]
    warnings: tuple[WarningDTO, ...]
    chain_length: int = 0
    """The position of the newest entry of the session's evidence chain (README: Evidence)."""
    chain_head: str | None = None
    """The hash of that entry (64 hex digits): what the session's appeal bundle signs and
    ``proctor-verify`` prints; null from a center that keeps no chain."""
    evidence_key_sha256: str | None = None
    """The fingerprint of the center's evidence key that signs the chain (64 hex digits)."""

    @classmethod
    def of(cls, session: SessionDTO, events: tuple[EventDTO, ...],
           warnings: tuple[WarningDTO, ...], chain_length: int = 0,
           chain_head: str | None = None,
           evidence_key_sha256: str | None = None) -> SessionDetail:
        return cls(**_values(session, SessionDTO), events=events, warnings=warnings,
                   chain_length=chain_length, chain_head=chain_head,
                   evidence_key_sha256=evidence_key_sha256)

    @property
    def session(self) -> SessionDTO:
        """The session's own record, without the timeline and the warnings."""
        return SessionDTO(**_values(self, SessionDTO))


def _values(record: object, cls: type[Any]) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(cls)}


@dataclass(frozen=True)
class SnapshotDTO(Record):
    snapshot_id: str
    session_id: str
    captured_at: datetime
    received_at: datetime
    width: int
    height: int
    size_bytes: int
    face_count: int | None = None
    analysis: str | None = None
    analysed_at: datetime | None = None
    """When the center's analysis looked at it; null until then (or when it was skipped)."""
    sha256: str | None = None
    """SHA-256 (hex) of the stored image bytes, computed at ingest; null only for snapshots
    stored before digests existed."""


@dataclass(frozen=True)
class RecordedSnapshot:
    snapshot: SnapshotDTO
    is_new: bool


@dataclass(frozen=True)
class RecordedEvent:
    event: EventDTO
    is_new: bool


@dataclass(frozen=True)
class ProctorDTO(Record):
    proctor_id: str
    username: str
    display_name: str
    created_at: datetime
    is_disabled: bool


@dataclass(frozen=True)
class SignedIn(Record):
    token: str
    expires_at: datetime
    proctor: ProctorDTO


@dataclass(frozen=True)
class TokenHolder:
    """Who presented a valid proctor token: the proctor, and the token's stored digest."""

    proctor: ProctorDTO
    token_id: str


@dataclass(frozen=True)
class WebhookDTO(Record):
    """An endpoint of the exam system (never its secret)."""

    webhook_id: str
    url: str
    events: tuple[str, ...]
    """the event types it hears (attempt.started, session.flagged, ...)"""
    description: str | None
    created_at: datetime


@dataclass(frozen=True)
class WebhookCreated(WebhookDTO):
    """A webhook just added, with its signing secret: shown this once."""

    secret: str = ""
    """Keyed HMAC-SHA256 signatures of every delivery (Proctor-Webhook-Signature) use it."""


@dataclass(frozen=True)
class DeliveryDTO(Record):
    """One event for one webhook, and how its delivery goes."""

    delivery_id: str
    event_id: str
    """the receiver dedupes by it (also the Proctor-Webhook-Id header)"""
    type: str
    status: Literal["pending", "delivered", "failed"]
    """pending: waiting for its (next) try; delivered: answered 2xx; failed: no 2xx for at
    least 24 hours of retries (redeliver starts again)"""
    attempts: int
    """tries so far"""
    last_status_code: int | None
    """the receiver's last answer; null before the first try or when it did not answer"""
    next_try_at: datetime | None
    """null once delivered or failed"""
    session_id: str | None = None
    attempt_id: str | None = None
    created_at: datetime | None = None
    delivered_at: datetime | None = None
    last_error: str | None = None
    """what went wrong on the last try, in a sentence (no answer, refused, status)"""


@dataclass(frozen=True)
class IntegrationKeyDTO(Record):
    """A named key of an exam system (never the key itself)."""

    key_id: str
    name: str
    created_at: datetime


@dataclass(frozen=True)
class IntegrationKeyCreated(Record):
    """An integration key just made: the key is shown this once (only its hash is kept)."""

    key_id: str
    name: str
    key: str


@dataclass(frozen=True)
class LtiPlatformDTO(Record):
    """An exam platform registered as an LTI 1.3 platform (LTI Proctoring Services)."""

    platform_id: str
    name: str | None
    issuer: str
    """the platform's ``iss``"""
    client_id: str
    """the id the platform gave this center as its tool"""
    deployment_id: str
    jwks_url: str
    """where the platform publishes its public keys"""
    auth_url: str
    """the platform's OIDC authorization endpoint (the login redirects there)"""
    token_url: str
    """the platform's OAuth 2 token endpoint (for its Assessment Control Service)"""
    exam_id: str | None
    """the exam a launch starts when its link's custom ``exam_id`` names none"""
    created_at: datetime


@dataclass(frozen=True)
class WebhookTestResult(Record):
    """How one signed test event (type ``webhook.test``) sent to a webhook at once fared."""

    webhook_id: str
    event_id: str
    delivered: bool
    """true when the receiver answered 2xx"""
    status_code: int | None
    """the receiver's answer; null when it did not answer"""
    error: str | None
    """what went wrong, in a sentence; null when delivered"""
