"""The join form finds its center: the seat the candidate types reaches the proctor, centers
announced on the network are listed with their fingerprint digits and choosing one pins it,
and the proctor's enrolment file or code fills the form. Real servers (HTTPS where a pin is
involved), real zeroconf on 127.0.0.1 where this machine can carry multicast."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from console.kiosk.joining.join_page import NOTHING_FOUND_TEXT, center_label
from console.kiosk.kiosk_settings import KioskSettings
from console.kiosk.kiosk_window import KioskWindow
from core.api.secure_serving import center_enrolment
from core.client import BrowseResult, DiscoveredCenter, pin_for, remember_pin
from core.net.discovery import announce_center, browse_centers
from core.net.enrolment_file import write_enrolment_file
from tests.console.kiosk.kiosk_support import FAST, FakeFrameSource, tls_center
from tests.core.api.tls_support import TlsServer
from tests.core.net.test_discovery import loopback_multicast_problem

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def center(config) -> Iterator[TlsServer]:
    with tls_center(config) as server:
        server.core.exams.create_exam("Algebra final", duration_seconds=3600,
                                      snapshot_interval_seconds=30)
        yield server


def key_of(server) -> str:
    return server.core.config.kiosk_key


def session_of(server, window):
    return server.core.proctoring.get_session(window.controller.attempt.proctor_session_id)


def announced(server: TlsServer, name: str = "Room 2 console",
              digits: str | None = None) -> DiscoveredCenter:
    """What an announcement of ``server`` says about it."""
    return DiscoveredCenter(name=name, address="127.0.0.1", port=server.server.port or 0,
                            fingerprint_prefix=digits or server.certificates.fingerprint[:16],
                            tls=True, version="0.1.0")


def fixed_network(*centers: DiscoveredCenter):
    def browse(_seconds: float, _stop: threading.Event) -> BrowseResult:
        return BrowseResult(centers=list(centers))
    return browse


def fill_candidate(qtbot, form) -> None:
    qtbot.keyClicks(form.ref_edit, "C-1042")
    qtbot.keyClicks(form.name_edit, "Ada Lovelace")


def code_for(server: TlsServer) -> str:
    with server.client(server.core.config.admin_key) as admin:
        return admin.request("POST", "/enrolment-codes").json()["code"]


def digits_for(server: TlsServer) -> str:
    """What the proctor's screen shows next to a code: 8 hex digits, grouped."""
    digits = server.certificates.fingerprint[:8].upper()
    return f"{digits[:4]} {digits[4:]}"


# ---- the seat ------------------------------------------------------------------------------------
def test_the_seat_typed_in_the_join_form_reaches_the_proctors_session(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, key_of(server), seat="kiosk-7")
    form = window.join_page
    assert form.seat_edit.text() == "kiosk-7"
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    form.seat_edit.clear()
    qtbot.keyClicks(form.seat_edit, "B-14")
    fill_candidate(qtbot, form)

    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=5000)

    assert session_of(server, window).session.seat == "B-14"
    assert window.exam_page.candidate.text() == "Ada Lovelace  ·  C-1042  ·  Seat B-14"


def test_a_provisioned_kiosk_sends_its_seat(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, key_of(server), kiosk_exam.exam_id, seat="C-3")
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=5000)
    assert session_of(server, window).session.seat == "C-3"


def test_the_seat_flag_fills_the_join_form(qtbot, spool_dir):
    settings = KioskSettings.from_args(["--seat", "B-14", "--camera", "synthetic",
                                        "--spool-dir", str(spool_dir)])
    window = KioskWindow(settings, FAST, FakeFrameSource(), fixed_network())
    qtbot.addWidget(window)
    try:
        assert window.join_page.seat_edit.text() == "B-14"
    finally:
        window.shutdown()


def test_without_a_seat_flag_the_seat_is_this_computers_host_name():
    assert KioskSettings.from_args([]).seat == socket.gethostname().strip()[:40]
    assert len(KioskSettings.from_args([]).seat) <= 40


