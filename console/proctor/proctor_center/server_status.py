"""ServerStatusWidget: the status-bar corner that says where kiosks connect and whether the
API is up, with what to do when it is not (retry, or take a free port)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from console.proctor.api_server_controller import ApiServerController
from console.ui import set_style_property


class ServerStatusWidget(QWidget):
    def __init__(self, server: ApiServerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server = server
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        self.dot = QLabel("●")
        self.dot.setObjectName("serverDot")
        self.label = QLabel()
        self.label.setObjectName("serverLabel")
        self.retry_button = QPushButton(self.tr("Retry"))
        self.free_port_button = QPushButton(self.tr("Use a free port"))
        for button in (self.retry_button, self.free_port_button):
            button.setObjectName("statusButton")
        layout.addWidget(self.dot)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.free_port_button)
        self.retry_button.clicked.connect(server.retry)
        self.free_port_button.clicked.connect(server.use_free_port)
        server.state_changed.connect(self.refresh)
        self.refresh()

    @property
    def text(self) -> str:
        return self.label.text()

    def refresh(self) -> None:
        server = self._server
        if server.is_running:
            self.label.setText(self.tr("Kiosks connect to {address}  ·  API up").format(
                address=server.kiosk_url))
            self.label.setToolTip(self.tr("The HTTP API is running. File ▸ Connect kiosks shows "
                                          "the key and the command line for a kiosk."))
            set_style_property(self.dot, "tone", "ok")
            self.retry_button.hide()
            self.free_port_button.hide()
        else:
            problem = server.problem or self.tr("The API server is not running.")
            self.label.setText(self.tr("Kiosks cannot connect: {problem}").format(problem=problem))
            self.label.setToolTip(problem)
            set_style_property(self.dot, "tone", "danger")
            self.retry_button.show()
            self.free_port_button.show()
