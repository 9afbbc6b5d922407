"""``proctor-console --demo``: a presenter's one-command demo, run headless for a bounded time."""

from __future__ import annotations

import pytest

from console.__main__ import build_parser
from console.demo.demo_mode import DemoConsoleApp, is_demo
from tests.console.proctor_helpers import OFFSCREEN_NOISE
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
