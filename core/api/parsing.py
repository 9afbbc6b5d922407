"""Reading request values the routes take as text."""

from __future__ import annotations

from datetime import datetime

from core.domain.errors import InvalidInput


def parse_time(value: str | None, field: str) -> datetime | None:
    """An ISO 8601 time given as text (``Z`` accepted for UTC); None when blank. A time that
    cannot be read is refused (422) with a sentence naming ``field``."""
    if value is None or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(code="time_invalid", params={"field": field}) from None
