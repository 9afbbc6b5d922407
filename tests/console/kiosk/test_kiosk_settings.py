"""Settings from flags and the kiosk config file; bad input gets a sentence, not a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from console.kiosk.kiosk_settings import (
    KioskSettings,
    SettingsError,
    build_parser,
    default_spool_dir,
    normalize_server_url,
)

ALL_FLAGS = ["--server", "exam-server:8765", "--kiosk-key", "k", "--exam-id", "e",
             "--candidate-ref", "C-1", "--candidate-name", "Ada Lovelace"]


def test_all_five_values_make_a_provisioned_kiosk():
    settings = KioskSettings.from_args([*ALL_FLAGS, "--camera", "synthetic"])
    assert settings.is_provisioned
    assert settings.server_url == "http://exam-server:8765"
    assert settings.camera == "synthetic"


def test_a_missing_value_leaves_the_join_form_to_the_candidate():
    settings = KioskSettings.from_args(["--server", "http://exam-server:8765"])
    assert not settings.is_provisioned
    assert settings.camera == "0"


def test_the_config_file_fills_in_and_flags_win(tmp_path):
    config = tmp_path / "kiosk.json"
    config.write_text(json.dumps({"server": "http://file-server:1", "kiosk_key": "from-file",
                                  "exam_id": "e", "candidate_ref": "C-9",
                                  "candidate_name": "Grace Hopper", "camera": "1",
                                  "spool_dir": str(tmp_path / "spool")}))
    settings = KioskSettings.from_args(["--config", str(config), "--server", "flag-server:2"])
    assert settings.server_url == "http://flag-server:2"
    assert settings.kiosk_key == "from-file"
    assert settings.camera == "1"
    assert settings.spool_dir == Path(tmp_path / "spool")
    assert settings.is_provisioned


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "is not valid JSON"),
    ("[1, 2]", "must hold a JSON object"),
    ('{"sever": "typo"}', "unknown keys: sever"),
])
def test_a_bad_config_file_stops_with_a_clear_message(tmp_path, capsys, content, expected):
    config = tmp_path / "kiosk.json"
    config.write_text(content)
    with pytest.raises(SystemExit) as stop:
        KioskSettings.from_args(["--config", str(config)])
    assert stop.value.code == 2
    assert expected in capsys.readouterr().err


def test_a_missing_config_file_is_named_in_the_message(tmp_path, capsys):
    with pytest.raises(SystemExit):
        KioskSettings.from_args(["--config", str(tmp_path / "nowhere.json")])
    assert "nowhere.json cannot be read" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "expected"), [
    ("exam-server:8765", "http://exam-server:8765"),
    ("https://exams.example.org/", "https://exams.example.org"),
    ("  http://10.0.0.5:80  ", "http://10.0.0.5:80"),
])
def test_server_addresses_are_normalized(text, expected):
    assert normalize_server_url(text) == expected


@pytest.mark.parametrize("text", ["", "ftp://exam-server", "http://", "exam-server:port"])
def test_unusable_server_addresses_are_refused(text):
    with pytest.raises(SettingsError):
        normalize_server_url(text)


def test_the_help_documents_the_config_file_and_the_camera_choices():
    text = build_parser().format_help()
    assert "--config FILE" in text and '"kiosk_key"' in text
    assert "synthetic" in text and "video file" in text


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux folder")
def test_the_default_spool_on_linux_is_the_same_folder_under_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_spool_dir() == tmp_path / "data" / "proctor-candidate" / "spool"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    home_data = tmp_path / "home" / ".local" / "share"
    assert default_spool_dir() == home_data / "proctor-candidate" / "spool"
