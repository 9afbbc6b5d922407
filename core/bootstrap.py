"""build_core(config) -> Core: the one composition root. Nothing is built at import time."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Engine

from core.config import CoreConfig, make_private_sqlite_file
from core.db.engine import UnitOfWork, create_db_engine
from core.db.migrate import upgrade_to_head
from core.domain.clock import Clock, SystemClock
from core.domain.risk import RiskRule
from core.domain.storage import StorageStatus
from core.events.bus import EventBus
from core.events.change_log import ChangeFeed, ChangeLog
from core.jobs.lti_control_sender import LtiControlSender
from core.jobs.serving_loop import ServingLoopWatch
from core.jobs.sweeper import JobClaims, Sweeper
from core.jobs.webhook_sender import WebhookSender
from core.media.store import MediaStore
from core.net.evidence_key import KEYS_DIR, EvidenceKey
from core.net.lti_key import LtiToolKey
from core.net.sealed_secrets import SealedSecrets
from core.services.attempts import AttemptService
from core.services.enrolment_codes import EnrolmentCodeService
from core.services.evidence import EvidenceService
from core.services.exams import ExamService
from core.services.integration_keys import IntegrationKeyService
from core.services.kiosk_contacts import KioskContacts
from core.services.lti import LtiService
from core.services.proctoring import ProctoringService
from core.services.proctors import ProctorService
from core.services.snapshots import SnapshotService
from core.services.tokens import AttemptTokens
from core.services.webhooks import WebhookService

log = logging.getLogger(__name__)


@dataclass
class Core:
    config: CoreConfig
    clock: Clock
    engine: Engine
    bus: EventBus
    media: MediaStore
    risk: RiskRule
    tokens: AttemptTokens
    exams: ExamService
    attempts: AttemptService
    proctoring: ProctoringService
    snapshots: SnapshotService
    sweeper: Sweeper
    changes: ChangeLog
    feed: ChangeFeed
    enrolment: EnrolmentCodeService
    proctors: ProctorService
    #: When each kiosk last used its token: noted in memory, written in batches.
    contacts: KioskContacts
    #: The sessions' evidence chains and signatures, the appeal bundle, the store's check.
    evidence: EvidenceService
    #: Webhooks and their outbox; the sender delivers it from threads of its own.
    webhooks: WebhookService
    webhook_sender: WebhookSender
    integration_keys: IntegrationKeyService
    #: LTI 1.3 Proctoring: registered platforms, launches; the sender talks to their ACS.
    lti: LtiService
    lti_sender: LtiControlSender
    analysis: Any = None
    #: How late the event loop serving the API runs (the analysis gives way while it is late).
    serving_loop: ServingLoopWatch = field(default_factory=ServingLoopWatch)
    _closed: bool = field(default=False, repr=False)

    def start_background_jobs(self) -> None:
        self.feed.start()
        self.sweeper.start()
        self.contacts.start()
        self.webhook_sender.start()
        self.lti_sender.start()
        if self.analysis is not None:
            self.analysis.start()

    def storage_status(self) -> StorageStatus:
        """Free and total space where the media lives, and whether that is low or full."""
        return self.media.storage_status()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.sweeper.stop()
        self.webhook_sender.stop()
        self.lti_sender.stop()
        self.contacts.stop()  # writes the contacts it holds
        self.snapshots.close()  # stores what was submitted; its events still reach analysis
        if self.analysis is not None:
            self.analysis.stop()
        self.feed.stop()
        self.engine.dispose()


def build_core(
    config: CoreConfig, clock: Clock | None = None, *, analysis: bool | None = None
) -> Core:
    make_private_sqlite_file(config.database_url)
    engine = create_db_engine(config.database_url)
    upgrade_to_head(engine)
    return assemble_core(config, engine, clock, analysis=analysis)


def assemble_core(
    config: CoreConfig, engine: Engine, clock: Clock | None = None, *,
    analysis: bool | None = None
) -> Core:
    """The core's parts wired on ``engine``, a database already at the schema's head (tests
    give an in-memory one)."""
    clock = clock or SystemClock()
    bus = EventBus()
    changes = ChangeLog(engine, clock)
    uow = UnitOfWork(engine, bus.publish, changes.record)
    risk = RiskRule(config.risk_weights)
    tokens = AttemptTokens(config.token_secret)
    media = MediaStore(config.media_root, config.max_upload_bytes, config.max_image_side)
    contacts = KioskContacts(uow, clock)
    attempts = AttemptService(uow, clock, tokens, risk, contacts)
    snapshots = SnapshotService(uow, clock, media, attempts, risk)
    evidence = EvidenceService(uow, media, clock,
                               EvidenceKey.load_or_create(config.data_dir / KEYS_DIR))
    webhooks = WebhookService(uow, clock, SealedSecrets(config.token_secret))
    lti = LtiService(uow, clock, attempts, LtiToolKey.load_or_create(config.data_dir / KEYS_DIR))
    core = Core(
        config=config,
        clock=clock,
        engine=engine,
        bus=bus,
        media=media,
        risk=risk,
        tokens=tokens,
        exams=ExamService(uow, clock),
        attempts=attempts,
        proctoring=ProctoringService(
            uow, clock, risk, attempts.expire_overdue, samples_enabled=config.samples_enabled,
            evidence_key_sha256=evidence.key.fingerprint if evidence.key else None),
        snapshots=snapshots,
        sweeper=Sweeper(attempts, snapshots, config.sweep_seconds, config.retention_days,
                        config.orphan_grace_seconds, media=media,
                        temp_grace_seconds=config.temp_grace_seconds, claims=JobClaims(engine),
                        prune_changes=partial(prune_in_write_turn, uow, changes),
                        sign_heads=evidence.sign_running_heads),
        changes=changes,
        feed=ChangeFeed(changes, bus),
        enrolment=EnrolmentCodeService(uow, clock, config.token_secret),
        proctors=ProctorService(uow, clock, config.proctor_token_hours),
        contacts=contacts,
        evidence=evidence,
        webhooks=webhooks,
        webhook_sender=WebhookSender(webhooks, clock, bus=bus),
        integration_keys=IntegrationKeyService(uow, clock),
        lti=lti,
        lti_sender=LtiControlSender(lti, lti.tool_key, clock, bus=bus),
    )
    if config.analysis_enabled if analysis is None else analysis:
        core.analysis = _build_analysis(core)
    return core


def prune_in_write_turn(uow: UnitOfWork, changes: ChangeLog) -> int:
    """The sweeper's pruning of the change log, as one of the unit of work's writes. In a
    transaction of its own it met the others in SQLite's busy wait, which sleeps in growing
    steps: it once waited 1.9 s at 1,000 kiosks, and while it held the lock the snapshot
    writer's commits slept there too."""
    with uow.write() as ws:
        return changes.prune(session=ws.session)


def _build_analysis(core: Core) -> Any:
    """Frame analysis is optional at run time: when it cannot work, say why and go on."""
    try:
        from core.jobs.analysis import AnalysisUnavailable, FrameAnalysis
    except ImportError as exc:
        missing = f"the module {exc.name!r}" if exc.name else "a module it needs"
        log.warning("frame analysis is off: %s could not be imported (%s)", missing, exc)
        return None
    try:
        config = core.config
        return FrameAnalysis.attach(core.bus, core.snapshots, serving_loop=core.serving_loop,
                                    workers=config.analysis_workers,
                                    queue_size=config.analysis_queue_size,
                                    confirm_frames=config.analysis_confirm_frames,
                                    processes=config.analysis_processes)
    except AnalysisUnavailable as exc:
        log.warning("frame analysis is off: %s", exc)
        return None
