"""KioskWindow: the candidate's window: join form, exam page, end page, and the red page of a
center whose identity changed; warnings and the submit confirmation as overlays; the enrolment
code dialog; toasts. All behaviour lives in KioskController."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.i18n import plural
from console.kiosk.camera.frame_source import FrameSource
from console.kiosk.exam.end_page import HANDED_IN, EndPage
from console.kiosk.exam.exam_page import ExamPage, format_remaining
from console.kiosk.joining.center_finder import BrowseSource
from console.kiosk.joining.enrol_code_dialog import EnrolCodeDialog
from console.kiosk.joining.identity_page import IdentityPage
from console.kiosk.joining.join_page import JoinPage
from console.kiosk.joining.override_dialog import OverrideDialog
from console.kiosk.kiosk_controller import MAY_CONTINUE_TITLE, KioskController
from console.kiosk.kiosk_settings import KioskSettings
from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.widgets.overlay_panel import OverlayPanel
from console.kiosk.widgets.toast import Toast
from resources import load_style

log = logging.getLogger(__name__)

WINDOW_SIZE = (1366, 768)
# The English words; the window shows them through self.tr (the context "KioskWindow").
HANDED_IN_TITLE = QT_TRANSLATE_NOOP("KioskWindow", "Handed in")
HANDED_IN_TEXT = QT_TRANSLATE_NOOP("KioskWindow", "Your exam is handed in; it will reach the "
                                   "center when the network returns.")
HANDED_IN_DETAILS = QT_TRANSLATE_NOOP(
    "KioskWindow", "Your answers are kept on this computer, with the time you pressed Submit. "
    "Leave this kiosk switched on: it sends them by itself. You may leave when the invigilator "
    "says so.")
PAUSED_TEXT = QT_TRANSLATE_NOOP(
    "KioskWindow", "Your time is stopped and will be given back. Stay in your seat, keep this "
    "window open and wait: the exam goes on here when the proctor resumes it. If you need help, "
    "raise your hand.")


def local_time_and_date(moment: datetime) -> tuple[str, str]:
    """("14:05", "7 December 2026") in the language's numerals and month names."""
    shown = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    locale = QLocale()
    return locale.toString(shown.time(), "HH:mm"), locale.toString(shown.date(), "d MMMM yyyy")


class _PageStack(QStackedWidget):
    """The pages, as tall as the shown page needs at a width and the window has room for (a
    stack otherwise takes its tallest page's height, the join form's, and the exam page would
    scroll on a small screen)."""

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        if page is None:
            return super().heightForWidth(width)
        wanted = page.heightForWidth(width) if page.hasHeightForWidth() else -1
        room = self.parentWidget().height() if self.parentWidget() is not None else wanted
        # no taller than the screen's room when the page can shrink (the camera picture
        # does; a wrapped sentence keeps its height inside the page's layout)
        return max(min(wanted, room), page.minimumSizeHint().height())


