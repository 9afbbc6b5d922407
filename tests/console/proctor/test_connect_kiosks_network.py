"""Connect kiosks on the center's network: the switch makes the console serve HTTPS with the
center's certificate on every interface (same port), the fingerprint shown is the one in the
chain, a pinned kiosk uploads through it, the exported file and the one-time code enrol a kiosk,
and switching back leaves only this computer able to connect.

Real server, real port, real TLS. Kiosks here always connect through 127.0.0.1 (a network
listener accepts there too); "listens beyond 127.0.0.1" is checked on 127.0.0.2, which only a
listener on every interface answers. The mDNS announcement is recorded, not sent.
"""

from __future__ import annotations

import logging
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import ifaddr
import pytest
from httpx_sse import connect_sse
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from console.proctor.api_server_controller import ApiServerController
from console.proctor.console_settings import ConsoleSettings
from console.proctor.dialogs.connect_dialog import ConnectDialog
from core.client import ApiError, ProctorClient
from core.client.enrolment import enrol_with_code
from core.net.discovery import CenterAnnouncement
from core.net.enrolment_file import read_enrolment_file
from core.net.pinning import (
    find_pinned,
    forget_pins,
    normalize_fingerprint,
    pinned_connection,
    presented_chain,
)
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.core.api.tls_support import api, upload
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

#: Documentation addresses (TEST-NET): shown to the proctor, never connected to.
LAN_ADDRESSES = ["192.0.2.10"]
LEFT = Qt.MouseButton.LeftButton


class RecordedAnnouncements:
    """Stands in for core.net.discovery's announce: what was announced, and what is still on."""

    def __init__(self) -> None:
        self.made: list[tuple[str, int, str | None]] = []
        self.withdrawn: list[tuple[str, int, str | None]] = []
        self._lock = threading.Lock()

    def __call__(self, host: str, port: int, fingerprint: str | None) -> CenterAnnouncement:
        record = (host, port, fingerprint)
        with self._lock:
            self.made.append(record)
        announcements = self

        class Recorded(CenterAnnouncement):
            def close(self) -> None:
                with announcements._lock:
                    announcements.withdrawn.append(record)

        return Recorded()

    @property
    def active(self) -> list[tuple[str, int, str | None]]:
        with self._lock:
            return [a for a in self.made if a not in self.withdrawn]


@pytest.fixture
def announcements() -> RecordedAnnouncements:
    return RecordedAnnouncements()


@pytest.fixture
def addresses() -> list[str]:
    return list(LAN_ADDRESSES)


@pytest.fixture
def settings(tmp_path, qapp) -> ConsoleSettings:
    return ConsoleSettings.in_data_dir(tmp_path)


@pytest.fixture
def server(core, settings, addresses, announcements) -> Iterator[ApiServerController]:
    forget_pins()
    controller = ApiServerController(core, "127.0.0.1", 0, settings=settings,
                                     addresses=lambda: addresses, announce=announcements)
    assert controller.start()
    yield controller
    controller.stop()
    forget_pins()


