"""The orders the Proctor Center grid offers (kept apart so settings can name them without
loading the model)."""

from __future__ import annotations

from enum import StrEnum


class SortKey(StrEnum):
    ATTENTION = "attention"
    NAME = "name"
    START_TIME = "start_time"


SORT_LABELS = {
    SortKey.ATTENTION: "Needs attention first",
    SortKey.NAME: "Name (A to Z)",
    SortKey.START_TIME: "Newest start first",
}
