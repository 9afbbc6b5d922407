"""EvidenceExport: saving the evidence of one session — the PDF report (behind a cancellable
progress dialog), the center's signed evidence bundle (a zip ``proctor-verify`` checks) and
single snapshots as their original JPEG files — and opening the folder a report was saved
in. The writing runs in the TaskRunner; this object only asks where, shows progress and
reports the outcome through its signals."""

from __future__ import annotations

import json
import os
import re
import shlex
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QLocale, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from console.i18n import translate
from console.proctor.context import ConsoleContext
from console.proctor.session_details.report_exporter import ExportCancelled, ReportExporter
from core.domain.records import SessionDTO, SnapshotDTO

#: The bundle's signature record, which names the center's evidence key.
SIGNATURE_FILE = "signature.json"


class _ExportProgress(QObject):
    """Carries progress from the export worker to the GUI thread (queued signal)."""

    progressed = Signal(int, int)  # done, total


def file_stem(session: SessionDTO) -> str:
    """``Ann-Lee-20260115-0900``: the candidate and the start, safe in any file system."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", session.candidate_name).strip("-") or "session"
    return f"{name}-{session.started_at.astimezone().strftime('%Y%m%d-%H%M')}"


def verify_command(path: str) -> str:
    """The ``proctor-verify`` line that checks the bundle at ``path`` against the key that
    signed it (read from the bundle's signature record)."""
    command = f"proctor-verify {shlex.quote(path)}"
    try:
        with zipfile.ZipFile(path) as bundle:
            key = json.loads(bundle.read(SIGNATURE_FILE))["key_sha256"]
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError):
        return command  # proctor-verify says what is wrong with it
    return f"{command} --key sha256:{key}"


