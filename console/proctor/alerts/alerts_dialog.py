"""AlertsDialog: the alerts of this console run, newest first; unseen ones in bold. Opening one
(double-click, Enter or "Open session") marks it seen and asks for its session."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.proctor.alerts.alert_list_model import SESSION_ID_ROLE, AlertListModel
from console.ui import dialog_header


class AlertsDialog(QDialog):
    #: Open this session's details.
    session_requested = Signal(str)
    #: The proctor asked for the alert settings.
    settings_requested = Signal()

    def __init__(self, model: AlertListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("alertsDialog")
        self.setWindowTitle("Alerts")
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        self.hint_label = dialog_header(
            layout, "Alerts",
            "What needed you while you looked away, newest first. Open one to see its session; "
            "new ones are in bold until you mark them seen.")

        self.list_view = QListView()
        self.list_view.setObjectName("alertsList")
        self.list_view.setModel(model)
        self.list_view.setWordWrap(True)
        self.list_view.setSpacing(3)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.activated.connect(self.open_alert)
        layout.addWidget(self.list_view, 1)
        self.empty_label = QLabel("No alerts so far. They appear here (and as a desktop "
                                  "notification) when a session needs you.")
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        actions = QHBoxLayout()
        self.open_button = QPushButton("Open session")
        self.open_button.setObjectName("primaryButton")
        self.seen_button = QPushButton("Mark seen")
        self.all_seen_button = QPushButton("Mark all seen")
        self.settings_button = QPushButton("Alert settings…")
        for button in (self.open_button, self.seen_button, self.all_seen_button,
                       self.settings_button):
            button.setAutoDefault(False)
        actions.addWidget(self.open_button)
        actions.addWidget(self.seen_button)
        actions.addWidget(self.all_seen_button)
        actions.addStretch(1)
        actions.addWidget(self.settings_button)
        layout.addLayout(actions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.open_button.clicked.connect(lambda: self.open_alert(self.list_view.currentIndex()))
        self.seen_button.clicked.connect(self.mark_current_seen)
        self.all_seen_button.clicked.connect(model.mark_all_seen)
        self.settings_button.clicked.connect(self.settings_requested)
        self.list_view.selectionModel().currentChanged.connect(self._update_buttons)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset,
                       model.dataChanged):
            signal.connect(self._update_buttons)
        self._update_buttons()

    def open_alert(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.model.mark_seen(index.row())
        self.session_requested.emit(str(index.data(SESSION_ID_ROLE)))

    def mark_current_seen(self) -> None:
        index = self.list_view.currentIndex()
        if index.isValid():
            self.model.mark_seen(index.row())

    def _update_buttons(self, *_args: object) -> None:
        has_rows = self.model.rowCount() > 0
        index = self.list_view.currentIndex()
        self.empty_label.setVisible(not has_rows)
        self.list_view.setVisible(has_rows)
        self.open_button.setEnabled(index.isValid())
        self.seen_button.setEnabled(index.isValid() and not self.model.is_seen(index.row()))
        self.all_seen_button.setEnabled(self.model.unseen_count > 0)
        if not index.isValid() and has_rows:
            self.list_view.setCurrentIndex(self.model.index(0))

