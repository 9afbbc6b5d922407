"""Which center the console shows, and who acts from it: the desk's proctor is asked once and
recorded as the actor; ``--server`` opens another computer's center, signed in; and File ▸
Connect to an exam center's server… swaps this computer's center for that one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from console.proctor.__main__ import build_parser
from console.proctor.center import RemoteCenter
from console.proctor.console_app import ConsoleApp
from console.proctor.dialogs.sign_in_dialog import SignInDialog
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def make_console(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("PROCTOR_ANALYSIS", "0")
    monkeypatch.delenv("PROCTOR_ADMIN_KEY", raising=False)
    monkeypatch.delenv("PROCTOR_PASSWORD", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the remote console's ini
    made: list[ConsoleApp] = []

    def make(*flags: str) -> ConsoleApp:
        args = build_parser().parse_args(flags or ["--data-dir", str(tmp_path / "data"),
                                                    "--port", "0"])
        console = ConsoleApp(args, qapp)
        made.append(console)
        return console

    yield make
    for console in made:
        console.shutdown()


@pytest.mark.db  # the console's own core in its data dir
def test_the_first_start_asks_who_is_at_the_desk_and_records_it_as_the_actor(
        make_console, qtbot):
    console = make_console()
    window = console.start()
    dialog = console.welcome_dialog
    assert dialog is not None and dialog.isVisible()
    assert window.who_label.text() == "Acting as the administrator"  # until answered
    dialog.name_field.setText("Dana Lee")
    dialog.ok_button.click()

    assert console.context.center.who == "Dana Lee"
    assert window.who_label.text() == "Acting as Dana Lee"
    exam = console.core.exams.create_exam("Chemistry", 3600)
    started = console.core.attempts.start_attempt(exam.exam_id, "ref-1", "Ann Lee")
    console.context.center.flag_session(started.proctor_session_id, "Looking away")
    flagged = console.core.proctoring.get_session_summary(started.proctor_session_id)
    assert flagged.flagged_by == "Dana Lee"


@pytest.mark.db  # the console's own core in its data dir
def test_the_desks_name_is_asked_only_once(make_console, tmp_path):
    first = make_console()
    first.start()
    first.welcome_dialog.name_field.setText("Dana Lee")
    first.welcome_dialog.ok_button.click()
    first.shutdown()

    again = make_console()
    again.start()
    assert again.welcome_dialog is None
    assert again.context.center.who == "Dana Lee"


@pytest.mark.db  # the console's own core in its data dir
def test_the_desk_flag_names_the_proctor_without_asking(make_console, tmp_path):
    console = make_console("--data-dir", str(tmp_path / "data"), "--port", "0",
                           "--desk", "Room 2 desk")
    console.start()
    assert console.welcome_dialog is None
    assert console.context.center.who == "Room 2 desk"


def test_server_with_the_admin_key_in_the_environment_opens_that_center(
        make_console, live_server, monkeypatch, capsys):
    monkeypatch.setenv("PROCTOR_ADMIN_KEY", live_server.core.config.admin_key)
    console = make_console("--server", live_server.url)
    window = console.start()
    assert isinstance(console.context.center, RemoteCenter)
    assert console.core is None and console.server is None  # nothing served from here
    assert f"connected to {live_server.url} as admin" in capsys.readouterr().out
    assert window.who_label.text() == f"Acting as the administrator · {live_server.url}"
    assert live_server.url in window.windowTitle()
    # The administrator's key makes enrolment codes there: Connect kiosks is offered.
    assert window.connect_action.isVisible() and window.proctors_action.isVisible()
    assert not window.ask_before_quitting  # the exams run on the server, not here


def test_a_wrong_password_on_the_command_line_is_a_startup_sentence(
        make_console, live_server, monkeypatch):
    live_server.core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
    monkeypatch.setenv("PROCTOR_PASSWORD", "not the password")
    console = make_console("--server", live_server.url, "--user", "dana")
    with pytest.raises(Exception, match="username or password"):
        console.start()


def test_choosing_to_connect_signs_in_and_the_window_shows_that_center(
        make_console, live_server, qtbot):
    live_server.core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
    console = make_console()
    console.start()
    console.welcome_dialog.connect_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, SignInDialog) and w.isVisible())
    dialog.address_field.setText(live_server.url)
    dialog.username_field.setText("dana")
    dialog.password_field.setText("correct horse battery")
    dialog.sign_in_button.click()

    qtbot.waitUntil(lambda: isinstance(console.context.center, RemoteCenter), timeout=10_000)
    assert console.core is None and console.server is None  # this computer's center stopped
    assert console.window.isVisible()
    assert console.window.who_label.text() == f"Acting as Dana Lee · {live_server.url}"
    assert not console.window.proctors_action.isVisible()  # a proctor, not the administrator


@pytest.mark.db  # the console's own core in its data dir
def test_the_desks_proctor_can_be_changed_from_the_file_menu(make_console, tmp_path):
    console = make_console("--data-dir", str(tmp_path / "data"), "--port", "0",
                           "--desk", "Dana Lee")
    window = console.start()
    assert window.desk_action.isVisible()
    window.desk_action.trigger()
    dialog = console.welcome_dialog
    assert dialog.name_field.text() == "Dana Lee"
    dialog.name_field.setText("Omar Khalid")
    dialog.ok_button.click()
    assert console.context.center.who == "Omar Khalid"
    assert console.context.settings.desk_name == "Omar Khalid"
