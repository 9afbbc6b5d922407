"""Render the screenshots of the sign-in, proctor accounts and welcome dialogs offscreen, from a
real core in a temp folder.

    QT_QPA_PLATFORM=offscreen python3 tests/screenshots/render_accounts_screenshots.py [--out DIR]

Writes sign-in.png (an address, a username, a password and the center's fingerprint filled
in), proctors-dialog.png (three proctor accounts, one of them disabled, and a new one being
typed) and welcome.png (the first start of the console: who is proctoring at this desk).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from console.proctor.center.embedded import EmbeddedCenter
from console.proctor.console_app import console_style_sheet
from console.proctor.console_settings import ConsoleSettings
from console.proctor.dialogs.proctors_dialog import ProctorsDialog
from console.proctor.dialogs.sign_in_dialog import SignInDialog
from console.proctor.dialogs.welcome_dialog import WelcomeDialog
from console.tasks import TaskRunner
from core.bootstrap import build_core
from core.config import CoreConfig
from core.domain.clock import FakeClock
from tests.screenshots.screenshot_support import SCREENSHOTS, grab, settle, wait_for

FINGERPRINT = "sha256:3f2a9c0184be77d15a6e20c4b9f3d8a1e5c7260b94dd1f8e3a0c6b52e7d49f18"








def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(SCREENSHOTS))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(console_style_sheet())
    tasks = TaskRunner()
    with tempfile.TemporaryDirectory() as temp:
        clock = FakeClock(datetime(2026, 3, 9, 8, 30, tzinfo=UTC))
        config = CoreConfig.load(data_dir=Path(temp) / "data",
                                 env={"PROCTOR_ANALYSIS": "0", "PROCTOR_SAMPLES": "0"})
        core = build_core(config, clock)
        try:
            render(app, tasks, EmbeddedCenter(core), clock,
                   ConsoleSettings.in_data_dir(Path(temp)), out)
        finally:
            tasks.shutdown()
            core.close()
    return 0


def render(app: QApplication, tasks: TaskRunner, center: EmbeddedCenter, clock: FakeClock,
           settings: ConsoleSettings, out: Path) -> None:
    # 1. Signing in to a center elsewhere: everything filled in, ready to press Sign in.
    settings.last_center_url = "https://10.0.0.5:8765"
    settings.last_center_username = "dana"
    settings.remember_center_fingerprint("https://10.0.0.5:8765", FINGERPRINT)
    sign_in = SignInDialog(tasks, settings)
    sign_in.show()
    sign_in.password_field.setText("correct horse battery")
    sign_in.password_field.setFocus()
    settle(app)
    sign_in.resize(600, sign_in.sizeHint().height())
    settle(app)
    grab(sign_in, out / "sign-in.png")
    sign_in.close()

    # 2. Proctor accounts: three, one disabled; a fourth being added.
    made = []
    for username, name in (("dana", "Dana Lee"), ("ahmed", "Ahmed Khan"),
                           ("m.rossi", "Marta Rossi")):
        made.append(center.create_proctor(username, name, "correct horse battery"))
        clock.advance(26 * 3600 + 17 * 60)
    center.disable_proctor(made[1].proctor_id)
    proctors = ProctorsDialog(center, tasks)
    proctors.resize(760, 560)
    proctors.show()
    wait_for(app, lambda: proctors.model.rowCount() == 3)
    proctors.select_proctor(made[2].proctor_id)
    proctors.name_field.setText("Jonas Weber")
    proctors.username_field.setText("jonas")
    proctors.password_field.setText("tulip-orbit-canyon")
    proctors.repeat_field.setText("tulip-orbit-canyon")
    settle(app)
    grab(proctors, out / "proctors-dialog.png")
    proctors.close()

    # 3. The first start of the console.
    welcome = WelcomeDialog()
    welcome.show()
    welcome.name_field.setText("Dana Lee")
    settle(app)
    welcome.resize(welcome.width(), welcome.sizeHint().height())
    settle(app)
    grab(welcome, out / "welcome.png")
    welcome.close()


if __name__ == "__main__":
    sys.exit(main())
