"""Fixtures of the API tests (the shared ones live in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.core.api.support import ServerProcess


@pytest.fixture
def start_server() -> Iterator[Callable[..., ServerProcess]]:
    """Start real ``proctor-server`` processes; any still running at the end are killed."""
    started: list[ServerProcess] = []

    def start(data_dir: Path, *args: str, **kwargs: Any) -> ServerProcess:
        server = ServerProcess(data_dir, *args, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(10)
        for stream in (server.process.stdout, server.process.stderr):
            if stream is not None:
                stream.close()
