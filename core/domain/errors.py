"""Domain errors. Each kind maps to one HTTP status in the API's single error table."""

from __future__ import annotations


class DomainError(Exception):
    """Base: ``str(error)`` is a sentence a person understands."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """An id that does not exist (HTTP 404)."""


class ExamNotFound(NotFound):
    def __init__(self, exam_id: str) -> None:
        super().__init__(f"No exam has the id {exam_id!r}.")


class AttemptNotFound(NotFound):
    def __init__(self, attempt_id: str) -> None:
        super().__init__(f"No attempt has the id {attempt_id!r}.")


class SessionNotFound(NotFound):
    def __init__(self, session_id: str) -> None:
        super().__init__(f"No proctor session has the id {session_id!r}.")


class SnapshotNotFound(NotFound):
    def __init__(self, snapshot_id: str) -> None:
        super().__init__(f"No snapshot has the id {snapshot_id!r}.")


class WarningNotFound(NotFound):
    def __init__(self, warning_id: str) -> None:
        super().__init__(f"No warning {warning_id!r} was sent to this attempt.")


class Conflict(DomainError):
    """The request is valid but the current state forbids it (HTTP 409)."""


class AttemptEnded(Conflict):
    def __init__(self, status: str, at: str | None = None) -> None:
        when = f" at {at}" if at else ""
        super().__init__(f"This attempt has already ended ({status}){when}; nothing was changed.")


class SessionEnded(Conflict):
    def __init__(self, status: str, at: str | None = None) -> None:
        when = f" at {at}" if at else ""
        super().__init__(
            f"This proctor session has already ended ({status}){when}; nothing was changed."
        )


class AlreadyTerminated(SessionEnded):
    """A second proctor acts on a session another already terminated: says who and when."""

    def __init__(self, actor: str | None, at: str) -> None:
        Conflict.__init__(self, f"Already terminated by {actor or 'a proctor'} at {at}.")


class SampleSessionReadOnly(Conflict):
    def __init__(self) -> None:
        super().__init__(
            "Sample sessions are for display only; start a real exam attempt to act on a session."
        )


class ProctoringDisabled(Conflict):
    def __init__(self) -> None:
        super().__init__("Proctoring is off for this exam, so it takes no snapshots or events.")


class ProctorNotFound(NotFound):
    def __init__(self, proctor_id: str) -> None:
        super().__init__(f"No proctor account has the id {proctor_id!r}.")


class UsernameTaken(Conflict):
    def __init__(self, username: str) -> None:
        super().__init__(f"The username {username!r} is taken; choose another.")


class SignInRefused(DomainError):
    """Wrong username or password, or a disabled account (HTTP 401)."""


class SignInLocked(DomainError):
    """Too many failed sign-ins for one username from this address (HTTP 429 with
    Retry-After)."""

    def __init__(self, retry_after_seconds: int, message: str | None = None) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(message or (
            "Too many failed sign-ins for this username from this computer; try again in "
            f"{minutes} minute{'s' if minutes > 1 else ''}."
        ))
        self.retry_after_seconds = retry_after_seconds


class TooManySignIns(SignInLocked):
    """Too many sign-ins from one address, whatever the usernames (HTTP 429 with Retry-After)."""

    def __init__(self, retry_after_seconds: int) -> None:
        plural = "s" if retry_after_seconds > 1 else ""
        super().__init__(retry_after_seconds,
                         "Too many sign-ins from this computer in the last minute; try again "
                         f"in {retry_after_seconds} second{plural}.")


class TokenRefused(DomainError):
    """A proctor token that was valid and no longer is: signed out, expired, or its proctor
    disabled (HTTP 401); the sentence says which."""


class InvalidInput(DomainError):
    """A field has a value the core refuses (HTTP 422)."""


class SnapshotRejected(DomainError):
    """An uploaded image was refused; ``status`` is 413, 415 or 422."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class StorageFull(DomainError):
    """The media storage has no room left (HTTP 507): nothing was stored, and the same upload
    may be retried once space is freed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (
            "The media storage is full, so nothing was stored; the upload may be retried "
            "once space is freed."
        ))
