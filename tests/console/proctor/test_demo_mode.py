"""``proctor-console --demo``: a presenter's one-command demo, run headless for a bounded time."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.proctor.__main__ import build_parser
from console.proctor.demo.demo_kiosks import SCRIPTS
from console.proctor.demo.demo_mode import DemoConsoleApp, is_demo
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.helpers import event_types

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def real_data_dir(tmp_path, monkeypatch):
    """The presenter's own data dir, named in the environment as on a real workstation."""
    real = tmp_path / "real-data"
    real.mkdir()
    monkeypatch.setenv("PROCTOR_DATA_DIR", str(real))
    monkeypatch.setenv("PROCTOR_PORT", "1")  # would fail if the demo used it
    monkeypatch.setenv("PROCTOR_ANALYSIS", "1")
    return real


@pytest.mark.db  # the demo's own core
def test_the_demo_fills_the_grid_with_scripted_kiosks_and_leaves_no_trace_on_close(
    qapp, qtbot, real_data_dir
):
    args = build_parser().parse_args(["--demo-kiosks", "3", "--demo-speed", "10"])
    assert is_demo(args)
    console = DemoConsoleApp(args, qapp)
    try:
        window = console.start()
        qtbot.waitExposed(window)
        assert "(demo)" in window.windowTitle()
        data_dir = console.config.data_dir
        assert data_dir != real_data_dir.resolve()
        core = console.core

        def sessions_by_name():
            return {s.candidate_name: s for s in core.proctoring.list_sessions("active")}

        def grid_shows_the_kiosks_with_evidence() -> bool:
            names = {window.model.session_at(r).candidate_name
                     for r in range(window.model.rowCount())}
            sessions = sessions_by_name()
            return (names == {"Lina Haddad", "Marco Rossi", "Aisha Bello"}
                    and all(s.snapshot_count >= 2 for s in sessions.values()))

        qtbot.waitUntil(grid_shows_the_kiosks_with_evidence, timeout=30_000)

        def scripted_analysis_arrived() -> bool:
            sessions = sessions_by_name()
            return ("no_face" in event_types(core, sessions["Marco Rossi"].session_id)
                    and "multiple_faces" in event_types(core, sessions["Aisha Bello"].session_id))

        qtbot.waitUntil(scripted_analysis_arrived, timeout=30_000)
        kiosks = console.kiosks
        assert kiosks is not None and kiosks.is_running
    finally:
        console.shutdown()
    assert not kiosks.is_running
    assert kiosks.stats.failures == 0
    assert not data_dir.exists(), "the temporary demo data dir is removed on close"
    assert list(real_data_dir.iterdir()) == [], "the presenter's data dir is never touched"


@pytest.mark.db  # the demo's own core
def test_a_demo_with_a_named_data_dir_keeps_it(qapp, qtbot, tmp_path, real_data_dir):
    kept = tmp_path / "kept-demo"
    args = build_parser().parse_args(["--demo", "--demo-kiosks", "1", "--data-dir", str(kept)])
    console = DemoConsoleApp(args, qapp)
    try:
        qtbot.waitExposed(console.start())
        qtbot.waitUntil(lambda: console.core.proctoring.list_sessions("active") != [],
                        timeout=15_000)
    finally:
        console.shutdown()
    assert (kept / "proctor.db").exists()


@pytest.mark.parametrize("flags, message", [
    (["--demo-kiosks", "0"], "choose between 1 and 40 kiosks"),
    (["--demo-kiosks", "many"], "'many' is not a whole number"),
    (["--demo", "--demo-speed", "0"], "choose a speed between 0.1 and 50"),
])
def test_unusable_demo_flags_are_refused_with_a_sentence(flags, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(flags)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.db  # the demo's own core
def test_a_demo_that_cannot_read_its_pictures_says_so_on_screen(
    qapp, qtbot, real_data_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr("console.proctor.demo.demo_frames.FRAMES_DIR", tmp_path / "no-pictures")
    args = build_parser().parse_args(["--demo-kiosks", "1", "--demo-speed", "10"])
    console = DemoConsoleApp(args, qapp)
    try:
        window = console.start()
        qtbot.waitExposed(window)
        label = console.problem_label
        assert label is not None and label.isVisible()
        assert label.window() is window
        assert "cannot be read" in label.text() and "'No face'" in label.text()
    finally:
        console.shutdown()


ROOT = Path(__file__).resolve().parents[3]
CALM = {s.candidate_name for s in SCRIPTS if not s.is_scripted}
SCRIPTED = {s.candidate_name for s in SCRIPTS if s.is_scripted}
#: SQL over the demo's database: each candidate's analysed frames and analysis events.
FACE_COUNTS = """SELECT c.name, sn.face_count FROM snapshots sn
    JOIN proctor_sessions s ON sn.session_id = s.id JOIN attempts a ON s.attempt_id = a.id
    JOIN candidates c ON a.candidate_id = c.id WHERE sn.face_count IS NOT NULL"""
NO_FACE_EVENTS = """SELECT DISTINCT c.name FROM proctor_events e
    JOIN proctor_sessions s ON e.session_id = s.id JOIN attempts a ON s.attempt_id = a.id
    JOIN candidates c ON a.candidate_id = c.id WHERE e.type = 'no_face'"""


def read_demo_database(path: Path) -> tuple[dict[str, list[int]], set[str]]:
    if not path.exists():
        return {}, set()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        try:
            frames: dict[str, list[int]] = {}
            for name, faces in db.execute(FACE_COUNTS):
                frames.setdefault(name, []).append(faces)
            return frames, {name for (name,) in db.execute(NO_FACE_EVENTS)}
        except sqlite3.OperationalError:  # the schema is still being created
            return {}, set()


@pytest.mark.process  # the console's demo as a program (its own database)
@pytest.mark.db
def test_the_demo_process_without_scikit_image_sees_one_face_on_every_calm_candidate(tmp_path):
    """The README's first command installs no scikit-image: the demo must not need it."""
    blocker = tmp_path / "no-skimage" / "skimage"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text('raise ImportError("scikit-image is not installed")\n')
    data_dir = tmp_path / "demo-data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(QT_QPA_PLATFORM="offscreen", PROCTOR_ANALYSIS="1",
               PYTHONPATH=os.pathsep.join([str(blocker.parent), str(ROOT)]))
    log = (tmp_path / "console.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "console.proctor", "--demo", "--demo-speed", "8", "--data-dir",
         str(data_dir), "--port", "0"],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            frames, no_face = read_demo_database(data_dir / "proctor.db")
            if ("Marco Rossi" in no_face
                    and all(len(frames.get(name, [])) >= 6 for name in CALM)):
                break
            time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=30)
        log.close()
    output = (tmp_path / "console.log").read_text()
    assert status == 0, output
    assert "skimage" not in output and "scikit-image" not in output
    frames, no_face = read_demo_database(data_dir / "proctor.db")
    assert "Marco Rossi" in no_face, output  # the scripted candidate who looks away
    assert no_face <= SCRIPTED
    for name in CALM:
        assert len(frames[name]) >= 6 and set(frames[name]) == {1}, name
