"""What ProctorClient answers: the core's records (``core.domain.records``), read from the API's
JSON by the one reader both clients use (``read_record``), two receipts, and the client's three
errors. Import them from ``core.client``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar, get_args, get_type_hints

from pydantic import TypeAdapter, ValidationError

from core.domain.enums import UploadFailureCause
from core.domain.records import EventCreated, Health, SnapshotDTO
from core.net.pinning import CenterNotPinned


class ApiError(Exception):
    """A refusal: ``detail`` is the center's sentence; ``code`` and ``params`` are there when
    the sentence is one of the center's catalogue (core.domain.messages), for translating."""

    def __init__(self, status: int, detail: str, code: str | None = None,
                 params: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail
        self.code = code
        self.params = dict(params or {})


class ServerUnreachable(Exception):
    """The server did not answer (down, wrong address, network fault, timeout)."""


class ServesHttpsOnly(ServerUnreachable):
    """An ``http://`` address whose port speaks TLS: plain HTTP fails there, and the kiosk never
    guesses the fingerprint or falls back; the sentence says which address to use instead."""

    def __init__(self, server_url: str) -> None:
        https = "https://" + server_url.split("://", 1)[-1]
        super().__init__(
            f"The center at {server_url} serves HTTPS only: use {https} with the center's "
            "fingerprint (the console's Connect kiosks shows it).")
        self.server_url = server_url


class UnexpectedAnswer(Exception):
    """The server answered 2xx with a body that is not what the contract promises."""


def failure_cause(exc: BaseException) -> UploadFailureCause:
    """Why a call to the center failed, in the words of an ``upload_failed`` event's ``cause``:
    no answer (connection refused, timeout, name not found, a TLS handshake that failed) is
    ``center_unreachable``; a 5xx, or a 2xx that is not what the contract promises, is
    ``center_error``; a 4xx, and any failure that does not show the center at fault, is
    ``refused`` (the cause a server assumes when none is given)."""
    if isinstance(exc, ServerUnreachable | CenterNotPinned):
        return UploadFailureCause.CENTER_UNREACHABLE
    if (isinstance(exc, ApiError) and exc.status >= 500) or isinstance(exc, UnexpectedAnswer):
        return UploadFailureCause.CENTER_ERROR
    return UploadFailureCause.REFUSED


# ---- the one reader --------------------------------------------------------------------------
R = TypeVar("R")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(cls: type[R]) -> TypeAdapter[R]:
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def read_record(cls: type[R], body: object) -> R:
    """``cls`` (a record) from an API answer's JSON value: times as aware datetimes (a time
    without an offset is UTC), fields the record does not know ignored. Every field of the
    record is promised (the server sends defaults too): one that is missing or unreadable
    raises ``UnexpectedAnswer`` naming it."""
    missing = _missing(cls, body, "")
    problems = [f"it lacks {', '.join(missing)}"] if missing else []
    if not problems:
        try:
            record: R = _adapter(cls).validate_python(body)
        except ValidationError as exc:
            problems = [
                f"{'.'.join(str(part) for part in error['loc']) or 'the answer'}: {error['msg']}"
                for error in exc.errors(include_url=False)]
    if problems:
        raise UnexpectedAnswer(f"The server's answer is not a readable {cls.__name__} "
                               f"({'; '.join(problems)}).")
    aware: R = _aware(record)
    return aware


def read_records(cls: type[R], body: object) -> list[R]:
    """A JSON list of ``cls`` records (see ``read_record``)."""
    if not isinstance(body, list):
        raise UnexpectedAnswer(
            f"The server's answer is not a list of {cls.__name__} (got {type(body).__name__}).")
    return [read_record(cls, item) for item in body]


def _missing(cls: Any, body: object, where: str) -> list[str]:
    """The fields of the record ``cls`` (and of the records in it) that ``body`` lacks; a field
    with a default is promised too, since the answers' schema requires every field."""
    if not (isinstance(cls, type) and is_dataclass(cls) and isinstance(body, Mapping)):
        return []
    missing = []
    for name, hint in _hints(cls).items():
        if name not in body:
            missing.append(where + name)
            continue
        inner = get_args(hint)[0] if get_args(hint) else hint  # tuple[X, ...] -> X
        items = body[name] if isinstance(body[name], list) else [body[name]]
        for index, item in enumerate(items):
            at = f"{where}{name}.{index}." if isinstance(body[name], list) else f"{where}{name}."
            missing += _missing(inner, item, at)
    return missing


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The record's fields and their types (``ClassVar`` left out)."""
    hints = _HINTS.get(cls)
    if hints is None:
        every = get_type_hints(cls)
        hints = _HINTS[cls] = {f.name: every[f.name] for f in fields(cls)}
    return hints


def _aware(value: Any) -> Any:
    """``value`` with every naive datetime in it (records, tuples) read as UTC."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, tuple):
        return tuple(_aware(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _aware(getattr(value, f.name)) for f in fields(value)}
        changed = {name: new for name, new in changes.items()
                   if new is not getattr(value, name)}
        return replace(value, **changed) if changed else value
    return value


# ---- receipts: a record and what the status said ----------------------------------------------
@dataclass(frozen=True)
class SnapshotReceipt:
    """The server has the snapshot (``is_new`` False: it had it already, stored once)."""

    snapshot: SnapshotDTO
    status: int

    @property
    def is_new(self) -> bool:
        return self.status == 201


@dataclass(frozen=True)
class EventReceipt:
    event_id: str
    is_new: bool

    @classmethod
    def read(cls, body: object, status: int) -> EventReceipt:
        return cls(read_record(EventCreated, body).event_id, status == 201)


@dataclass(frozen=True)
class CenterHealth:
    """The center's health and its clock: the HTTP ``Date`` header of the answer (None when it
    sent none), read against this computer's clock at the middle of the round trip."""

    health: Health
    center_time: datetime | None
    round_trip_seconds: float