def test_a_seat_longer_than_the_server_keeps_is_refused_with_a_sentence(capsys):
    with pytest.raises(SystemExit) as refused:
        KioskSettings.from_args(["--seat", "B" * 41])
    assert refused.value.code == 2
    assert "at most 40 characters" in capsys.readouterr().err


# ---- centers on the network ----------------------------------------------------------------------
@pytest.mark.xdist_group("multicast")  # one announcing test at a time
def test_the_join_form_lists_a_center_announced_on_the_network(qtbot, center, open_kiosk):
    problem = loopback_multicast_problem()
    if problem:
        pytest.skip(problem)
    port = center.server.port or 0
    announcement = announce_center("Room 2 console", port,
                                   fingerprint=center.certificates.fingerprint, version="0.1.0",
                                   addresses=["127.0.0.1"], interfaces=["127.0.0.1"])
    try:
        assert announcement.is_active, announcement.hint

        def loopback(seconds: float, stop: threading.Event) -> BrowseResult:
            return browse_centers(seconds, interfaces=["127.0.0.1"], stop=stop)

        window = open_kiosk("", "", browse=loopback)
        form = window.join_page
        qtbot.waitUntil(lambda: form.centers_list.count() >= 1, timeout=10000)
    finally:
        announcement.close()

    digits = center.certificates.fingerprint[:8]
    item = next(text for text in form.center_items() if text.startswith("Room 2 console"))
    assert f"127.0.0.1:{port}" in item
    assert f"sha256 {digits[:4]} {digits[4:]}…" in item


def test_choosing_a_found_center_fills_the_address_and_pins_its_fingerprint_for_the_join(
        qtbot, center, open_kiosk):
    window = open_kiosk("", "", browse=fixed_network(announced(center)))
    form = window.join_page
    qtbot.waitUntil(lambda: form.centers_list.count() == 1, timeout=5000)
    assert form.center_items() == [center_label(announced(center)).replace(" · ", "\n", 1)]

    item = form.centers_list.item(0)
    form.centers_list.scrollToItem(item)
    qtbot.mouseClick(form.centers_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=form.centers_list.visualItemRect(item).center())
    assert form.server_edit.text() == center.url
    assert "Enter the kiosk key" in form.message.text()
    qtbot.keyClicks(form.key_edit, key_of(center))
    qtbot.mouseClick(form.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    assert pin_for(center.url) == center.certificates.fingerprint

    fill_candidate(qtbot, form)
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=5000)
    assert session_of(center, window).session.candidate_ref == "C-1042"


def test_a_found_center_that_does_not_prove_its_announced_digits_shows_the_identity_page(
        qtbot, center, open_kiosk):
    wrong = "0" * 16 if not center.certificates.fingerprint.startswith("0000") else "1" * 16
    window = open_kiosk("", key_of(center), browse=fixed_network(announced(center, digits=wrong)))
    form = window.join_page
    qtbot.waitUntil(lambda: form.centers_list.count() == 1, timeout=5000)

    form.centers_list.itemClicked.emit(form.centers_list.item(0))

    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.identity_page, timeout=5000)
    assert "identity changed" in window.identity_page.text.text()
    assert pin_for(center.url) is None
    assert form.exam_combo.count() == 0


def test_a_fingerprint_given_with_its_last_digits_wrong_is_shown_where_it_differs_in_the_form(
        qtbot, center, open_kiosk):
    real = center.certificates.fingerprint
    typed = real[:62] + ("00" if not real.endswith("00") else "11")
    remember_pin(center.url, typed, given=True)  # proctor-candidate --fingerprint, first contact
    window = open_kiosk("", "")
    form = window.join_page

    qtbot.keyClicks(form.server_edit, center.url)
    qtbot.keyClicks(form.key_edit, key_of(center))
    qtbot.mouseClick(form.find_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "differ" in form.message.text(), timeout=5000)
    text = form.message.text()
    assert text.startswith(f"The fingerprint typed for the center at {center.url} is not the one "
                           "that server presents; they differ from digit 63 on (you typed "
                           f"…{typed[60:]}, the center presents …{real[60:]}).")
    assert "identity changed" not in text
    assert window.pages.currentWidget() is form
    assert form.exam_combo.count() == 0


