"""The Exams dialog says lengths in words (75 s is "1 min 15 s", never "01:15"), edits an exam
(every field until a candidate starts it, then only the title, with the reason on screen), and
archives and restores exams (hidden from kiosks and from the list unless "Show archived")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.proctor.dialogs.exams_dialog import ExamsDialog, length_words
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def dialog(fake_console_context, qtbot):
    with qtbot.waitSignal(fake_console_context.tasks.task_finished, timeout=3000):
        dialog = ExamsDialog(fake_console_context)  # the first load
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    fake_console_context.tasks.wait_for_done()


def rows(dialog: ExamsDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def reload(dialog: ExamsDialog, qtbot, fake_console_context) -> None:
    """Read the list again once earlier reads (after the fixtures' changes) have landed."""
    qtbot.waitUntil(lambda: fake_console_context.tasks.pending_count == 0, timeout=3000)
    with qtbot.waitSignal(dialog.exams_loaded, timeout=3000):
        dialog.reload()


@pytest.mark.parametrize(("seconds", "words"), [
    (45, "45 s"), (60, "1 min"), (75, "1 min 15 s"), (5400, "1 h 30 min"), (3600, "1 h"),
    (7 * 24 * 3600, "168 h"), (3661, "1 h 1 min 1 s"), (0, "0 s"),
])
def test_lengths_read_as_words(seconds, words):
    assert length_words(seconds) == words


def test_the_list_says_durations_and_intervals_in_words(
    dialog, fake_core, qtbot, fake_console_context
):
    fake_core.exams.create_exam("Quick quiz", 75, snapshot_interval_seconds=60)
    fake_core.exams.create_exam("Final", 5400, snapshot_interval_seconds=15)
    reload(dialog, qtbot, fake_console_context)
    shown = {r[0]: r[1:5] for r in rows(dialog)}
    assert shown == {"Quick quiz": ["1 min 15 s", "On", "1 min", "0"],
                     "Final": ["1 h 30 min", "On", "15 s", "0"]}


def test_an_exam_nobody_started_is_edited_in_every_field(
        dialog, fake_core, fake_exam, qtbot, fake_console_context):
    reload(dialog, qtbot, fake_console_context)
    dialog.select_exam(fake_exam.exam_id)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert dialog.create_button.text() == "Save changes"
    assert dialog.title_field.text() == "Algebra final"
    assert dialog.edit_note.text() == "Nobody has started this exam yet, so every field can change."
    assert dialog.duration_field.isEnabled() and dialog.interval_field.isEnabled()
    dialog.title_field.setText("Algebra final (resit)")
    dialog.duration_field.setValue(90)
    dialog.interval_field.setValue(20)
    with qtbot.waitSignal(dialog.exam_saved, timeout=3000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    stored = fake_core.exams.get_exam(fake_exam.exam_id)
    assert (stored.title, stored.duration_seconds, stored.snapshot_interval_seconds) == (
        "Algebra final (resit)", 5400, 20)
    assert dialog.message_label.text() == "Saved “Algebra final (resit)”."
    assert dialog.create_button.text() == "Create exam"  # back to a new exam
    qtbot.waitUntil(lambda: rows(dialog)[0][:2] == ["Algebra final (resit)", "1 h 30 min"],
                    timeout=3000)


def test_a_started_exam_offers_only_its_title_and_says_why(
        dialog, fake_core, fake_exam, qtbot, fake_console_context):
    fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")
    reload(dialog, qtbot, fake_console_context)
    dialog.select_exam(fake_exam.exam_id)
    dialog.edit_selected()
    assert not dialog.duration_field.isEnabled()
    assert not dialog.proctoring_field.isEnabled()
    assert not dialog.interval_field.isEnabled()
    assert dialog.edit_note.text() == (
        "1 candidate has started this exam, so only its title can change. For another duration, "
        "snapshot interval or proctoring, create a new exam and archive this one.")
    dialog.title_field.setText("Algebra final, group B")
    with qtbot.waitSignal(dialog.exam_saved, timeout=3000):
        dialog.save_edit()
    assert fake_core.exams.get_exam(fake_exam.exam_id).title == "Algebra final, group B"


def test_an_exam_started_while_the_form_was_open_refuses_the_change_with_a_sentence(
        dialog, fake_core, fake_exam, qtbot, fake_console_context):
    reload(dialog, qtbot, fake_console_context)
    dialog.select_exam(fake_exam.exam_id)
    dialog.edit_selected()
    dialog.duration_field.setValue(30)
    fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")  # meanwhile, on a kiosk
    with qtbot.waitSignal(dialog.exams_loaded, timeout=3000):
        dialog.save_edit()
    assert dialog.message_label.text() == (
        "1 candidate has already started “Algebra final”, so only its title can change now, not "
        "its duration; for that, create a new exam and archive this one.")
    assert dialog.message_label.property("tone") == "danger"
    assert fake_core.exams.get_exam(fake_exam.exam_id).duration_seconds == 3600
    assert not dialog.duration_field.isEnabled()  # the form now shows what may change


def test_in_arabic_the_started_exams_refusal_is_said_in_arabic_naming_the_field(
        arabic, dialog, fake_core, fake_exam, qtbot):
    dialog.start_edit(fake_core.exams.get_exam(fake_exam.exam_id))
    dialog.duration_field.setValue(30)
    fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")  # meanwhile, on a kiosk
    dialog.save_edit()
    qtbot.waitUntil(lambda: "«" in dialog.message_label.text(), timeout=3000)
    assert dialog.message_label.text().startswith(
        "بدأ متقدّم واحد «Algebra final» بالفعل، فلا يتغيّر الآن إلا عنوانه، لا مدته؛")
    assert "candidate" not in dialog.message_label.text()


def test_a_duration_in_seconds_is_kept_unless_the_minutes_change(
        dialog, fake_core, qtbot, fake_console_context):
    odd = fake_core.exams.create_exam("Speed round", 75)
    reload(dialog, qtbot, fake_console_context)
    dialog.select_exam(odd.exam_id)
    dialog.edit_selected()
    assert "now 1 min 15 s" in dialog.duration_words.text()
    dialog.title_field.setText("Speed round 2")
    with qtbot.waitSignal(dialog.exam_saved, timeout=3000):
        dialog.save_edit()
    assert fake_core.exams.get_exam(odd.exam_id).duration_seconds == 75


def test_archiving_hides_the_exam_from_kiosks_and_the_list_and_restore_brings_it_back(
        dialog, fake_core, fake_exam, qtbot, fake_console_context):
    reload(dialog, qtbot, fake_console_context)
    dialog.select_exam(fake_exam.exam_id)
    assert dialog.archive_button.text() == "Archive"
    with qtbot.waitSignal(dialog.exam_saved, timeout=3000):
        qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(dialog) == [], timeout=3000)
    assert fake_core.exams.list_exams() == []  # what kiosks get
    assert dialog.empty_label.isVisible()
    assert "Every exam is archived (1)" in dialog.empty_label.text()
    assert dialog.message_label.text().startswith("Archived “Algebra final”: kiosks no longer")

    dialog.show_archived_box.setChecked(True)
    assert [r[0] for r in rows(dialog)] == ["Algebra final — archived"]
    dialog.select_exam(fake_exam.exam_id)
    assert dialog.archive_button.text() == "Restore"
    with qtbot.waitSignal(dialog.exam_saved, timeout=3000):
        qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert [e.title for e in fake_core.exams.list_exams()] == ["Algebra final"]
    qtbot.waitUntil(lambda: [r[0] for r in rows(dialog)] == ["Algebra final"], timeout=3000)


def test_cancel_editing_returns_to_a_new_exam_and_changes_nothing(
        dialog, fake_core, fake_exam, qtbot, fake_console_context):
    reload(dialog, qtbot, fake_console_context)
    dialog.select_exam(fake_exam.exam_id)
    dialog.edit_selected()
    dialog.title_field.setText("Not this")
    qtbot.mouseClick(dialog.cancel_edit_button, Qt.MouseButton.LeftButton)
    assert dialog.editing is None
    assert dialog.title_field.text() == ""
    assert fake_core.exams.get_exam(fake_exam.exam_id).title == "Algebra final"
