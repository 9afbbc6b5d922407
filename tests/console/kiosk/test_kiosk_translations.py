"""The kiosk in other languages: under the pseudo-language every word the candidate can see went
through Qt's translation (it is bracketed) and has room to be 30% longer; in Arabic the window
is right-to-left but the camera picture is not mirrored; the language setting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from console.i18n import LANGUAGES, install_language, remove_language, resolve_language
from console.kiosk import kiosk_settings
from console.kiosk.joining.readiness_check import ReadinessLine, ReadinessReport
from console.kiosk.kiosk_settings import KioskSettings
from tests.tools.pseudo_translation import build_pseudo_catalogue

#: What the windows show that is data, not words: the exam, the candidate, the proctor's and the
#: center's sentences, and the shapes of a code and of fingerprint digits (placeholders).
DATA = ("Algebra final", "Ada Lovelace", "C-1042", "kiosk-test", "synthetic camera",
        "Please look at the camera", "The center at 10.0.0.5 is another center", "K7QM-4XPD",
        "EABA DE89")
BRACKETED = re.compile(r"\[[^\[\]]*\]")
LETTER = re.compile(r"[^\W\d_]")


@pytest.fixture(scope="module")
def pseudo_catalogue(tmp_path_factory) -> Path:
    return build_pseudo_catalogue(tmp_path_factory.mktemp("pseudo")).parent


@pytest.fixture
def pseudo_language(qapp, pseudo_catalogue) -> Iterator[None]:
    install_language("pseudo", pseudo_catalogue)
    yield
    remove_language()


@pytest.fixture
def arabic(qapp) -> Iterator[None]:
    install_language("ar")
    yield
    remove_language()


def plain(text: str) -> str:
    if "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def escapes(text: str) -> str:
    """What of ``text`` is words outside the pseudo-language's brackets ("" when none)."""
    text = plain(text)
    while BRACKETED.search(text):
        text = BRACKETED.sub(" ", text)
    for datum in DATA:
        text = text.replace(datum, " ")
    return text.strip() if LETTER.search(text) else ""


def visible_texts(top: QWidget) -> Iterator[tuple[QWidget, str]]:
    if top.windowTitle():
        yield top, top.windowTitle()
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) or (widget is not top and not widget.isVisible()):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget, widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget, widget.title()
        elif (isinstance(widget, QLineEdit) and not widget.text()) or (
                isinstance(widget, QComboBox) and widget.count() == 0):
            yield widget, widget.placeholderText()
        if widget.toolTip():
            yield widget, widget.toolTip()


def is_cut_off(widget: QWidget) -> bool:
    if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
        return widget.sizeHint().width() > widget.width() + 1
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.sizeHint().width() > widget.width() + 1
    return False


def problems(top: QWidget, where: str) -> list[str]:
    QApplication.processEvents()
    found = []
    for widget, text in visible_texts(top):
        escaped = escapes(text)
        if escaped:
            found.append(f"{where}: {type(widget).__name__} {widget.objectName()!r} shows "
                         f"{escaped!r} untranslated (in {text!r})")
        if is_cut_off(widget):
            found.append(f"{where}: {type(widget).__name__} {widget.objectName()!r} cuts off "
                         f"{text!r} ({widget.sizeHint().width()} wide in {widget.width()})")
    return found


def test_every_page_and_dialog_of_the_kiosk_is_translated_and_has_room(
        pseudo_language, open_kiosk, server, kiosk_exam, qtbot):
    found: list[str] = []
    form = open_kiosk(server.url, server.core.config.kiosk_key)
    qtbot.waitUntil(lambda: form.join_page.exam_combo.count() == 1, timeout=10000)
    found += problems(form, "join form with its exam")
    form.join_page.show_readiness(ReadinessReport((
        ReadinessLine("camera", "ready", QApplication.translate(
            "ReadinessCheck", "The {camera} gives a picture ({width}x{height}).").format(
            camera="synthetic camera", width=640, height=480)),
        ReadinessLine("center", "ready", "The center at 10.0.0.5 is another center"))))
    found += problems(form, "join form's readiness check")
    form.ask_for_enrolment_code()
    found += problems(form.code_dialog, "enrolment code dialog")
    form.code_dialog.set_busy(True)
    found += problems(form.code_dialog, "enrolment code dialog, checking")
    form.code_dialog.reject()
    form._on_identity_changed("The center at 10.0.0.5 is another center")
    found += problems(form, "identity page")

    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=10000)
    qtbot.waitUntil(lambda: window.exam_page.preview.is_showing_picture, timeout=10000)
    found += problems(window, "exam page")
    window._on_warning("w-1", "Please look at the camera")
    found += problems(window, "proctor's warning")
    window.warning_panel.hide()
    window.ask_to_submit()
    found += problems(window, "submit confirmation")
    window.confirm_panel.hide()
    window.controller.is_paused = True
    window._on_paused_changed()
    found += problems(window, "paused by the proctor")
    window.controller.is_paused = False
    window._on_paused_changed()
    window.ask_to_close()
    box = window.close_box
    assert isinstance(box, QMessageBox)
    found += problems(box, "close the kiosk?")
    box.done(0)
    window._on_handed_in()
    found += problems(window, "handed in")
    window.controller._end("terminated")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page)
    found += problems(window, "end page")
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
    assert [problem.split(":")[0] for problem in problems(page, "page")] == ["page", "page"]


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
    inked = [x for x in range(timer.width())
             if timer.pixelColor(x, middle).alpha() > 128 and timer.pixelColor(x, middle).value() < 128]
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
