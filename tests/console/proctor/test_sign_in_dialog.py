"""The sign-in dialog against real servers on loopback: a proctor's password, the admin key, a
pinned HTTPS center, and every refusal shown as one sentence with what was typed kept and the
cursor in the field to fix."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt

from console.proctor.console_settings import ConsoleSettings
from console.proctor.dialogs.sign_in_dialog import (
    SIGN_IN,
    SIGNING_IN,
    SignInDialog,
    center_pin,
    center_url,
)
from console.tasks import TaskRunner
from core.domain.accounts import SIGN_IN_REFUSED
from core.net.pinning import forget_pins
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.core.api.tls_support import TlsServer, serve_tls

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

PASSWORD = "correct horse battery"
WRONG_PIN = "sha256:" + "0f" * 32


@pytest.fixture
def memory(tmp_path, qapp) -> ConsoleSettings:
    return ConsoleSettings.in_data_dir(tmp_path)


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def dialog(tasks, memory, qtbot) -> Iterator[SignInDialog]:
    shown = SignInDialog(tasks, memory)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    tasks.wait_for_done()
    if shown.center is not None:
        shown.center.close()


@pytest.fixture
def dana(core):
    return core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)


@pytest.fixture
def tls_server(config, clock) -> Iterator[TlsServer]:
    forget_pins()
    yield from serve_tls(config, clock)
    forget_pins()


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port where nothing listens (held, so nothing else can start there)."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def fill(dialog: SignInDialog, url: str, username: str = "dana",
         password: str = PASSWORD) -> None:
    dialog.address_field.setText(url)
    dialog.username_field.setText(username)
    dialog.password_field.setText(password)


def wait_for_problem(qtbot, dialog: SignInDialog) -> str:
    qtbot.waitUntil(lambda: dialog.problem_label.isVisible(), timeout=20_000)
    assert dialog.sign_in_button.text() == SIGN_IN
    assert dialog.sign_in_button.isEnabled()
    assert dialog.center is None and dialog.isVisible()
    return dialog.problem_label.text()


# ---- a proctor's account -----------------------------------------------------------------------
def test_a_proctor_signs_in_and_the_dialog_hands_over_the_center(
        dialog, dana, live_server, memory, qtbot):
    fill(dialog, live_server.url)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert dialog.sign_in_button.text() == SIGNING_IN
        assert not dialog.sign_in_button.isEnabled()
    center = dialog.center
    assert center is not None
    assert (center.who, center.can_manage_proctors) == ("Dana Lee", False)
    assert center.location == live_server.url
    assert center.list_exams() == []  # the token works
    assert (memory.last_center_url, memory.last_center_username) == (live_server.url, "dana")


def test_enter_in_the_password_field_signs_in(dialog, dana, live_server, qtbot):
    fill(dialog, live_server.url)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
    assert dialog.center is not None and dialog.center.who == "Dana Lee"


def test_in_arabic_a_wrong_password_is_said_in_arabic(arabic, dialog, dana, live_server, qtbot):
    fill(dialog, live_server.url, password="not the password")
    qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.problem_label.isVisible(), timeout=20_000)
    assert dialog.problem_label.text() == "اسم المستخدم أو كلمة المرور غير صحيحة."


def test_a_wrong_password_shows_the_servers_sentence_keeps_the_form_and_focuses_the_password(
        dialog, dana, live_server, memory, qtbot):
    fill(dialog, live_server.url, password="not the password")
    qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
    assert wait_for_problem(qtbot, dialog) == SIGN_IN_REFUSED
    assert dialog.address_field.text() == live_server.url
    assert dialog.username_field.text() == "dana"
    assert dialog.password_field.text() == "not the password"
    assert dialog.focusWidget() is dialog.password_field
    assert memory.last_center_url == ""  # nothing is remembered from a refused sign-in


def test_a_disabled_account_is_told_so_and_the_username_gets_the_focus(
        dialog, core, dana, live_server, qtbot):
    core.proctors.disable_proctor(dana.proctor_id)
    fill(dialog, live_server.url)
    dialog.submit()
    assert "disabled" in wait_for_problem(qtbot, dialog)
    assert dialog.focusWidget() is dialog.username_field


def test_signing_in_again_after_a_refusal_works(dialog, dana, live_server, qtbot):
    fill(dialog, live_server.url, password="not the password")
    dialog.submit()
    wait_for_problem(qtbot, dialog)
    dialog.password_field.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
        assert not dialog.problem_label.isVisible()


def test_an_unreachable_address_says_to_check_it_and_focuses_it(dialog, closed_port, qtbot):
    url = f"http://127.0.0.1:{closed_port}"
    fill(dialog, url)
    dialog.submit()
    problem = wait_for_problem(qtbot, dialog)
    assert problem.startswith(f"Nothing answered at {url}. Check the server address")
    assert dialog.focusWidget() is dialog.address_field
    assert dialog.password_field.text() == PASSWORD


def test_what_cannot_be_an_address_or_a_fingerprint_is_said_before_anything_is_sent(
        dialog, qtbot, tasks):
    fill(dialog, "")
    dialog.submit()
    assert dialog.problem_label.text() == (
        "Type the exam center's address, for example https://10.0.0.5:8765.")
    assert dialog.focusWidget() is dialog.address_field
    dialog.address_field.setText("ftp://center")
    dialog.submit()
    assert "write it like https://10.0.0.5:8765" in dialog.problem_label.text()
    dialog.address_field.setText("10.0.0.5:8765")
    dialog.fingerprint_field.setText("sha256:not-hex")
    dialog.submit()
    assert "is not a certificate fingerprint" in dialog.problem_label.text()
    assert dialog.focusWidget() is dialog.fingerprint_field
    dialog.fingerprint_field.clear()
    dialog.password_field.clear()
    dialog.submit()
    assert dialog.problem_label.text() == "Type your password first."
    assert dialog.focusWidget() is dialog.password_field
    assert tasks.pending_count == 0 and dialog.sign_in_button.text() == SIGN_IN


def test_an_address_and_a_fingerprint_are_read_as_people_write_them():
    assert center_url(" 10.0.0.5:8765/ ") == "http://10.0.0.5:8765"
    assert center_url("https://center.school.example:8765") == (
        "https://center.school.example:8765")
    digits = "3f2a9c0184be77d15a6e20c4b9f3d8a1e5c7260b94dd1f8e3a0c6b52e7d49f18"
    for typed in (f"sha256:{digits}", digits.upper(), f"certificate sha256 {digits}",
                  " ".join(digits[i:i + 4] for i in range(0, 64, 4))):
        assert center_pin(typed) == f"sha256:{digits}"
    assert center_pin("  ") is None


def test_cancelling_while_signing_in_keeps_nobody_signed_in(
        dialog, dana, live_server, memory, qtbot, tasks):
    fill(dialog, live_server.url)
    dialog.submit()
    dialog.reject()
    assert tasks.wait_for_done()
    qtbot.waitUntil(lambda: tasks.pending_count == 0)
    assert dialog.center is None
    assert memory.last_center_url == ""


# ---- the admin key -------------------------------------------------------------------------------
def test_the_admin_key_signs_in_as_the_centers_administrator(dialog, live_server, qtbot):
    dialog.address_field.setText(live_server.url)
    qtbot.mouseClick(dialog.admin_box, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.admin_box.height() // 2))  # on the box
    assert dialog.admin_key_field.isVisible()
    assert not dialog.username_field.isVisible() and not dialog.password_field.isVisible()
    dialog.admin_key_field.setText(live_server.core.config.admin_key)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.admin_key_field, Qt.Key.Key_Return)
    assert dialog.center is not None and dialog.center.can_manage_proctors


def test_a_wrong_admin_key_is_refused_and_the_key_gets_the_focus(dialog, live_server, qtbot):
    dialog.address_field.setText(live_server.url)
    dialog.admin_box.setChecked(True)
    dialog.admin_key_field.setText("not-the-admin-key")
    dialog.submit()
    assert wait_for_problem(qtbot, dialog).startswith("The center refused this admin key.")
    assert dialog.focusWidget() is dialog.admin_key_field
    assert dialog.admin_key_field.text() == "not-the-admin-key"


def test_the_kiosk_key_is_not_taken_for_the_admin_key(dialog, live_server, qtbot):
    dialog.address_field.setText(live_server.url)
    dialog.admin_box.setChecked(True)
    dialog.admin_key_field.setText(live_server.core.config.kiosk_key)
    dialog.submit()
    assert wait_for_problem(qtbot, dialog).startswith("This is not the center's admin key")


# ---- a pinned HTTPS center -----------------------------------------------------------------------
def test_a_pinned_center_signs_in_and_its_fingerprint_is_remembered_for_its_address(
        tasks, memory, tls_server, qtbot):
    tls_server.core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    first = SignInDialog(tasks, memory)
    qtbot.addWidget(first)
    fill(first, tls_server.url)
    first.fingerprint_field.setText(tls_server.pin)
    with qtbot.waitSignal(first.accepted, timeout=20_000):
        first.submit()
    assert first.center is not None and first.center.list_exams() == []
    first.center.close()

    again = SignInDialog(tasks, memory)  # the next time: address and fingerprint filled in
    qtbot.addWidget(again)
    assert again.address_field.text() == tls_server.url
    assert again.username_field.text() == "dana"
    assert again.fingerprint_field.text() == tls_server.pin
    again.address_field.setText("https://10.0.0.99:8765")  # another center: no fingerprint
    assert again.fingerprint_field.text() == ""
    again.address_field.setText(tls_server.url)
    assert again.fingerprint_field.text() == tls_server.pin


def test_a_fingerprint_mistyped_at_first_contact_is_refused_showing_where_it_differs(
        dialog, tls_server, qtbot):
    real = tls_server.certificates.fingerprint
    typed = "sha256:" + real[:62] + ("00" if not real.endswith("00") else "11")
    fill(dialog, tls_server.url)
    dialog.fingerprint_field.setText(typed)
    dialog.submit()
    problem = wait_for_problem(qtbot, dialog)
    assert problem.startswith("The fingerprint typed for the center at ")
    assert f"they differ from digit 63 on (you typed …{typed[-4:]}, the center presents " \
           f"…{real[-4:]})" in problem
    assert "Compare it again" in problem and "identity changed" not in problem
    assert dialog.focusWidget() is dialog.fingerprint_field
    assert dialog.fingerprint_field.text() == typed


def test_a_center_with_another_identity_than_the_one_held_is_refused_with_what_to_do(
        dialog, memory, tls_server, qtbot):
    memory.remember_center_fingerprint(tls_server.url, WRONG_PIN)  # signed in there before
    fill(dialog, tls_server.url)
    dialog.fingerprint_field.setText(WRONG_PIN)
    dialog.submit()
    problem = wait_for_problem(qtbot, dialog)
    assert problem.startswith("The center's identity changed")
    assert "do not continue" in problem
    assert dialog.focusWidget() is dialog.fingerprint_field
    assert dialog.fingerprint_field.text() == WRONG_PIN


def test_the_admin_key_with_a_fingerprint_typed_wrong_is_refused_showing_where_it_differs(
        dialog, tls_server, qtbot):
    dialog.address_field.setText(tls_server.url)
    dialog.admin_box.setChecked(True)
    dialog.admin_key_field.setText(tls_server.core.config.admin_key)
    dialog.fingerprint_field.setText(WRONG_PIN)
    dialog.submit()
    assert "they differ from digit" in wait_for_problem(qtbot, dialog)
    assert dialog.focusWidget() is dialog.fingerprint_field


def test_an_https_center_without_a_fingerprint_asks_for_it(dialog, tls_server, qtbot):
    fill(dialog, tls_server.url)
    dialog.submit()
    problem = wait_for_problem(qtbot, dialog)
    assert problem == (f"The center at {tls_server.url} uses its own certificate, so this "
                       "console needs its fingerprint: paste it into Center fingerprint.")
    assert dialog.focusWidget() is dialog.fingerprint_field


@pytest.mark.parametrize("with_admin_key", [False, True])
def test_an_http_address_of_an_https_only_center_says_to_use_https_with_the_fingerprint(
        dialog, tls_server, qtbot, with_admin_key):
    plain = tls_server.url.replace("https://", "http://")
    fill(dialog, plain)
    if with_admin_key:
        dialog.admin_box.setChecked(True)
        dialog.admin_key_field.setText(tls_server.core.config.admin_key)
    dialog.submit()
    problem = wait_for_problem(qtbot, dialog)
    assert problem == (f"The center at {plain} serves HTTPS only: use {tls_server.url} with the "
                       "center's fingerprint (the console's Connect kiosks shows it).")
    assert dialog.focusWidget() is dialog.address_field


def test_a_console_signed_out_by_its_center_opens_the_dialog_with_the_reason(dialog, qtbot):
    reason = ("The proctor account of Sam Ortiz was disabled by an administrator, so this "
              "sign-in has ended. Sign in with another account, or ask the center's "
              "administrator.")
    fill(dialog, "http://127.0.0.1:8765", username="sam")
    dialog.explain(reason)
    assert dialog.problem_label.isVisible() and dialog.problem_label.text() == reason
    assert dialog.password_field.text() == ""
    assert dialog.focusWidget() is dialog.username_field  # another account is needed


def test_what_is_remembered_survives_a_restart_and_never_holds_a_secret(
        dialog, dana, live_server, memory, tmp_path, qtbot):
    fill(dialog, live_server.url)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
    memory.remember_center_fingerprint("https://10.0.0.5:8765", WRONG_PIN)
    memory.sync()
    again = ConsoleSettings.in_data_dir(tmp_path)
    assert (again.last_center_url, again.last_center_username) == (live_server.url, "dana")
    for same_center in ("10.0.0.5:8765", "http://10.0.0.5:8765/", "HTTPS://10.0.0.5:8765"):
        assert again.center_fingerprint(same_center) == WRONG_PIN
    assert again.center_fingerprint("https://10.0.0.5") == ""  # port 443: another center
    stored = (tmp_path / "console.ini").read_text()
    assert PASSWORD not in stored and live_server.core.config.admin_key not in stored
