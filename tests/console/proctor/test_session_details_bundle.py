"""The details window's "Export evidence bundle…": the center's signed zip of one session, saved
where the reports go, checked by proctor-verify. Over a remote center on a real port (the core
on a real SQLite file behind it)."""

from __future__ import annotations

import io
import shlex
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from console.proctor.center import RemoteCenter
from console.proctor.context import ConsoleContext
from console.proctor.session_details.export_flow import file_stem
from console.proctor.session_details.session_details_window import SessionDetailsWindow
from tests.core.api.support import plain_http, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")

WAIT_MS = 20_000


@pytest.fixture
def context(core, live_server, qapp, tmp_path) -> Iterator[ConsoleContext]:
    remote = RemoteCenter(live_server.url, core.config.admin_key, transport=plain_http())
    settings = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    built = ConsoleContext.create(remote, settings)
    yield built
    built.tasks.wait_for_done()
    built.close()
    remote.close()


@pytest.fixture
def session_id(core, exam, clock) -> str:
    kiosk = start_kiosk(core, exam.exam_id, "C-7", "Noor Haddad")
    for n in range(3):
        clock.advance(seconds=30)
        core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(seed=n))
    core.attempts.record_kiosk_event(kiosk.attempt_id, "focus_lost")
    return kiosk.session_id


@pytest.fixture
def window(context, session_id, qtbot) -> Iterator[SessionDetailsWindow]:
    shown = SessionDetailsWindow(context, session_id)  # deletes itself on close
    shown.show()
    qtbot.waitUntil(lambda: shown.session is not None, timeout=WAIT_MS)
    yield shown
    shown.close()


def proctor_verify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "core.api.verify", *args],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.db
def test_the_exported_bundle_is_saved_beside_the_reports_and_proctor_verify_accepts_it(
    window, context, core, qtbot, tmp_path, monkeypatch
):
    reports = tmp_path / "reports"
    reports.mkdir()
    context.settings.export_dir = str(reports)  # where the last PDF report went
    offered: list[str] = []

    def save_as(_parent, _title, default, _filter):
        offered.append(default)
        return default, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    button = window.button("bundle")
    assert button.text() == "Export evidence bundle…" and button.isEnabled()
    with qtbot.waitSignal(window.bundle_saved, timeout=WAIT_MS) as saved:
        button.click()
    path = Path(saved.args[0])
    assert offered == [str(reports / f"{file_stem(window.session)}-evidence.zip")]
    assert path == reports / f"{file_stem(window.session)}-evidence.zip" and path.is_file()
    assert [p.name for p in reports.iterdir()] == [path.name]  # no partial file left

    checked = proctor_verify(str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("verified: 3 snapshots")

    message = window.status_text
    assert f"Evidence bundle saved to {path}" in message
    command = message.split("offline with: ", 1)[1]
    assert command == (f"proctor-verify {shlex.quote(str(path))} --key "
                       f"sha256:{core.evidence.key.fingerprint}")
    assert proctor_verify(*shlex.split(command)[1:]).returncode == 0  # the line works as shown
    assert window.button("bundle").isEnabled()  # another export may follow


@pytest.mark.db
def test_a_bundle_that_cannot_be_written_says_so_and_what_to_do(window, qtbot, tmp_path):
    missing = tmp_path / "no-such-folder" / "bundle.zip"
    with qtbot.waitSignal(window.bundle_failed, timeout=WAIT_MS) as failed:
        window.export_bundle_to(str(missing))
    assert failed.args[0].startswith(f"The evidence bundle could not be saved to {missing}: "
                                     "The folder")
    assert "Choose another folder" in window.status_text
    assert not missing.parent.exists()
    assert window.button("bundle").isEnabled()


@pytest.mark.db
def test_a_bundle_the_center_cannot_make_says_nothing_was_saved(window, core, qtbot, tmp_path):
    core.evidence.key = None  # a center without its evidence key answers 500
    target = tmp_path / "bundle.zip"
    with qtbot.waitSignal(window.bundle_failed, timeout=WAIT_MS) as failed:
        window.export_bundle_to(str(target))
    assert "Nothing was saved; try again, or export the PDF report instead." in failed.args[0]
    assert not target.exists()


def test_a_center_that_makes_no_bundles_says_so_and_points_to_the_report(
    fake_console_context, fake_core, fake_exam, qtbot, tmp_path
):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-7", "Noor Haddad")
    shown = SessionDetailsWindow(fake_console_context, started.proctor_session_id)
    shown.show()
    qtbot.waitUntil(lambda: shown.session is not None, timeout=WAIT_MS)
    target = tmp_path / "bundle.zip"
    with qtbot.waitSignal(shown.bundle_failed, timeout=WAIT_MS) as failed:
        shown.export_bundle_to(str(target))
    assert "makes no evidence bundles" in failed.args[0]
    assert "export the PDF report instead" in shown.status_text
    assert not target.exists() and shown.button("bundle").isEnabled()
    shown.close()
    fake_console_context.tasks.wait_for_done()


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.db
def test_the_pdf_report_names_the_chain_head_and_key_that_the_bundle_and_proctor_verify_show(
        window, core, session_id, qtbot, tmp_path):
    """A committee holding the paper report can match it to the bundle: the same chain head
    and evidence key on the console's PDF, on the bundle's report.pdf and in proctor-verify's
    line."""
    core.proctoring.terminate_session(session_id, "Second person", actor="Dana Lee")
    head = core.proctoring.get_session(session_id).chain_head
    key = core.evidence.key.fingerprint
    assert head is not None and len(head) == 64
    report, bundle = tmp_path / "report.pdf", tmp_path / "bundle.zip"
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS):
        window.export_report_to(str(report))
    with qtbot.waitSignal(window.bundle_saved, timeout=WAIT_MS):
        window.export_bundle_to(str(bundle))

    text = pdf_text(report.read_bytes())
    # Copied from the PDF, a digest reads as written: no "ff" drawn as one ligature glyph.
    assert not {"\ufb00", "\ufb01", "\ufb02"} & set(text)
    # The page may wrap a 64-digit value: compare without the spaces and line breaks.
    paper = "".join(text.split())
    assert f"Chainhead{head}" in paper
    assert f"Evidencekeysha256:{key}" in paper
    with zipfile.ZipFile(bundle) as opened:  # its pages are pictures; its subject says it
        in_bundle = PdfReader(io.BytesIO(opened.read("report.pdf"))).metadata.subject
    assert in_bundle == f"Chain head: {head}; evidence key: sha256:{key}"
    checked = proctor_verify(str(bundle), "--key", f"sha256:{key}")
    assert checked.returncode == 0, checked.stdout
    length = core.proctoring.get_session(session_id).chain_length
    assert checked.stdout.strip().endswith(f"; chain head {head} ({length} entries)")
