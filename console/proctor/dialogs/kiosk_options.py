"""KioskOptions: what Connect kiosks lets the proctor choose for the kiosks it sets up — the
camera they film with (the webcam, a second camera, ``synthetic`` for a kiosk without a webcam,
or a device number or video file typed in) and the room they stand in. Both dialogs (the
center's own console and a remote console with the admin key) use it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from console.i18n import translate

#: The camera choices offered (the box is editable: another device number or a video file).
CAMERA_CHOICES = (("0", QT_TRANSLATE_NOOP("KioskOptions", "0 — the webcam")),
                  ("1", QT_TRANSLATE_NOOP("KioskOptions", "1 — a second camera")),
                  ("synthetic", QT_TRANSLATE_NOOP("KioskOptions",
                                                  "synthetic — a test picture (no webcam)")))
MAX_ROOM = 40


class KioskOptions(QWidget):
    """Holds the two fields; ``one_row()`` puts them side by side for a dialog's grid."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hide()  # only its fields are shown, in the dialog's own grid
        self.camera_choice = QComboBox()
        self.camera_choice.setEditable(True)
        self.camera_choice.setAccessibleName(translate("KioskOptions", "Camera"))
        self.camera_choice.setToolTip(translate(
            "KioskOptions", "What the kiosks film with: a device number, 'synthetic' (a test "
            "picture, for a kiosk without a webcam) or a video file"))
        for value, words in CAMERA_CHOICES:
            self.camera_choice.addItem(translate("KioskOptions", words), value)
        self.camera_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.camera_choice.setMinimumContentsLength(20)
        self.room_field = QLineEdit()
        self.room_field.setFixedWidth(130)
        self.room_field.setMaxLength(MAX_ROOM)
        self.room_field.setPlaceholderText(translate("KioskOptions", "e.g. Hall 2"))
        self.room_field.setAccessibleName(translate("KioskOptions", "Room"))
        self.camera_choice.currentIndexChanged.connect(  # a chosen item reads from its start
            lambda _index: self.camera_choice.lineEdit().setCursorPosition(0))
        self.camera_choice.currentTextChanged.connect(lambda _text: self.changed.emit())
        self.room_field.textChanged.connect(lambda _text: self.changed.emit())

    def one_row(self) -> QWidget:
        """The camera box and, beside it, the room field: one row of a dialog's grid."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.camera_choice, 1)
        room = QLabel(translate("KioskOptions", "Room"))
        room.setObjectName("fieldCaption")
        room.setBuddy(self.room_field)
        layout.addWidget(room)
        layout.addWidget(self.room_field)
        return row

    @property
    def camera(self) -> str:
        """The kiosks' camera setting: the choice's value, or what was typed."""
        index = self.camera_choice.currentIndex()
        text = self.camera_choice.currentText().strip()
        if index >= 0 and text == self.camera_choice.itemText(index):
            return str(self.camera_choice.itemData(index))
        return text

    @property
    def room(self) -> str:
        return " ".join(self.room_field.text().split())