class KioskWindow(QMainWindow):
    def __init__(self, settings: KioskSettings, timings: KioskTimings | None = None,
                 frame_source: FrameSource | None = None,
                 browse: BrowseSource | None = None,
                 wall: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Proctor Kiosk"))
        self.setObjectName("KioskWindow")
        self.setStyleSheet(load_style("kiosk"))
        self.resize(*WINDOW_SIZE)
        self.settings = settings
        self.controller = KioskController(settings, timings, frame_source, browse, wall)
        self._is_closed = False
        self._is_close_confirmed = False
        self.close_box: QMessageBox | None = None
        self.code_dialog: EnrolCodeDialog | None = None

        self.join_page = JoinPage()
        self.exam_page = ExamPage()
        self.end_page = EndPage()
        self.identity_page = IdentityPage()
        self.pages = _PageStack()
        for page in (self.join_page, self.exam_page, self.end_page, self.identity_page):
            self.pages.addWidget(page)

        brand = QLabel(self.tr("Proctor Kiosk"))
        brand.setObjectName("Brand")
        self.top_note = QLabel()
        self.top_note.setObjectName("TopNote")
        top_bar = QFrame()
        top_bar.setObjectName("TopBar")
        top_row = QHBoxLayout(top_bar)
        top_row.setContentsMargins(28, 0, 28, 0)
        top_row.addWidget(brand)
        top_row.addStretch(1)
        top_row.addWidget(self.top_note)
        top_bar.setFixedHeight(52)

        central = QWidget()
        central.setObjectName("Central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(top_bar)
        # On a small screen (800x600) a page taller or wider than the window scrolls instead
        # of pushing the window past the screen's edge.
        self.page_area = QScrollArea()
        self.page_area.setObjectName("PageArea")
        self.page_area.setWidgetResizable(True)
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setWidget(self.pages)
        self.pages.currentChanged.connect(self._size_to_current_page)
        self._size_to_current_page()
        self.page_area.viewport().setAutoFillBackground(False)
        self.pages.setAutoFillBackground(False)
        column.addWidget(self.page_area, 1)
        self.setCentralWidget(central)
        self.warning_panel = OverlayPanel(central, "warning")
        self.confirm_panel = OverlayPanel(central, "confirm")
        self.pause_panel = OverlayPanel(central, "warning")
        self.toast = Toast(central, self.controller.timings.toast_seconds)

        c = self.controller
        self.join_page.exams_requested.connect(self._request_exams)
        self.join_page.join_requested.connect(self._request_join)
        self.join_page.center_chosen.connect(c.joining.choose_center)
        self.join_page.enrolment_file_chosen.connect(self.open_enrolment_file)
        self.join_page.enrolment_code_requested.connect(self.ask_for_enrolment_code)
        self.join_page.override_requested.connect(self.ask_for_override)
        c.finder.looking.connect(self.join_page.set_looking)
        c.finder.found.connect(self.join_page.set_centers)
        c.joining.enrolled.connect(self._on_enrolled)
        c.joining.enrol_failed.connect(self._on_enrol_failed)
        c.identity_changed.connect(self._on_identity_changed)
        self.identity_page.back_clicked.connect(self._back_to_join_form)
        c.joining.exams_loaded.connect(self.join_page.set_exams)
        c.joining.readiness_requested.connect(lambda *_: self.join_page.show_checking())
        c.joining.readiness_checked.connect(self.join_page.show_readiness)
        c.joining.join_failed.connect(self._on_join_failed)
        c.joining.override_offered.connect(self.join_page.set_override_offered)
        c.joining.override_failed.connect(self._on_override_failed)
        c.joining.join_retry_scheduled.connect(self._on_join_retry)
        c.exam_started.connect(self._on_exam_started)
        c.clock_ticked.connect(self.exam_page.set_remaining)
        c.preview_updated.connect(self.exam_page.preview.set_image)
        self.exam_page.preview.picture_size_changed.connect(c.set_preview_size)
        c.state_changed.connect(self._on_state_changed)
        c.toast_requested.connect(self.toast.show_message)
        c.warnings.warning_shown.connect(self._on_warning)
        c.submit_failed.connect(self._on_submit_failed)
        c.exam_ended.connect(self._on_exam_ended)
        c.handed_in.connect(self._on_handed_in)
        c.paused_changed.connect(self._on_paused_changed)
        c.warnings.warning_cleared.connect(self._on_warning_cleared)
        c.may_continue.connect(self._on_may_continue)
        self.exam_page.retry_camera_clicked.connect(self._retry_camera)
        self.exam_page.submit_clicked.connect(self.ask_to_submit)
        self.warning_panel.accepted.connect(self._acknowledge_warning)
        self.confirm_panel.accepted.connect(self._submit)
        self.end_page.close_clicked.connect(self.close)
        self._warning_id: str | None = None
        self.override_dialog: OverrideDialog | None = None

        self.join_page.fill_from(settings)
        if settings.shows_only_candidate_fields:
            self.join_page.show_only_candidate_fields(settings)
        if c.resume_kept_attempt():
            pass  # restarted mid-attempt: the exam page (or the kept hand-in) at once
        elif settings.is_provisioned:
            self.join_page.set_busy(True, self.tr("Starting the exam on this kiosk…"))
            QTimer.singleShot(0, c.joining.join_provisioned)
        else:
            if not settings.shows_only_candidate_fields:
                c.finder.start()  # the form lists the centers announced on the network
            if settings.server_url and settings.kiosk_key:
                QTimer.singleShot(0, self.join_page.request_exams)

    # ---- joining -------------------------------------------------------------------------------
    def _request_exams(self, server: str, key: str) -> None:
        self.controller.joining.load_exams(server, key)

    def _request_join(self, server: str, key: str, exam_id: str, ref: str, name: str,
                      seat: str) -> None:
        if self.controller.joining.join(server, key, exam_id, ref, name, seat):
            self.join_page.set_busy(True, self.tr("Starting your exam…"))

    def open_enrolment_file(self, path: str) -> None:
        """The proctor's enrolment file: the center's address, kiosk key and pin, or a sentence
        in the form saying why the file cannot be used (nothing typed is lost)."""
        center = self.controller.joining.use_enrolment_file(path)
        if center is not None:
            self.join_page.fill_center(*center)

    def ask_for_enrolment_code(self) -> None:
        if self.code_dialog is not None:
            self.code_dialog.raise_()
            return
        dialog = EnrolCodeDialog(self.join_page.server_edit.text().strip(), self)
        dialog.setStyleSheet(self.styleSheet())
        dialog.enrol_requested.connect(self.controller.joining.enrol_with_code)
        dialog.finished.connect(self._forget_code_dialog)
        self.code_dialog = dialog
        dialog.open()

    def _on_enrolled(self, server_url: str, kiosk_key: str) -> None:
        if self.code_dialog is not None:
            self.code_dialog.accept()
        self.join_page.fill_center(server_url, kiosk_key)

    def _on_enrol_failed(self, text: str) -> None:
        if self.code_dialog is not None:
            self.code_dialog.show_error(text)

    def _forget_code_dialog(self) -> None:
        if self.code_dialog is not None:
            self.code_dialog.deleteLater()
            self.code_dialog = None

    def _on_identity_changed(self, text: str) -> None:
        c = self.controller
        self.warning_panel.hide()
        self.confirm_panel.hide()
        self.toast.hide()
        self.join_page.set_busy(False)
        self.join_page.show_error(text)
        self.identity_page.show_refusal(text, c.is_exam_running)
        self.pages.setCurrentWidget(self.identity_page)

    def _back_to_join_form(self) -> None:
        self.controller.forget_identity_error()
        self.pages.setCurrentWidget(self.join_page)

    def _on_join_failed(self, text: str) -> None:
        self.join_page.set_busy(False)
        self.join_page.show_error(text)

    def _on_join_retry(self, seconds: int) -> None:
        self.join_page.set_busy(True)
        again = plural(self.tr("Trying again every %Ln second(s)…", "", seconds), seconds)
        self.join_page.show_error(f"{self.join_page.message.text()} {again}")

    def ask_for_override(self) -> OverrideDialog:
        """A proctor lets this kiosk start although the check found it NOT READY."""
        if self.override_dialog is None:
            self.override_dialog = OverrideDialog(self.controller.joining.not_ready_lines(), self)
            self.override_dialog.override_requested.connect(self.controller.joining.override)
            self.override_dialog.finished.connect(self._forget_override_dialog)
        self.override_dialog.show()
        self.override_dialog.raise_()
        return self.override_dialog

    def _forget_override_dialog(self) -> None:
        if self.override_dialog is not None:
            self.override_dialog.deleteLater()
            self.override_dialog = None

    def _on_override_failed(self, text: str) -> None:
        if self.override_dialog is not None:
            self.override_dialog.show_error(text)
        else:
            self.join_page.show_error(text)

    def _on_exam_started(self) -> None:
        if self.override_dialog is not None:
            self.override_dialog.accept()
        self.join_page.set_override_offered(False)
        self.exam_page.set_attempt(self.controller.view())
        self.pages.setCurrentWidget(self.exam_page)

    # ---- exam ----------------------------------------------------------------------------------
    def _on_state_changed(self) -> None:
        if self.controller.is_exam_running:
            self.exam_page.show_view(self.controller.view())

    def _retry_camera(self) -> None:
        self.exam_page.show_no_picture(self.tr("Trying the camera again…"))
        self.controller.retry_camera()

    def _on_warning(self, warning_id: str, message: str) -> None:
        self._warning_id = warning_id
        self.confirm_panel.hide()
        self.warning_panel.open_with(self.tr("MESSAGE FROM YOUR PROCTOR"), message,
                                     self.tr("Please read this message. Your timer keeps "
                                             "running."),
                                     self.tr("I understand"))

    def _on_warning_cleared(self, warning_id: str) -> None:
        """The proctor dealt with the warning on screen: it goes without "I understand"."""
        if self._warning_id == warning_id:
            self._warning_id = None
            self.warning_panel.hide()

    def _on_may_continue(self, text: str) -> None:
        """The "you may continue" notice, over the exam page (never over Submit)."""
        if self.controller.is_exam_running and not self.controller.is_paused:
            self.exam_page.show_notice(
                QCoreApplication.translate("KioskController", MAY_CONTINUE_TITLE), text)

    def _acknowledge_warning(self) -> None:
        if self._warning_id is not None:
            warning_id, self._warning_id = self._warning_id, None
            self.controller.acknowledge_warning(warning_id)

    def ask_to_submit(self) -> None:
        minutes = (self.controller.clock.seconds_left or 0) // 60
        left = (plural(self.tr("You still have %Ln minute(s).", "", minutes), minutes) + " "
                if minutes else "")
        self.confirm_panel.open_with(
            self.tr("SUBMIT EXAM"), self.tr("Hand in your exam now?"),
            left + self.tr("After you submit, you cannot change your answers and the exam ends "
                           "on this kiosk."), self.tr("Submit now"), self.tr("Keep working"))

    def _submit(self) -> None:
        self.exam_page.clear_submit_error()
        self.controller.submit()

    def _on_submit_failed(self, text: str) -> None:
        """The center refused the hand-in: the sentence beside the button (a toast would
        cover it)."""
        self.toast.hide()
        self.exam_page.show_submit_error(text)

    def _on_handed_in(self) -> None:
        """Submit was pressed while the center could not take it: the hand-in is kept."""
        c = self.controller
        self.warning_panel.hide()
        self.confirm_panel.hide()
        self.toast.hide()
        view = c.view()
        when = c.handed_in_at.astimezone() if c.handed_in_at else None
        details = f"{view.exam_title}  ·  {view.candidate_name} ({view.candidate_ref})"
        if when is not None:
            time, date = local_time_and_date(when)
            details += "\n" + self.tr("Handed in at {time} on {date}").format(time=time, date=date)
        self.end_page.show_result(HANDED_IN, self.tr(HANDED_IN_TITLE), self.tr(HANDED_IN_TEXT),
                                  f"{details}\n\n{self.tr(HANDED_IN_DETAILS)}")
        self.pages.setCurrentWidget(self.end_page)

    def _on_paused_changed(self) -> None:
        c = self.controller
        if c.is_paused and c.is_exam_running and not c.is_handed_in:
            reason = c.paused_reason or self.tr("The proctor did not give a reason.")
            self.confirm_panel.hide()
            left = format_remaining(c.clock.seconds_left or 0)
            time_left = self.tr("Time left: {time}.").format(time=left)
            self.pause_panel.open_with(
                self.tr("EXAM PAUSED"), self.tr("Paused by the proctor"),
                f"{reason}\n\n{time_left} {self.tr(PAUSED_TEXT)}", "")
        else:
            self.pause_panel.hide()
        self.exam_page.set_paused(c.is_paused)

    def _on_exam_ended(self, status: str) -> None:
        c = self.controller
        self.warning_panel.hide()
        self.confirm_panel.hide()
        self.pause_panel.hide()
        self.toast.hide()
        if self.close_box is not None:
            self.close_box.done(0)  # the exam is over: closing needs no confirmation now
        when = c.ended_at.astimezone() if c.ended_at else None
        view = c.view()
        details = f"{view.exam_title}  ·  {view.candidate_name} ({view.candidate_ref})"
        if when is not None:
            time, date = local_time_and_date(when)
            details += "\n" + self.tr("Ended at {time} on {date}").format(time=time, date=date)
        self.end_page.show_result(status, c.end_title, c.end_text, details)
        self.pages.setCurrentWidget(self.end_page)

    # ---- closing -------------------------------------------------------------------------------
    def _size_to_current_page(self, *_args: object) -> None:
        """The pages take the size the shown page needs, not the largest page's (the join
        form's): the exam page fits an 800x600 screen without scrolling."""
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            policy = QSizePolicy.Policy.Preferred if page is self.pages.currentWidget() \
                else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.exam_page.fit_width(event.size().width())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only a close the candidate asked the window system for (Alt+F4, the title bar's close
        # button) is spontaneous; a program's close (SIGTERM, the end page's button) is not and
        # must not be held up, or quitting the application would be refused.
        if event.spontaneous() and self._is_close_to_confirm():
            event.ignore()
            self.ask_to_close()
            return
        self.shutdown()
        super().closeEvent(event)

    def _is_close_to_confirm(self) -> bool:
        """A hand-in kept for the center needs no question: it goes at the next start."""
        c = self.controller
        return c.is_exam_running and not (c.is_handed_in or self._is_closed
                                          or self._is_close_confirmed)

    def ask_to_close(self) -> None:
        """Alt+F4 or the window's close button mid-exam: "Keep the exam open" is the default and
        has the focus, so Enter or Space keeps the exam running. Once the exam has ended the
        window simply closes."""
        if not self._is_close_to_confirm():
            self.close()
            return
        if self.close_box is not None:
            self.close_box.raise_()
            return
        box = QMessageBox(self)
        box.setObjectName("CloseBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Close the kiosk?"))
        box.setText(self.tr("Your exam is still running."))
        box.setInformativeText(self.tr(
            "If you close the kiosk now, the proctor will see that the kiosk was closed, and "
            "your timer keeps running. To hand in your exam, use Submit exam instead."))
        leave = box.addButton(self.tr("Close the kiosk"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("Keep the exam open"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.close_box = box
        box.buttonClicked.connect(lambda button: self._on_close_answer(button is leave))
        box.finished.connect(self._forget_close_box)
        box.open()
        stay.setFocus()

    def _on_close_answer(self, is_leaving: bool) -> None:
        if is_leaving and self.controller.is_exam_running:
            self._is_close_confirmed = True
            self.controller.close_by_candidate()
            self.close()

    def _forget_close_box(self) -> None:
        if self.close_box is not None:
            self.close_box.deleteLater()
            self.close_box = None

    def shutdown(self) -> None:
        """Stop the camera, uploads and requests; waiting snapshots stay in the spool."""
        if not self._is_closed:
            self._is_closed = True
            self.controller.shutdown()
