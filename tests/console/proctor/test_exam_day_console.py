"""The exam day in the Proctor Center, against a real server on a real port (the console signed
in with the admin key over HTTP and the live stream): a whole room paused from the grid with
one reason, extra time given through the dialog, and an accommodation that exempts focus loss
keeping that candidate low while the same evidence raises another's risk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings

from console.proctor.center import RemoteCenter
from console.proctor.context import ConsoleContext
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.console.proctor.remote_support import card
from tests.core.api.support import call, plain_http

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
WAIT_MS = 10_000


@pytest.fixture
def window(core, live_server, qapp, qtbot, tmp_path) -> Iterator[ProctorCenterWindow]:
    remote = RemoteCenter(live_server.url, core.config.admin_key, transport=plain_http())
    settings = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    context = ConsoleContext.create(remote, settings)
    shown = ProctorCenterWindow(context)
    qtbot.addWidget(shown)
    shown.show()
    assert remote.wait_until_following(10), "the live stream did not open"
    yield shown
    shown.quit_now()
    context.tasks.wait_for_done()
    context.close()
    remote.close()


def start(live_server, exam, ref: str, name: str, room: str | None = None) -> dict:
    response = call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                    json={"exam_id": exam.exam_id, "candidate_ref": ref, "candidate_name": name,
                          "room": room})
    assert response.status_code == 201, response.text
    return response.json()


def heartbeat(live_server, started: dict) -> dict:
    return call(live_server.url, "GET", f"/attempts/{started['attempt_id']}",
                started["token"]).json()


def test_a_room_chosen_in_the_grid_is_paused_at_once_and_only_that_room(
        live_server, exam, window, qtbot):
    hall_2 = [start(live_server, exam, f"C-{n}", name, "Hall 2")
              for n, name in enumerate(("Ann Lee", "Bo Chen"))]
    other = start(live_server, exam, "C-9", "Cy Diaz", "Hall 3")
    qtbot.waitUntil(lambda: card(window, "Cy Diaz") is not None, timeout=WAIT_MS)

    box = window.header.room_box
    box.setCurrentIndex(box.findData("Hall 2"))
    assert window.proxy.rowCount() == 2 and card(window, "Cy Diaz") is None
    dialog = window.pause_room()
    dialog.reason_box.setPlainText("Fire alarm: leave the room calmly.")
    dialog.ok_button.click()

    qtbot.waitUntil(lambda: all(card(window, n).paused for n in ("Ann Lee", "Bo Chen")),
                    timeout=WAIT_MS)
    for started in hall_2:
        state = heartbeat(live_server, started)
        assert state["paused"] and state["paused_reason"] == "Fire alarm: leave the room calmly."
    assert not heartbeat(live_server, other)["paused"]
    assert window.context.settings.watched_room == "Hall 2"


def test_extra_time_given_in_the_dialog_moves_the_deadline_the_card_shows(
        live_server, exam, window, qtbot):
    start(live_server, exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: card(window, "Ann Lee") is not None, timeout=WAIT_MS)
    before = card(window, "Ann Lee")

    dialog = window.actions.add_time(before)
    dialog.minutes_box.setValue(15)
    dialog.reason_box.setPlainText("The kiosk was restarted")
    dialog.ok_button.click()

    qtbot.waitUntil(lambda: card(window, "Ann Lee").added_seconds == 900, timeout=WAIT_MS)
    assert card(window, "Ann Lee").deadline_at == before.deadline_at + timedelta(minutes=15)


def test_an_accommodation_that_exempts_focus_loss_keeps_that_candidate_low(
        live_server, exam, window, qtbot):
    response = call(live_server.url, "PUT", f"/exams/{exam.exam_id}/accommodations/C-1",
                    live_server.core.config.admin_key,
                    json={"extra_percent": 25, "exempt": ["focus_lost"]})
    assert response.status_code == 200, response.text
    kiosks = {name: start(live_server, exam, ref, name)
              for ref, name in (("C-1", "Ann Lee"), ("C-2", "Bo Chen"))}
    for started in kiosks.values():
        for _ in range(5):
            call(live_server.url, "POST", f"/attempts/{started['attempt_id']}/events",
                 started["token"], json={"type": "focus_lost"})

    def other_is_medium() -> bool:
        other = card(window, "Bo Chen")
        return other is not None and other.risk_score == 40  # five focus losses, 8 each

    qtbot.waitUntil(other_is_medium, timeout=WAIT_MS)
    exempt = card(window, "Ann Lee")
    assert exempt.risk_score == 0 and exempt.accommodation == "+25 % time"
    assert exempt.accommodation_exempt == ("focus_lost",)
