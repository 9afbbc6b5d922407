"""Render the kiosk and the Proctor Center in Arabic into resources/screenshots/
(kiosk-arabic.png, console-grid-arabic.png):
python3 tests/screenshots/render_arabic_screenshots.py

The kiosk: a real core and HTTP server on a temporary folder, a provisioned kiosk (Sarah Ahmed)
with the synthetic camera, as ``proctor-candidate --language ar`` shows it. The grid: the
sessions of render_console_screenshots.py (real snapshots, flags, analysis), as
``proctor-console --language ar`` shows them. Both in Arabic (``install_language("ar")``:
right-to-left, Arabic digits). Under a real X server with a window manager
(``QT_QPA_PLATFORM=xcb``) the windows are grabbed as they are on the screen.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in [n for n in os.environ if n.startswith("PROCTOR_")]:
    del os.environ[_name]
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from console.i18n import install_language  # noqa: E402
from console.kiosk.camera.synthetic_frame_source import SyntheticFrameSource  # noqa: E402
from console.kiosk.kiosk_settings import KioskSettings  # noqa: E402
from console.kiosk.kiosk_window import KioskWindow  # noqa: E402
from core.api.app import create_app  # noqa: E402
from core.api.server import ApiServer  # noqa: E402
from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from tests.screenshots.render_kiosk_screenshots import (  # noqa: E402
    DOCS,
    TIMINGS,
    nothing_on_the_network,
    save,
    wait_until,
)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language("ar")
    work = Path(tempfile.mkdtemp(prefix="arabic-shots-"))
    config = CoreConfig.load(data_dir=work / "data", env={"PROCTOR_ANALYSIS": "0"})
    core = build_core(config)
    server = ApiServer(create_app(core), "127.0.0.1", 0)
    server.start()
    try:
        exam = core.exams.create_exam("الرياضيات — الورقة الثانية", duration_seconds=90 * 60,
                                      snapshot_interval_seconds=30)
        settings = KioskSettings(
            server_url=server.url, kiosk_key=config.kiosk_key, exam_id=exam.exam_id,
            candidate_ref="C-1042", candidate_name="سارة أحمد", seat="B-14",
            camera="synthetic", spool_dir=work / "spool", language="ar")
        window = KioskWindow(settings, TIMINGS, SyntheticFrameSource(), nothing_on_the_network)
        window.show()
        wait_until(lambda: window.pages.currentWidget() is window.exam_page, what="the exam")
        wait_until(lambda: window.controller.view().uploaded_count >= 1, what="a snapshot")
        DOCS.mkdir(exist_ok=True)
        save(window, "kiosk-arabic.png")
        window.shutdown()
        window.close()
        app.processEvents()
    finally:
        server.stop()
        core.close()
        shutil.rmtree(work, ignore_errors=True)
    render_grid(app)
    return 0


def render_grid(app: QApplication) -> None:
    from datetime import UTC, datetime

    from console.proctor.api_server_controller import ApiServerController
    from console.proctor.console_app import console_style_sheet
    from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
    from core.domain.clock import FakeClock
    from tests.screenshots.render_console_screenshots import (
        SHOWN_ADDRESSES,
        WINDOW_SIZE,
        not_announced,
        open_console,
        populate,
        wait_for_cards,
    )
    from tests.screenshots.screenshot_support import grab, settle

    app.setStyleSheet(console_style_sheet())
    work = Path(tempfile.mkdtemp(prefix="arabic-grid-"))
    clock = FakeClock(datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    core, context = open_console(app, work, clock)
    try:
        sessions = populate(core, clock)
        server = ApiServerController(core, "127.0.0.1", 0, addresses=lambda: SHOWN_ADDRESSES,
                                     announce=not_announced)
        server.start()
        window = ProctorCenterWindow(context, server)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait_for_cards(app, window, 8)
        window.refresh_storage()
        window.select_session(sessions["Grace Okafor"])
        window.grid.setFocus()
        settle(app)
        grab(window, DOCS / "console-grid-arabic.png")
        window.quit_now()
        server.stop()
        context.close()
    finally:
        core.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
