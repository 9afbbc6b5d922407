"""A real ``proctor-server`` process for console tests, with a known admin key and a fixed port
(so it can be stopped and started again where consoles expect it)."""

from __future__ import annotations

import secrets
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from console.proctor.center import RemoteCenter, with_admin_key
from console.proctor.context import ConsoleContext
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from core.client import ProctorClient
from core.domain.records import SessionDTO
from tests.core.api.support import ServerProcess, call

PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningCenter:
    data_dir: Path
    port: int
    admin_key: str
    tls: bool = False
    process: ServerProcess | None = None
    url: str = ""
    #: With ``tls``: the pin of the center, as its start-up line prints it.
    fingerprint: str = ""

    @classmethod
    def start(cls, data_dir: Path, *, tls: bool = False) -> RunningCenter:
        center = cls(data_dir, free_port(), secrets.token_urlsafe(24), tls)
        center.restart()
        return center

    def restart(self) -> None:
        tls = ("--tls",) if self.tls else ()
        self.process = ServerProcess(self.data_dir, "--port", str(self.port), *tls,
                                     env={"PROCTOR_ADMIN_KEY": self.admin_key})
        self.url = self.process.wait_ready()
        if self.tls:  # the line after the ready line
            deadline = time.monotonic() + 10
            while not (lines := [x for x in self.process.lines
                                 if x.startswith("certificate sha256 ")]):
                assert time.monotonic() < deadline, self.process.lines
                time.sleep(0.02)  # another process's output, read by its pump thread
            self.fingerprint = "sha256:" + lines[0].split()[-1]

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        if self.tls:
            with ProctorClient(self.url, self.admin_key, fingerprint=self.fingerprint) as client:
                response = client.request(method, path, **kwargs)
        else:
            response = call(self.url, method, path, self.admin_key, **kwargs)
        assert response.is_success, response.text
        return response.json() if response.content else None

    def add_proctor(self, username: str, display_name: str) -> None:
        self.admin("POST", "/proctors", json={"username": username,
                                              "display_name": display_name,
                                              "password": PASSWORD})

    def new_exam(self, title: str = "Chemistry") -> str:
        return str(self.admin("POST", "/exams", json={"title": title,
                                                      "duration_seconds": 3600})["exam_id"])

    def start_kiosk(self, exam_id: str, name: str, seat: str) -> tuple[str, str, str]:
        """A kiosk's start over the API: (attempt id, its token, the proctor session id)."""
        started = self.admin("POST", "/attempts", json={
            "exam_id": exam_id, "candidate_ref": name.lower().replace(" ", "-"),
            "candidate_name": name, "seat": seat})
        return started["attempt_id"], started["token"], started["proctor_session_id"]


def card(window: ProctorCenterWindow, name: str) -> SessionDTO | None:
    """The session a window's grid shows for the candidate ``name``, if any."""
    for row in range(window.proxy.rowCount()):
        session = window.proxy.session_at(row)
        if session is not None and session.candidate_name == name:
            return session
    return None


def running_center(tmp_path: Path) -> Iterator[RunningCenter]:
    """For a fixture: a center started in ``tmp_path``, stopped after the test."""
    center = RunningCenter.start(tmp_path / "data")
    yield center
    center.stop()


def remote_center_window(server: RunningCenter, qtbot: Any,
                         tmp_path: Path) -> Iterator[ProctorCenterWindow]:
    """For a fixture: a Proctor Center signed in to ``server`` with its admin key, shown, and
    following its live stream; closed after the test."""
    remote = with_admin_key(server.url, server.admin_key)
    settings = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    context = ConsoleContext.create(remote, settings)
    shown = ProctorCenterWindow(context)
    qtbot.addWidget(shown)
    shown.show()
    assert isinstance(context.center, RemoteCenter)
    assert context.center.wait_until_following(10), "the live stream did not open"
    yield shown
    shown.quit_now()
    context.close()
    remote.close()