@pytest.fixture
def dialog(server, qtbot) -> ConnectDialog:
    dialog = ConnectDialog(server)
    qtbot.addWidget(dialog)
    dialog.resize(720, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def switch(dialog: ConnectDialog, qtbot, on: bool) -> None:
    assert dialog.network_switch.isChecked() is not on
    with qtbot.waitSignal(dialog._server.state_changed, timeout=20000):
        dialog.network_switch.click()


def answers_on(address: str, port: int) -> bool:
    """A TCP connection to address:port is accepted."""
    try:
        with socket.create_connection((address, port), timeout=2):
            return True
    except OSError:
        return False


def shown_fingerprint(dialog: ConnectDialog) -> str:
    return normalize_fingerprint(dialog.fingerprint_field.toPlainText())


def local_url(server: ApiServerController) -> str:
    return f"https://127.0.0.1:{server.port}"


# ---- the switch ---------------------------------------------------------------------------------
def test_switching_to_the_network_serves_https_whose_chain_holds_the_ca_with_the_shown_fingerprint(
        dialog, server, qtbot):
    port = server.port
    assert dialog.fingerprint_field.toPlainText() == "(none yet)"
    assert not answers_on("127.0.0.2", port)

    switch(dialog, qtbot, on=True)

    assert server.is_running and server.port == port  # the same port
    assert dialog.network_switch.isChecked()
    assert answers_on("127.0.0.2", port)  # every interface, not only 127.0.0.1
    chain = presented_chain("127.0.0.1", port)
    fingerprint = shown_fingerprint(dialog)
    assert find_pinned(chain, fingerprint=fingerprint) == chain[-1]  # the CA, end of the chain
    assert fingerprint == server.fingerprint
    field = dialog.fingerprint_field
    assert field.document().blockCount() == 2  # two lines of eight groups of four
    assert [len(group) for group in field.toPlainText().split(" ")] == [4] * 16
    field.selectAll()  # selected and copied by hand, it is still a fingerprint a kiosk takes
    assert normalize_fingerprint(field.createMimeDataFromSelection().text()) == fingerprint
    qtbot.mouseClick(dialog.copy_fingerprint_button, LEFT)
    assert QGuiApplication.clipboard().text() == f"sha256:{fingerprint}"
    with pytest.raises(httpx.TransportError):  # no plain HTTP on the network
        httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)


def test_the_dialog_lists_the_addresses_and_the_firewall_port_to_allow(dialog, server, qtbot):
    assert not dialog.firewall_label.isVisible()
    switch(dialog, qtbot, on=True)

    url = f"https://192.0.2.10:{server.port}"
    assert server.kiosk_urls == [url]
    assert url in dialog.network_label.text()
    assert "over HTTPS" in dialog.network_label.text()
    assert dialog.address_field.text() == url
    assert dialog.firewall_label.isVisible()
    assert f"allow incoming TCP connections on port {server.port}" in dialog.firewall_label.text()
    assert f"--fingerprint sha256:{server.fingerprint}" in dialog.command_field.toPlainText()


def test_with_several_addresses_the_proctor_chooses_the_one_kiosks_get(
        dialog, server, addresses, qtbot, tmp_path, monkeypatch):
    addresses[:] = ["192.0.2.10", "198.51.100.7"]
    switch(dialog, qtbot, on=True)

    choice = dialog.address_choice
    assert choice.isVisible() and not dialog.address_field.isVisible()
    assert [choice.itemText(i) for i in range(choice.count())] == server.kiosk_urls
    for url in server.kiosk_urls:
        assert url in dialog.network_label.text()
    choice.setCurrentIndex(1)
    chosen = f"https://198.51.100.7:{server.port}"
    assert f"--server {chosen}" in dialog.command_field.toPlainText()
    path = tmp_path / "kiosk.json"
    dialog.export_enrolment_file(path)
    assert read_enrolment_file(path).server_url == chosen


def test_the_addresses_are_this_machines_own_ipv4_addresses(core, settings, qapp):
    controller = ApiServerController(core, "0.0.0.0", 0, settings=settings,
                                     announce=RecordedAnnouncements())
    try:
        assert controller.start()
        own = {entry.ip for adapter in ifaddr.get_adapters() for entry in adapter.ips
               if isinstance(entry.ip, str) and not entry.ip.startswith("127.")}
        hosts = [url.removeprefix("https://").rsplit(":", 1)[0] for url in controller.kiosk_urls]
        assert set(hosts) == {h for h in own if not h.startswith("169.254.")}
        assert all(url.endswith(f":{controller.port}") for url in controller.kiosk_urls)
    finally:
        controller.stop()


def test_a_kiosk_pinned_to_the_shown_fingerprint_uploads_through_the_network(
        dialog, server, core, qtbot):
    switch(dialog, qtbot, on=True)
    exam = core.exams.create_exam("Networks final", duration_seconds=3600)
    pin = f"sha256:{shown_fingerprint(dialog)}"

    with ProctorClient(local_url(server), dialog.key_field.text(), fingerprint=pin) as kiosk:
        attempt = api(kiosk, "POST", "/attempts", json={
            "exam_id": exam.exam_id, "candidate_ref": "C-7", "candidate_name": "Grace Hopper"})
        response = upload(kiosk, attempt["attempt_id"], new_snapshot_id(), jpeg_bytes(),
                          token=attempt["token"])

    assert response.status_code == 201
    [session] = [s for s in core.proctoring.list_sessions("all")
                 if s.attempt_id == attempt["attempt_id"]]
    assert len(core.proctoring.list_snapshots(session.session_id, None, None)) == 1


