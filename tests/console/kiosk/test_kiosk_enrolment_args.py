"""`proctor-candidate --enrol FILE` / `--fingerprint`: the file fills the server and kiosk key
(flags given still win) and pins the center for that address; bad input exits with a sentence."""

from __future__ import annotations

import hashlib

import pytest

from console.kiosk.joining.enrolment_args import pin_server, read_enrolment_args
from console.kiosk.kiosk_settings import KioskSettings
from core.net.enrolment_file import Enrolment, write_enrolment_file
from core.net.pinning import forget_pins, pin_for

FINGERPRINT = hashlib.sha256(b"center").hexdigest()


@pytest.fixture(autouse=True)
def no_pins():
    forget_pins()
    yield
    forget_pins()


def test_the_enrolment_file_gives_server_key_and_pin(tmp_path):
    path = write_enrolment_file(tmp_path / "k.json",
                                Enrolment("https://exam-server:8765", "kiosk-secret", FINGERPRINT))

    argv, fingerprint, typed = read_enrolment_args(["--enrol", str(path), "--camera", "synthetic"])
    settings = KioskSettings.from_args(argv)
    pin_server(settings.server_url, fingerprint, given=typed)

    assert not typed, "the enrolment file's pin was held before, not typed"

    assert settings.server_url == "https://exam-server:8765"
    assert settings.kiosk_key == "kiosk-secret" and settings.camera == "synthetic"
    assert pin_for("https://exam-server:8765") == FINGERPRINT
    assert pin_for("https://other-server:8765") is None


def test_flags_given_win_over_the_enrolment_file(tmp_path):
    path = write_enrolment_file(tmp_path / "k.json",
                                Enrolment("https://exam-server:8765", "kiosk-secret", FINGERPRINT))
    argv, _, _ = read_enrolment_args(["--enrol", str(path), "--kiosk-key", "typed-key"])
    assert KioskSettings.from_args(argv).kiosk_key == "typed-key"


def test_a_fingerprint_flag_pins_the_server_given(tmp_path):
    argv, fingerprint, typed = read_enrolment_args(
        ["--server", "exam-server:8765", "--fingerprint", f"SHA256:{FINGERPRINT.upper()}"])
    settings = KioskSettings.from_args(argv)
    pin_server(settings.server_url, fingerprint, given=typed)
    assert typed
    assert pin_for("http://exam-server:8765") == FINGERPRINT


@pytest.mark.parametrize("args", [["--fingerprint", "sha256:123"], ["--enrol", "/nonexistent"]])
def test_bad_enrolment_input_exits_2_with_a_sentence(args, capsys):
    with pytest.raises(SystemExit) as stopped:
        read_enrolment_args(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "64 hex digits" in err or "cannot be read" in err


def test_a_kiosk_key_starting_with_a_dash_is_read_as_the_key(tmp_path):
    path = write_enrolment_file(tmp_path / "k.json",
                                Enrolment("https://exam-server:8765", "-Xy_key", FINGERPRINT))
    argv, _, _ = read_enrolment_args(["--enrol", str(path)])
    assert KioskSettings.from_args(argv).kiosk_key == "-Xy_key"
