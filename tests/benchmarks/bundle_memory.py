"""Peak memory of making and saving a 2,000-snapshot appeal bundle (about 214 MB): a real
`proctor-server` answering `GET /proctor/sessions/{id}/bundle`, a remote console (RemoteCenter)
saving it as the details window does, and a console embedding the core saving it; for this
checkout and, with ``--before PATH``, another one (the same data dir, one run).

    git archive <commit> | tar -x -C /tmp/before    # a checkout to compare with
    python3 tests/benchmarks/bundle_memory.py [--snapshots 2000] [--before /tmp/before]

Each figure is the process's resident memory before the bundle is asked for and its peak
(``VmHWM``) after; the bundle goes to a file in every case.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import FakeClock  # noqa: E402
from tests.helpers import jpeg_bytes, new_snapshot_id  # noqa: E402

MB = 1024 * 1024

#: Run in a child process with the side's checkout first on the path: save the bundle the way
#: that checkout's console does, then print (rss before, peak) in bytes.
CONSOLE = r"""
import json, sys
import httpx
from console.proctor.session_details import export_flow

def memory():
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return [int(status[name].split()[0]) * 1024 for name in ("VmRSS", "VmHWM")]

kind, where, secret, session_id, path = sys.argv[1:]
if kind == "remote":
    from console.proctor.center import RemoteCenter
    center = RemoteCenter(where, secret, transport=httpx.HTTPTransport())
else:
    from core.bootstrap import build_core
    from core.config import CoreConfig
    from console.proctor.center import EmbeddedCenter
    core = build_core(CoreConfig.load(data_dir=where, env={"PROCTOR_ANALYSIS": "0",
                                                          "PROCTOR_SAMPLES": "0"}))
    center = EmbeddedCenter(core)
before = memory()[0]
if hasattr(center, "write_bundle"):
    export_flow.write_bundle(path, lambda out: center.write_bundle(session_id, out))
else:
    export_flow.write_bundle(path, center.bundle(session_id))
print(json.dumps([before, memory()[1]]))
"""


def memory_of(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, in bytes."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text()
                  .splitlines() if ":" in line)
    return tuple(int(status[name].split()[0]) * 1024  # type: ignore[return-value]
                 for name in ("VmRSS", "VmHWM"))


def make_center(data_dir: Path, snapshots: int) -> str:
    """A data dir holding one ended session of ``snapshots`` snapshots; its id."""
    clock = FakeClock()
    core = build_core(CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0"}), clock)
    exam = core.exams.create_exam("Benchmark", duration_seconds=24 * 3600,
                                  snapshot_interval_seconds=30)
    started = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee")
    frames = [jpeg_bytes(seed=seed) for seed in range(20)]
    for n in range(snapshots):
        clock.advance(30)
        core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(),
                                       frames[n % len(frames)])
        if n % 50 == 0:
            core.attempts.record_kiosk_event(started.attempt_id, "focus_lost")
    assert started.proctor_session_id is not None
    core.proctoring.terminate_session(started.proctor_session_id, "benchmark")
    core.close()
    return started.proctor_session_id


def environment(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(PYTHONPATH=str(root), PYTHONUNBUFFERED="1", PROCTOR_SAMPLES="0",
               PROCTOR_ANALYSIS="0", QT_QPA_PLATFORM="offscreen")
    return env


def measure(root: Path, data_dir: Path, session_id: str, out: Path) -> dict[str, object]:
    figures: dict[str, object] = {}
    server = subprocess.Popen(
        [sys.executable, "-m", "core.api.server", "--data-dir", str(data_dir), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment(root),
        cwd=root)
    try:
        assert server.stdout is not None
        url = next(line.split()[-1] for line in server.stdout if line.startswith("listening on "))
        admin = json.loads((data_dir / "keys.json").read_text())["admin_key"]
        rss, _peak = memory_of(server.pid)
        started = time.perf_counter()
        with httpx.Client(base_url=url, timeout=600, transport=httpx.HTTPTransport()) as http, \
                http.stream("GET", f"/api/v1/proctor/sessions/{session_id}/bundle",
                            headers={"Authorization": f"Bearer {admin}"}) as response, \
                open(out, "wb") as handle:
            response.raise_for_status()
            for chunk in response.iter_bytes(256 * 1024):
                handle.write(chunk)
        figures["served_s"] = time.perf_counter() - started
        figures["size"] = out.stat().st_size
        figures["server"] = (rss, memory_of(server.pid)[1])
        figures["remote console"] = console(root, "remote", url, admin, session_id, out)
    finally:
        server.terminate()
        server.wait(30)
    figures["embedded console"] = console(root, "embedded", str(data_dir), "", session_id, out)
    return figures


def console(root: Path, kind: str, where: str, secret: str, session_id: str,
            out: Path) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", CONSOLE, kind, where, secret, session_id,
                           str(out)], capture_output=True, text=True, env=environment(root),
                          cwd=root, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} console failed: {done.stderr[-2000:]}")
    rss, peak = json.loads(done.stdout.strip().splitlines()[-1])
    return rss, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshots", type=int, default=2000)
    parser.add_argument("--before", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    sides = ([("before", args.before.resolve())] if args.before else []) + [("after", ROOT)]
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        session_id = make_center(data_dir, args.snapshots)
        results = {name: measure(root, data_dir, session_id, Path(folder) / f"{name}.zip")
                   for name, root in sides}
    print(f"one session of {args.snapshots} snapshots; RSS before -> peak (MB)")
    for name, figures in results.items():
        print(f"{name}: bundle {int(figures['size']) / 1e6:.1f} MB, served in "  # type: ignore[call-overload]
              f"{figures['served_s']:.1f} s")
        for what in ("server", "remote console", "embedded console"):
            rss, peak = figures[what]  # type: ignore[misc]
            print(f"  {what:17} {rss / MB:6.0f} -> {peak / MB:6.0f}  (+{(peak - rss) / MB:.0f})")
    if len(results) == 2:
        for what in ("server", "remote console", "embedded console"):
            growth = [figures[what][1] - figures[what][0]  # type: ignore[index]
                      for figures in results.values()]
            peaks = [figures[what][1] for figures in results.values()]  # type: ignore[index]
            print(f"{what}: peak after / before {peaks[1] / peaks[0]:.2f}; growth after / "
                  f"before {growth[1] / max(growth[0], 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