def test_an_http_address_of_an_https_only_center_says_to_use_https_with_the_fingerprint(
        qtbot, center, open_kiosk):
    plain = center.url.replace("https://", "http://")
    window = open_kiosk("", "")
    form = window.join_page

    qtbot.keyClicks(form.server_edit, plain)
    qtbot.keyClicks(form.key_edit, key_of(center))
    qtbot.mouseClick(form.find_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "HTTPS only" in form.message.text(), timeout=5000)
    assert form.message.text() == (
        f"The center at {plain} serves HTTPS only: use {center.url} with the center's "
        "fingerprint (the console's Connect kiosks shows it).")
    assert "cannot be reached" not in form.message.text()
    assert form.exam_combo.count() == 0


def test_in_arabic_an_https_only_center_and_one_without_a_pin_are_said_in_arabic(
        qtbot, center, open_kiosk, arabic):
    plain = center.url.replace("https://", "http://")
    window = open_kiosk("", "")
    form = window.join_page

    qtbot.keyClicks(form.server_edit, plain)
    qtbot.keyClicks(form.key_edit, key_of(center))
    qtbot.mouseClick(form.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "HTTPS" in form.message.text(), timeout=5000)
    assert form.message.text() == (
        f"يخدم مركز الامتحان على {plain} عبر HTTPS فقط: استخدم {center.url} مع بصمة المركز "
        "(تعرضها نافذة ربط الأجهزة في وحدة المراقبة).")

    form.server_edit.clear()
    qtbot.keyClicks(form.server_edit, center.url)  # https, and no fingerprint for it
    qtbot.mouseClick(form.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "شهادته الخاصة" in form.message.text(), timeout=5000)
    assert form.message.text().startswith(f"يستخدم مركز الامتحان على {center.url} شهادته")


def test_when_no_center_answers_a_quiet_hint_shows_and_a_typed_address_still_works(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk("", "")  # the default network: nothing answers
    form = window.join_page
    qtbot.waitUntil(lambda: form.centers_hint.text() == NOTHING_FOUND_TEXT, timeout=5000)
    assert form.centers_list.count() == 0
    assert form.message.isHidden()  # a hint, not an error

    qtbot.keyClicks(form.server_edit, server.url)
    qtbot.keyClicks(form.key_edit, key_of(server))
    qtbot.mouseClick(form.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)


def test_looking_for_centers_never_holds_up_the_form(qtbot, server, kiosk_exam, open_kiosk):
    answer = threading.Event()

    def slow_network(_seconds: float, stop: threading.Event) -> BrowseResult:
        while not (answer.is_set() or stop.is_set()):
            answer.wait(0.05)
        return BrowseResult(centers=[DiscoveredCenter("Hall A", "127.0.0.1", 8765, "ab" * 8,
                                                      True)])

    window = open_kiosk(server.url, key_of(server), browse=slow_network)
    form = window.join_page
    assert form.centers_hint.text().startswith("Looking for exam centers")
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)  # while still looking
    assert form.centers_list.count() == 0

    answer.set()
    qtbot.waitUntil(lambda: form.centers_list.count() == 1, timeout=5000)
    assert form.center_items() == ["Hall A\n127.0.0.1:8765 · sha256 abab abab…"]


def test_a_center_label_shows_name_address_and_the_first_fingerprint_digits():
    secured = DiscoveredCenter("Room 2 console", "10.0.0.5", 8765, "3f9a61c0aa11bb22", True)
    plain = DiscoveredCenter("Front desk", "127.0.0.1", 8765, "", False)

    assert center_label(secured) == "Room 2 console · 10.0.0.5:8765 · sha256 3f9a 61c0…"
    assert center_label(plain) == "Front desk · 127.0.0.1:8765 · no certificate"


