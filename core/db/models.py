"""Typed ORM models. ORM objects never leave core/services: services return frozen DTOs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC (sortable on SQLite), always returns aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    __table__: ClassVar[Table]  # every model is one plain table (the default says FromClause)


class Exam(Base):
    __tablename__ = "exams"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    duration_seconds: Mapped[int] = mapped_column(Integer)
    proctoring_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    snapshot_interval_seconds: Mapped[int] = mapped_column(Integer, default=30)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Hidden from kiosks' exam list; attempts already running go on.
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Candidate(Base):
    __tablename__ = "candidates"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ref: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Attempt(Base):
    __tablename__ = "attempts"
    __table_args__ = (
        # At most one running attempt per candidate and exam: concurrent starts collapse to one.
        Index(
            "uq_attempts_one_in_progress",
            "exam_id",
            "candidate_id",
            unique=True,
            sqlite_where=text("status = 'in_progress'"),
            postgresql_where=text("status = 'in_progress'"),
        ),
        Index("ix_attempts_status_deadline", "status", "deadline_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exam_id: Mapped[str] = mapped_column(ForeignKey("exams.id"))
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id"))
    status: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    end_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    #: Where the candidate sits (e.g. "B-14"), as the kiosk was told; None when not given.
    seat: Mapped[str | None] = mapped_column(String(40), nullable=True)
    #: The exam system's own id of this attempt (``external_ref`` on start); None when not given.
    external_ref: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: The exam room (e.g. "Hall 2"), from the kiosk's enrolment; None when not given.
    room: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    #: Since when a proctor has paused the attempt (its clock stands still); None when running.
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    paused_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: Seconds the attempt has been paused in all (the deadline moved by them on each resume).
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Seconds proctors added during the exam (extra time).
    added_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Seconds the candidate's accommodation added to the deadline (changed with it).
    accommodation_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Accommodation(Base):
    """What one candidate is granted for one exam (core/domain/accommodations.py), set by the
    administrator before or during the exam; keyed by the candidate's reference, so it may be
    set before the candidate ever started."""

    __tablename__ = "accommodations"
    __table_args__ = (UniqueConstraint("exam_id", "candidate_ref",
                                       name="uq_accommodations_exam_candidate"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exam_id: Mapped[str] = mapped_column(ForeignKey("exams.id"))
    candidate_ref: Mapped[str] = mapped_column(String(100))
    extra_percent: Mapped[int] = mapped_column(Integer, default=0)
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    #: Exempt event types, comma-separated ("" for none).
    exempt: Mapped[str] = mapped_column(String(400), default="")
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProctorSession(Base):
    __tablename__ = "proctor_sessions"
    __table_args__ = (
        # Exactly one session per attempt, whatever its status.
        UniqueConstraint("attempt_id", name="uq_proctor_sessions_attempt"),
        Index("ix_proctor_sessions_status_started", "status", "started_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    attempt_id: Mapped[str] = mapped_column(ForeignKey("attempts.id"))
    status: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Evidence summary kept on the row so the session list is one indexed query.
    snapshot_count: Mapped[int] = mapped_column(Integer, default=0)
    last_snapshot_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    latest_snapshot_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    latest_face_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The kiosk's last word on its camera: camera_denied sets it, camera_restored clears it.
    camera_off: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The last time the attempt's token was used (heartbeats written coarsely, in batches).
    kiosk_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    risk_score: Mapped[int] = mapped_column(Integer, default=0)
    is_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: The actor of the latest flag (a proctor's display name, "admin", a console's desk name).
    flagged_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    flag_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    review_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    review_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    media_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: Snapshots the analysis skipped (it was behind, or the session ended first).
    frames_skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: The session's evidence chain (core/domain/evidence.py): how many entries, the last hash.
    chain_length: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    chain_head: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ProctorEvent(Base):
    __tablename__ = "proctor_events"
    __table_args__ = (Index("ix_proctor_events_session_time", "session_id", "occurred_at"),
                      Index("ix_proctor_events_session_chain", "session_id", "chain_seq"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("proctor_sessions.id"))
    type: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: When the center wrote ``detail`` itself: its code and parameters
    #: (core.domain.event_details), so a client says it in its language; None on older rows and
    #: on details a person or a kiosk wrote. Outside the evidence chain (README: Evidence).
    detail_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    detail_params: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    source: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Who caused it (a person); None on kiosk, analysis and system events.
    actor: Mapped[str | None] = mapped_column(String(100), nullable=True)
    #: Why an upload failed (``upload_failed`` only): center_unreachable, center_error, refused.
    cause: Mapped[str | None] = mapped_column(String(20), nullable=True)
    #: Its place in the session's evidence chain and its hash (set in the transaction that
    #: stores it, by core.services.evidence).
    chain_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ProctorWarning(Base):
    __tablename__ = "proctor_warnings"
    __table_args__ = (Index("ix_proctor_warnings_session", "session_id", "sent_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("proctor_sessions.id"))
    message: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: When a proctor dismissed the alert about it: the candidate may continue.
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Snapshot(Base):
    __tablename__ = "snapshots"
    __table_args__ = (Index("ix_snapshots_session_captured", "session_id", "captured_at"),
                      Index("ix_snapshots_session_chain", "session_id", "chain_seq"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("proctor_sessions.id"))
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(300))
    thumbnail_path: Mapped[str] = mapped_column(String(300))
    face_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    analysis: Mapped[str | None] = mapped_column(String(200), nullable=True)
    analysed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: SHA-256 (hex) of the stored image and of its thumbnail, computed at ingest.
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    thumbnail_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    chain_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Change(Base):
    """One numbered domain event of the change log (core/events/change_log.py), kept a while."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class EvidenceSignature(Base):
    """The center's Ed25519 signature of a session's chain head (core/services/evidence.py):
    made at the session's end and periodically while it runs."""

    __tablename__ = "evidence_signatures"
    __table_args__ = (Index("ix_evidence_signatures_session", "session_id", "entry_count"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    session_id: Mapped[str] = mapped_column(ForeignKey("proctor_sessions.id"))
    entry_count: Mapped[int] = mapped_column(Integer)
    chain_head: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Base64 of the 64-byte signature over ``core.domain.evidence.signed_head``.
    signature: Mapped[str] = mapped_column(String(100))
    #: SHA-256 (hex) of the raw public key that signed.
    key_sha256: Mapped[str] = mapped_column(String(64))


class EnrolmentCode(Base):
    """A one-time kiosk enrolment code (services/enrolment_codes.py), kept only as a keyed hash."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The exam room the enrolled kiosk stands in (given with the code); None when not given.
    room: Mapped[str | None] = mapped_column(String(40), nullable=True)


class Proctor(Base):
    """A proctor's account. The password is kept only as an Argon2 hash."""

    __tablename__ = "proctors"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class ProctorToken(Base):
    """A signed-in proctor's bearer token, stored as its SHA-256 (the token itself never is)."""

    __tablename__ = "proctor_tokens"
    __table_args__ = (Index("ix_proctor_tokens_proctor", "proctor_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    proctor_id: Mapped[str] = mapped_column(ForeignKey("proctors.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SignInAttempt(Base):
    """One sign-in try from a client address, kept for the limits (services/proctors.py): it
    counts as a failure from the moment it is let through until its password is found right,
    so parallel tries cannot pass the limit. Every server process on the database counts them
    together."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_address_time", "address", "tried_at"),
        Index("ix_sign_in_attempts_time", "tried_at"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    address: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(200))
    tried_at: Mapped[datetime] = mapped_column(UTCDateTime)
    is_failure: Mapped[bool] = mapped_column(Boolean)


class WrongEnrolmentCode(Base):
    """One wrong enrolment code from a client address, kept for the limit
    (services/enrolment_codes.py), shared by every server process and kept across restarts."""

    __tablename__ = "wrong_enrolment_codes"
    __table_args__ = (
        Index("ix_wrong_enrolment_codes_address_time", "address", "tried_at"),
        Index("ix_wrong_enrolment_codes_time", "tried_at"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    address: Mapped[str] = mapped_column(String(64))
    tried_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Webhook(Base):
    """An endpoint of the exam system that hears what happened (services/webhooks.py).

    Its signing secret must be read back to sign each delivery, so it cannot be hashed: it is
    kept sealed (AES-GCM under a key derived from the center's token secret, which lives in
    ``keys.json``, not in the database), so a copy of the database alone yields no secret."""

    __tablename__ = "webhooks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    #: The event types it hears, comma-separated (``attempt.started,session.flagged``).
    events: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sealed_secret: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WebhookDelivery(Base):
    """One event for one webhook: the outbox row, queued in the transaction of the change it
    reports and sent by the delivery job (core/jobs/webhook_sender.py). A webhook's deliveries
    of one attempt (and so of its one session) go in ``id`` order: a later one waits while an
    earlier one is pending."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("webhook_id", "event_id", name="uq_webhook_deliveries_event"),
        Index("ix_webhook_deliveries_due", "status", "next_try_at"),
        Index("ix_webhook_deliveries_order", "webhook_id", "attempt_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    event_id: Mapped[str] = mapped_column(String(36))
    webhook_id: Mapped[str] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    attempt_id: Mapped[str] = mapped_column(String(36))
    session_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    type: Mapped[str] = mapped_column(String(40))
    #: The JSON body exactly as it is sent (and signed).
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    #: When it may be sent next; a sender that claims it moves this past its own try (a lease),
    #: so a process that dies mid-try leaves it to be tried again. None once it is settled.
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Retries go on for at least a day from here (the queueing, or the last redelivery).
    retrying_since: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class IntegrationKey(Base):
    """A named key of an exam system (services/integration_keys.py), kept only as its SHA-256."""

    __tablename__ = "integration_keys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LtiPlatform(Base):
    """An exam platform registered as an LTI 1.3 platform (services/lti.py): where its keys,
    sign-in and tokens are, and the exam its proctored launches start when the link names none."""

    __tablename__ = "lti_platforms"
    __table_args__ = (UniqueConstraint("issuer", "client_id", name="uq_lti_platforms_client"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    issuer: Mapped[str] = mapped_column(String(300))
    client_id: Mapped[str] = mapped_column(String(200))
    deployment_id: Mapped[str] = mapped_column(String(200))
    jwks_url: Mapped[str] = mapped_column(String(2000))
    auth_url: Mapped[str] = mapped_column(String(2000))
    token_url: Mapped[str] = mapped_column(String(2000))
    exam_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LtiLogin(Base):
    """One OIDC login initiation: its state and nonce, used once by the launch that follows."""

    __tablename__ = "lti_logins"
    __table_args__ = (Index("ix_lti_logins_created", "created_at"),)

    state: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    platform_id: Mapped[str] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LtiLink(Base):
    """The platform's attempt (resource link, user, attempt number) that started one of ours,
    with its Assessment Control Service when the platform offers one."""

    __tablename__ = "lti_links"
    __table_args__ = (UniqueConstraint("platform_id", "resource_link_id", "user_sub",
                                       "attempt_number", name="uq_lti_links_attempt"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    platform_id: Mapped[str] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    attempt_id: Mapped[str] = mapped_column(ForeignKey("attempts.id"), unique=True)
    resource_link_id: Mapped[str] = mapped_column(String(255))
    user_sub: Mapped[str] = mapped_column(String(255))
    attempt_number: Mapped[str] = mapped_column(String(40))
    session_data: Mapped[str | None] = mapped_column(Text, nullable=True)
    acs_url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    #: The control actions the platform accepts, comma-separated (``flag,terminate``).
    acs_actions: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LtiControl(Base):
    """A control message for the platform's Assessment Control Service (flag, terminate, pause,
    resume, update): the outbox row, queued in the transaction of the proctor's action and sent
    by a job. An update carries the extra time in ``extra_seconds``."""

    __tablename__ = "lti_controls"
    __table_args__ = (Index("ix_lti_controls_due", "status", "next_try_at"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    link_id: Mapped[str] = mapped_column(ForeignKey("lti_links.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20))
    extra_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    incident_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