def test_live_updates_keep_streaming_after_the_server_was_switched(dialog, server, core, qtbot):
    switch(dialog, qtbot, on=True)  # the server was stopped on 127.0.0.1 and started again
    connection = pinned_connection(local_url(server), server.fingerprint)
    admin = {"Authorization": f"Bearer {core.config.admin_key}"}

    with httpx.Client(base_url=connection.base_url, transport=connection.transport,
                      timeout=httpx.Timeout(10, read=10)) as client, \
            connect_sse(client, "GET", "/api/v1/proctor/stream", headers=admin) as source:
        assert source.response.status_code == 200
        core.exams.create_exam("Made after the switch", 600)
        events = source.iter_sse()
        assert next(e.event for e in events if e.event == "exams_changed")


def test_switching_back_to_this_computer_stops_listening_on_the_network(
        dialog, server, settings, announcements, qtbot):
    port = server.port
    switch(dialog, qtbot, on=True)
    qtbot.waitUntil(lambda: len(announcements.active) == 1, timeout=5000)
    assert announcements.active == [("0.0.0.0", port, server.fingerprint)]
    assert settings.listen_on_network is True
    dialog.make_code()

    switch(dialog, qtbot, on=False)

    assert not server.listens_on_network and server.port == port
    assert not answers_on("127.0.0.2", port)
    assert httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).json()["status"] == "ok"
    assert server.kiosk_urls == [f"http://127.0.0.1:{port}"]
    assert "Only kiosks on this computer can connect now" in dialog.network_label.text()
    assert not dialog.firewall_label.isVisible()
    assert not dialog.code_card.isVisible() and not dialog.code_button.isEnabled()
    assert announcements.active == [] and len(announcements.made) == 1
    assert settings.listen_on_network is False


def test_the_choice_is_remembered_for_the_next_start(
        dialog, server, core, settings, announcements, qtbot):
    switch(dialog, qtbot, on=True)
    server.stop()
    assert announcements.active == []  # shutting down withdraws the announcement

    again = ApiServerController(core, "127.0.0.1", 0, settings=settings,
                                addresses=lambda: LAN_ADDRESSES, announce=announcements)
    try:
        assert again.start()
        assert again.listens_on_network and again.url.startswith("https://")
        assert answers_on("127.0.0.2", again.port)
        qtbot.waitUntil(lambda: len(announcements.active) == 1, timeout=5000)
    finally:
        again.stop()
    assert announcements.active == []


def test_an_announcement_that_fails_is_a_hint_in_the_log_and_nothing_more(
        core, settings, qapp, qtbot, caplog):
    def no_multicast(host: str, port: int, fingerprint: str | None) -> CenterAnnouncement:
        raise OSError("no multicast on this network")

    controller = ApiServerController(core, "127.0.0.1", 0, settings=settings,
                                     addresses=lambda: LAN_ADDRESSES, announce=no_multicast)
    try:
        with caplog.at_level(logging.INFO):
            assert controller.start()
            assert controller.set_listen_on_network(True)
            qtbot.waitUntil(lambda: "not announced" in caplog.text, timeout=5000)
        assert controller.is_running and controller.network_problem is None
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert "kiosks can still type its address" in caplog.text
    finally:
        controller.stop()


# ---- errors as sentences ------------------------------------------------------------------------
def test_a_busy_port_on_the_network_is_a_sentence_and_this_computer_keeps_working(
        dialog, server, settings, announcements, qtbot):
    port = server.port
    blocker = socket.socket()
    blocker.bind(("127.0.0.2", port))  # another program on this port, on another address
    blocker.listen()
    try:
        switch(dialog, qtbot, on=True)
    finally:
        blocker.close()

    assert dialog.problem_label.isVisible()
    text = dialog.problem_label.text()
    assert text.startswith("The console could not listen on the center's network: "
                           f"Port {port} on 0.0.0.0 is already in use.")
    assert text.endswith("It still listens on this computer only.")
    assert not dialog.network_switch.isChecked()
    assert server.is_running and server.port == port and not server.listens_on_network
    assert httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).status_code == 200
    assert settings.listen_on_network is False and announcements.made == []


