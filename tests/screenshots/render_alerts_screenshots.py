"""Render the screenshots of the Exams, Connect kiosks, Alerts and Settings dialogs offscreen, from
a real core in a temp folder.

    QT_QPA_PLATFORM=offscreen python3 tests/screenshots/render_alerts_screenshots.py [--out DIR]

Writes console-exams.png (a started exam being edited: only its title may change; an archived
exam shown), console-connect.png (a long kiosk key: the command line is shown whole),
console-alerts.png (the four kinds of alert, two of them seen) and console-settings.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from console.proctor.alerts.alert_controller import AlertController
from console.proctor.alerts.alert_list_model import AlertListModel
from console.proctor.alerts.alert_notifier import AlertNotifier
from console.proctor.alerts.alerts_dialog import AlertsDialog
from console.proctor.alerts.install import alerts_style_sheet
from console.proctor.alerts.settings_dialog import SettingsDialog
from console.proctor.api_server_controller import ApiServerController
from console.proctor.console_app import console_style_sheet
from console.proctor.context import ConsoleContext
from console.proctor.dialogs.connect_dialog import ConnectDialog
from console.proctor.dialogs.exams_dialog import ExamsDialog
from core.bootstrap import build_core
from core.config import CoreConfig
from core.domain.clock import FakeClock
from tests.screenshots.screenshot_support import SCREENSHOTS, grab, settle, wait_for

KIOSK_KEY = "kiosk-7Hq2vN9xLpR4mTz8WcY3bKfJ6sDgA1eU5oXiQ0rVn"








def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(SCREENSHOTS))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(console_style_sheet())
    with tempfile.TemporaryDirectory() as temp:
        clock = FakeClock(datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
        config = CoreConfig.load(data_dir=Path(temp) / "data", env={
            "PROCTOR_ANALYSIS": "0", "PROCTOR_SAMPLES": "0", "PROCTOR_KIOSK_KEY": KIOSK_KEY,
            "PROCTOR_RISK_WEIGHTS": "focus_lost=35"})
        core = build_core(config, clock)
        settings = QSettings(str(config.data_dir / "console.ini"), QSettings.Format.IniFormat)
        context = ConsoleContext.create(core, settings)
        try:
            render(app, core, context, clock, out)
        finally:
            context.close()
            core.close()
    return 0


def render(app: QApplication, core, context: ConsoleContext, clock: FakeClock,
           out: Path) -> None:
    # 1. Exams: a started exam being edited (only its title may change), one archived.
    algebra = core.exams.create_exam("Algebra II — Final", 90 * 60, snapshot_interval_seconds=30)
    clock.advance(60)
    quiz = core.exams.create_exam("Vocabulary quiz", 75, snapshot_interval_seconds=15)
    clock.advance(60)
    core.exams.create_exam("Physics Mock Exam", 45 * 60, proctoring_enabled=False)
    clock.advance(60)
    old = core.exams.create_exam("Chemistry Midterm (autumn)", 2 * 3600)
    core.exams.archive_exam(old.exam_id)
    clock.advance(60)
    people = ["Amira Haddad", "Ben Okoro", "Chen Wei", "Dana Novak"]
    started = [core.attempts.start_attempt(algebra.exam_id, f"C-{n}", name)
               for n, name in enumerate(people, 1)]
    exams = ExamsDialog(context)
    exams.resize(860, 600)
    exams.show()
    wait_for(app, lambda: len(exams.all_exams) == 4)
    exams.show_archived_box.setChecked(True)
    exams.select_exam(algebra.exam_id)
    exams.edit_selected()
    exams.title_field.setText("Algebra II — Final, group B")
    settle(app)
    grab(exams, out / "console-exams.png")
    exams.close()
    del quiz

    # 2. Connect kiosks with a long key: the command line wraps and is shown whole.
    server = ApiServerController(core, "127.0.0.1", 8765)
    if not server.start():
        server.start(port=0)
    connect = ConnectDialog(server)
    options = connect.kiosk_options  # a room's kiosks without webcams: the test picture
    options.camera_choice.setCurrentIndex(options.camera_choice.findData("synthetic"))
    options.room_field.setText("Hall 2")
    connect.resize(640, connect.sizeHint().height())
    connect.show()
    settle(app)
    connect.resize(640, connect.sizeHint().height())
    settle(app)
    connect.resize(640, connect.sizeHint().height())  # the command line wrapped: its height
    settle(app)
    grab(connect, out / "console-connect.png")
    connect.close()
    server.stop()

    # 3. Alerts: the four kinds, the older two seen.
    model = AlertListModel()
    controller = AlertController(context, model, AlertNotifier(QIcon()), tick_ms=3_600_000)
    wait_for(app, lambda: controller.is_loaded)
    amira, ben, chen, dana = started
    for _ in range(2):
        core.attempts.record_kiosk_event(amira.attempt_id, "focus_lost")
    wait_for(app, lambda: model.rowCount() == 1)
    clock.advance(40)
    core.attempts.record_kiosk_event(ben.attempt_id, "camera_denied")
    wait_for(app, lambda: model.rowCount() == 2)
    model.mark_all_seen()
    core.proctoring.warn_session(dana.proctor_session_id, "Please keep your eyes on the screen")
    wait_for(app, lambda: not controller.is_busy)
    clock.advance(65)
    for kiosk in (amira, dana):
        core.snapshots.record_snapshot(kiosk.attempt_id, str(uuid.uuid4()), _jpeg())
    wait_for(app, lambda: not controller.is_busy)
    controller.evaluate()
    wait_for(app, lambda: model.rowCount() == 4)
    dialog = AlertsDialog(model)
    dialog.setStyleSheet(alerts_style_sheet())
    dialog.resize(640, 470)
    dialog.show()
    settle(app)
    grab(dialog, out / "console-alerts.png")
    # 3a. The team shares them out: another proctor acknowledged the camera, this console's
    # proctor dismissed the high risk (shown apart), the rest still new.
    dialog.handling_requested.connect(controller.handle)
    core.proctoring.handle_alert(ben.proctor_session_id, "camera_off", "acknowledged",
                                 actor="Sam Roy")
    wait_for(app, lambda: "acknowledged" in [model.handling(r) for r in range(4)])
    dialog.list_view.setCurrentIndex(model.index(
        next(r for r in range(4) if model.alert_at(r).episode_key == "high_risk")))
    dialog.dismiss_button.click()
    wait_for(app, lambda: model.dismissed_count == 1)
    dialog.show_dismissed_box.setChecked(True)
    dialog.list_view.setCurrentIndex(model.index(0))
    settle(app)
    grab(dialog, out / "console-alerts-handled.png")
    dialog.close()
    controller.close()
    del chen

    # 4. Settings.
    settings_dialog = SettingsDialog(context.settings)
    settings_dialog.resize(560, settings_dialog.sizeHint().height())
    settings_dialog.show()
    settle(app)
    grab(settings_dialog, out / "console-settings.png")
    settings_dialog.close()
    context.tasks.wait_for_done()


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (120, 130, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


if __name__ == "__main__":
    sys.exit(main())
