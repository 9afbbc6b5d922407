"""Alerts a team shares: a proctor acknowledges an alert (it stops nagging on every console and
stays listed with who did it) or dismisses it (it leaves every console's list, shown apart);
a console started later shows what the team did; dismissing an unanswered warning's alert ends
that alert's episode. Two consoles over one in-memory center; the live-stream case runs against
a real ``proctor-server`` at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon

from console.proctor.alerts.alert_controller import AlertController
from console.proctor.alerts.alert_list_model import AlertListModel
from console.proctor.alerts.alert_notifier import AlertNotifier
from console.proctor.alerts.alerts_dialog import ALL_DISMISSED_TEXT, AlertsDialog
from console.proctor.center import with_admin_key
from console.proctor.context import ConsoleContext
from console.proctor.session_details.timeline_model import event_summary
from core.domain.alerts import Alert, AlertKind
from core.domain.risk import RiskRule
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.console.proctor.remote_support import RunningCenter
from tests.fakes.in_memory_center import InMemoryCenter, InMemoryCore

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
HOUR_MS = 3_600_000


@pytest.fixture
def fake_core(clock) -> InMemoryCore:
    return InMemoryCore(clock, risk=RiskRule({"focus_lost": 70}))  # one focus_lost: high risk


class Console:
    """One proctor's console: its center (acting as ``who``), alerts and Alerts dialog."""

    def __init__(self, center, settings_path, qtbot) -> None:
        self.center = center
        self.context = ConsoleContext.create(
            center, QSettings(str(settings_path), QSettings.Format.IniFormat))
        self.controller = AlertController(self.context, AlertListModel(),
                                          AlertNotifier(QIcon()), tick_ms=HOUR_MS)
        self.dialog = AlertsDialog(self.controller.model)
        self.dialog.handling_requested.connect(self.controller.handle)
        self.controller.handling_failed.connect(self.dialog.show_problem)
        qtbot.addWidget(self.dialog)
        qtbot.waitUntil(lambda: self.controller.is_loaded, timeout=5000)

    @property
    def model(self) -> AlertListModel:
        return self.controller.model

    def close(self) -> None:
        self.controller.close()
        self.context.tasks.wait_for_done()
        self.context.close()


@pytest.fixture
def consoles(fake_core, qapp, qtbot, tmp_path) -> Iterator[list[Console]]:
    made: list[Console] = []

    def make(who: str) -> Console:
        console = Console(InMemoryCenter(fake_core, who=who), tmp_path / f"{who}.ini", qtbot)
        made.append(console)
        return console

    yield make  # type: ignore[misc]
    for console in made:
        console.close()
        console.center.close()


@pytest.fixture
def ann(fake_core, fake_exam):
    return fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")


def make_high_risk(fake_core, ann, *consoles: Console, qtbot) -> None:
    fake_core.attempts.record_kiosk_event(ann.attempt_id, "focus_lost")
    for console in consoles:
        qtbot.waitUntil(lambda c=console: c.model.rowCount() == 1, timeout=5000)


def test_an_alert_acknowledged_at_one_console_stops_nagging_at_every_console(
        consoles, fake_core, ann, qtbot):
    dana, sam = consoles("Dana Lee"), consoles("Sam Roy")
    make_high_risk(fake_core, ann, dana, sam, qtbot=qtbot)
    assert sam.model.unseen_count == 1

    dana.dialog.show()
    dana.dialog.acknowledge_button.click()

    qtbot.waitUntil(lambda: sam.model.handling(0) == "acknowledged", timeout=5000)
    assert sam.model.unseen_count == 0 and sam.model.handled_by(0) == "Dana Lee"
    assert "Acknowledged by Dana Lee at" in sam.model.index(0).data()
    qtbot.waitUntil(lambda: dana.model.handling(0) == "acknowledged", timeout=5000)
    assert dana.dialog.is_listed(0) and not dana.dialog.acknowledge_button.isEnabled()


def test_an_alert_dismissed_at_one_console_leaves_every_list_and_shows_apart(
        consoles, fake_core, ann, qtbot):
    dana, sam = consoles("Dana Lee"), consoles("Sam Roy")
    make_high_risk(fake_core, ann, dana, sam, qtbot=qtbot)
    dana.dialog.show()
    sam.dialog.show()

    sam.dialog.dismiss_button.click()

    qtbot.waitUntil(lambda: not dana.dialog.is_listed(0), timeout=5000)
    assert dana.dialog.empty_label.isVisible()
    assert dana.dialog.empty_label.text() == ALL_DISMISSED_TEXT
    assert dana.dialog.show_dismissed_box.text() == "Show dismissed (1)"
    dana.dialog.show_dismissed_box.setChecked(True)
    assert dana.dialog.is_listed(0)
    assert "Dismissed by Sam Roy at" in dana.model.index(0).data()
    assert not dana.dialog.dismiss_button.isEnabled()


