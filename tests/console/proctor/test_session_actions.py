"""SessionActions as any window uses it: dialogs, center calls in the background, and failures
that say what to do next. Over the in-memory center, except the last test: the real core's
refusal through the embedded and the remote center."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QWidget

from console.proctor.actions import (
    CONFLICT_NEXT_WORDS,
    TERMINATE,
    FlagDialog,
    SessionActions,
    TerminateDialog,
    WarnDialog,
    explain,
)
from console.proctor.center import EmbeddedCenter, RemoteCenter
from console.proctor.console_app import console_style_sheet
from core.domain.enums import FLAG_REASONS
from core.domain.errors import Conflict
from core.domain.samples import sample_sessions
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE, start
from tests.core.api.support import plain_http

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def host(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def actions(fake_console_context, host):
    actions = SessionActions(fake_console_context, host)
    actions.show_errors = False
    yield actions
    fake_console_context.tasks.wait_for_done()


@pytest.fixture
def session(fake_core, fake_exam):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    return fake_core.proctoring.get_session_summary(started.proctor_session_id)


def test_only_real_active_sessions_can_be_acted_on(fake_core, fake_exam, session, clock):
    sample = sample_sessions(clock.now())[0]
    assert SessionActions.can_act(session)
    assert not SessionActions.can_act(sample)
    assert not SessionActions.can_act(None)
    fake_core.attempts.submit_attempt(session.attempt_id)
    ended = fake_core.proctoring.get_session_summary(session.session_id)
    assert not SessionActions.can_act(ended)
    assert SessionActions.why_not(sample) == (
        "Sample sessions are for display only: actions are off.")
    assert SessionActions.why_not(ended) == "This session has ended: actions are off."


def test_terminating_through_the_dialog_cancels_the_session_and_ends_the_attempt(
    actions, fake_core, session, qtbot
):
    dialog = actions.terminate(session)
    assert isinstance(dialog, TerminateDialog)
    dialog.reason_box.setPlainText("Second person in the room")
    dialog.confirm_box.setChecked(True)
    with qtbot.waitSignal(actions.action_finished, timeout=3000) as finished:
        dialog.accept()
    assert finished.args == [session.session_id, "terminate"]
    assert fake_core.proctoring.get_session_summary(session.session_id).status == "cancelled"
    assert fake_core.attempts.get_attempt(session.attempt_id).status == "terminated"
    assert actions.done_message(session.session_id, "terminate") == (
        "Terminated the exam of Ann Lee.")


def test_a_terminate_dialog_without_a_reason_or_confirmation_does_nothing(
    actions, fake_core, session, qtbot
):
    dialog = actions.terminate(session)
    dialog.confirm_box.setChecked(True)
    dialog.accept()  # refused: no reason
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "Write the reason for ending the exam."
    dialog.reason_box.setPlainText("Phone")
    dialog.confirm_box.setChecked(False)
    dialog.accept()  # refused: not confirmed
    assert dialog.isVisible()
    dialog.reject()
    assert fake_core.proctoring.get_session_summary(session.session_id).status == "active"


def test_a_flag_keeps_its_reason_and_note_and_raises_the_risk(actions, fake_core, session, qtbot):
    dialog = actions.flag(session)
    assert isinstance(dialog, FlagDialog)
    reasons = [dialog.reason_box.itemText(i) for i in range(dialog.reason_box.count())]
    assert reasons == list(FLAG_REASONS)
    dialog.reason_box.setCurrentText("Another person present")
    dialog.note_box.setPlainText("Someone behind the candidate at 10:14")
    with qtbot.waitSignal(actions.action_finished, timeout=3000):
        dialog.accept()
    flagged = fake_core.proctoring.get_session(session.session_id)
    assert flagged.session.is_flagged
    assert flagged.session.flag_reason == "Another person present"
    assert flagged.session.flag_note == "Someone behind the candidate at 10:14"
    assert flagged.session.risk_score == 30
    assert flagged.events[0].type == "flagged"


def test_a_warning_needs_a_message_and_is_delivered_to_the_attempt(
    actions, fake_core, session, qtbot
):
    dialog = actions.warn(session)
    assert isinstance(dialog, WarnDialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.text() == ""  # nothing typed yet: no telling-off
    dialog.message_box.setPlainText("Eyes")
    dialog.message_box.clear()
    assert dialog.problem_label.text() == "Write a message or pick a ready one."
    dialog.message_box.setPlainText("Eyes on your own screen, please.")
    with qtbot.waitSignal(actions.action_finished, timeout=3000):
        dialog.accept()
    warnings = fake_core.attempts.get_attempt(session.attempt_id).warnings
    assert [w.message for w in warnings] == ["Eyes on your own screen, please."]
    timeline = fake_core.proctoring.get_session(session.session_id).events
    assert timeline[0].type == "warning_sent"


def test_samples_open_no_dialog_and_say_why(actions, clock, qtbot):
    sample = sample_sessions(clock.now())[1]
    with qtbot.waitSignal(actions.action_failed, timeout=1000) as failed:
        assert actions.flag(sample) is None
    assert failed.args == [sample.session_id,
                           "Sample sessions are for display only: actions are off."]


def test_acting_on_a_session_that_ended_meanwhile_explains_what_to_do(
    actions, fake_core, session, qtbot
):
    dialog = actions.warn(session)  # the proctor starts typing...
    fake_core.attempts.submit_attempt(session.attempt_id)  # ...the candidate submits
    dialog.message_box.setPlainText("Please sit still.")
    with qtbot.waitSignal(actions.action_failed, timeout=3000) as failed:
        dialog.accept()
    message = failed.args[1]
    assert "already ended (completed)" in message
    assert "Pick an active session in the grid" in message
    assert fake_core.attempts.get_attempt(session.attempt_id).warnings == ()


def test_a_failure_is_shown_in_a_message_box_by_default(fake_console_context, host, fake_core,
                                                        session,
                                                         qtbot):
    actions = SessionActions(fake_console_context, host)
    fake_core.attempts.submit_attempt(session.attempt_id)
    with qtbot.waitSignal(actions.action_failed, timeout=3000):
        actions.submit_termination(session.session_id, "Too late")
    box = actions.last_error_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Could not terminate the exam"
    assert "Pick an active session" in box.text()
    box.close()


@pytest.mark.parametrize("kind", ["flag", "warn", "terminate"])
def test_each_dialog_opens_with_its_text_field_focused_and_no_button_pressed_by_space(
    actions, fake_core, session, qtbot, kind
):
    dialog = getattr(actions, kind)(session)
    qtbot.waitExposed(dialog)
    field = {"flag": "note_box", "warn": "message_box", "terminate": "reason_box"}[kind]
    assert dialog.focusWidget() is getattr(dialog, field)
    buttons = dialog.findChildren(QPushButton)
    assert buttons and not any(b.autoDefault() or b.isDefault() for b in buttons)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    assert dialog.isVisible()  # a space is typed, nothing is submitted
    assert getattr(dialog, field).toPlainText() == " "
    dialog.reject()
    summary = fake_core.proctoring.get_session_summary(session.session_id)
    assert not summary.is_flagged and summary.status == "active"
    assert fake_core.attempts.get_attempt(session.attempt_id).warnings == ()


def test_enter_in_the_warning_submits_only_a_written_message(actions, fake_core, session, qtbot):
    dialog = actions.warn(session)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.message_box, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "Write a message or pick a ready one."
    qtbot.keyClicks(dialog.message_box, "Please face the camera.")
    with qtbot.waitSignal(actions.action_finished, timeout=3000):
        qtbot.keyClick(dialog.message_box, Qt.Key.Key_Return)
    warnings = fake_core.attempts.get_attempt(session.attempt_id).warnings
    assert [w.message for w in warnings] == ["Please face the camera."]


def test_shift_enter_is_a_new_line_in_the_note(actions, session, qtbot):
    dialog = actions.flag(session)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.note_box, "first")
    qtbot.keyClick(dialog.note_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.note_box, "second")
    assert dialog.isVisible()
    assert dialog.note == "first\nsecond"
    dialog.reject()


def test_terminating_stays_two_steps_even_from_the_keyboard(actions, fake_core, session, qtbot):
    dialog = actions.terminate(session)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.reason_box, "Phone on the desk")
    qtbot.keyClick(dialog.reason_box, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "Tick the confirmation to end the exam."
    assert fake_core.proctoring.get_session_summary(session.session_id).status == "active"
    dialog.confirm_box.setFocus()
    qtbot.keyClick(dialog.confirm_box, Qt.Key.Key_Space)  # ticks the box, submits nothing
    assert dialog.confirm_box.isChecked() and dialog.isVisible()
    with qtbot.waitSignal(actions.action_finished, timeout=3000):
        qtbot.keyClick(dialog.confirm_box, Qt.Key.Key_Return)
    assert fake_core.proctoring.get_session_summary(session.session_id).status == "cancelled"


def test_the_terminate_button_is_red_before_and_after_the_form_allows_it(
    actions, session, qapp, qtbot
):
    qapp.setStyleSheet(console_style_sheet())
    try:
        dialog = actions.terminate(session)
        qtbot.waitExposed(dialog)

        def button_color() -> QColor:
            image = dialog.ok_button.grab().toImage()
            return image.pixelColor(4, image.height() // 2)

        pale = button_color()
        assert not dialog.ok_button.isEnabled()
        assert pale.red() > pale.green() + 8 and pale.red() > pale.blue() + 8  # reddish
        dialog.reason_box.setPlainText("Phone")
        dialog.confirm_box.setChecked(True)
        solid = button_color()
        assert solid.red() > 150 and solid.green() < 60 and solid.blue() < 60
        dialog.reject()
    finally:
        qapp.setStyleSheet("")


def already_terminated_by_dana(fake_core, clock, session) -> str:
    """Dana Lee terminates the exam at another console; the sentence the console says: the
    center's, with the time of day in this computer's time zone."""
    fake_core.proctoring.terminate_session(session.session_id, "Phone on the desk",
                                           actor="Dana Lee")
    local = QLocale().toString(QDateTime(clock.now()).toLocalTime().time(),
                               QLocale.FormatType.ShortFormat)
    return f"Already terminated by Dana Lee at {local}."


def test_terminating_what_another_proctor_terminated_says_who_did_it_and_when(
    fake_console_context, host, fake_core, clock, session, qtbot
):
    actions = SessionActions(fake_console_context, host)
    dialog = actions.terminate(session)  # the proctor starts writing the reason...
    sentence = already_terminated_by_dana(fake_core, clock, session)  # ...Dana Lee is quicker
    dialog.reason_box.setPlainText("Second person in the room")
    dialog.confirm_box.setChecked(True)
    with qtbot.waitSignal(actions.action_failed, timeout=3000) as failed:
        dialog.accept()
    message = failed.args[1]
    assert message == f"{sentence} {CONFLICT_NEXT_WORDS[TERMINATE]}"
    box = actions.last_error_box
    assert box is not None and box.isVisible()
    assert box.text() == message
    box.close()


def test_flagging_what_another_proctor_terminated_says_who_did_it(
    actions, fake_core, clock, session, qtbot
):
    sentence = already_terminated_by_dana(fake_core, clock, session)
    with qtbot.waitSignal(actions.action_failed, timeout=3000) as failed:
        actions.submit_flag(session.session_id, "Looking away")
    assert failed.args[1].startswith(sentence)
    assert "The flag was not added" in failed.args[1]


# ---- over the real centers: the core's own refusal, through each kind of center -----------------
@pytest.fixture
def real_session(core, exam):
    started = start(core, exam, "C-1", "Ann Lee")
    return core.proctoring.get_session_summary(started.proctor_session_id)


@pytest.fixture(params=["embedded", "remote"])
def center(request, core, live_server):
    if request.param == "embedded":
        built = EmbeddedCenter(core)
    else:
        built = RemoteCenter(live_server.url, core.config.admin_key, transport=plain_http())
    yield built
    built.close()


def test_a_409_from_the_center_reaches_the_proctor_in_its_own_words(core, clock, real_session,
                                                                    center):
    sentence = already_terminated_by_dana(core, clock, real_session)
    with pytest.raises(Conflict) as refused:
        center.terminate_session(real_session.session_id, "Second person in the room")
    message = explain(TERMINATE, refused.value)
    assert message.startswith(sentence)
    assert "data folder" not in message and "Could not" not in message


def test_in_arabic_a_409_from_the_center_reaches_the_proctor_in_arabic(arabic, core, clock,
                                                                        real_session, center):
    already_terminated_by_dana(core, clock, real_session)
    with pytest.raises(Conflict) as refused:
        center.terminate_session(real_session.session_id, "Second person in the room")
    message = explain(TERMINATE, refused.value)
    assert message.startswith("أنهاها Dana Lee بالفعل عند ")
    assert "Already" not in message and message.endswith("كما هي الآن.")
