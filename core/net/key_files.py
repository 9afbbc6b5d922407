"""A center's key files: made once, private to the server's user, never replaced."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def create_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as a new file, 0600 from its first byte and on disk before it
    is visible under its name. When another process or thread made ``path`` meanwhile, theirs
    is kept: it is linked into place, never renamed over."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        temp.unlink(missing_ok=True)
