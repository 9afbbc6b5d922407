"""Where Export report… opens its save dialog: the folder the last report went to, remembered in
the console's settings, else the user's Documents folder, else home — never the folder the
console happened to be started from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from console.proctor.session_details.details_windows import DetailsWindows

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A user's home of its own (no Documents folder yet), and a console started elsewhere."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    started_in = tmp_path / "started-here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    return home


@pytest.fixture
def details(fake_console_context, fake_core, fake_exam, qtbot):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")
    registry = DetailsWindows.install(fake_console_context)
    window = registry.open(started.proctor_session_id)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    yield window
    registry.close_all()
    fake_console_context.tasks.wait_for_done()


def dialog_start(window, qtbot, save_as: Path | None = None) -> tuple[str, str]:
    """Press Export report…; (the folder the save dialog opened in, the file name offered).
    The dialog saves as ``save_as`` when given, else it is cancelled."""
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        offered = dialog.selectedFiles()[0]
        seen.append((str(Path(offered).parent), Path(offered).name))
        if save_as is None:
            dialog.reject()
        else:
            dialog.selectFile(str(save_as))
            dialog.accept()

    QTimer.singleShot(20, answer)
    window.export_report()
    assert seen, "no save dialog opened"
    return seen[0]


def test_the_first_export_opens_in_documents_and_the_next_in_the_folder_last_used(
        details, home, tmp_path, qtbot):
    (home / "Documents").mkdir()
    folder, name = dialog_start(details, qtbot)
    assert folder == str(home / "Documents")
    assert name.startswith("Ann-Lee-") and name.endswith("-report.pdf")

    reports = tmp_path / "reports"
    reports.mkdir()
    with qtbot.waitSignal(details.export_finished, timeout=10_000):
        dialog_start(details, qtbot, save_as=reports / "first.pdf")
    folder, _name = dialog_start(details, qtbot)
    assert folder == str(reports)


def test_without_a_documents_folder_the_dialog_opens_at_home_not_where_the_console_started(
        details, home, qtbot):
    folder, _name = dialog_start(details, qtbot)
    assert folder != os.getcwd()
    assert folder == str(home)


def test_a_remembered_folder_that_was_removed_falls_back_to_documents(
        details, fake_console_context, home, tmp_path, qtbot):
    (home / "Documents").mkdir()
    fake_console_context.settings.export_dir = str(tmp_path / "removed")
    folder, _name = dialog_start(details, qtbot)
    assert folder == str(home / "Documents")
