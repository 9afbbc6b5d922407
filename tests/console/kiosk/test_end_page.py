"""The end page shows its heading whole, however many lines it takes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow

from console.kiosk.exam.end_page import EndPage
from resources import load_style


@pytest.mark.parametrize("title", [
    "Your exam was submitted",
    "Your exam was ended by the proctor",
    "This exam attempt is unknown to the server",
])
def test_the_end_heading_is_never_cut_off(qtbot, title):
    window = QMainWindow()
    window.setObjectName("KioskWindow")
    window.setStyleSheet(load_style("kiosk"))
    window.resize(1366, 716)
    page = EndPage()
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    page.show_result("terminated", title, "Please stay seated and speak to the invigilator.",
                     "Algebra final  ·  Ada Lovelace (C-1042)\nEnded at 10:02 on 2 December 2026")
    window.show()
    qtbot.waitExposed(window)

    heading = page.title
    needed = heading.heightForWidth(heading.width())
    assert heading.height() >= needed
    assert page.text.geometry().top() >= heading.geometry().bottom()
