"""Alerts in the console over the in-memory center: a session turning high risk, a camera turning
off, a kiosk going silent and a warning left unanswered each raise one alert per episode, listed
newest first with the unseen ones counted on the Alerts button; opening one asks for its session;
the switches live in console.ini and are obeyed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu

from console.proctor.alerts.alert_controller import AlertController
from console.proctor.alerts.alert_list_model import IS_SEEN_ROLE, SESSION_ID_ROLE, AlertListModel
from console.proctor.alerts.alert_notifier import AlertNotifier
from console.proctor.alerts.alerts_button import AlertsButton
from console.proctor.alerts.alerts_dialog import AlertsDialog
from console.proctor.alerts.settings_dialog import SettingsDialog
from console.proctor.console_settings import ConsoleSettings
from console.proctor.settings_values import AlertSettings
from core.domain.alerts import AlertKind
from core.domain.risk import RiskRule
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.fakes.in_memory_center import InMemoryCore

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
HOUR_MS = 3_600_000  # the clock timer never fires by itself in these tests: they call evaluate()


@pytest.fixture
def fake_core(clock) -> InMemoryCore:
    # One focus_lost makes a session high risk (70 of 100).
    return InMemoryCore(clock, risk=RiskRule({"focus_lost": 70}))


def start_controller(context, qtbot, tick_ms: int = HOUR_MS) -> AlertController:
    controller = AlertController(context, AlertListModel(), AlertNotifier(QIcon()),
                                 tick_ms=tick_ms)
    qtbot.waitUntil(lambda: controller.is_loaded, timeout=5000)
    return controller


@pytest.fixture
def controller(fake_console_context, qtbot):
    controller = start_controller(fake_console_context, qtbot)
    yield controller
    controller.close()
    fake_console_context.tasks.wait_for_done()


@pytest.fixture
def ann(fake_core, fake_exam):
    return fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")


def kinds(controller: AlertController) -> list[str]:
    """The listed alerts' kinds, newest first."""
    return [str(a.kind) for a in controller.model.alerts()]


def settle(controller: AlertController, qtbot) -> None:
    """Wait until every change the controller heard of has been read and judged."""
    qtbot.waitUntil(lambda: not controller.is_busy, timeout=5000)


def test_a_session_turning_high_risk_raises_one_alert_while_it_stays_high(
        controller, fake_core, ann, qtbot):
    with qtbot.waitSignal(controller.alerts_raised, timeout=5000) as raised:
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "focus_lost")
    [alert] = raised.args[0]
    assert (alert.kind, alert.session_id, alert.title) == (
        AlertKind.HIGH_RISK, ann.proctor_session_id, "High risk: Ann Lee")
    fake_core.attempts.record_kiosk_event(ann.attempt_id, "focus_lost")  # still high
    settle(controller, qtbot)
    controller.evaluate()
    assert kinds(controller) == ["high_risk"]
    assert controller.notifier.shown == [("High risk: Ann Lee",
                                          "Ann Lee (Algebra final) is now high risk, score 70.")]


def test_a_camera_turning_off_raises_an_alert_and_turning_on_and_off_again_a_second(
        controller, fake_core, ann, qtbot):
    for expected in (1, 2):
        with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
            fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_denied")
        assert kinds(controller) == ["camera_off"] * expected
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_restored")
        settle(controller, qtbot)


def test_a_kiosk_that_sends_nothing_goes_silent_by_the_clock_alone(
        controller, fake_core, ann, clock, qtbot):
    settle(controller, qtbot)
    clock.advance(89)
    controller.evaluate()
    assert kinds(controller) == []
    clock.advance(2)
    with qtbot.waitSignal(controller.alerts_raised, timeout=1000):
        controller.evaluate()
    assert kinds(controller) == ["silent_kiosk"]
    assert controller.model.alerts()[0].message == (
        "Ann Lee's kiosk (Algebra final) has not called the center since the session started, "
        "1 min ago.")