@pytest.fixture
def core_env(core_env, request):
    extra = getattr(request, "param", {})
    return {**core_env, **extra}


@pytest.mark.parametrize("core_env", [{"PROCTOR_TLS": "0"}], indirect=True)
def test_plain_http_on_the_network_is_refused_with_what_to_do(dialog, server, qtbot):
    switch(dialog, qtbot, on=True)

    assert not server.listens_on_network and server.is_running
    text = dialog.problem_label.text()
    assert "PROCTOR_TLS=0 does not allow listening on the center's network" in text
    assert "Remove PROCTOR_TLS=0" in text


def test_an_enrolment_file_that_cannot_be_written_is_a_sentence(dialog, tmp_path):
    target = tmp_path / "no such folder" / "kiosk.json"

    assert dialog.export_enrolment_file(target) is None

    assert dialog.export_message.isVisible()
    assert dialog.export_message.text() == (
        f"The enrolment file could not be saved as {target} (No such file or directory). "
        "Choose another folder, a USB stick say, and export again.")


# ---- enrolling ----------------------------------------------------------------------------------
def test_the_exported_enrolment_file_gives_back_the_address_key_and_pin_for_its_owner_only(
        dialog, server, core, qtbot, tmp_path, monkeypatch):
    switch(dialog, qtbot, on=True)
    target = tmp_path / "usb" / "kiosk-enrolment.json"
    target.parent.mkdir()
    asked: list[str] = []

    def save_as(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(dialog.export_button, LEFT)

    enrolment = read_enrolment_file(target)
    assert enrolment.server_url == dialog.address_field.text() == server.kiosk_url
    assert enrolment.kiosk_key == dialog.key_field.text() == core.config.kiosk_key
    assert enrolment.pin == f"sha256:{shown_fingerprint(dialog)}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert Path(asked[0]).name.startswith("kiosk-enrolment")
    assert dialog.export_message.text().startswith(f"Saved {target} (for kiosks on the "
                                                   "center's network; only you can read it).")
    with ProctorClient(local_url(server), enrolment.kiosk_key,
                       fingerprint=enrolment.pin) as kiosk:
        assert api(kiosk, "GET", "/exams") == []


def test_the_code_shown_enrols_a_kiosk_once_and_is_refused_the_second_time(
        dialog, server, core, qtbot):
    assert not dialog.code_button.isEnabled()  # codes need HTTPS
    switch(dialog, qtbot, on=True)
    qtbot.mouseClick(dialog.code_button, LEFT)

    code, digits = dialog.code_label.text(), dialog.digits_label.text()
    assert dialog.code_card.isVisible()
    assert len(code) == 9 and code[4] == "-"
    assert digits == " ".join([server.fingerprint[:4].upper(), server.fingerprint[4:8].upper()])
    assert "The code works once and expires in 10 minutes (at " in dialog.code_expiry_label.text()

    address = f"127.0.0.1:{server.port}"
    enrolment = enrol_with_code(address, code, digits)
    assert enrolment.kiosk_key == core.config.kiosk_key
    assert enrolment.fingerprint == shown_fingerprint(dialog)
    with pytest.raises(ApiError) as refused:
        enrol_with_code(address, code, digits)
    assert refused.value.status == 410 and "already used" in refused.value.detail


def test_a_code_says_when_it_has_expired(dialog, server, clock, qtbot):
    switch(dialog, qtbot, on=True)
    dialog.make_code()
    clock.advance(minutes=9, seconds=30)
    dialog.refresh_code()
    assert "expires in less than a minute" in dialog.code_expiry_label.text()

    clock.advance(seconds=31)
    dialog.refresh_code()

    assert dialog.code_expiry_label.text().startswith("This code expired at ")
    assert dialog.code_expiry_label.text().endswith("Make a new one for the next kiosk.")
    assert not dialog.code_label.isEnabled()
