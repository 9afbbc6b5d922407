"""Connect kiosks on a console signed in with the administrator's key to a real
``proctor-server --tls`` elsewhere: a one-time code in the README's form with the fingerprint
digits (a kiosk enrols with it, in the room chosen), an enrolment file with the kiosk key, the
fingerprint and the room, and a command line with the camera chosen; a proctor's console is not
offered it."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from console.proctor.center import sign_in, with_admin_key
from console.proctor.context import ConsoleContext
from console.proctor.dialogs.remote_connect_dialog import RemoteConnectDialog
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from core.client.enrolment import enrol_with_code
from core.net.pinning import forget_pins
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.console.proctor.remote_support import PASSWORD, RunningCenter

pytestmark = [pytest.mark.process, pytest.mark.db,  # a real proctor-server --tls process
              pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)]


@pytest.fixture(scope="module")
def tls_center(tmp_path_factory) -> Iterator[RunningCenter]:
    center = RunningCenter.start(tmp_path_factory.mktemp("tls") / "data", tls=True)
    center.add_proctor("dana", "Dana Lee")
    yield center
    center.stop()


@pytest.fixture(autouse=True)
def no_pins_between_tests() -> Iterator[None]:
    forget_pins()
    yield
    forget_pins()


def open_window(remote, qtbot, tmp_path) -> ProctorCenterWindow:
    settings = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    context = ConsoleContext.create(remote, settings)
    window = ProctorCenterWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def admin_window(tls_center, qapp, qtbot, tmp_path) -> Iterator[ProctorCenterWindow]:
    remote = with_admin_key(tls_center.url, tls_center.admin_key,
                            fingerprint=tls_center.fingerprint)
    window = open_window(remote, qtbot, tmp_path)
    yield window
    window.quit_now()
    window.context.close()
    remote.close()


def test_an_admin_console_makes_a_code_with_a_room_and_a_kiosk_enrols_with_it(
        admin_window, tls_center, qtbot):
    assert admin_window.connect_action.isVisible()
    dialog = admin_window.show_connect()
    assert isinstance(dialog, RemoteConnectDialog)
    assert dialog.address_field.text() == tls_center.url
    dialog.room_field.setText("Hall 2")

    dialog.code_button.click()

    qtbot.waitUntil(dialog.code_card.isVisible, timeout=10_000)
    code = dialog.code_label.text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    digits = dialog.digits_label.text()
    assert digits.replace(" ", "").lower() == tls_center.fingerprint[7:15]
    assert "Hall 2" in dialog.code_expiry_label.text()
    enrolment = enrol_with_code(tls_center.url, code, digits)
    assert enrolment.room == "Hall 2" and enrolment.kiosk_key


def test_an_admin_console_exports_an_enrolment_file_and_a_command_with_the_camera(
        admin_window, tls_center, qtbot, tmp_path):
    dialog = admin_window.show_connect()
    qtbot.waitUntil(lambda: bool(dialog.key_field.text()), timeout=10_000)  # asked at once
    assert "--kiosk-key KEY" not in dialog.command_field.toPlainText()
    dialog.room_field.setText("Hall 2")
    dialog.camera_choice.setCurrentIndex(dialog.camera_choice.findData("synthetic"))
    target = tmp_path / "kiosk.json"

    dialog.export_enrolment_file(target)

    qtbot.waitUntil(target.exists, timeout=10_000)
    written = json.loads(target.read_text())
    assert written["room"] == "Hall 2"
    assert tls_center.fingerprint[7:] in json.dumps(written)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    command = dialog.command_field.toPlainText()
    assert f"--kiosk-key {written['kiosk_key']}" in command
    assert "--camera synthetic" in command and "--room 'Hall 2'" in command
    assert f"--fingerprint {tls_center.fingerprint}" in command
    assert dialog.key_field.text() == written["kiosk_key"]
    dialog.copy_buttons["Command line"].click()
    assert QGuiApplication.clipboard().text() == command


def test_a_proctors_console_is_not_offered_connect_kiosks(tls_center, qapp, qtbot, tmp_path):
    remote = sign_in(tls_center.url, "dana", PASSWORD, fingerprint=tls_center.fingerprint)
    window = open_window(remote, qtbot, tmp_path)
    try:
        assert not window.connect_action.isVisible()
        assert window.show_connect() is None
        assert "administrator's key" in window.statusBar().currentMessage()
    finally:
        window.quit_now()
        window.context.close()
        remote.close()
