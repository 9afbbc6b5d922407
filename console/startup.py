"""Start-up checks that run before Qt is imported, shared by ``proctor-console`` and
``proctor-candidate``.

Without a display, or with Qt's X11 (xcb) platform plugin missing system libraries, creating the
QApplication aborts the process with a core dump and a message that names the plugin, not the
cause. These checks say the cause in one sentence instead, and the programs exit with a status:
``NO_DISPLAY_STATUS`` (2) when there is no display, ``MISSING_LIBRARIES_STATUS`` (3) when
libraries are missing.

Like ``console.ui``, this module may be imported by the kiosk: it imports neither Qt nor anything
else of the console (``quit_after_first_paint`` imports Qt when called, after the checks).

``--smoke-test`` (both programs; not in ``--help``): quit with status 0 once the main window has
painted, printing ``smoke test: <title> painted``; the packaged builds are started so
(``packaging/``).
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NO_DISPLAY_STATUS = 2
MISSING_LIBRARIES_STATUS = 3
SMOKE_TEST_FLAG = "--smoke-test"


@dataclass(frozen=True)
class SystemLibrary:
    name: str  # as ctypes.util.find_library takes it ("xcb-cursor" for libxcb-cursor.so.0)
    debian: str  # the Debian/Ubuntu (apt) package that ships it
    fedora: str  # the Fedora (dnf) package that ships it


#: The system libraries Qt 6's xcb platform plugin (libqxcb.so and libQt6XcbQpa) loads, beyond
#: libxcb itself. A fresh desktop install usually lacks the first few.
XCB_LIBRARIES: tuple[SystemLibrary, ...] = (
    SystemLibrary("xcb-cursor", "libxcb-cursor0", "xcb-util-cursor"),
    SystemLibrary("xcb-icccm", "libxcb-icccm4", "xcb-util-wm"),
    SystemLibrary("xcb-keysyms", "libxcb-keysyms1", "xcb-util-keysyms"),
    SystemLibrary("xcb-image", "libxcb-image0", "xcb-util-image"),
    SystemLibrary("xcb-render-util", "libxcb-render-util0", "xcb-util-renderutil"),
    SystemLibrary("xcb-util", "libxcb-util1", "xcb-util"),
    SystemLibrary("xkbcommon-x11", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    SystemLibrary("xkbcommon", "libxkbcommon0", "libxkbcommon"),
    SystemLibrary("xcb-xkb", "libxcb-xkb1", "libxcb"),
    SystemLibrary("xcb-randr", "libxcb-randr0", "libxcb"),
    SystemLibrary("xcb-shape", "libxcb-shape0", "libxcb"),
    SystemLibrary("xcb-xfixes", "libxcb-xfixes0", "libxcb"),
    SystemLibrary("xcb-sync", "libxcb-sync1", "libxcb"),
    SystemLibrary("xcb-shm", "libxcb-shm0", "libxcb"),
    SystemLibrary("X11-xcb", "libx11-xcb1", "libX11-xcb"),
    SystemLibrary("xcb", "libxcb1", "libxcb"),
)


@dataclass(frozen=True)
class StartupProblem:
    sentence: str
    exit_status: int


def platform_plugin(env: Mapping[str, str]) -> str | None:
    """The Qt platform plugin that QApplication will load: ``QT_QPA_PLATFORM`` (its first choice)
    when set; else ``wayland`` on a Wayland session, ``xcb`` with an X display; None when there
    is no display at all."""
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip().lower()
    if env.get("WAYLAND_DISPLAY"):
        return "wayland"
    if env.get("DISPLAY"):
        return "xcb"
    return None


def missing_libraries(find_library: Callable[[str], str | None]) -> list[SystemLibrary]:
    return [library for library in XCB_LIBRARIES if not find_library(library.name)]


def display_problem(
    env: Mapping[str, str], find_library: Callable[[str], str | None], program: str
) -> StartupProblem | None:
    """Why ``program`` cannot open a window here, in one sentence; None when it can try."""
    plugin = platform_plugin(env)
    if plugin is None:
        return StartupProblem(
            f"{program} needs a desktop session, but neither DISPLAY nor WAYLAND_DISPLAY is set: "
            f"run it from a desktop, or set QT_QPA_PLATFORM=offscreen to run it without a window.",
            NO_DISPLAY_STATUS,
        )
    if plugin != "xcb":
        return None
    missing = missing_libraries(find_library)
    if not missing:
        return None
    debian = " ".join(dict.fromkeys(library.debian for library in missing))
    fedora = " ".join(dict.fromkeys(library.fedora for library in missing))
    return StartupProblem(
        f"{program} cannot open a window on X11: Qt needs system libraries that are not "
        f"installed ({', '.join('lib' + library.name for library in missing)}); install them "
        f"with 'sudo apt install {debian}' (Debian/Ubuntu) or 'sudo dnf install {fedora}' "
        f"(Fedora), then start {program} again.",
        MISSING_LIBRARIES_STATUS,
    )


def bundled_or_system_library(
    bundle: str | None, system: Callable[[str], str | None] = ctypes.util.find_library,
) -> Callable[[str], str | None]:
    """A library finder: the libraries a packaged build carries in its own folder (``bundle``,
    PyInstaller's ``sys._MEIPASS``; None when running from source), else the system's."""
    def find(name: str) -> str | None:
        if bundle:
            carried = next(Path(bundle).glob(f"lib{name}.so*"), None)
            if carried is not None:
                return str(carried)
        return system(name)

    return find


def exit_status_if_no_display(program: str) -> int | None:
    """Check this process's environment and system; print the problem to stderr and return the
    exit status, or None when the program may create its QApplication."""
    finder = bundled_or_system_library(getattr(sys, "_MEIPASS", None))
    problem = display_problem(os.environ, finder, program)
    if problem is None:
        return None
    print(problem.sentence, file=sys.stderr)
    return problem.exit_status


def take_smoke_test_flag(argv: list[str] | None) -> tuple[list[str], bool]:
    """(the arguments without ``--smoke-test``, whether it was given)."""
    given = list(sys.argv[1:] if argv is None else argv)
    rest = [arg for arg in given if arg != SMOKE_TEST_FLAG]
    return rest, len(rest) != len(given)


def quit_after_first_paint(window: Any) -> None:
    """``--smoke-test``: when ``window`` (a shown QWidget) has painted once, say so on stdout and
    quit the application's loop (status 0)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                print(f"smoke test: {window.windowTitle()} painted", flush=True)
                QTimer.singleShot(0, QCoreApplication.quit)
            return False

    window.installEventFilter(FirstPaint(window))
