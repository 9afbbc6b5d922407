"""Starting and stopping the console in-process: core, API thread, sweeper, window, details."""

from __future__ import annotations

import os
import signal
import socket

import httpx
import pytest
from PySide6.QtCore import Qt

from console.proctor import console_app
from console.proctor.__main__ import build_parser
from console.proctor.console_app import ConsoleApp
from console.proctor.session_details.details_windows import DetailsWindows
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

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


@pytest.mark.db  # the console's own core in its data dir
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


@pytest.mark.db  # the console's own core in its data dir
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


@pytest.mark.db  # the console's own core in its data dir
def test_the_details_windows_are_used_when_installed(make_console, qtbot):
    console = make_console("--port", "0")
    console.start()
    assert isinstance(console.details, DetailsWindows)


@pytest.mark.db  # the console's own core in its data dir
def test_sigterm_closes_the_console_without_asking_even_while_exams_run(make_console, qtbot):
    console = make_console("--port", "0")
    window = console.start()
    console.install_signal_handlers()
    core = console.core
    exam = core.exams.create_exam("Algebra final", 3600)
    core.attempts.start_attempt(exam.exam_id, "C-7", "Ann Lee")
    with qtbot.waitSignal(window.closed, timeout=5000):
        os.kill(os.getpid(), signal.SIGTERM)
    assert window.quit_box is None
    console.shutdown()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handlers are given back


@pytest.mark.db  # the console's own core in its data dir
def test_the_signal_handlers_are_in_place_while_the_console_starts(make_console, monkeypatch):
    # A supervisor may stop the console as soon as it has printed its address, before its window
    # is shown: the signal must reach the console's handler (a clean exit 0), not kill it.
    console = make_console("--port", "0")
    start = console.start
    handlers_while_starting = []

    def start_and_look():
        handlers_while_starting.append(signal.getsignal(signal.SIGTERM))
        return start()

    monkeypatch.setattr(console, "start", start_and_look)
    # Not the window's loop nor the process-wide freeze: this test process goes on to others.
    monkeypatch.setattr(console.app, "exec", lambda: 0)
    monkeypatch.setattr(console_app, "freeze_start_up_objects", lambda: None)
    before = signal.getsignal(signal.SIGTERM)

    assert console.run() == 0
    assert handlers_while_starting[0] not in (before, signal.SIG_DFL)
    assert signal.getsignal(signal.SIGTERM) is before  # given back at shutdown


@pytest.mark.db  # the console's own core in its data dir
def test_the_console_remembers_its_settings_in_the_data_dir(make_console, tmp_path, qtbot):
    console = make_console("--port", "0")
    window = console.start()
    window.set_show_samples(False)
    console.shutdown()
    assert console.context.settings.file_name == str(tmp_path / "data" / "console.ini")
    again = make_console("--port", "0")
    assert not again.start().samples_action.isChecked()
