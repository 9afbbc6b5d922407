"""Render the kiosk in Arabic into resources/screenshots/kiosk-arabic.png:
python3 tests/screenshots/render_arabic_screenshots.py

A real core and HTTP server on a temporary folder, a provisioned kiosk (Sarah Ahmed) with the
synthetic camera, in Arabic (``install_language("ar")``: right-to-left, Arabic digits) as
``proctor-candidate --language ar`` shows it. Under a real X server with a window manager
(``QT_QPA_PLATFORM=xcb``) the window is grabbed as it is on the screen.
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
