"""The list model's vocabulary: its item roles, the card a delegate paints (SessionCard), the
header's counts (SessionCounts) and the two views (active, ended)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from core.domain.records import SessionDTO

_USER = int(Qt.ItemDataRole.UserRole)
SESSION_ID_ROLE = _USER + 1
IS_SAMPLE_ROLE = _USER + 2
#: Seconds until the deadline (active sessions), else None. Time-dependent.
REMAINING_SECONDS_ROLE = _USER + 3
#: True when an active session has had no snapshot for more than two intervals.
IS_STALE_ROLE = _USER + 4
#: One integer that sorts "needs attention" first when sorted descending.
ATTENTION_ROLE = _USER + 5
#: The cached thumbnail QPixmap of the latest snapshot, or None (loading, failed or none).
THUMBNAIL_ROLE = _USER + 6
INITIALS_ROLE = _USER + 7
#: Lower-case "name ref exam seat" for text filtering.
SEARCH_TEXT_ROLE = _USER + 8
#: A SessionCard: everything the card delegate paints, in one call.
CARD_ROLE = _USER + 9

ROLE_NAMES = {
    SESSION_ID_ROLE: b"sessionId",
    IS_SAMPLE_ROLE: b"isSample",
    REMAINING_SECONDS_ROLE: b"remainingSeconds",
    IS_STALE_ROLE: b"isStale",
    ATTENTION_ROLE: b"attention",
    THUMBNAIL_ROLE: b"thumbnail",
    INITIALS_ROLE: b"initials",
    SEARCH_TEXT_ROLE: b"searchText",
    CARD_ROLE: b"card",
}

#: Roles whose values move with the clock; the tick announces these (and nothing is re-read).
TIME_ROLES = [CARD_ROLE, REMAINING_SECONDS_ROLE, int(Qt.ItemDataRole.ToolTipRole)]
THUMBNAIL_ROLES = [THUMBNAIL_ROLE, CARD_ROLE, int(Qt.ItemDataRole.DecorationRole)]
#: Every role a session row has except the searchable text: a change that leaves the name,
#: candidate ref and exam alone is announced with these, so the text filter does not re-run.
ROW_ROLES = [
    int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
    int(Qt.ItemDataRole.DecorationRole),
    *(role for role in ROLE_NAMES if role != SEARCH_TEXT_ROLE),
]


class SessionView(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class SessionCard:
    """What one card shows at this moment."""

    session: SessionDTO
    remaining_seconds: int | None
    is_stale: bool
    #: "Kiosk closed", "Kiosk offline · 3 min", or "" when the kiosk is fine.
    kiosk_words: str
    thumbnail: QPixmap | None
    now: datetime


@dataclass(frozen=True)
class SessionCounts:
    total: int = 0
    flagged: int = 0
    high_risk: int = 0
    #: Live sessions whose kiosk is offline (no recent snapshot) or closed.
    offline: int = 0
    samples: int = 0
    completed: int = 0
    cancelled: int = 0
