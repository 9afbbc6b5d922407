"""Build the installable Linux programs (PyInstaller one-folder builds) and the server's .deb.

    python3 packaging/build.py linux     # all three below
    python3 packaging/build.py desktop   # dist/proctor/: proctor-candidate and proctor-console
    python3 packaging/build.py server    # dist/proctor-server/: proctor-server, no Qt
    python3 packaging/build.py deb       # dist/proctor-server_VERSION_ARCH.deb (the server)

Run from a Python that has the project and PyInstaller installed (``pip install -e
'.[packaging]'``). ``--dist DIR`` and ``--work DIR`` move the outputs (default ``dist/`` and
``build/`` at the top of the checkout, both ignored by git); ``--clean`` drops PyInstaller's
cache first. Each step prints what it made, its size and how long it took.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "proctor.spec"
DEB_FILES = HERE / "deb"
SERVICE = "proctor-server.service"


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()
                                            and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6


def pyinstaller(target: str, dist: Path, work: Path, clean: bool) -> Path:
    """One PyInstaller run of proctor.spec for ``target`` (desktop or server)."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work / f"pyinstaller-{target}")]
    if clean:
        command.append("--clean")
    env = {**os.environ, "PROCTOR_BUILD_TARGET": target}
    subprocess.run([*command, str(SPEC)], check=True, cwd=ROOT, env=env)
    return dist / ("proctor" if target == "desktop" else "proctor-server")


def deb(dist: Path, work: Path) -> Path:
    """dist/proctor-server/ as /opt/proctor-server, /usr/bin/proctor-server, the systemd unit,
    /etc/default/proctor-server (a conffile) and the maintainer scripts, packed by dpkg-deb."""
    server = dist / "proctor-server"
    if not (server / "proctor-server").is_file():
        raise SystemExit(f"{server} has no proctor-server: run 'build.py server' first.")
    arch = subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()
    name = f"proctor-server_{version()}_{arch}"
    stage = work / "deb" / name
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(server, stage / "opt" / "proctor-server", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "proctor-server").symlink_to("/opt/proctor-server/proctor-server")
    units = stage / "usr" / "lib" / "systemd" / "system"
    units.mkdir(parents=True)
    shutil.copy(DEB_FILES / SERVICE, units / SERVICE)
    (stage / "etc" / "default").mkdir(parents=True)
    shutil.copy(DEB_FILES / "default", stage / "etc" / "default" / "proctor-server")
    control = stage / "DEBIAN"
    control.mkdir()
    for script in ("postinst", "prerm", "postrm"):
        shutil.copy(DEB_FILES / script, control / script)
        (control / script).chmod(0o755)
    (control / "conffiles").write_text("/etc/default/proctor-server\n")
    libc = platform.libc_ver()[1] or "2.36"  # the build's glibc: the oldest the build runs on
    (control / "control").write_text(
        f"Package: proctor-server\n"
        f"Version: {version()}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: Proctor Console <packaging@proctor-console.invalid>\n"
        f"Installed-Size: {int(size_mb(stage) * 1e6 / 1024)}\n"  # KiB
        f"Depends: adduser, libc6 (>= {libc})\n"
        f"Section: net\n"
        f"Priority: optional\n"
        f"Description: Proctor Console exam-center server\n"
        f" The center's core and HTTP API without a window (proctor-server), self-contained\n"
        f" (Python and its libraries inside /opt/proctor-server), run by systemd as the\n"
        f" system user proctor with its data in /var/lib/proctor-server.\n")
    output = dist / f"{name}.deb"
    # zstd: 5 s here, where xz (dpkg-deb's default) took 7 minutes for a quarter less. dpkg
    # reads it from Debian 12 and Ubuntu 21.10 on; the build's glibc asks for as new anyway.
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(stage),
                    str(output)], check=True, stdout=subprocess.DEVNULL)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("linux", "desktop", "server", "deb"))
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", metavar="DIR")
    parser.add_argument("--work", type=Path, default=ROOT / "build", metavar="DIR")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        parser.error("these builds are made on Linux (see the README for Windows and macOS)")
    dist, work = args.dist.resolve(), args.work.resolve()
    steps = ["desktop", "server", "deb"] if args.what == "linux" else [args.what]
    for step in steps:
        started = time.monotonic()
        made = deb(dist, work) if step == "deb" else pyinstaller(step, dist, work, args.clean)
        print(f"{step}: {made} ({size_mb(made):.0f} MB) in {time.monotonic() - started:.0f} s",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
