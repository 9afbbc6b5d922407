"""ConsoleSettings: the console's remembered choices survive a restart with their types, and a
hand-edited or old console.ini never breaks the window."""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from console.proctor.console_settings import ConsoleSettings, SortKey


def test_choices_come_back_typed_after_a_restart(tmp_path, qapp):
    settings = ConsoleSettings.in_data_dir(tmp_path)
    assert settings.show_samples is True  # the defaults of a fresh data dir
    assert settings.sort_key is SortKey.ATTENTION
    assert settings.window_geometry is None
    assert settings.had_real_session is False
    assert settings.export_dir == ""
    settings.show_samples = False
    settings.sort_key = SortKey.NAME
    settings.window_geometry = QByteArray(b"\x01\xd9\xd0\xcb")
    settings.had_real_session = True
    settings.export_dir = str(tmp_path / "reports")
    settings.sync()

    again = ConsoleSettings.in_data_dir(tmp_path)
    assert again.show_samples is False
    assert again.sort_key is SortKey.NAME
    assert again.window_geometry == QByteArray(b"\x01\xd9\xd0\xcb")
    assert again.had_real_session is True
    assert again.export_dir == str(tmp_path / "reports")


def test_a_hand_edited_file_reads_as_a_person_meant_it(tmp_path, qapp):
    (tmp_path / "console.ini").write_text(
        "[proctor_center]\nshow_samples=off\nsort=biggest_first\nhad_real_session=yes\n")
    settings = ConsoleSettings.in_data_dir(tmp_path)
    assert settings.show_samples is False
    assert settings.sort_key is SortKey.ATTENTION  # unknown order: the default
    assert settings.had_real_session is True
