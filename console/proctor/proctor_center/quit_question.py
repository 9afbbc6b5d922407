"""The question the Proctor Center asks before quitting while exams are running."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def quit_question(running: int) -> str:
    exams = "1 exam is running" if running == 1 else f"{running} exams are running"
    return (f"{exams}. Kiosks keep their frames and send them when the console is back, but "
            "until then nobody sees their snapshots and no warning reaches them.\n\n"
            "Quit anyway?")


def ask_to_quit(parent: QWidget, running: int, quit_now: Callable[[], None]) -> QMessageBox:
    """Open the question (window-modal, not blocking); "Keep running" is the default and the
    Esc answer, so Enter, Space or Esc keep the exams going. "Quit" calls ``quit_now``."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Quit Proctor Console?",
                      quit_question(running), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("quitQuestion")
    keep = box.addButton("Keep running", QMessageBox.ButtonRole.RejectRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.DestructiveRole)
    quit_button.setAutoDefault(False)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.keep_button = keep  # type: ignore[attr-defined]
    box.quit_button = quit_button  # type: ignore[attr-defined]

    def answered() -> None:
        if box.clickedButton() is quit_button:
            quit_now()

    box.finished.connect(answered)
    box.open()
    return box
