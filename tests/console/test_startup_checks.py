"""Before Qt is imported, proctor-console and proctor-candidate check that they can open a
window here and otherwise say why in one sentence (pure checks over an environment and a
library finder)."""

from __future__ import annotations

import pytest

from console.startup import (
    MISSING_LIBRARIES_STATUS,
    NO_DISPLAY_STATUS,
    XCB_LIBRARIES,
    bundled_or_system_library,
    display_problem,
    platform_plugin,
)


def every_library(name: str) -> str:
    return f"lib{name}.so"


def without(*missing: str):
    return lambda name: None if name in missing else f"lib{name}.so"


def test_without_any_display_the_program_says_so_and_exits_2():
    problem = display_problem({"HOME": "/home/ada"}, every_library, "proctor-console")
    assert problem is not None
    assert problem.exit_status == NO_DISPLAY_STATUS == 2
    assert problem.sentence.startswith("proctor-console needs a desktop session")
    assert "QT_QPA_PLATFORM=offscreen" in problem.sentence


@pytest.mark.parametrize("env", [
    {"QT_QPA_PLATFORM": "offscreen"},
    {"WAYLAND_DISPLAY": "wayland-0"},
    {"QT_QPA_PLATFORM": "wayland"},
    {"QT_QPA_PLATFORM": "vnc:size=1280x800"},
])
def test_offscreen_and_wayland_need_no_x11_libraries(env):
    assert display_problem(env, lambda name: None, "proctor-console") is None


def test_an_x11_desktop_with_every_library_may_start():
    assert platform_plugin({"DISPLAY": ":0"}) == "xcb"
    assert display_problem({"DISPLAY": ":0"}, every_library, "proctor-console") is None


def test_a_fresh_desktop_missing_icccm_and_keysyms_is_told_which_packages_to_install():
    problem = display_problem({"DISPLAY": ":0"}, without("xcb-icccm", "xcb-keysyms"),
                              "proctor-candidate")
    assert problem is not None
    assert problem.exit_status == MISSING_LIBRARIES_STATUS != 0
    assert "libxcb-icccm, libxcb-keysyms" in problem.sentence
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in problem.sentence
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in problem.sentence
    assert problem.sentence.startswith("proctor-candidate cannot open a window on X11")


def test_a_packaged_build_counts_the_libraries_it_carries(tmp_path):
    fresh_desktop = without("xcb-icccm", "xcb-keysyms")
    (tmp_path / "libxcb-icccm.so.4").touch()
    (tmp_path / "libxcb-keysyms.so.1").touch()

    carried = bundled_or_system_library(str(tmp_path), system=fresh_desktop)
    from_source = bundled_or_system_library(None, system=fresh_desktop)

    assert display_problem({"DISPLAY": ":0"}, carried, "proctor-candidate") is None
    problem = display_problem({"DISPLAY": ":0"}, from_source, "proctor-candidate")
    assert problem is not None and "libxcb-icccm, libxcb-keysyms" in problem.sentence


def test_an_explicit_xcb_platform_is_checked_even_on_a_wayland_session():
    env = {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    problem = display_problem(env, without("xcb-cursor"), "proctor-console")
    assert problem is not None and "libxcb-cursor0" in problem.sentence


def test_packages_shared_by_several_libraries_are_named_once():
    problem = display_problem({"DISPLAY": ":0"}, without("xcb-randr", "xcb-shape"),
                              "proctor-console")
    assert problem is not None
    assert "'sudo apt install libxcb-randr0 libxcb-shape0'" in problem.sentence
    assert "'sudo dnf install libxcb' (Fedora)" in problem.sentence


def test_every_library_names_its_debian_and_fedora_package():
    assert all(lib.name and lib.debian and lib.fedora for lib in XCB_LIBRARIES)
    names = {lib.name for lib in XCB_LIBRARIES}
    assert {"xcb-cursor", "xcb-icccm", "xcb-keysyms", "xkbcommon-x11"} <= names
