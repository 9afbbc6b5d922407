"""Starting and stopping the console in-process: core, API thread, sweeper, window, details."""

from __future__ import annotations

import socket
import sys

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.__main__ import build_parser
from console.console_app import ConsoleApp
from console.proctor_center.session_facts_dialog import SessionFactsDialog
from console.session_details.details_windows import DetailsWindows
from tests.console.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def console_env(monkeypatch):
    monkeypatch.setenv("PROCTOR_ANALYSIS", "0")
    monkeypatch.setenv("PROCTOR_SWEEP_SECONDS", "0.2")


@pytest.fixture
def make_console(qapp, tmp_path, console_env):
    made: list[ConsoleApp] = []

    def make(*flags: str) -> ConsoleApp:
        args = build_parser().parse_args(["--data-dir", str(tmp_path / "data"), *flags])
        console = ConsoleApp(args, qapp)
        made.append(console)
        return console

    yield make
    for console in made:
        console.shutdown()


@pytest.fixture
def busy_port():
    """A port another program already listens on."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    yield holder.getsockname()[1]
    holder.close()


def test_the_console_serves_the_api_runs_the_sweeper_and_stops_both_on_close(
    make_console, capsys, qtbot
):
    console = make_console("--port", "0")
    window = console.start()
    qtbot.waitExposed(window)
    server = console.server
    assert server.is_running
    assert f"listening on {server.url}" in capsys.readouterr().out
    assert httpx.get(f"{server.url}/api/v1/health", timeout=5).json()["status"] == "ok"
    assert console.core.sweeper.is_running
    assert f"Kiosks connect to {server.url}" in window.server_status.text
    assert console.context.open_details is not None
    url = server.url
    window.close()
    console.shutdown()
    assert not server.is_running
    assert not console.core.sweeper.is_running
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/v1/health", timeout=2)


def test_a_port_already_in_use_is_a_clear_message_and_the_console_still_opens(
    make_console, busy_port, capsys, qtbot
):
    console = make_console("--port", str(busy_port))
    window = console.start()
    qtbot.waitExposed(window)
    status = window.server_status
    assert not console.server.is_running
    assert status.text.startswith(
        f"Kiosks cannot connect: Port {busy_port} on 127.0.0.1 is already in use.")
    assert "choose another port with --port or PROCTOR_PORT" in status.text
    assert status.retry_button.isVisible() and status.free_port_button.isVisible()
    assert "already in use" in capsys.readouterr().err
    # Retrying while the port is still taken says the same; a free port gets kiosks going.
    qtbot.mouseClick(status.retry_button, Qt.MouseButton.LeftButton)
    assert "already in use" in status.text
    qtbot.mouseClick(status.free_port_button, Qt.MouseButton.LeftButton)
    assert console.server.is_running and console.server.port != busy_port
    assert status.text.startswith(f"Kiosks connect to http://127.0.0.1:{console.server.port}")
    assert not status.retry_button.isVisible()


def test_settings_that_cannot_be_used_stop_the_start_with_a_sentence(
    make_console, monkeypatch, capsys
):
    monkeypatch.setenv("PROCTOR_PORT", "eighty")
    assert make_console().run() == 2
    assert "PROCTOR_PORT must be a whole number, not 'eighty'" in capsys.readouterr().err


def test_without_the_details_windows_a_facts_dialog_opens_instead(
    make_console, monkeypatch, qtbot
):
    monkeypatch.setitem(sys.modules, "console.session_details.details_windows", None)
    console = make_console("--port", "0")
    console.start()
    core = console.core
    exam = core.exams.create_exam("Algebra final", 3600)
    started = core.attempts.start_attempt(exam.exam_id, "C-7", "Ann Lee")
    console.context.open_details(started.proctor_session_id)
    dialogs = [w for w in qtbot_top_levels() if isinstance(w, SessionFactsDialog)]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: dialog.session is not None, timeout=3000)
    assert dialog.title_label.text() == "Ann Lee"
    assert dialog.terminate_button.isEnabled()
    console.context.open_details(started.proctor_session_id)  # raises the same one
    assert [w for w in qtbot_top_levels() if isinstance(w, SessionFactsDialog)] == [dialog]
    core.attempts.submit_attempt(started.attempt_id)
    qtbot.waitUntil(lambda: dialog.session.status == "completed", timeout=3000)
    assert not dialog.terminate_button.isEnabled()


def test_the_details_windows_are_used_when_installed(make_console, qtbot):
    console = make_console("--port", "0")
    console.start()
    assert isinstance(console.details, DetailsWindows)


def qtbot_top_levels():
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]
