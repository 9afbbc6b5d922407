"""Domain errors. Each kind maps to one HTTP status in the API's single error table."""

from __future__ import annotations

from collections.abc import Mapping

from core.domain.messages import render


class DomainError(Exception):
    """Base: ``str(error)`` is a sentence a person understands. Made with ``code`` (and its
    ``params``) instead of a sentence, the sentence is the catalogue's (core.domain.messages),
    and the error answer carries the code for a client to translate."""

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.params = {name: str(value) for name, value in (params or {}).items()}
        if message is None:
            if code is None:
                raise TypeError("a DomainError needs a sentence or a code")
            message = render(code, self.params)
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """An id that does not exist (HTTP 404)."""


class ExamNotFound(NotFound):
    def __init__(self, exam_id: str) -> None:
        super().__init__(code="exam_not_found", params={"exam_id": exam_id})


class AttemptNotFound(NotFound):
    def __init__(self, attempt_id: str) -> None:
        super().__init__(code="attempt_not_found", params={"attempt_id": attempt_id})


class SessionNotFound(NotFound):
    def __init__(self, session_id: str) -> None:
        super().__init__(code="session_not_found", params={"session_id": session_id})


class SnapshotNotFound(NotFound):
    def __init__(self, snapshot_id: str) -> None:
        super().__init__(f"No snapshot has the id {snapshot_id!r}.")


class WarningNotFound(NotFound):
    def __init__(self, warning_id: str) -> None:
        super().__init__(code="warning_not_found", params={"warning_id": warning_id})


class Conflict(DomainError):
    """The request is valid but the current state forbids it (HTTP 409)."""


class AttemptEnded(Conflict):
    def __init__(self, status: str, at: str | None = None) -> None:
        if at:
            super().__init__(code="attempt_ended_at", params={"status": status, "at": at})
        else:
            super().__init__(code="attempt_ended", params={"status": status})


class SessionEnded(Conflict):
    def __init__(self, status: str, at: str | None = None) -> None:
        if at:
            super().__init__(code="session_ended_at", params={"status": status, "at": at})
        else:
            super().__init__(code="session_ended", params={"status": status})


class AlreadyTerminated(SessionEnded):
    """A second proctor acts on a session another already terminated: says who and when."""

    def __init__(self, actor: str | None, at: str) -> None:
        if actor:
            Conflict.__init__(self, code="already_terminated", params={"actor": actor, "at": at})
        else:
            Conflict.__init__(self, code="already_terminated_by_a_proctor", params={"at": at})


class SampleSessionReadOnly(Conflict):
    def __init__(self) -> None:
        super().__init__(code="sample_session_read_only")


class ProctoringDisabled(Conflict):
    def __init__(self) -> None:
        super().__init__(code="proctoring_disabled")


class SessionAlreadyPaused(Conflict):
    def __init__(self, since: str) -> None:
        super().__init__(code="session_already_paused", params={"since": since})


class SessionNotPaused(Conflict):
    def __init__(self) -> None:
        super().__init__(code="session_not_paused")


class ReviewWhileActive(Conflict):
    def __init__(self) -> None:
        super().__init__(code="review_while_active")


class ProctorNotFound(NotFound):
    def __init__(self, proctor_id: str) -> None:
        super().__init__(code="proctor_not_found", params={"proctor_id": proctor_id})


class UsernameTaken(Conflict):
    def __init__(self, username: str) -> None:
        super().__init__(code="username_taken", params={"username": username})


class SignInRefused(DomainError):
    """Wrong username or password, or a disabled account (HTTP 401)."""


class SignInLocked(DomainError):
    """Too many failed sign-ins for one username from this address (HTTP 429 with
    Retry-After)."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        if minutes == 1:
            super().__init__(code="sign_in_locked_minute")
        else:
            super().__init__(code="sign_in_locked", params={"minutes": minutes})
        self.retry_after_seconds = retry_after_seconds


class TooManySignIns(SignInLocked):
    """Too many sign-ins from one address, whatever the usernames (HTTP 429 with Retry-After)."""

    def __init__(self, retry_after_seconds: int) -> None:
        if retry_after_seconds <= 1:
            DomainError.__init__(self, code="too_many_sign_ins_second")
        else:
            DomainError.__init__(self, code="too_many_sign_ins",
                                 params={"seconds": retry_after_seconds})
        self.retry_after_seconds = retry_after_seconds


class TokenRefused(DomainError):
    """A proctor token that was valid and no longer is: signed out, expired, or its proctor
    disabled (HTTP 401); the sentence says which."""


class InvalidInput(DomainError):
    """A field has a value the core refuses (HTTP 422)."""


class SnapshotRejected(DomainError):
    """An uploaded image was refused; ``status`` is 413, 415 or 422."""

    def __init__(self, status: int, code: str, params: Mapping[str, object] | None = None) -> None:
        super().__init__(code=code, params=params)
        self.status = status


class StorageFull(DomainError):
    """The media storage has no room left (HTTP 507): nothing was stored, and the same upload
    may be retried once space is freed."""

    def __init__(self, message: str | None = None, *, code: str = "storage_full") -> None:
        if message is None:
            super().__init__(code=code)
        else:
            super().__init__(message)
