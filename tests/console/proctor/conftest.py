"""Fixtures for the Proctor Center tests: a shown window and a live model over the test core."""

from __future__ import annotations

import pytest

from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from console.proctor.proctor_center.session_list_model import SessionListModel


@pytest.fixture
def proctor_window(console_context, qtbot):
    """The Proctor Center at 1366x768, shown, with the first load applied."""
    opened: list[str] = []
    console_context.open_details = opened.append
    window = ProctorCenterWindow(console_context)
    window.opened_details = opened  # what context.open_details was asked to open
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.model.is_loading, timeout=5000)
    yield window
    window.quit_now()
    console_context.tasks.wait_for_done()


@pytest.fixture
def session_model(console_context):
    model = SessionListModel(console_context)
    yield model
    model.close()
    console_context.tasks.wait_for_done()

