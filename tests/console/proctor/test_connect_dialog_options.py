"""Connect kiosks on the center's own console offers the camera and the room of the kiosks it
sets up: the command line carries them (a kiosk without a webcam gets ``--camera synthetic``),
and the enrolment file carries the room."""

from __future__ import annotations

import json
import shlex

import pytest

from console.proctor.api_server_controller import ApiServerController
from console.proctor.dialogs.connect_dialog import ConnectDialog
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def dialog(core, qapp, qtbot):
    server = ApiServerController(core, "127.0.0.1", 0)
    assert server.start()
    dialog = ConnectDialog(server)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    server.stop()


def test_the_command_line_carries_the_camera_and_room_chosen(dialog):
    words = shlex.split(dialog.command_field.toPlainText())
    assert "--camera" not in words and "--room" not in words  # the webcam, no room

    options = dialog.kiosk_options
    options.camera_choice.setCurrentIndex(options.camera_choice.findData("synthetic"))
    options.room_field.setText("Hall 2")

    words = shlex.split(dialog.command_field.toPlainText())
    assert words[words.index("--camera") + 1] == "synthetic"
    assert words[words.index("--room") + 1] == "Hall 2"


def test_a_camera_typed_in_is_taken_as_typed(dialog):
    dialog.kiosk_options.camera_choice.setEditText("/srv/exam/video.mp4")
    words = shlex.split(dialog.command_field.toPlainText())
    assert words[words.index("--camera") + 1] == "/srv/exam/video.mp4"


def test_the_enrolment_file_carries_the_room(dialog, tmp_path):
    dialog.kiosk_options.room_field.setText("Hall 2")
    target = dialog.export_enrolment_file(tmp_path / "kiosk.json")
    assert target is not None
    assert json.loads(target.read_text())["room"] == "Hall 2"
