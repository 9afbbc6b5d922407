"""How full the media storage is: the thresholds the console's storage banner and the API use.

Low (a warning) when less than ``LOW_FREE_BYTES`` or less than ``LOW_FREE_FRACTION`` of the file
system is free; full (red) when less than ``FULL_FREE_BYTES`` is free, which at about 50 KB per
snapshot and thumbnail is a few hundred uploads away from refusing them with 507.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

GIB = 1024 ** 3
MIB = 1024 ** 2
LOW_FREE_BYTES = 1 * GIB
LOW_FREE_FRACTION = 0.05
FULL_FREE_BYTES = 16 * MIB


class StorageLevel(StrEnum):
    OK = "ok"
    LOW = "low"
    FULL = "full"


@dataclass(frozen=True)
class StorageStatus:
    """Free and total bytes of the file system that holds the media root, and their level."""

    free_bytes: int
    total_bytes: int
    level: StorageLevel

    @property
    def free_fraction(self) -> float:
        return self.free_bytes / self.total_bytes if self.total_bytes > 0 else 0.0


def storage_level(free_bytes: int, total_bytes: int) -> StorageLevel:
    if free_bytes < FULL_FREE_BYTES:
        return StorageLevel.FULL
    if free_bytes < LOW_FREE_BYTES or free_bytes < LOW_FREE_FRACTION * total_bytes:
        return StorageLevel.LOW
    return StorageLevel.OK


def storage_status(free_bytes: int, total_bytes: int) -> StorageStatus:
    return StorageStatus(free_bytes, total_bytes, storage_level(free_bytes, total_bytes))
