"""A proctor the center signs out (the administrator disabled the account, or the sign-in ended
on another console) is told so in the center's words, never as a network problem: the console
acts for nobody at once, the grid keeps what it showed, and the sign-in dialog opens with the
reason, against a real server on a real port."""

from __future__ import annotations

import html

import pytest

from console.proctor.__main__ import build_parser
from console.proctor.center.remote import sign_in
from console.proctor.console_app import ConsoleApp
from console.proctor.session_details.session_details_window import SessionDetailsWindow
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.console.proctor.remote_support import PASSWORD, card
from tests.core.api.support import call, plain_http

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

#: The center promises 3 s; the wait allows for a loaded test machine.
WAIT_MS = 10_000


@pytest.fixture
def sams_console(qapp, qtbot, tmp_path, monkeypatch, live_server):
    """Sam Ortiz's console, signed in from the command line, following a center where Ann Lee
    sits an exam."""
    core = live_server.core
    core.proctors.create_proctor("sam", "Sam Ortiz", PASSWORD)
    core.proctors.create_proctor("omar", "Omar Khalid", PASSWORD)
    exam = core.exams.create_exam("Chemistry", 3600)
    started = core.attempts.start_attempt(exam.exam_id, "ann", "Ann Lee")
    monkeypatch.setenv("PROCTOR_ANALYSIS", "0")
    monkeypatch.delenv("PROCTOR_ADMIN_KEY", raising=False)
    monkeypatch.setenv("PROCTOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the remote console's ini
    console = ConsoleApp(build_parser().parse_args(
        ["--server", live_server.url, "--user", "sam"]), qapp)
    window = console.start()
    assert console.context.center.wait_until_following(10)
    qtbot.waitUntil(lambda: card(window, "Ann Lee") is not None, timeout=WAIT_MS)
    window.grid.setCurrentIndex(window.proxy.index(0, 0))
    assert window.flag_action.isEnabled()
    assert window.who_label.text() == f"Acting as Sam Ortiz · {live_server.url}"
    yield console, started.proctor_session_id
    console.shutdown()


def test_a_disabled_proctors_console_acts_for_nobody_and_asks_to_sign_in_with_the_reason(
        sams_console, live_server, qtbot):
    console, session_id = sams_console
    window = console.window
    details = SessionDetailsWindow(window.context, session_id)  # deletes itself on close
    details.show()
    qtbot.waitUntil(lambda: details.button("flag").isEnabled(), timeout=WAIT_MS)
    sam = next(p for p in live_server.core.proctors.list_proctors() if p.username == "sam")

    with qtbot.waitSignal(console.context.bridge.signed_out, timeout=WAIT_MS) as signed_out:
        call(live_server.url, "POST", f"/proctors/{sam.proctor_id}/disable",
             live_server.core.config.admin_key)

    reason = signed_out.args[0]
    assert reason.startswith("The proctor account of Sam Ortiz was disabled by an administrator")
    assert window.who_label.text() == f"Signed out: acting as nobody · {live_server.url}"
    assert "Sam Ortiz" not in window.windowTitle()
    banner = window.connection_banner.text()
    assert html.escape(reason) in banner and "Sign in again…" in banner
    assert "cannot be reached" not in banner
    assert not window.flag_action.isEnabled() and not window.terminate_action.isEnabled()
    assert window.flag_action.toolTip().startswith("Signed out")
    assert not details.button("flag").isEnabled()
    assert details.button("flag").toolTip().startswith("Signed out")
    assert card(window, "Ann Lee") is not None, "the grid keeps what it showed"

    dialog = console.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.problem_label.isVisible() and dialog.problem_label.text() == reason
    assert dialog.address_field.text() == live_server.url
    assert dialog.password_field.text() == ""
    details.close()

    dialog.username_field.setText("omar")  # Sam's account is gone: another proctor signs in
    dialog.password_field.setText(PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: console.window is not window and console.window is not None
                    and console.window.who_label.text().startswith("Acting as Omar Khalid"),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: card(console.window, "Ann Lee") is not None, timeout=WAIT_MS)


def test_a_sign_in_ended_on_another_console_asks_for_the_password_again(
        sams_console, live_server, qtbot):
    console, _session_id = sams_console
    token = console.context.center._headers["Authorization"].split()[1]

    with qtbot.waitSignal(console.context.bridge.signed_out, timeout=WAIT_MS) as signed_out:
        assert call(live_server.url, "POST", "/auth/logout", token).status_code == 204

    assert "signed out" in signed_out.args[0]
    assert "cannot be reached" not in console.window.connection_banner.text()
    dialog = console.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.problem_label.text() == signed_out.args[0]
    assert dialog.username_field.text() == "sam"
    dialog.password_field.setText(PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: console.window is not None and console.window.who_label.text()
                    .startswith("Acting as Sam Ortiz"), timeout=WAIT_MS)
    assert console.context.bridge.signed_out_reason == ""


def test_in_arabic_a_sign_in_ended_elsewhere_is_said_in_arabic_from_the_stream(
        arabic, live_server, qtbot):
    live_server.core.proctors.create_proctor("sam", "Sam Ortiz", PASSWORD)
    center = sign_in(live_server.url, "sam", PASSWORD, transport=plain_http())
    try:
        center.subscribe(lambda *_: None)  # follows the stream
        assert center.wait_until_following(10)
        token = center._headers["Authorization"].split()[1]
        assert call(live_server.url, "POST", "/auth/logout", token).status_code == 204
        qtbot.waitUntil(lambda: center.signed_out_reason != "", timeout=WAIT_MS)
        assert center.signed_out_reason == (
            "سُجِّل الخروج من هذا الدخول (على هذه اللوحة أو غيرها)، فلم يعد المركز يقبله. "
            "ادخل مرة أخرى.")
    finally:
        center.close()