def test_a_console_started_after_an_acknowledgement_shows_it_acknowledged(
        consoles, fake_core, ann, qtbot):
    dana = consoles("Dana Lee")
    make_high_risk(fake_core, ann, dana, qtbot=qtbot)
    dana.controller.handle(0, "acknowledged")
    qtbot.waitUntil(lambda: dana.model.handling(0) == "acknowledged", timeout=5000)

    late = consoles("Sam Roy")

    qtbot.waitUntil(lambda: late.model.rowCount() == 1, timeout=5000)
    assert late.model.handling(0) == "acknowledged" and late.model.unseen_count == 0


def test_dismissing_an_unanswered_warnings_alert_ends_it_and_clears_the_warning(
        consoles, fake_core, ann, clock, qtbot):
    dana = consoles("Dana Lee")
    warning_id = dana.center.warn_session(ann.proctor_session_id, "Eyes on your screen")
    clock.advance(seconds=61)
    qtbot.waitUntil(lambda: not dana.controller.is_busy, timeout=5000)
    dana.controller.evaluate()
    assert [a.episode_key for a in dana.model.alerts()] == [f"unanswered_warning:{warning_id}"]

    dana.controller.handle(0, "dismissed")

    qtbot.waitUntil(lambda: dana.model.handling(0) == "dismissed", timeout=5000)
    warning = fake_core.proctoring.get_session(ann.proctor_session_id).warnings[0]
    assert warning.cleared_at is not None and warning.acknowledged_at is None
    qtbot.waitUntil(lambda: not dana.controller.is_busy, timeout=5000)
    clock.advance(seconds=60)
    dana.controller.evaluate()
    assert [a.kind for a in dana.model.alerts()].count(AlertKind.UNANSWERED_WARNING) == 1


def test_a_refused_handling_is_a_sentence_in_the_dialog(consoles, fake_core, ann, qtbot):
    dana = consoles("Dana Lee")
    make_high_risk(fake_core, ann, dana, qtbot=qtbot)
    dana.dialog.show()
    dana.center.set_reachable(False)

    with qtbot.waitSignal(dana.controller.handling_failed, timeout=5000):
        dana.dialog.acknowledge_button.click()

    assert dana.dialog.problem_label.isVisible()
    assert "could not be marked acknowledged" in dana.dialog.problem_label.text()
    assert dana.model.handling(0) == ""
    dana.center.set_reachable(True)


@pytest.mark.process  # a real proctor-server process (its own database)
@pytest.mark.db
def test_an_acknowledgement_reaches_another_remote_console_through_the_live_stream(
        qapp, qtbot, tmp_path):
    server = RunningCenter.start(tmp_path / "data")
    remotes = [with_admin_key(server.url, server.admin_key) for _ in range(2)]
    consoles = [Console(remote, tmp_path / f"c{i}.ini", qtbot) for i, remote in enumerate(remotes)]
    try:
        for remote in remotes:
            assert remote.wait_until_following(10), "the live stream did not open"
        first, second = consoles
        _, _, session_id = server.start_kiosk(server.new_exam(), "Ann Lee", "B-14")
        warning_id = first.center.warn_session(session_id, "Eyes on your screen")
        for console in consoles:  # the rule's minute is not waited for: the alert is listed
            console.model.add_alerts([Alert(
                "1", AlertKind.UNANSWERED_WARNING, session_id, "Ann Lee", "Chemistry",
                first.center.now(), "Warning unanswered: Ann Lee", "Not acknowledged.",
                f"unanswered_warning:{warning_id}")])

        first.controller.handle(0, "dismissed")

        qtbot.waitUntil(lambda: second.model.handling(0) == "dismissed", timeout=10_000)
        assert second.model.handled_by(0) == "admin"
    finally:
        for console in consoles:
            console.close()
        for remote in remotes:
            remote.close()
        server.stop()


def test_the_timeline_says_which_alert_was_dismissed_and_by_whom(consoles, fake_core, ann):
    sam = consoles("Sam Roy")
    warning_id = sam.center.warn_session(ann.proctor_session_id, "Eyes on your screen")
    sam.center.handle_alert(ann.proctor_session_id, f"unanswered_warning:{warning_id}",
                            "dismissed")

    event = fake_core.proctoring.get_session(ann.proctor_session_id).events[0]
    assert event_summary(event) == "Alert dismissed by Sam Roy — Warning unanswered"
