"""Exams: create and list."""

from __future__ import annotations

from sqlalchemy import select

from core.db.engine import UnitOfWork
from core.db.models import Exam
from core.domain.clock import Clock
from core.domain.domain_events import ExamsChanged
from core.domain.errors import ExamNotFound, InvalidInput
from core.services.dto import ExamDTO
from core.services.records import new_id

MAX_DURATION_SECONDS = 7 * 24 * 3600
MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS = 2, 3600


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
        title = title.strip()
        if not title:
            raise InvalidInput("An exam needs a title.")
        if len(title) > 200:
            raise InvalidInput("An exam title can be at most 200 characters.")
        if not 1 <= duration_seconds <= MAX_DURATION_SECONDS:
            raise InvalidInput("An exam lasts between 1 second and 7 days.")
        if not MIN_INTERVAL_SECONDS <= snapshot_interval_seconds <= MAX_INTERVAL_SECONDS:
            raise InvalidInput(
                f"The snapshot interval must be between {MIN_INTERVAL_SECONDS} and "
                f"{MAX_INTERVAL_SECONDS} seconds."
            )
        exam = Exam(
            id=new_id(),
            title=title,
            duration_seconds=duration_seconds,
            proctoring_enabled=proctoring_enabled,
            snapshot_interval_seconds=snapshot_interval_seconds,
            created_at=self._clock.now(),
        )
        with self._uow.write() as ws:
            ws.add(exam)
            ws.emit(ExamsChanged(exam.id))
        return _to_dto(exam)

    def list_exams(self) -> list[ExamDTO]:
        with self._uow.read() as s:
            rows = s.scalars(select(Exam).order_by(Exam.created_at.desc(), Exam.title)).all()
            return [_to_dto(e) for e in rows]

    def get_exam(self, exam_id: str) -> ExamDTO:
        with self._uow.read() as s:
            exam = s.get(Exam, exam_id)
            if exam is None:
                raise ExamNotFound(exam_id)
            return _to_dto(exam)


def _to_dto(e: Exam) -> ExamDTO:
    return ExamDTO(e.id, e.title, e.duration_seconds, e.proctoring_enabled,
                   e.snapshot_interval_seconds, e.created_at)