# ---- enrolment -----------------------------------------------------------------------------------
def test_opening_an_enrolment_file_fills_the_address_and_key_and_pins_the_center(
        qtbot, center, open_kiosk, tmp_path, monkeypatch):
    path = write_enrolment_file(tmp_path / "kiosk.enrol.json",
                                center_enrolment(center.core.config, center.url))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    window = open_kiosk("", "")
    form = window.join_page

    qtbot.mouseClick(form.enrol_file_button, Qt.MouseButton.LeftButton)

    assert form.server_edit.text() == center.url
    assert form.key_edit.text() == key_of(center)
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    assert pin_for(center.url) == center.certificates.fingerprint


def test_a_bad_enrolment_file_says_why_in_the_form_and_keeps_what_was_typed(
        qtbot, open_kiosk, tmp_path, monkeypatch):
    path = tmp_path / "notes.json"
    path.write_text('{"server_url": "https://10.0.0.5:8765"}')
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    window = open_kiosk("", "")
    form = window.join_page
    qtbot.keyClicks(form.server_edit, "10.0.0.9:8765")
    qtbot.keyClicks(form.key_edit, "typed-key")

    qtbot.mouseClick(form.enrol_file_button, Qt.MouseButton.LeftButton)

    assert form.message.property("kind") == "error"
    assert "is not a kiosk enrolment file" in form.message.text()
    assert "ask the proctor to export one" in form.message.text()
    assert (form.server_edit.text(), form.key_edit.text()) == ("10.0.0.9:8765", "typed-key")


def open_code_dialog(qtbot, window):
    qtbot.mouseClick(window.join_page.enrol_code_button, Qt.MouseButton.LeftButton)
    dialog = window.code_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_code(qtbot, dialog, address: str, code: str, digits: str) -> None:
    dialog.address_edit.clear()
    qtbot.keyClicks(dialog.address_edit, address)
    qtbot.keyClicks(dialog.code_edit, code)
    qtbot.keyClicks(dialog.digits_edit, digits)
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)


def test_an_enrolment_code_enrols_the_kiosk_over_the_pinned_channel(qtbot, center, open_kiosk):
    window = open_kiosk("", "")
    dialog = open_code_dialog(qtbot, window)

    type_code(qtbot, dialog, f"127.0.0.1:{center.server.port}", code_for(center).lower(),
              digits_for(center))

    qtbot.waitUntil(lambda: window.code_dialog is None, timeout=5000)
    form = window.join_page
    assert form.server_edit.text() == center.url
    assert form.key_edit.text() == key_of(center)
    assert pin_for(center.url) == center.certificates.fingerprint
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)


def test_a_used_enrolment_code_shows_the_centers_sentence_and_keeps_the_dialog(
        qtbot, center, open_kiosk):
    code = code_for(center)
    with center.client() as anonymous:
        anonymous.request("POST", "/enrol", json={"code": code})
    window = open_kiosk("", "")
    dialog = open_code_dialog(qtbot, window)

    type_code(qtbot, dialog, f"127.0.0.1:{center.server.port}", code, digits_for(center))

    qtbot.waitUntil(lambda: dialog.message.property("kind") == "error", timeout=5000)
    assert "already used" in dialog.message.text() and "new code" in dialog.message.text()
    assert dialog.isVisible() and dialog.code_edit.text() == code
    assert dialog.enrol_button.isEnabled()
    assert window.join_page.server_edit.text() == ""


def test_an_unknown_enrolment_code_shows_the_centers_sentence(qtbot, center, open_kiosk):
    window = open_kiosk("", "")
    dialog = open_code_dialog(qtbot, window)

    type_code(qtbot, dialog, f"127.0.0.1:{center.server.port}", "ABCD-EFGH", digits_for(center))

    qtbot.waitUntil(lambda: dialog.message.property("kind") == "error", timeout=5000)
    assert "not known" in dialog.message.text()


def test_wrong_fingerprint_digits_stop_the_code_before_it_is_sent(qtbot, center, open_kiosk):
    code = code_for(center)
    wrong = "0000 0000" if not center.certificates.fingerprint.startswith("00000000") \
        else "1111 1111"
    window = open_kiosk("", "")
    dialog = open_code_dialog(qtbot, window)

    type_code(qtbot, dialog, f"127.0.0.1:{center.server.port}", code, wrong)

    qtbot.waitUntil(lambda: dialog.message.property("kind") == "error", timeout=5000)
    assert "check the address and the digits" in dialog.message.text()
    assert window.pages.currentWidget() is window.join_page  # a typo, not a changed identity
    with center.client() as anonymous:  # the code never left the kiosk: it still works
        assert anonymous.request("POST", "/enrol", json={"code": code}).status_code == 200


