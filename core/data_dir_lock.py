"""DataDirLock: one program at a time on a data dir.

``proctor-console`` and ``proctor-server`` both take an exclusive lock on
``<data dir>/proctor.lock`` when they start; a second program on the same data dir is refused
with a sentence that names the folder and the program holding it. Two programs sharing one
SQLite file, one sweeper and one media folder would expire each other's attempts and race on
the same files.

The lock is the operating system's (``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on
Windows), not the file's existence: it disappears with the process that held it, so a crash never
leaves a stale lock behind and the file is never deleted. The standard library is enough here;
the holder's name and process id are written into the file for the refusal message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

LOCK_FILE_NAME = "proctor.lock"


class DataDirInUse(RuntimeError):
    """Another program holds the data dir; ``str(error)`` says which folder and who."""

    def __init__(self, data_dir: Path, holder: str) -> None:
        who = holder or "another Proctor Console program"
        super().__init__(
            f"The data dir {data_dir} is already in use by {who}; close that program or choose "
            "another folder with --data-dir (or PROCTOR_DATA_DIR)."
        )
        self.data_dir = data_dir
        self.holder = holder


class DataDirLock:
    """An exclusive, non-blocking lock on a data dir, held until ``release()`` or exit."""

    def __init__(self, data_dir: Path, program: str) -> None:
        self.data_dir = Path(data_dir)
        self.program = program
        self.path = self.data_dir / LOCK_FILE_NAME
        self._file: IO[str] | None = None

    @property
    def is_held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        """Take the lock at once or raise DataDirInUse (never waits)."""
        if self._file is not None:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # "a+" neither truncates nor fails when the file exists: the holder's line stays readable
        # until this process owns the lock.
        file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            _lock(file)
        except OSError:
            holder = _read_holder(file)
            file.close()
            raise DataDirInUse(self.data_dir, holder) from None
        file.seek(0)
        file.truncate()
        # Byte 0 is the locked byte on Windows, which others cannot read: the holder comes after.
        file.write(f" {self.program} (process {os.getpid()})\n")
        file.flush()
        self._file = file

    def release(self) -> None:
        file, self._file = self._file, None
        if file is None:
            return
        try:
            _unlock(file)
        finally:
            file.close()

    def __enter__(self) -> DataDirLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


def _read_holder(file: IO[str]) -> str:
    try:
        file.seek(1)
        return file.read(200).strip()
    except OSError:
        return ""


if sys.platform == "win32":
    import msvcrt

    def _lock(file: IO[str]) -> None:
        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(file: IO[str]) -> None:
        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(file: IO[str]) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(file: IO[str]) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_UN)
