"""A remote console trusts exactly the center it was given: signed in to a real
``proctor-server --tls`` with its fingerprint it works, stream included; with another
fingerprint it sends nothing and says where a typed one differs (first contact) or that the
center's identity changed (a fingerprint held before); without one it says what to give."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from console.proctor.center import CenterUnavailable, sign_in, with_admin_key
from core.net.pinning import CenterIdentityChanged, FingerprintMismatch, forget_pins
from tests.console.proctor.remote_support import PASSWORD, RunningCenter

pytestmark = [pytest.mark.process, pytest.mark.db]  # a real proctor-server --tls process

WRONG = "sha256:" + "ab" * 32


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


def test_with_the_centers_fingerprint_the_console_signs_in_and_follows_the_stream(tls_center):
    assert tls_center.url.startswith("https://")
    remote = sign_in(tls_center.url, "dana", PASSWORD, fingerprint=tls_center.fingerprint)
    try:
        assert remote.who == "Dana Lee"
        assert remote.list_sessions() == []
        assert remote.wait_until_following(10), "the pinned change stream did not open"
    finally:
        remote.close()


def test_an_http_address_with_a_fingerprint_is_upgraded_never_sent_in_plain_text(tls_center):
    plain = tls_center.url.replace("https://", "http://")
    remote = with_admin_key(plain, tls_center.admin_key, fingerprint=tls_center.fingerprint)
    try:
        assert remote.location.startswith("https://")
    finally:
        remote.close()


def mistyped_at_the_end(pin: str) -> str:
    """The pin with each of its last two digits changed (so they differ from digit 63 on)."""
    return pin[:-2] + "".join("1" if digit == "0" else "0" for digit in pin[-2:])


def test_a_fingerprint_mistyped_at_first_contact_stops_the_sign_in_saying_where_it_differs(
        tls_center):
    typed = mistyped_at_the_end(tls_center.fingerprint)
    with pytest.raises(FingerprintMismatch) as refused:
        sign_in(tls_center.url, "dana", PASSWORD, fingerprint=typed)
    message = str(refused.value)
    assert "identity changed" not in message
    assert "they differ from digit 63 on (you typed …" in message
    assert f"the center presents …{tls_center.fingerprint[-4:]})" in message


def test_another_fingerprint_held_before_stops_the_sign_in_with_the_identity_message(tls_center):
    with pytest.raises(CenterIdentityChanged, match="identity changed"):
        sign_in(tls_center.url, "dana", PASSWORD, fingerprint=WRONG, fingerprint_held=True)


def test_an_admin_console_with_another_fingerprint_is_refused_too(tls_center):
    with pytest.raises(CenterUnavailable, match=r"they differ from digit \d+ on"):
        with_admin_key(tls_center.url, tls_center.admin_key, fingerprint=WRONG)
    with pytest.raises(CenterUnavailable, match="identity changed"):
        with_admin_key(tls_center.url, tls_center.admin_key, fingerprint=WRONG,
                       fingerprint_held=True)


def test_without_a_fingerprint_the_console_says_to_give_one(tls_center):
    with pytest.raises(CenterUnavailable, match="fingerprint"):
        with_admin_key(tls_center.url, tls_center.admin_key)


def test_a_center_that_switched_to_https_is_never_followed_in_plain_text_and_says_so(tmp_path):
    center = RunningCenter.start(tmp_path / "data")
    remote = with_admin_key(center.url, center.admin_key)
    lost = threading.Event()
    remote.watch_reachability(lambda reachable: reachable or lost.set())
    try:
        assert remote.wait_until_following(10)
        center.stop()
        assert lost.wait(10)
        center.tls = True
        center.restart()  # the same port, now HTTPS only
        deadline = time.monotonic() + 15
        while "now serves HTTPS only" not in remote.last_problem:
            assert time.monotonic() < deadline, remote.last_problem
            time.sleep(0.05)  # the stream thread retries on its own schedule
        assert not remote.is_reachable
        with pytest.raises(CenterUnavailable):
            remote.list_sessions()
    finally:
        remote.close()
        center.stop()