def test_the_slow_clock_timer_evaluates_on_its_own(
    fake_console_context, fake_core, ann, clock, qtbot
):
    clock.advance(120)
    controller = start_controller(fake_console_context, qtbot, tick_ms=50)
    try:
        # Already silent at the first read; the timer would also catch it later.
        qtbot.waitUntil(lambda: kinds(controller) == ["silent_kiosk"], timeout=3000)
    finally:
        controller.close()


def test_a_warning_left_unanswered_for_a_minute_alerts_and_an_answered_one_does_not(
        controller, fake_core, ann, clock, qtbot):
    session_id = ann.proctor_session_id
    answered = fake_core.proctoring.warn_session(session_id, "Face the camera, please")
    fake_core.attempts.acknowledge_warning(ann.attempt_id, answered.warning_id)
    fake_core.proctoring.warn_session(session_id, "Eyes on your screen")
    settle(controller, qtbot)
    clock.advance(30)
    fake_core.snapshots.record_snapshot(ann.attempt_id, "0b9a2f0e-5d56-4a7c-9d4c-2b1f6a2f1c11",
                                        _jpeg())
    settle(controller, qtbot)
    clock.advance(31)
    with qtbot.waitSignal(controller.alerts_raised, timeout=1000) as raised:
        controller.evaluate()
    [alert] = raised.args[0]
    assert alert.kind == AlertKind.UNANSWERED_WARNING
    assert "“Eyes on your screen”" in alert.message
    controller.evaluate()
    assert kinds(controller) == ["unanswered_warning"]


def test_an_ended_session_raises_nothing_more(controller, fake_core, ann, clock, qtbot):
    fake_core.attempts.submit_attempt(ann.attempt_id)
    settle(controller, qtbot)
    clock.advance(600)
    controller.evaluate()
    assert kinds(controller) == []
    assert controller.live_session_ids() == []


def test_a_session_that_ends_while_the_first_read_is_on_its_way_is_not_brought_back(
        fake_console_context, fake_core, ann, clock, qtbot):
    controller = AlertController(fake_console_context, AlertListModel(), AlertNotifier(QIcon()),
                                 tick_ms=HOUR_MS)
    try:
        fake_console_context.tasks.wait_for_done()  # read (session active), not yet delivered
        fake_core.attempts.submit_attempt(ann.attempt_id)  # ends now; heard at once
        qtbot.waitUntil(lambda: controller.is_loaded, timeout=5000)
        assert controller.live_session_ids() == []
        clock.advance(600)
        controller.evaluate()
        assert kinds(controller) == []  # no "silent" alert for an ended session
    finally:
        controller.close()


def test_sessions_already_in_trouble_when_the_console_starts_are_alerted(
        fake_console_context, fake_core, ann, qtbot):
    fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_denied")
    controller = start_controller(fake_console_context, qtbot)
    try:
        assert kinds(controller) == ["camera_off"]
    finally:
        controller.close()


def test_switched_off_kinds_raise_nothing_and_sound_and_notification_follow_the_settings(
        fake_console_context, fake_core, ann, qtbot):
    fake_console_context.settings.alerts = AlertSettings(
        enabled_kinds=frozenset({AlertKind.HIGH_RISK}), desktop_notifications=False, sound=True)
    controller = start_controller(fake_console_context, qtbot)
    try:
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_denied")
        settle(controller, qtbot)
        assert kinds(controller) == []
        with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
            fake_core.attempts.record_kiosk_event(ann.attempt_id, "focus_lost")
        assert kinds(controller) == ["high_risk"]
        assert controller.notifier.shown == []
        assert controller.notifier.beeps == 1
    finally:
        controller.close()


