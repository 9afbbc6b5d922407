"""The Proctor Center in other languages: under the pseudo-language every word of the main
window (header, counters, filters, toolbar, menus, status bar, banners, empty states) and of
the question before quitting went through Qt's translation and has room to be 30% longer; in
Arabic the window is right-to-left, its counters in Arabic digits.

The action dialogs (flag, warn, terminate, pause, add time), the welcome, sign-in, exams and
proctors dialogs too, the alerts (the Alerts button, its list and the alert settings), and
the session details window (live, flagged and paused, narrow, ended,
reviewed, a sample, a session that could not be opened; its review dialog, the report's
progress and the banner's sentences), and the Connect kiosks dialog (this computer only, on
the center's network, an enrolment file saved or not, a one-time code) and a remote console's
Connect kiosks, and the webhooks dialog (none yet, nothing typed, one added with its
secret), and the connection banners (the center lost, answering HTTPS only, back, the sign-in
refused, signed out)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.i18n import install_language, remove_language
from console.proctor.console_settings import ConsoleSettings
from console.proctor.dialogs.action_dialogs import (
    FLAG_REASON_WORDS,
    AddTimeDialog,
    FlagDialog,
    PauseDialog,
    TerminateDialog,
    WarnDialog,
)
from console.proctor.dialogs.exams_dialog import ExamsDialog
from console.proctor.dialogs.proctors_dialog import ProctorsDialog
from console.proctor.dialogs.sign_in_dialog import SignInDialog
from console.proctor.dialogs.welcome_dialog import WelcomeDialog
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from core.domain.enums import FLAG_REASONS
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE, start
from tests.console.translation_walk import painted_problems, problems

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

#: Data the window shows: exams, candidates, their seats.
DATA = ("Algebra final", "Ada Lovelace", "Bob Stone", "C-1", "C-2", "Proctor Console")


def test_the_proctor_center_is_translated_and_has_room(
        pseudo_language, fake_console_context, fake_core, fake_exam, qtbot):
    fake_console_context.settings.show_samples = False
    window = ProctorCenterWindow(fake_console_context)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.model.is_loading, timeout=5000)
    found: list[str] = []
    try:
        found += problems(window, "no exam running", DATA)
        alerts = window.alerts.show_alerts()
        found += problems(alerts, "no alert so far", DATA)
        alerts.close()
        ada = start(fake_core, fake_exam, "C-1", "Ada Lovelace")
        bob = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-2", "Bob Stone",
                                               seat="B-14")
        qtbot.waitUntil(lambda: len(window.visible_session_ids()) == 2, timeout=3000)
        found += problems(window, "two sessions", DATA)
        found += painted_problems(window.grid, "two sessions' cards", (*DATA, "B-14"))
        proctoring = fake_core.proctoring
        proctoring.warn_session(bob.proctor_session_id, "Eyes on your screen")
        proctoring.flag_session(bob.proctor_session_id, "Looking away")
        proctoring.pause_session(ada.proctor_session_id, "Fire alarm")
        qtbot.waitUntil(lambda: window.model.session(ada.proctor_session_id).paused
                        and window.model.session(bob.proctor_session_id).is_flagged,
                        timeout=3000)
        found += painted_problems(window.grid, "a card warned and flagged, a card paused",
                                  (*DATA, "B-14"))
        controller = window.alerts.controller
        with qtbot.waitSignal(controller.alerts_raised, timeout=5000):
            fake_core.attempts.record_kiosk_event(ada.attempt_id, "camera_denied")
        found += problems(window, "an alert not seen", DATA)
        alerts = window.alerts.show_alerts()
        found += problems(alerts, "an alert", DATA)
        alerts.close()
        settings = window.alerts.show_settings()
        found += problems(settings, "the alert settings", DATA)
        settings.close()
        window.search_field.setText("nobody by that name")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty_label)
        found += problems(window, "nothing matches", DATA)
        window.search_field.clear()
        window.ended_view_action.trigger()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty_label)
        found += problems(window, "no session ended", DATA)
        window.active_view_action.trigger()
        qtbot.waitUntil(lambda: len(window.visible_session_ids()) == 2, timeout=3000)
        session = window.model.session(window.visible_session_ids()[0])
        for kind in (FlagDialog, WarnDialog, TerminateDialog, PauseDialog, AddTimeDialog):
            dialog = kind(session, window)
            dialog.show()
            dialog.touched = True  # the line that says what is missing shows too
            dialog.revalidate()
            found += problems(dialog, kind.__name__, DATA)
            dialog.reject()
        room_pause = PauseDialog(session, window, room="Hall 2", room_count=3)
        room_pause.show()
        found += problems(room_pause, "pause a room", (*DATA, "Hall 2"))
        room_pause.reject()
        window.ask_before_quitting = True
        window.close()
        box = window.quit_box
        assert box is not None
        found += problems(box, "quit while exams run", DATA)
        box.done(0)
    finally:
        window.quit_now()
        fake_console_context.tasks.wait_for_done()
    assert found == [], "\n".join(found)


def test_in_arabic_the_proctor_center_is_right_to_left_with_arabic_counters(
        arabic, fake_console_context, fake_core, fake_exam, qtbot):
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window = ProctorCenterWindow(fake_console_context)
    try:
        window.resize(1366, 768)
        window.show()
        start(fake_core, fake_exam, "C-1", "Ada Lovelace")
        qtbot.waitUntil(lambda: len(window.visible_session_ids()) == 1, timeout=3000)
        assert window.isRightToLeft()
        assert window.header.title.text() == "مركز المراقبة"
        qtbot.waitUntil(lambda: window.header.counters[0].text() == "\u0661 جارية", timeout=3000)
        # the header's first counter stands at the right, after the title
        assert (window.header.counters[0].mapTo(window, window.rect().topLeft()).x()
                < window.header.title.mapTo(window, window.rect().topLeft()).x())
    finally:
        window.quit_now()
        fake_console_context.tasks.wait_for_done()


def test_a_flag_reason_chosen_in_arabic_is_recorded_as_the_center_knows_it(
        arabic, fake_console_context, fake_core, fake_exam, qtbot):
    assert set(FLAG_REASON_WORDS) == set(FLAG_REASONS)
    started = start(fake_core, fake_exam, "C-1", "Ada Lovelace")
    dialog = FlagDialog(fake_console_context.center.get_session_summary(
        started.proctor_session_id))
    qtbot.addWidget(dialog)
    dialog.reason_box.setCurrentIndex(FLAG_REASONS.index("Left the seat"))
    assert dialog.reason_box.currentText() == "غادر المقعد"
    assert dialog.reason == "Left the seat"


def test_the_welcome_and_sign_in_dialogs_are_translated_and_have_room(
        pseudo_language, fake_console_context, tmp_path, qtbot):
    found: list[str] = []
    welcome = WelcomeDialog()
    qtbot.addWidget(welcome)
    welcome.show()
    found += problems(welcome, "welcome", DATA)
    welcome.submit()  # no name: the sentence that says what to type
    found += problems(welcome, "welcome without a name", DATA)
    sign_in = SignInDialog(fake_console_context.tasks, ConsoleSettings.in_data_dir(tmp_path))
    qtbot.addWidget(sign_in)
    sign_in.show()
    found += problems(sign_in, "sign in", DATA)
    sign_in.admin_box.setChecked(True)
    found += problems(sign_in, "sign in with the admin key", DATA)
    assert found == [], "\n".join(found)


def test_the_exams_dialog_is_translated_and_has_room(
        pseudo_language, fake_console_context, fake_core, fake_exam, qtbot):
    start(fake_core, fake_exam, "C-1", "Ada Lovelace")
    with qtbot.waitSignal(fake_console_context.tasks.task_finished, timeout=3000):
        dialog = ExamsDialog(fake_console_context)
    qtbot.addWidget(dialog)
    dialog.show()
    found = problems(dialog, "exams", DATA)
    assert dialog.select_exam(fake_exam.exam_id)
    dialog.edit_selected()  # started: only its title can change
    found += problems(dialog, "editing a started exam", DATA)
    assert found == [], "\n".join(found)
    fake_console_context.tasks.wait_for_done()


def test_the_proctors_dialog_is_translated_and_has_room(
        pseudo_language, fake_console_context, qtbot):
    tasks = fake_console_context.tasks
    with qtbot.waitSignal(tasks.task_finished, timeout=3000):
        dialog = ProctorsDialog(fake_console_context.center, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    found = problems(dialog, "proctors", DATA)
    dialog.add_proctor()  # nothing typed: the sentence that says what to type
    found += problems(dialog, "proctors, nothing typed", DATA)
    assert found == [], "\n".join(found)
    tasks.wait_for_done()


def test_a_language_the_console_does_not_speak_is_refused_with_a_sentence(capsys):
    from console.proctor.__main__ import main

    with pytest.raises(SystemExit) as exited:
        main(["--language", "xx"])
    assert exited.value.code == 2
    assert "--language xx: the console speaks en and ar" in capsys.readouterr().err


# ---- the session details window -------------------------------------------------------------
#: What the details window shows that is data: the exam, the candidate, their seat, reasons.
DETAILS_DATA = (*DATA, "Phone on the desk", "Looking away repeatedly", "Switched window",
                "Fire alarm", "proctor-verify", "Dana Lee", "Home", "End", ".zip", "sample-",
                # the center's own detail of the end of a session, as it wrote it
                "Terminated by a proctor")


def _details(fake_console_context, qtbot, session_id: str):
    from console.proctor.session_details.details_windows import DetailsWindows

    registry = DetailsWindows.install(fake_console_context)
    window = registry.open(session_id)
    window.resize(1340, 740)
    qtbot.waitExposed(window)
    return registry, window


def test_the_session_details_window_is_translated_and_has_room(
        pseudo_language, fake_console_context, fake_core, fake_exam, clock, tmp_path, qtbot,
        monkeypatch):
    from tests.console.proctor.test_session_details import record_snapshots

    started = start(fake_core, fake_exam, "C-1", "Ada Lovelace")
    clock.advance(30)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost", "Switched window")
    record_snapshots(fake_core, clock, started.attempt_id, 3, small=True)
    fake_core.proctoring.flag_session(started.proctor_session_id, "Looking away repeatedly",
                                      actor="Dana Lee")
    fake_core.proctoring.pause_session(started.proctor_session_id, "Fire alarm",
                                       actor="Dana Lee")
    registry, window = _details(fake_console_context, qtbot, started.proctor_session_id)
    found: list[str] = []
    try:
        qtbot.waitUntil(lambda: window.preview.shown_snapshot_id is not None, timeout=5000)
        found += problems(window, "a live session, flagged and paused", DETAILS_DATA)
        window.resize(800, 740)  # the buttons under the header
        found += problems(window, "a live session at 800 px", DETAILS_DATA)
        QApplication.processEvents()  # the timeline laid out again at its narrow width
        found += painted_problems(window.timeline_view, "the timeline at 800 px", DETAILS_DATA)
        window.resize(1340, 740)
        with qtbot.waitSignal(window.bundle_failed, timeout=5000):
            window.export_bundle_to(str(tmp_path / "no such folder" / "bundle.zip"))
        found += problems(window, "a bundle that could not be saved", (
            *DETAILS_DATA, str(tmp_path)))
        fake_core.proctoring.terminate_session(started.proctor_session_id, "Phone on the desk",
                                               actor="Dana Lee")
        qtbot.waitUntil(lambda: window.button("review").isEnabled(), timeout=5000)
        found += problems(window, "a terminated session", DETAILS_DATA)
        dialog = window.open_review_dialog()
        assert dialog is not None
        dialog.choose("violation", "x" * 2001)  # the sentence that says it is too long
        found += problems(dialog, "the review dialog", DETAILS_DATA)
        dialog.choose("violation", "Phone on the desk")
        with qtbot.waitSignal(window.review_saved, timeout=5000):
            dialog.accept()
        qtbot.waitUntil(lambda: bool(window.header.fact_text("review")), timeout=5000)
        found += problems(window, "a reviewed session", DETAILS_DATA)
        center = fake_console_context.center
        list_snapshots, go_on = center.list_snapshots, threading.Event()

        def list_when_walked(*args):  # the report waits while its progress is walked
            go_on.wait(10)
            return list_snapshots(*args)

        monkeypatch.setattr(center, "list_snapshots", list_when_walked)
        with qtbot.waitSignal(window.export_finished, timeout=20000):
            progress = window.export_report_to(str(tmp_path / "report.pdf"))
            progress.show()
            found += problems(progress, "writing the report", DETAILS_DATA)
            go_on.set()
        found += problems(window, "a report saved", (*DETAILS_DATA, str(tmp_path)))
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()
    assert found == [], "\n".join(found)


def test_the_details_of_a_sample_or_a_missing_session_are_translated(
        pseudo_language, fake_console_context, qtbot):
    from core.domain.samples import sample_sessions

    sample = sample_sessions(fake_console_context.center.now())[0]
    registry, window = _details(fake_console_context, qtbot, sample.session_id)
    found: list[str] = []
    try:
        qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
        found += problems(window, "a sample session", (
            *DETAILS_DATA, sample.candidate_name, sample.exam_title, sample.candidate_ref,
            sample.seat or "-", sample.room or "-", sample.flag_reason or "-"))
        missing = registry.open("no-such-session")
        qtbot.waitUntil(lambda: not missing.shows_gallery, timeout=5000)  # the error page
        found += problems(missing, "a session that could not be opened", DETAILS_DATA)
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()
    assert found == [], "\n".join(found)


def test_the_alert_kinds_offered_in_the_settings_are_the_alert_rules_words():
    from console.proctor.alerts.settings_dialog import KIND_WORDS
    from core.domain.alerts import ALERT_KIND_WORDS

    assert set(KIND_WORDS) == set(ALERT_KIND_WORDS.values())


# ---- Connect kiosks -------------------------------------------------------------------------
def test_the_connect_kiosks_dialog_is_translated_and_has_room(
        pseudo_language, core, qtbot, tmp_path):
    from console.proctor.api_server_controller import ApiServerController
    from console.proctor.dialogs.connect_dialog import ConnectDialog

    server = ApiServerController(core, "127.0.0.1", 0)
    assert server.start()
    found: list[str] = []
    try:
        dialog = ConnectDialog(server)
        qtbot.addWidget(dialog)
        dialog.show()

        def data() -> tuple[str, ...]:  # addresses, the key, a code: not words
            return (*server.kiosk_urls, server.kiosk_url or "-", server.kiosk_key,
                    dialog.code_label.text() or "-", dialog.digits_label.text() or "-",
                    str(tmp_path), "HTTPS", "HTTP", "TCP",
                    "SHA-256", "proctor-candidate --enrol FILE", "USB", "API", "synthetic")

        found += problems(dialog, "this computer only", data())
        dialog.export_enrolment_file(tmp_path / "kiosk.json")
        found += problems(dialog, "an enrolment file saved", data())
        dialog.export_enrolment_file(tmp_path / "no such folder" / "kiosk.json")
        found += problems(dialog, "an enrolment file not saved", data())
        dialog.network_switch.setChecked(True)
        assert server.listens_on_network
        found += problems(dialog, "on the center's network", data())
        assert dialog.make_code() is not None
        found += problems(dialog, "a one-time code", data())
        dialog.copy_buttons[0].click()
        found += problems(dialog, "copied", data())
    finally:
        server.stop()
    assert found == [], "\n".join(found)


class _CenterOverHttps:
    """What the remote console's Connect kiosks asks of a center, answered by this process's
    own center listening on the network (the words are the same as over a remote center)."""

    def __init__(self, server) -> None:
        self._server = server
        self.location = server.kiosk_urls[0]
        self.fingerprint = server.fingerprint

    def now(self):
        return self._server.now()

    def make_enrolment_code(self, room=None):
        return self._server.make_enrolment_code(room)

    def kiosk_enrolment(self, room=None):
        from core.net.enrolment_file import Enrolment

        return Enrolment(self.location, self._server.kiosk_key, self.fingerprint, room)


def test_the_remote_connect_kiosks_dialog_is_translated_and_has_room(
        pseudo_language, core, fake_console_context, qtbot, tmp_path):
    from console.proctor.api_server_controller import ApiServerController
    from console.proctor.dialogs.remote_connect_dialog import RemoteConnectDialog

    server = ApiServerController(core, "127.0.0.1", 0)
    assert server.start() and server.set_listen_on_network(True)
    found: list[str] = []
    try:
        center = _CenterOverHttps(server)
        dialog = RemoteConnectDialog(center, fake_console_context.tasks)
        qtbot.addWidget(dialog)
        dialog.show()

        def data() -> tuple[str, ...]:  # addresses, the key, a code: not words
            return (center.location, server.kiosk_key, dialog.code_label.text() or "-",
                    dialog.digits_label.text() or "-", str(tmp_path), "HTTPS", "USB",
                    "Hall 2", "synthetic")

        qtbot.waitUntil(lambda: bool(dialog.key_field.text()), timeout=5000)
        found += problems(dialog, "remote, the key shown", data())
        dialog.room_field.setText("Hall 2")
        dialog.export_enrolment_file(tmp_path / "kiosk.json")
        qtbot.waitUntil(lambda: (tmp_path / "kiosk.json").exists(), timeout=5000)
        qtbot.waitUntil(lambda: "kiosk.json" in dialog.message.text(), timeout=5000)
        found += problems(dialog, "remote, an enrolment file saved", data())
        dialog.code_button.click()
        qtbot.waitUntil(dialog.code_card.isVisible, timeout=5000)
        found += problems(dialog, "remote, a one-time code", data())
    finally:
        fake_console_context.tasks.wait_for_done()
        server.stop()
    assert found == [], "\n".join(found)


# ---- webhooks -------------------------------------------------------------------------------
def test_the_webhooks_dialog_is_translated_and_has_room(pseudo_language, core, qtbot):
    from console.proctor.center import EmbeddedCenter
    from console.proctor.dialogs.webhooks_dialog import EVENT_TYPES, WebhooksDialog
    from console.tasks import TaskRunner

    tasks = TaskRunner()
    address = "https://exams.example.org/proctoring/hooks"
    data = (*EVENT_TYPES, address, "https://", "webhook.test", "Moodle")
    found: list[str] = []
    try:
        dialog = WebhooksDialog(EmbeddedCenter(core), tasks)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.webhooks_loaded, timeout=5000):
            dialog.show()
        found += problems(dialog, "no webhook yet", data)
        dialog.add_webhook()  # nothing typed: the sentence that says what to type
        found += problems(dialog, "nothing typed", data)
        dialog.url_field.setText(address)
        with qtbot.waitSignal(dialog.webhooks_loaded, timeout=5000):
            dialog.add_button.click()
        found += problems(dialog, "a webhook added, its secret shown", (
            *data, dialog.secret_field.text()))
        dialog.confirm_remove()
        box = dialog.confirm_box
        assert box is not None
        found += problems(box, "remove webhook?", data)
        with qtbot.waitSignal(dialog.webhooks_loaded, timeout=5000):
            box.button(box.StandardButton.Cancel).click()  # kept: nothing asked of the center
            dialog.reload()
        found += problems(dialog, "a removal cancelled", data)
    finally:
        tasks.shutdown()
    assert found == [], "\n".join(found)


def test_the_webhooks_dialog_of_a_proctor_who_may_not_manage_them_is_translated(
        pseudo_language, core, live_server, qtbot):
    from console.proctor.center import sign_in
    from console.proctor.dialogs.webhooks_dialog import WebhooksDialog
    from console.tasks import TaskRunner
    from tests.core.api.support import plain_http

    core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
    remote = sign_in(live_server.url, "dana", "correct horse battery", transport=plain_http())
    tasks = TaskRunner()
    try:
        dialog = WebhooksDialog(remote, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.not_allowed_label.isVisible()
        found = problems(dialog, "a proctor, not the administrator",
                         (live_server.url, "Dana Lee"))
    finally:
        tasks.shutdown()
        remote.close()
    assert found == [], "\n".join(found)


def test_in_arabic_the_details_window_is_right_to_left_with_arabic_counts(
        arabic, fake_console_context, fake_core, fake_exam, clock, qtbot):
    from tests.console.proctor.test_session_details import record_snapshots

    started = start(fake_core, fake_exam, "C-1", "Ada Lovelace")
    record_snapshots(fake_core, clock, started.attempt_id, 3, small=True)
    registry, window = _details(fake_console_context, qtbot, started.proctor_session_id)
    try:
        qtbot.waitUntil(lambda: window.preview.shown_snapshot_id is not None, timeout=5000)
        assert window.isRightToLeft()
        assert window.header.fact_text("snapshots") == "\u0663"
        assert window.windowTitle().endswith("تفاصيل الجلسة")
        assert window.button("flag").text() == "وضع علامة…"
        # the gallery, first in reading order, stands at the right; the timeline at the left
        gallery = window.gallery_view.mapTo(window, window.gallery_view.rect().topLeft()).x()
        timeline = window.timeline_view.mapTo(window, window.timeline_view.rect().topLeft()).x()
        assert timeline < gallery
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()


def test_in_arabic_a_timeline_row_is_mirrored_its_time_at_the_right_its_source_at_the_left(
        arabic, fake_console_context, fake_core, fake_exam, qtbot):
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from console.proctor.session_details.timeline_model import SourceRole
    from resources import TOKENS

    started = start(fake_core, fake_exam, "C-1", "Ada Lovelace")
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost", "Switched window")
    registry, window = _details(fake_console_context, qtbot, started.proctor_session_id)
    try:
        timeline = window.timeline_view
        model = timeline.model()
        qtbot.waitUntil(lambda: model.rowCount() >= 2, timeout=5000)
        row = next(r for r in range(model.rowCount())
                   if model.index(r, 0).data(SourceRole) == "kiosk")
        index = model.index(row, 0)
        size = timeline.visualRect(index).size()
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        option.rect = image.rect()
        option.direction = timeline.layoutDirection()
        option.font = timeline.font()
        painter = QPainter(image)
        timeline.itemDelegate().paint(painter, option, index)
        painter.end()
        assert option.direction == Qt.LayoutDirection.RightToLeft
        # the severity dot (first in reading order) at the right end, none at the left
        dot = [x for x in range(size.width()) if image.pixelColor(x, 14).saturation() > 80
               and image.pixelColor(x, 14).lightness() < 200
               and abs(image.pixelColor(x, 14).hue() - QColor(TOKENS["warn"]).hue()) < 20]
        assert dot and min(dot) > size.width() - 30
        # the kiosk's chip (last in reading order) at the left end
        chip = QColor("#0369a1").lighter(185)
        assert any(image.pixelColor(x, 14).name() == chip.name() for x in range(8, 60))
        assert not any(image.pixelColor(x, 14).name() == chip.name()
                       for x in range(size.width() - 60, size.width()))
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()


def test_an_alerts_heading_is_the_alert_rules_in_english_and_said_in_arabic(arabic):
    from datetime import UTC, datetime

    from console.proctor.alerts.alert_list_model import alert_title
    from core.domain.alerts import (
        AlertRules,
        AlertState,
        PendingWarning,
        SessionFacts,
        evaluate_alerts,
    )

    now = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
    facts = SessionFacts("s-1", "Ada Lovelace", "Algebra final", now, "high", 80,
                         camera_off=True, last_snapshot_at=now,
                         unacknowledged_warnings=(PendingWarning("w-1", "Eyes on screen",
                                                                 datetime(2026, 1, 15, 9, 0,
                                                                          tzinfo=UTC)),))
    _state, alerts = evaluate_alerts(AlertState(), [facts], now, AlertRules())
    assert {alert.kind for alert in alerts} >= {"high_risk", "camera_off",
                                                "unanswered_warning"}
    remove_language()
    assert [alert_title(a) for a in alerts] == [a.title for a in alerts]
    install_language("ar")
    assert alert_title(next(a for a in alerts if a.kind == "camera_off")) == (
        "الكاميرا متوقفة: Ada Lovelace")


# ---- the center's connection ------------------------------------------------------------------
def test_the_connection_banners_are_translated_lost_back_and_signed_out(
        pseudo_language, fake_console_context, fake_center, fake_core, fake_exam, qtbot):
    import httpx

    from console.proctor.center.remote import _refusal, _signed_out_reason, now_serves_https_only

    address = "https://10.0.0.5:8765"
    fake_center.location = address  # as a remote console's center reads
    window = ProctorCenterWindow(fake_console_context)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    start(fake_core, fake_exam, "C-1", "Ada Lovelace")
    qtbot.waitUntil(lambda: len(window.visible_session_ids()) == 1, timeout=3000)
    bridge = fake_console_context.bridge
    banner = window.connection_banner
    data = (*DATA, address)
    found: list[str] = []
    try:
        with qtbot.waitSignal(bridge.reachability_changed, timeout=3000):
            fake_center.set_reachable(False)
        assert banner.isVisible()
        found += problems(window, "the center lost", data)
        fake_center.last_problem = now_serves_https_only(address)
        window._update_header()
        assert address in banner.text()
        found += problems(window, "the center answers HTTPS only", data)
        fake_center.last_problem = ""
        with qtbot.waitSignal(bridge.reachability_changed, timeout=3000):
            fake_center.set_reachable(True)
        assert not banner.isVisible()
        found += problems(window, "the center back", data)
        refused = _refusal(httpx.Response(401), address, "Dana Lee")
        with qtbot.waitSignal(bridge.signed_out, timeout=3000):
            bridge.signed_out.emit(refused)
        assert banner.isVisible()
        found += problems(window, "signed out: the sign-in refused", data)
        bridge.signed_out_reason = _signed_out_reason("not the center's message")
        window._update_header()
        found += problems(window, "signed out by the center", data)
    finally:
        window.quit_now()
        fake_console_context.tasks.wait_for_done()
    assert found == [], "\n".join(found)


def test_in_arabic_the_center_lost_and_refused_is_said_in_arabic(arabic):
    import httpx

    from console.proctor.center.embedded import EmbeddedCenter
    from console.proctor.center.remote import _refusal, _unavailable

    lost = str(_unavailable("https://10.0.0.5:8765", OSError("connection refused")))
    assert lost.startswith("تعذّر الوصول إلى مركز الامتحان على https://10.0.0.5:8765")
    assert "connection refused" in lost
    assert _refusal(httpx.Response(401), "https://10.0.0.5:8765", "admin").startswith(
        "لم يعد مركز الامتحان على https://10.0.0.5:8765 يقبل مفتاح المسؤول")
    assert EmbeddedCenter.location.fget(None) == "هذا الحاسوب"  # type: ignore[attr-defined]
    remove_language()
    assert EmbeddedCenter.location.fget(None) == "this computer"  # type: ignore[attr-defined]


def test_an_alerts_sentence_is_the_rules_english_and_said_in_arabic_with_arabic_digits(arabic):
    from datetime import UTC, datetime, timedelta

    from console.proctor.alerts.alert_list_model import ALERT_SENTENCES, alert_sentence
    from console.proctor.alerts.alert_notifier import notification_text
    from core.domain.alerts import (
        ALERT_MESSAGES,
        AlertRules,
        AlertState,
        PendingWarning,
        SessionFacts,
        evaluate_alerts,
    )

    assert ALERT_SENTENCES == ALERT_MESSAGES  # the console knows every sentence word for word
    now = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
    started = now - timedelta(minutes=12)
    facts = SessionFacts("s-1", "Ada Lovelace", "Algebra final", started, "high", 82,
                         camera_off=True, last_snapshot_at=started, kiosk_seen_at=started,
                         unacknowledged_warnings=(PendingWarning(
                             "w-1", "Eyes on screen", now - timedelta(seconds=150)),))
    _state, alerts = evaluate_alerts(AlertState(), [facts], now, AlertRules())
    said = {alert.code: alert_sentence(alert) for alert in alerts}
    assert said == {
        "alert_high_risk": "صار Ada Lovelace \u200f(Algebra final) عالي الخطورة، بدرجة ٨٢.",
        "alert_camera_off": "كاميرا كشك Ada Lovelace \u200f(Algebra final) متوقفة، لذا لا تصل "
                            "أي لقطات.",
        "alert_kiosk_silent": "لم يتواصل كشك Ada Lovelace \u200f(Algebra final) منذ ١٢ د.",
        "alert_warning_unanswered": "لم يُقرّ Ada Lovelace \u200f(Algebra final) بالتحذير "
                                    "«Eyes on screen» المرسل قبل ٢ د.",
    }
    assert notification_text(alerts[:1])[1] == said[alerts[0].code]
    remove_language()
    assert [alert_sentence(alert) for alert in alerts] == [alert.message for alert in alerts]
    assert alerts[0].message == "Ada Lovelace (Algebra final) is now high risk, score 82."


def test_an_alert_of_a_code_the_console_does_not_know_shows_the_rules_sentence(arabic):
    from datetime import UTC, datetime

    from console.proctor.alerts.alert_list_model import alert_sentence
    from core.domain.alerts import Alert, AlertKind

    alert = Alert("1:s-1:high_risk", AlertKind.HIGH_RISK, "s-1", "Ada Lovelace", "Algebra final",
                  datetime(2026, 1, 15, 9, 30, tzinfo=UTC), "High risk: Ada Lovelace",
                  "Ada Lovelace is now very high risk.", "high_risk",
                  code="alert_very_high_risk", params={"name": "Ada Lovelace"})
    assert alert_sentence(alert) == "Ada Lovelace is now very high risk."
    garbled = Alert(**{**alert.__dict__, "code": "alert_high_risk"})  # its params do not fit
    assert alert_sentence(garbled) == "Ada Lovelace is now very high risk."
