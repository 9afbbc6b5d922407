"""ActionBar: the details window's buttons, proctor actions on the first row and review/export
on the second. What each button offers comes from ``action_policy.button_states``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.i18n import translate
from console.proctor.session_details.action_policy import BUTTONS, CONTEXT, ButtonState


class ActionBar(QFrame):
    triggered = Signal(str)  # button name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionBar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        rows: dict[str, QHBoxLayout] = {}
        self._buttons: dict[str, QPushButton] = {}
        for spec in BUTTONS:
            row = rows.get(spec.group)
            if row is None:
                row = rows[spec.group] = QHBoxLayout()
                row.setSpacing(6)
                layout.addLayout(row)
            button = QPushButton(translate(CONTEXT, spec.text), self)
            button.setObjectName(f"{spec.name}Button")
            button.setToolTip(translate(CONTEXT, spec.tooltip))
            button.setAutoDefault(False)
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, name=spec.name: self.triggered.emit(name))
            row.addWidget(button)
            self._buttons[spec.name] = button
        layout.addStretch(1)

    def button(self, name: str) -> QPushButton:
        return self._buttons[name]

    def apply(self, states: dict[str, ButtonState]) -> None:
        for name, state in states.items():
            button = self._buttons[name]
            button.setEnabled(state.enabled)
            button.setText(state.text)
            button.setToolTip(state.tooltip)
