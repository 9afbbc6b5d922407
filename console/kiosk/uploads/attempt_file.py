"""AttemptFile: the attempt this kiosk is running, kept with the spool so that a kiosk
restarted mid-attempt resumes it without the candidate retyping anything.

``<spool dir>/attempt.json`` holds the center's address and pin, the attempt (its token
included), who joined and where they sit, and, once the candidate pressed Submit, when that
was (a hand-in that has not reached the center yet is sent at the next start). The token is a
secret: the file is written atomically with mode 0600 in a spool folder of mode 0700, and it
is removed when the attempt has ended.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from console.kiosk.uploads.upload_spool import _write_atomic
from core.client import StartedAttempt, read_record

log = logging.getLogger(__name__)

FILE_NAME = "attempt.json"


@dataclass(frozen=True)
class KeptAttempt:
    server_url: str
    fingerprint: str | None
    attempt: StartedAttempt
    candidate_ref: str
    candidate_name: str
    seat: str
    handed_in_at: datetime | None = None


class AttemptFile:
    def __init__(self, spool_dir: Path) -> None:
        self.folder = Path(spool_dir).expanduser()
        self.path = self.folder / FILE_NAME

    def keep(self, kept: KeptAttempt) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)
        body = {
            "server_url": kept.server_url, "fingerprint": kept.fingerprint,
            "attempt": asdict(kept.attempt), "candidate_ref": kept.candidate_ref,
            "candidate_name": kept.candidate_name, "seat": kept.seat,
            "handed_in_at": kept.handed_in_at.isoformat() if kept.handed_in_at else None,
        }
        _write_atomic(self.path, json.dumps(body, default=_iso).encode("utf-8"))

    def hand_in(self, kept: KeptAttempt, pressed_at: datetime) -> KeptAttempt:
        """The candidate pressed Submit at ``pressed_at``: kept until the center has it."""
        handed = replace(kept, handed_in_at=pressed_at)
        self.keep(handed)
        return handed

    def read(self) -> KeptAttempt | None:
        """The attempt kept here, or None (none, or a file that cannot be read: logged)."""
        try:
            body = json.loads(self.path.read_text(encoding="utf-8"))
            attempt = read_record(StartedAttempt, body["attempt"])
            handed = body.get("handed_in_at")
            return KeptAttempt(
                str(body["server_url"]), body.get("fingerprint") or None, attempt,
                str(body["candidate_ref"]), str(body["candidate_name"]), str(body["seat"]),
                datetime.fromisoformat(handed) if handed else None)
        except FileNotFoundError:
            return None
        except Exception as exc:  # a damaged file: the join form, as on a fresh kiosk
            log.error("the kept attempt %s cannot be read (%s); it is ignored", self.path, exc)
            return None

    def forget(self) -> None:
        """The attempt has ended: nothing to resume."""
        self.path.unlink(missing_ok=True)


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
