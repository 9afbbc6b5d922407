"""StatusBanner: one sentence under the details header about what just happened (saved,
failed, cancelled), with an optional button for the obvious next step ("Open folder")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from console.ui import set_style_property


class StatusBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBanner")
        self._label = QLabel(self)
        self._label.setObjectName("statusText")
        self._label.setWordWrap(True)
        # A path or a proctor-verify line in a message can be selected and copied.
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._action = QPushButton(self)
        self._action.setObjectName("statusAction")
        self._action.setAutoDefault(False)
        self._action.clicked.connect(self._run_action)
        self._action.hide()
        self._on_action: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.setSpacing(10)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._action)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text() if not self.isHidden() else ""

    @property
    def action_button(self) -> QPushButton | None:
        """The button offered with the sentence, if any."""
        return self._action if not self.isHidden() and not self._action.isHidden() else None

    def show_message(self, text: str, tone: str,
                     action: tuple[str, Callable[[], object]] | None = None) -> None:
        """``tone`` is ``ok``, ``error`` or ``info``; ``action`` a button text and what it does."""
        self._label.setText(text)
        set_style_property(self, "tone", tone)
        set_style_property(self._label, "tone", tone)
        if action is None:
            self._on_action = None
            self._action.hide()
        else:
            self._action.setText(action[0])
            self._on_action = action[1]
            self._action.show()
        self.show()

    def _run_action(self) -> None:
        if self._on_action is not None:
            self._on_action()