def write_bundle(path: str, write: Callable[[BinaryIO], None]) -> Path:
    """Save a bundle to ``path`` atomically: ``write(file)`` writes it, as it arrives, straight
    into a partial file beside ``path`` (never whole in memory), which is flushed and renamed
    into place when complete; a failed or cut-short fetch leaves no file behind."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(translate("EvidenceExport", "The folder {folder} does not exist.")
                                .format(folder=target.parent))
    partial = target.with_name(f".{target.name}.partial")
    try:
        with open(partial, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def folder_url(path: str) -> QUrl:
    """The folder holding the file at ``path``, as the URL the desktop opens."""
    return QUrl.fromLocalFile(str(Path(path).resolve().parent))


class EvidenceExport(QObject):
    busy_changed = Signal(bool)  # a report is being written
    finished = Signal(str)  # path of the written report
    failed = Signal(str, str)  # path, what went wrong
    cancelled = Signal()
    image_saved = Signal(str)  # path
    image_failed = Signal(str)  # a sentence for the user
    bundle_busy_changed = Signal(bool)  # an evidence bundle is being fetched and saved
    bundle_saved = Signal(str, str)  # path, the proctor-verify line that checks it
    bundle_failed = Signal(str)  # a sentence for the user

    def __init__(self, context: ConsoleContext, session_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._center = context.center
        self._session_id = session_id
        self._parent = parent
        self._exporter = ReportExporter(self._center.read_image, self._center.now)
        self._cancels: set[threading.Event] = set()
        self._is_bundling = False
        self._is_closed = False

    @property
    def is_exporting(self) -> bool:
        return bool(self._cancels)

    @property
    def is_bundling(self) -> bool:
        return self._is_bundling

    # ---- the report ------------------------------------------------------------------------
    def export_report(self, session: SessionDTO) -> None:
        """Ask where to save the PDF, then export it behind a cancellable progress dialog."""
        default = Path(self.export_dir()) / f"{file_stem(session)}-report.pdf"
        path, _filter = QFileDialog.getSaveFileName(self._parent, self.tr("Export report"),
                                                    str(default),
                                                    self.tr("PDF documents (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._remember_dir(path)
            self.export_report_to(path)

    def export_report_to(self, path: str) -> QProgressDialog:
        """Export the evidence report to ``path`` in the background (no file dialog)."""
        cancel = threading.Event()
        progress = QProgressDialog(self.tr("Preparing the report…"), self.tr("Cancel"), 0, 0,
                                   self._parent)
        progress.setObjectName("exportProgress")
        progress.setWindowTitle(self.tr("Export report"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(cancel.set)
        self._cancels.add(cancel)
        relay = _ExportProgress()  # no parent: the job keeps it alive until it ends

        def show_progress(done: int, total: int) -> None:
            if not cancel.is_set() and not self._is_closed:
                progress.setMaximum(total)
                progress.setValue(done)
                locale = QLocale()
                progress.setLabelText(self.tr("Adding snapshot {done} of {total}…").format(
                    done=locale.toString(max(0, done - 1)), total=locale.toString(total - 1))
                    if done else self.tr("Writing the timeline…"))

        relay.progressed.connect(show_progress)
        self.busy_changed.emit(True)
        self._context.tasks.submit(
            self._write_report, path, relay, cancel,
            on_done=lambda written: self._report_done(progress, cancel, str(written)),
            on_error=lambda exc: self._report_error(progress, cancel, path, exc),
        )
        return progress

    def open_folder(self, path: str) -> bool:
        """Show the folder of ``path`` in the desktop's file manager."""
        return QDesktopServices.openUrl(folder_url(path))

    # ---- the evidence bundle ---------------------------------------------------------------
    def export_bundle(self, session: SessionDTO) -> None:
        """Ask where to save the evidence bundle (beside the reports), then save it."""
        default = Path(self.export_dir()) / f"{file_stem(session)}-evidence.zip"
        path, _filter = QFileDialog.getSaveFileName(self._parent,
                                                    self.tr("Export evidence bundle"),
                                                    str(default), self.tr("Zip archives (*.zip)"))
        if path:
            if not path.lower().endswith(".zip"):
                path += ".zip"
            self._remember_dir(path)
            self.export_bundle_to(path)

    def export_bundle_to(self, path: str) -> None:
        """Fetch the session's signed bundle from the center and write it to ``path``, in the
        background (no file dialog)."""
        write, session_id = self._center.write_bundle, self._session_id

        def fetch_and_write() -> str:
            write_bundle(path, lambda out: write(session_id, out))
            return verify_command(path)

        self._is_bundling = True
        self.bundle_busy_changed.emit(True)
        self._context.tasks.submit(fetch_and_write,
                                   on_done=lambda command: self._bundle_done(path, command),
                                   on_error=lambda exc: self._bundle_error(path, exc))

    # ---- single images ---------------------------------------------------------------------
    def save_image(self, snapshot: SnapshotDTO, session: SessionDTO) -> None:
        """Ask where to save the snapshot's original JPEG, then write it."""
        stamp = snapshot.captured_at.astimezone().strftime("%Y%m%d-%H%M%S")
        default = Path(self.export_dir()) / f"{file_stem(session)}-{stamp}.jpg"
        path, _filter = QFileDialog.getSaveFileName(self._parent, self.tr("Save image"),
                                                    str(default),
                                                    self.tr("JPEG images (*.jpg *.jpeg)"))
        if path:
            if not path.lower().endswith((".jpg", ".jpeg")):
                path += ".jpg"
            self._remember_dir(path)
            self.save_image_to(snapshot.snapshot_id, path)

    def save_image_to(self, snapshot_id: str, path: str) -> None:
        """Write the original JPEG bytes of one snapshot to ``path`` in the background."""
        read_image = self._center.read_image
        self._context.tasks.submit(
            lambda: ReportExporter.write_image(path, read_image(snapshot_id)),
            on_done=lambda written: self._image_done(str(written)),
            on_error=lambda exc: self._image_error(path, exc),
        )

    # ---- folders ---------------------------------------------------------------------------
    def export_dir(self) -> str:
        """Where the save dialogs start: the last folder used (kept in the console's
        settings), else Documents, else home. Only a folder that exists: the file dialog
        opens one that does not in the folder the console was started from."""
        saved = self._context.settings.export_dir
        if saved and Path(str(saved)).is_dir():
            return str(saved)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        if documents and Path(documents).is_dir():
            return documents
        return str(Path.home())

    def _remember_dir(self, path: str) -> None:
        self._context.settings.export_dir = str(Path(path).parent)

    # ---- closing ---------------------------------------------------------------------------
    def close(self) -> None:
        """The window is closing: running exports stop and leave no file."""
        self._is_closed = True
        for cancel in self._cancels:
            cancel.set()

    # ---- worker and outcomes ---------------------------------------------------------------
    def _write_report(self, path: str, relay: _ExportProgress, cancel: threading.Event) -> Path:
        """Worker thread: read everything fresh, then write the PDF."""
        detail = self._center.get_session(self._session_id)
        snapshots = self._center.list_snapshots(self._session_id)
        return self._exporter.write(path, detail, snapshots,
                                    lambda done, total: relay.progressed.emit(done, total),
                                    cancel.is_set)

    def _report_done(self, progress: QProgressDialog, cancel: threading.Event,
                     path: str) -> None:
        self._cancels.discard(cancel)
        if self._is_closed:
            return  # the window (and its progress dialog) is gone; the file is complete
        self._close_progress(progress)
        self.finished.emit(path)

    def _report_error(self, progress: QProgressDialog, cancel: threading.Event, path: str,
                      error: BaseException) -> None:
        self._cancels.discard(cancel)
        if self._is_closed:
            return
        self._close_progress(progress)
        if isinstance(error, ExportCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(path, str(error))

    def _close_progress(self, progress: QProgressDialog) -> None:
        progress.close()
        progress.deleteLater()
        self.busy_changed.emit(self.is_exporting)

    def _bundle_done(self, path: str, command: str) -> None:
        self._is_bundling = False
        if not self._is_closed:
            self.bundle_busy_changed.emit(False)
            self.bundle_saved.emit(path, command)

    def _bundle_error(self, path: str, error: BaseException) -> None:
        self._is_bundling = False
        if self._is_closed:
            return
        self.bundle_busy_changed.emit(False)
        if isinstance(error, OSError):
            what_next = self.tr("Choose another folder (one you may write to, with free space) "
                                "and try again.")
        else:
            what_next = self.tr("Nothing was saved; try again, or export the PDF report "
                                "instead.")
        reason = str(error).strip().rstrip(".") or type(error).__name__
        self.bundle_failed.emit(self.tr(
            "The evidence bundle could not be saved to {path}: {error}.").format(
            path=path, error=reason) + " " + what_next)

    def _image_done(self, path: str) -> None:
        if not self._is_closed:
            self.image_saved.emit(path)

    def _image_error(self, path: str, error: BaseException) -> None:
        if not self._is_closed:
            self.image_failed.emit(self.tr(
                "The image could not be saved to {path}: {error}. Choose another folder and try "
                "again.").format(path=path, error=error))
