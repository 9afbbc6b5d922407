"""Exams: create, list, edit and archive.

Editing: an exam nobody has started may change in every field. Once a candidate has started it,
only its title may change (running and past attempts were started with its duration, snapshot
interval and proctoring, and their evidence is read against them); another change is refused
with a sentence that says so. Archiving hides an exam from kiosks' list; attempts already in
progress go on, and an archived exam may be restored."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.sql.selectable import ScalarSelect

from core.db.engine import UnitOfWork
from core.db.models import Attempt, Exam
from core.domain.clock import Clock
from core.domain.domain_events import ExamsChanged
from core.domain.errors import Conflict, ExamNotFound, InvalidInput
from core.domain.messages import EXAM_FIELD_WORDS
from core.domain.records import ExamDTO
from core.services.records import new_id

MAX_TITLE_LENGTH = 200
MAX_DURATION_SECONDS = 7 * 24 * 3600
MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS = 2, 3600


class ExamAlreadyStarted(Conflict):
    """Only the title of an exam with attempts may change (HTTP 409)."""

    def __init__(self, title: str, attempt_count: int, fields: list[str]) -> None:
        """``fields``: the names of the fields that may not change (a parameter for machines)."""
        params = {"title": title, "fields": ",".join(fields)}
        if attempt_count == 1:
            super().__init__(code="exam_already_started_one", params=params)
        else:
            super().__init__(code="exam_already_started",
                             params={**params, "count": attempt_count})


class ExamArchived(Conflict):
    """A kiosk tried to start an archived exam (HTTP 409)."""

    def __init__(self, title: str) -> None:
        super().__init__(code="exam_archived", params={"title": title})


@dataclass(frozen=True)
class ExamChanges:
    """What an edit asks for; None leaves a field as it is."""

    title: str | None = None
    duration_seconds: int | None = None
    proctoring_enabled: bool | None = None
    snapshot_interval_seconds: int | None = None


FIELD_WORDS = EXAM_FIELD_WORDS


def locked_fields(exam: ExamDTO, changes: ExamChanges) -> list[str]:
    """The fields ``changes`` would change that an exam with attempts must keep (their names);
    empty when the edit is allowed."""
    if exam.attempt_count == 0:
        return []
    return [name for name in FIELD_WORDS
            if (wanted := getattr(changes, name)) is not None and wanted != getattr(exam, name)]


class ExamService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def create_exam(
        self,
        title: str,
        duration_seconds: int,
        proctoring_enabled: bool = True,
        snapshot_interval_seconds: int = 30,
    ) -> ExamDTO:
        exam = Exam(
            id=new_id(),
            title=_valid_title(title),
            duration_seconds=_valid_duration(duration_seconds),
            proctoring_enabled=proctoring_enabled,
            snapshot_interval_seconds=_valid_interval(snapshot_interval_seconds),
            created_at=self._clock.now(),
            is_archived=False,
        )
        with self._uow.write() as ws:
            ws.add(exam)
            ws.emit(ExamsChanged(exam.id))
        return _to_dto(exam, 0)

    def list_exams(self, include_archived: bool = False) -> list[ExamDTO]:
        """Newest first. Kiosks see only exams that are not archived."""
        with self._uow.read() as s:
            query = (
                select(Exam, _attempt_count())
                .order_by(Exam.created_at.desc(), Exam.title)
            )
            if not include_archived:
                query = query.where(Exam.is_archived.is_(False))
            return [_to_dto(exam, count) for exam, count in s.execute(query).all()]

    def get_exam(self, exam_id: str) -> ExamDTO:
        with self._uow.read() as s:
            row = s.execute(select(Exam, _attempt_count()).where(Exam.id == exam_id)).first()
            if row is None:
                raise ExamNotFound(exam_id)
            return _to_dto(row[0], row[1])

    def update_exam(self, exam_id: str, changes: ExamChanges) -> ExamDTO:
        """Apply the given fields. Refused (ExamAlreadyStarted) when candidates have started the
        exam and anything but the title would change; nothing is changed then."""
        title = None if changes.title is None else _valid_title(changes.title)
        if changes.duration_seconds is not None:
            _valid_duration(changes.duration_seconds)
        if changes.snapshot_interval_seconds is not None:
            _valid_interval(changes.snapshot_interval_seconds)
        with self._uow.write() as ws:
            exam = ws.get(Exam, exam_id)
            if exam is None:
                raise ExamNotFound(exam_id)
            count = ws.scalar(select(func.count()).where(Attempt.exam_id == exam_id)) or 0
            refused = locked_fields(_to_dto(exam, count), changes)
            if refused:
                raise ExamAlreadyStarted(exam.title, count, refused)
            before = _to_dto(exam, count)
            if title is not None:
                exam.title = title
            if changes.duration_seconds is not None:
                exam.duration_seconds = changes.duration_seconds
            if changes.proctoring_enabled is not None:
                exam.proctoring_enabled = changes.proctoring_enabled
            if changes.snapshot_interval_seconds is not None:
                exam.snapshot_interval_seconds = changes.snapshot_interval_seconds
            after = _to_dto(exam, count)
            if after != before:
                ws.emit(ExamsChanged(exam.id))
            return after

    def archive_exam(self, exam_id: str) -> ExamDTO:
        """Hide the exam from kiosks (again is fine); running attempts go on."""
        return self._set_archived(exam_id, True)

    def restore_exam(self, exam_id: str) -> ExamDTO:
        """Show an archived exam to kiosks again."""
        return self._set_archived(exam_id, False)

    def _set_archived(self, exam_id: str, is_archived: bool) -> ExamDTO:
        with self._uow.write() as ws:
            exam = ws.get(Exam, exam_id)
            if exam is None:
                raise ExamNotFound(exam_id)
            if exam.is_archived != is_archived:
                exam.is_archived = is_archived
                ws.emit(ExamsChanged(exam.id))
            count = ws.scalar(select(func.count()).where(Attempt.exam_id == exam_id)) or 0
            return _to_dto(exam, count)


def _attempt_count() -> ScalarSelect[int]:
    return (
        select(func.count()).where(Attempt.exam_id == Exam.id).correlate(Exam).scalar_subquery()
    )


def _valid_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise InvalidInput(code="exam_title_required")
    if len(title) > MAX_TITLE_LENGTH:
        raise InvalidInput(code="exam_title_too_long", params={"limit": MAX_TITLE_LENGTH})
    return title


def _valid_duration(duration_seconds: int) -> int:
    if not 1 <= duration_seconds <= MAX_DURATION_SECONDS:
        raise InvalidInput(code="exam_duration_range")
    return duration_seconds


def _valid_interval(snapshot_interval_seconds: int) -> int:
    if not MIN_INTERVAL_SECONDS <= snapshot_interval_seconds <= MAX_INTERVAL_SECONDS:
        raise InvalidInput(code="snapshot_interval_range", params={
            "min_seconds": MIN_INTERVAL_SECONDS, "max_seconds": MAX_INTERVAL_SECONDS})
    return snapshot_interval_seconds


def _to_dto(e: Exam, attempt_count: int) -> ExamDTO:
    return ExamDTO(e.id, e.title, e.duration_seconds, e.proctoring_enabled,
                   e.snapshot_interval_seconds, e.created_at, bool(e.is_archived), attempt_count)
