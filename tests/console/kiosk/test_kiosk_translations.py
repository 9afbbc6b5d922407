"""The kiosk in other languages: under the pseudo-language every word the candidate can see went
through Qt's translation (it is bracketed) and has room to be 30% longer; in Arabic the window
is right-to-left but the camera picture is not mirrored; the language setting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from console.i18n import LANGUAGES, resolve_language
from console.kiosk import kiosk_settings
from console.kiosk.camera.frame_source import CameraUnavailable, camera_words
from console.kiosk.camera.opencv_frame_source import OpenCvFrameSource
from console.kiosk.joining.override_dialog import OverrideDialog
from console.kiosk.joining.readiness_check import (
    NOT_READY,
    WARNING,
    ReadinessCheck,
    ReadinessLine,
    ReadinessReport,
    camera_setting_problem,
)
from console.kiosk.joining.readiness_panel import ReadinessPanel
from console.kiosk.kiosk_controller import RESUMED_NOTICE
from console.kiosk.kiosk_settings import KioskSettings, SettingsError
from tests.console.translation_walk import escapes, problems

#: What the windows show that is data, not words: the exam, the candidate, the proctor's and the
#: center's sentences, the shapes of a code and of fingerprint digits (placeholders), a setting
#: and a path.
DATA = ("Algebra final", "Ada Lovelace", "C-1042", "kiosk-test", "synthetic camera",
        "Please look at the camera", "The center at 10.0.0.5 is another center", "K7QM-4XPD",
        "EABA DE89", "synthetc", "synthetic", "/nowhere/spool", "Permission denied")


def test_every_page_and_dialog_of_the_kiosk_is_translated_and_has_room(
        pseudo_language, open_kiosk, server, kiosk_exam, qtbot):
    found: list[str] = []
    form = open_kiosk(server.url, server.core.config.kiosk_key)
    qtbot.waitUntil(lambda: form.join_page.exam_combo.count() == 1, timeout=10000)
    found += problems(form, "join form with its exam", DATA)
    form.join_page.show_readiness(ReadinessReport((
        ReadinessLine("camera", "ready", QApplication.translate(
            "ReadinessCheck", "The {camera} gives a picture ({width}x{height}).").format(
            camera="synthetic camera", width=640, height=480)),
        ReadinessLine("center", "ready", "The center at 10.0.0.5 is another center"))))
    found += problems(form, "join form's readiness check", DATA)
    camera_problem = camera_setting_problem("synthetc")
    assert camera_problem is not None
    not_ready = ReadinessReport((
        ReadinessLine("camera", NOT_READY, *camera_problem),
        ReadinessCheck().check_center("http://127.0.0.1:9")[0],
        ReadinessLine("spool", NOT_READY, QApplication.translate(
            "ReadinessCheck", "Snapshots cannot be kept in {folder} ({reason}).").format(
            folder="/nowhere/spool", reason="Permission denied")),
        ReadinessCheck.compare_clocks(datetime.now(UTC), datetime.now(UTC) - timedelta(
            minutes=5))))
    assert not_ready.line("clock").level == WARNING
    form.join_page.show_readiness(not_ready)
    form.join_page.show_error(not_ready.summary())
    form.join_page.set_override_offered(True)  # and its tip
    found += problems(form, "join form's readiness check, not ready", DATA)
    form.controller.joining.join(server.url, "", "", "", "")
    found += problems(form, "join form: fields missing", DATA)
    form.controller.joining.load_exams("http://", "key")
    found += problems(form, "join form: a server address that is none", DATA)
    override = OverrideDialog([line.text for line in not_ready.lines if line.level == NOT_READY])
    qtbot.addWidget(override)
    override.show()
    found += problems(override, "proctor override", DATA)
    override.set_busy(True)
    found += problems(override, "proctor override, starting", DATA)
    override.close()
    form.ask_for_enrolment_code()
    found += problems(form.code_dialog, "enrolment code dialog", DATA)
    form.code_dialog.set_busy(True)
    found += problems(form.code_dialog, "enrolment code dialog, checking", DATA)
    form.code_dialog.reject()
    form._on_identity_changed("The center at 10.0.0.5 is another center")
    found += problems(form, "identity page", DATA)

    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=10000)
    qtbot.waitUntil(lambda: window.exam_page.preview.is_showing_picture, timeout=10000)
    found += problems(window, "exam page", DATA)
    view = window.controller.view()
    _, camera_sentence = camera_words(QT_TRANSLATE_NOOP(
        "CameraWords", "Camera {device} could not be opened. It may be unplugged, used by "
        "another program, or access to it was denied."), device=0)
    window.exam_page.show_view(replace(view, camera_error=camera_sentence,
                                       upload_error=QApplication.translate(
                                           "UploadWorker", "The exam server cannot be reached."),
                                       pending_snapshots=3))
    found += problems(window, "exam page: camera and upload banners", DATA)
    window.exam_page.show_view(replace(view, is_connection_lost=True, pending_snapshots=1))
    found += problems(window, "exam page: connection lost", DATA)
    window.exam_page.show_view(view)
    window._on_warning("w-1", "Please look at the camera")
    found += problems(window, "proctor's warning", DATA)
    window.warning_panel.hide()
    window.ask_to_submit()
    found += problems(window, "submit confirmation", DATA)
    window.confirm_panel.hide()
    window.controller.is_paused = True
    window._on_paused_changed()
    found += problems(window, "paused by the proctor", DATA)
    window.controller.is_paused = False
    window._on_paused_changed()
    window._on_may_continue(QApplication.translate("KioskController", RESUMED_NOTICE))
    found += problems(window, "you may continue", DATA)
    window.exam_page.notice_banner.hide()
    window.ask_to_close()
    box = window.close_box
    assert isinstance(box, QMessageBox)
    found += problems(box, "close the kiosk?", DATA)
    box.done(0)
    window._on_handed_in()
    found += problems(window, "handed in", DATA)
    window.controller._end("terminated")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page)
    found += problems(window, "end page", DATA)
    assert found == [], "\n".join(found)


def test_the_walk_finds_an_untranslated_word_and_a_cut_off_one(pseudo_language, qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    untranslated = QLabel("Start exam", page)
    cramped = QLabel(QApplication.translate("JoinPage", "Start exam"), page)
    cramped.setFixedWidth(20)
    cramped.move(0, 40)
    page.show()
    assert escapes(untranslated.text()) == "Start exam"
    assert [problem.split(":")[0] for problem in problems(page, "page", DATA)] == ["page", "page"]


def test_in_arabic_the_kiosk_is_right_to_left_with_arabic_digits_but_the_camera_is_not_mirrored(
        arabic, open_kiosk, server, kiosk_exam, qtbot):
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=10000)
    page = window.exam_page
    assert page.submit_button.text() == "تسليم الامتحان"
    assert page.timer.text()[0] in "٠١٢٣٤٥٦٧٨٩"
    timer = page.timer.grab().toImage()
    middle = timer.height() // 2
    colors = [timer.pixelColor(x, middle) for x in range(timer.width())]
    inked = [x for x, color in enumerate(colors) if color.alpha() > 128 and color.value() < 128]
    assert max(inked) > timer.width() - 40  # the digits stand on the right, under TIME LEFT
    picture = QImage(80, 60, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    for x in range(20):  # the left quarter red: a mirrored picture has it on the right
        for y in range(60):
            picture.setPixelColor(x, y, QColor("red"))
    page.preview.set_image(picture)
    shot = page.preview.grab().toImage()
    area = page.preview.picture_rect()
    left = shot.pixelColor(int(area.left() + area.width() * 0.1), int(area.center().y()))
    right = shot.pixelColor(int(area.left() + area.width() * 0.9), int(area.center().y()))
    assert (left.red(), left.green()) == (255, 0) and right.green() > 200


def test_the_language_comes_from_the_flag_then_kiosk_toml_then_the_system():
    assert KioskSettings.from_values({"language": "ar"}, {"language": "en"}).language == "en"
    assert KioskSettings.from_values({"language": "ar"}, {}).language == "ar"
    assert KioskSettings.from_values({}, {}).language == "system"
    assert resolve_language("system", QLocale("ar_EG")) == "ar"
    assert resolve_language(None, QLocale("fr_FR")) == "en"
    assert resolve_language("ar") == "ar"
    assert set(kiosk_settings.LANGUAGES) == set(LANGUAGES)


def test_a_language_the_kiosk_does_not_speak_is_refused_with_a_sentence():
    with pytest.raises(SettingsError, match="The language 'xx' is not available"):
        KioskSettings.from_values({}, {"language": "xx"})


def test_in_arabic_what_to_do_is_not_in_italics_which_have_no_arabic_letters(arabic, qtbot):
    panel = ReadinessPanel()
    qtbot.addWidget(panel)
    camera_problem = camera_setting_problem("synthetc")
    assert camera_problem is not None
    panel.show_report(ReadinessReport((ReadinessLine("camera", NOT_READY, *camera_problem),)))
    shown = panel.rows["camera"][1].text()
    assert "<i>" not in shown and "اطلب من المراقب" in shown


def test_in_arabic_the_candidate_reads_the_camera_problem_in_arabic_and_the_center_gets_english(
        arabic, tmp_path):
    with pytest.raises(CameraUnavailable) as raised:
        OpenCvFrameSource(str(tmp_path / "missing.mp4")).open()
    assert str(raised.value) == f"The video file {tmp_path / 'missing.mp4'} does not exist."
    assert raised.value.shown == f"ملف الفيديو {tmp_path / 'missing.mp4'} غير موجود."
