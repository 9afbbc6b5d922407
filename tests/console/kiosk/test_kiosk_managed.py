"""A managed kiosk: the machine-wide kiosk.toml a center's IT prepares, its place between the
command line and the user's settings, and a join form that shows the candidate only the
candidate's fields (also with --fullscreen), against a real server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.kiosk.kiosk_settings import KioskSettings, user_config_path
from console.kiosk.kiosk_window import KioskWindow
from tests.console.kiosk.kiosk_support import FAST, no_centers

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def own_user_settings(tmp_path, monkeypatch) -> None:
    """The user's kiosk.toml of each test is its own (the per-user folders are the session's)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_command_line_wins_over_the_machine_wide_file_which_wins_over_the_users(
        no_machine_config):
    write(user_config_path(), 'server = "http://user-choice:1"\ncamera = "2"\n'
                              'room = "Room of the user"\nseat = "U-1"\n')
    write(no_machine_config, 'server = "http://center:8765"\nkiosk_key = "center-key"\n'
                             'camera = "0"\nseat = "B-14"\nfullscreen = true\n'
                             'language = "en"\n')
    settings = KioskSettings.from_args(["--camera", "synthetic"])
    assert settings.camera == "synthetic"  # the command line
    assert (settings.server_url, settings.kiosk_key, settings.seat) == (
        "http://center:8765", "center-key", "B-14")  # the machine-wide file
    assert settings.room == "Room of the user"  # only the user's file has one
    assert settings.is_fullscreen and settings.is_managed
    assert settings.shows_only_candidate_fields


def test_without_the_machine_wide_file_the_users_settings_apply_and_the_kiosk_is_not_managed():
    write(user_config_path(), 'server = "http://user-choice:1"\ncamera = "2"\n')
    settings = KioskSettings.from_args([])
    assert (settings.server_url, settings.camera) == ("http://user-choice:1", "2")
    assert not settings.is_managed and not settings.shows_only_candidate_fields


def test_a_machine_wide_fingerprint_is_the_center_pin_unless_a_flag_names_another_server(
        no_machine_config):
    write(no_machine_config, 'server = "https://10.0.0.5:8765"\nfingerprint = "sha256:'
                             + "ab" * 32 + '"\n')
    assert KioskSettings.from_args([]).fingerprint == "ab" * 32
    assert KioskSettings.from_args(["--server", "https://elsewhere:1"]).fingerprint is None


@pytest.mark.parametrize(("content", "expected"), [
    ('sever = "typo"\n', "has unknown keys: sever"),
    ("fullscreen = 1\n", "fullscreen must be true or false"),
    ("server = \n", "is not valid TOML"),
    ('language = "xx"\n', "The language 'xx' in the machine-wide kiosk configuration"),
])
def test_a_bad_machine_wide_file_stops_with_a_sentence_naming_it(no_machine_config, capsys,
                                                                 content, expected):
    write(no_machine_config, content)
    with pytest.raises(SystemExit) as stop:
        KioskSettings.from_args([])
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert expected in error and str(no_machine_config) in error.replace("\n", "")


def candidate_only(window: KioskWindow) -> None:
    form = window.join_page
    for hidden in (form.server_edit, form.key_edit, form.find_button, form.enrol_file_button,
                   form.enrol_code_button, form.centers_list, form.seat_edit):
        assert not hidden.isVisible(), hidden
    labels = {label.text() for label in form.findChildren(type(form.subtitle), "FieldLabel")
              if label.isVisible()}
    assert "Exam server address" not in labels and "Kiosk key" not in labels
    assert form.ref_edit.isVisible() and form.name_edit.isVisible()


def test_a_managed_kiosk_shows_the_candidate_only_their_fields_and_starts_with_its_center_and_seat(
        qtbot, server, kiosk_exam, no_machine_config, tmp_path):
    write(no_machine_config, f'server = "{server.url}"\n'
                             f'kiosk_key = "{server.core.config.kiosk_key}"\n'
                             f'camera = "synthetic"\nseat = "B-14"\nroom = "Hall 2"\n'
                             f'spool_dir = "{tmp_path / "spool"}"\n')
    settings = KioskSettings.from_args([])
    window = KioskWindow(settings, FAST, None, no_centers)
    qtbot.addWidget(window)
    window.show()
    try:
        candidate_only(window)
        form = window.join_page
        assert "Seat B-14" in form.subtitle.text() and "Room Hall 2" in form.subtitle.text()
        qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
        assert form.exam_combo.isVisible()  # which exam is the candidate's choice
        qtbot.keyClicks(form.ref_edit, "C-1042")
        qtbot.keyClicks(form.name_edit, "Ada Lovelace")
        qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=10000)
        session = server.core.proctoring.list_sessions("all")[0]
        assert (session.candidate_ref, session.seat) == ("C-1042", "B-14")
    finally:
        window.shutdown()
        window.close()


def test_a_full_screen_kiosk_shows_only_the_candidates_fields_too(qtbot, server, kiosk_exam,
                                                                  tmp_path):
    settings = KioskSettings.from_args([
        "--server", server.url, f"--kiosk-key={server.core.config.kiosk_key}", "--fullscreen",
        "--exam-id", kiosk_exam.exam_id, "--spool-dir", str(tmp_path / "spool")])
    assert not settings.is_managed
    window = KioskWindow(settings, FAST, None, no_centers)
    qtbot.addWidget(window)
    window.show()
    try:
        candidate_only(window)
        assert not window.join_page.exam_combo.isVisible()  # the kiosk is set to one exam
    finally:
        window.shutdown()
        window.close()


def test_a_managed_kiosk_without_a_center_asks_for_the_invigilator(qtbot, no_machine_config,
                                                                   tmp_path):
    write(no_machine_config, f'seat = "B-14"\nspool_dir = "{tmp_path / "spool"}"\n')
    window = KioskWindow(KioskSettings.from_args([]), FAST, None, no_centers)
    qtbot.addWidget(window)
    window.show()
    try:
        candidate_only(window)
        assert not window.join_page.start_button.isEnabled()
        assert "not set up for an exam center" in window.join_page.message.text()
    finally:
        window.shutdown()
        window.close()


def test_the_room_of_an_enrolment_file_reaches_the_proctors_session(qtbot, server, kiosk_exam,
                                                                    open_kiosk, tmp_path,
                                                                    monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from core.net.enrolment_file import Enrolment, write_enrolment_file

    path = write_enrolment_file(tmp_path / "kiosk.enrol.json", Enrolment(
        server.url, server.core.config.kiosk_key, None, "Hall 2"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    window = open_kiosk("", "")
    form = window.join_page
    qtbot.mouseClick(form.enrol_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    qtbot.keyClicks(form.ref_edit, "C-1042")
    qtbot.keyClicks(form.name_edit, "Ada Lovelace")
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    [session] = server.core.proctoring.list_sessions("all")
    assert session.room == "Hall 2"


def test_the_room_flag_and_an_enrolment_files_room_are_read_before_qt(tmp_path):
    from console.kiosk.joining.enrolment_args import read_enrolment_args
    from core.net.enrolment_file import Enrolment, write_enrolment_file

    path = write_enrolment_file(tmp_path / "kiosk.enrol.json", Enrolment(
        "http://127.0.0.1:8765", "key", None, "Hall 2"))
    argv, _pin, _typed = read_enrolment_args(["--enrol", str(path)])
    assert KioskSettings.from_args(argv).room == "Hall 2"
    argv, _pin, _typed = read_enrolment_args(["--enrol", str(path), "--room", "Hall 3"])
    assert KioskSettings.from_args(argv).room == "Hall 3"  # the command line wins
