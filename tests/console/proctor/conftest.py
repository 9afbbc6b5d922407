"""Fixtures for the Proctor Center tests: a shown window and a live model, over the test core
(``proctor_window``, ``session_model``) or over the in-memory center (``fake_...``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from console.proctor.context import ConsoleContext
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from console.proctor.proctor_center.session_list_model import SessionListModel
from core.domain.records import ExamDTO
from tests.fakes.in_memory_center import InMemoryCenter, InMemoryCore


@pytest.fixture
def proctor_window(console_context, qtbot):
    yield from _shown_window(console_context, qtbot)


@pytest.fixture
def session_model(console_context):
    yield from _live_model(console_context)


def _shown_window(console_context: ConsoleContext, qtbot) -> Iterator[ProctorCenterWindow]:
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


def _live_model(console_context: ConsoleContext) -> Iterator[SessionListModel]:
    model = SessionListModel(console_context)
    yield model
    model.close()
    console_context.tasks.wait_for_done()


# ---- the same over the in-memory center (the fast tier: no database, no files) -----------------
@pytest.fixture
def fake_core(clock) -> InMemoryCore:
    """The exam center's state in dicts; tests drive kiosks and proctors through it as they
    would through a core (``fake_core.attempts.start_attempt(...)``)."""
    return InMemoryCore(clock)


@pytest.fixture
def fake_center(fake_core) -> Iterator[InMemoryCenter]:
    center = InMemoryCenter(fake_core)
    yield center
    center.close()


@pytest.fixture
def fake_exam(fake_core) -> ExamDTO:
    return fake_core.exams.create_exam("Algebra final", duration_seconds=3600,
                                       snapshot_interval_seconds=30)


@pytest.fixture
def fake_console_context(fake_center, qapp, tmp_path) -> Iterator[ConsoleContext]:
    """A ConsoleContext over the in-memory center, with QSettings in a temp INI file."""
    settings = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    context = ConsoleContext.create(fake_center, settings)
    yield context
    context.close()


@pytest.fixture
def fake_window(fake_console_context, qtbot):
    yield from _shown_window(fake_console_context, qtbot)


@pytest.fixture
def fake_session_model(fake_console_context):
    yield from _live_model(fake_console_context)