def test_the_list_model_passes_the_model_tester_and_counts_unseen(
        controller, fake_core, ann, qtmodeltester, qtbot):
    model = controller.model
    with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_denied")
    with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "focus_lost")
    qtmodeltester.check(model)
    assert kinds(controller) == ["high_risk", "camera_off"]
    assert model.unseen_count == 2
    with qtbot.waitSignal(model.unseen_count_changed) as changed:
        model.mark_seen(1)
    assert changed.args == [1]
    assert model.index(1).data(IS_SEEN_ROLE) is True
    assert model.index(0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1).data(Qt.ItemDataRole.FontRole) is None
    with qtbot.waitSignal(model.unseen_count_changed) as changed:
        model.mark_all_seen()
    assert changed.args == [0]
    qtmodeltester.check(model)


def test_the_button_counts_unseen_alerts(controller, fake_core, ann, qtbot):
    button = AlertsButton(controller.model)
    qtbot.addWidget(button)
    assert button.text() == "Alerts"
    with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_denied")
    with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "focus_lost")
    assert button.text() == "Alerts 2"
    assert button.property("tone") == "danger"
    controller.model.mark_all_seen()
    assert button.text() == "Alerts"


def test_opening_an_alert_marks_it_seen_and_asks_for_its_session(controller, fake_core, ann, qtbot):
    with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_denied")
    dialog = AlertsDialog(controller.model)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list_view.isVisible() and not dialog.empty_label.isVisible()
    index = controller.model.index(0)
    assert index.data(SESSION_ID_ROLE) == ann.proctor_session_id
    with qtbot.waitSignal(dialog.session_requested) as requested:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert requested.args == [ann.proctor_session_id]
    assert controller.model.unseen_count == 0
    assert not dialog.all_seen_button.isEnabled()


def test_the_settings_dialog_saves_to_console_ini(fake_console_context, qtbot, tmp_path):
    dialog = SettingsDialog(fake_console_context.settings)
    qtbot.addWidget(dialog)
    assert all(box.isChecked() for box in dialog.kind_boxes.values())
    assert dialog.desktop_box.isChecked() and not dialog.sound_box.isChecked()
    dialog.kind_boxes[AlertKind.SILENT_KIOSK].setChecked(False)
    assert not dialog.silent_field.isEnabled()
    dialog.sound_box.setChecked(True)
    dialog.desktop_box.setChecked(False)
    with qtbot.waitSignal(dialog.alert_settings_saved) as saved:
        dialog.save()
    reread = ConsoleSettings(QSettings(str(tmp_path / "console.ini"),
                                       QSettings.Format.IniFormat)).alerts
    assert reread == saved.args[0]
    assert AlertKind.SILENT_KIOSK not in reread.enabled_kinds
    assert (reread.sound, reread.desktop_notifications) == (True, False)


def test_the_proctor_center_has_the_alerts_button_and_settings_and_opens_the_session(
        fake_window, fake_core, ann, qtbot):
    center = fake_window.alerts  # installed by the window itself
    qtbot.waitUntil(lambda: center.controller.is_loaded, timeout=5000)
    assert center.button.isVisible()
    assert fake_window.toolbar.isAncestorOf(center.button)
    file_menus = [o for o in fake_window.quit_action.associatedObjects()
                  if isinstance(o, QMenu)]
    assert center.settings_action in file_menus[0].actions()
    with qtbot.waitSignal(center.controller.alerts_raised, timeout=5000):
        fake_core.attempts.record_kiosk_event(ann.attempt_id, "camera_denied")
    assert center.button.text() == "Alerts 1"
    qtbot.waitUntil(lambda: fake_window.model.row_of(ann.proctor_session_id) is not None,
                    timeout=5000)  # the grid has the card too
    dialog = center.show_alerts()
    dialog.open_alert(center.model.index(0))
    assert fake_window.opened_details == [ann.proctor_session_id]
    assert fake_window.current_session().session_id == ann.proctor_session_id
    assert center.button.text() == "Alerts"


def _jpeg() -> bytes:
    from tests.helpers import jpeg_bytes

    return jpeg_bytes(320, 240)
