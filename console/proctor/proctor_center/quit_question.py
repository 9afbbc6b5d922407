"""The question the Proctor Center asks before quitting while exams are running."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from console.i18n import translate


def quit_question(running: int) -> str:
    if running == 1:
        exams = translate("QuitQuestion", "1 exam is running.")
    else:
        exams = translate("QuitQuestion", "{count} exams are running.").format(
            count=QLocale().toString(running))
    return exams + " " + translate(
        "QuitQuestion", "Kiosks keep their frames and send them when the console is back, but "
        "until then nobody sees their snapshots and no warning reaches them.\n\nQuit anyway?")


def ask_to_quit(parent: QWidget, running: int, quit_now: Callable[[], None]) -> QMessageBox:
    """Open the question (window-modal, not blocking); "Keep running" is the default and the
    Esc answer, so Enter, Space or Esc keep the exams going. "Quit" calls ``quit_now``."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("QuitQuestion", "Quit Proctor Console?"),
                      quit_question(running), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("quitQuestion")
    keep = box.addButton(translate("QuitQuestion", "Keep running"),
                         QMessageBox.ButtonRole.RejectRole)
    quit_button = box.addButton(translate("QuitQuestion", "Quit"),
                                QMessageBox.ButtonRole.DestructiveRole)
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