def test_an_enrolment_code_dialog_asks_for_what_is_missing(qtbot, open_kiosk):
    window = open_kiosk("", "")
    dialog = open_code_dialog(qtbot, window)

    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)

    assert dialog.message.text() == ("Enter the center's address, the enrolment code and the "
                                     "fingerprint digits as the proctor's screen shows them.")
    assert dialog.enrol_button.isEnabled()


def test_an_announcement_never_replaces_the_pin_an_enrolment_gave(qtbot, center, open_kiosk):
    enrolled = "ab" * 32 if center.certificates.fingerprint != "ab" * 32 else "cd" * 32
    remember_pin(center.url, enrolled)  # e.g. from the proctor's enrolment file
    window = open_kiosk("", key_of(center), browse=fixed_network(announced(center)))
    form = window.join_page
    qtbot.waitUntil(lambda: form.centers_list.count() == 1, timeout=5000)

    form.centers_list.itemClicked.emit(form.centers_list.item(0))

    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.identity_page, timeout=5000)
    assert pin_for(center.url) == enrolled


# ---- a long message ------------------------------------------------------------------------------
FIVE_LINES = " ".join(
    ["The center at http://10.0.0.5:8765 serves HTTPS only: use https://10.0.0.5:8765 with the "
     "center's fingerprint (the console's Connect kiosks shows it)."] * 4)


def test_a_long_error_at_a_1366x768_screen_leaves_every_field_its_size_and_can_be_read_whole(
        qtbot, open_kiosk):
    window = open_kiosk("", "")
    window.resize(1366, 768)
    form = window.join_page
    fields = (form.server_edit, form.key_edit, form.find_button, form.exam_combo, form.seat_edit,
              form.ref_edit, form.name_edit, form.start_button)
    labels = [label for label in form.findChildren(QLabel) if label.objectName() == "FieldLabel"]
    before = {widget: widget.height() for widget in (*fields, *labels)}

    form.show_error(FIVE_LINES)
    qtbot.waitUntil(lambda: form.message.isVisible())
    QApplication.processEvents()

    for widget in (*fields, *labels):
        needed = (widget.heightForWidth(widget.width()) if widget.hasHeightForWidth()
                  else widget.sizeHint().height())  # a wrapped label: its lines at its width
        assert widget.height() >= needed, widget
        assert widget.height() == before[widget], widget
    assert form.message.text() == FIVE_LINES
    area = form.message_area
    assert form.message.height() >= form.message.heightForWidth(form.message.width())
    assert area.height() < form.message.height(), "five lines scroll within their area"
    assert area.verticalScrollBar().isVisible()
    assert form.start_button.geometry().bottom() <= form.height()

    form.show_info("Looking for exams on the server…")  # a short message takes one line again
    QApplication.processEvents()
    assert not area.verticalScrollBar().isVisible()
    assert area.height() <= form.message.height() + 2 * area.frameWidth()


def test_the_room_an_enrolment_code_carries_reaches_the_proctors_session(qtbot, center,
                                                                         open_kiosk):
    with center.client(center.core.config.admin_key) as admin:
        code = admin.request("POST", "/enrolment-codes", json={"room": "Hall 2"}).json()["code"]
    window = open_kiosk("", "")
    dialog = open_code_dialog(qtbot, window)
    type_code(qtbot, dialog, f"127.0.0.1:{center.server.port}", code, digits_for(center))
    qtbot.waitUntil(lambda: window.code_dialog is None, timeout=5000)
    form = window.join_page
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    qtbot.keyClicks(form.ref_edit, "C-1042")
    qtbot.keyClicks(form.name_edit, "Ada Lovelace")
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    [session] = center.core.proctoring.list_sessions("all")
    assert session.room == "Hall 2"
