"""AlertsDialog: the alerts of this console run, newest first; unseen ones in bold. Opening one
(double-click, Enter or "Open session") marks it seen and asks for its session. Acknowledge
(someone is on it: it stops nagging, stays listed) and Dismiss (dealt with: it leaves the list,
shown apart with "Show dismissed") are recorded at the center for every proctor."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

ALL_DISMISSED_TEXT = QT_TRANSLATE_NOOP(
    "AlertsDialog", "Every alert has been dismissed; Show dismissed lists them.")


class AlertsDialog(QDialog):
    #: Open this session's details.
    session_requested = Signal(str)
    #: The proctor asked for the alert settings.
    settings_requested = Signal()
    #: Acknowledge or dismiss the alert in this row ("acknowledged" or "dismissed").
    handling_requested = Signal(int, str)

    def __init__(self, model: AlertListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("alertsDialog")
        self.setWindowTitle(self.tr("Alerts"))
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        self.hint_label = dialog_header(
            layout, self.tr("Alerts"),
            self.tr("What needed you while you looked away, newest first. Open one to see its "
                    "session; new ones are in bold until you mark them seen."))

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
        self.empty_label = QLabel(self.tr("No alerts so far. They appear here (and as a "
                                          "desktop notification) when a session needs you."))
        self.empty_label.setObjectName("emptyHint")
        self._empty_text = ""
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        actions = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open session"))
        self.open_button.setObjectName("primaryButton")
        self.seen_button = QPushButton(self.tr("Mark seen"))
        self.all_seen_button = QPushButton(self.tr("Mark all seen"))
        self.settings_button = QPushButton(self.tr("Alert settings…"))
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.setToolTip(
            self.tr("Tell the other proctors you are on it: it stops nagging and stays listed"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(
            self.tr("Dealt with: it leaves the list for every proctor; the candidate of an "
                    "unanswered warning is told they may continue"))
        for button in (self.open_button, self.seen_button, self.all_seen_button,
                       self.settings_button, self.acknowledge_button, self.dismiss_button):
            button.setAutoDefault(False)
        actions.addWidget(self.open_button)
        actions.addWidget(self.acknowledge_button)
        actions.addWidget(self.dismiss_button)
        actions.addWidget(self.seen_button)
        actions.addWidget(self.all_seen_button)
        actions.addStretch(1)
        actions.addWidget(self.settings_button)
        layout.addLayout(actions)
        extra = QHBoxLayout()
        self.show_dismissed_box = QCheckBox(self.tr("Show dismissed"))
        self.show_dismissed_box.toggled.connect(self._update_buttons)
        extra.addWidget(self.show_dismissed_box)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("alertProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        extra.addWidget(self.problem_label, 1)
        layout.addLayout(extra)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.open_button.clicked.connect(lambda: self.open_alert(self.list_view.currentIndex()))
        self.seen_button.clicked.connect(self.mark_current_seen)
        self.all_seen_button.clicked.connect(model.mark_all_seen)
        self.settings_button.clicked.connect(self.settings_requested)
        self.acknowledge_button.clicked.connect(lambda: self._request_handling("acknowledged"))
        self.dismiss_button.clicked.connect(lambda: self._request_handling("dismissed"))
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

    def show_problem(self, text: str) -> None:
        """Acknowledging or dismissing failed: the sentence under the list."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def is_listed(self, row: int) -> bool:
        """True when the alert in ``row`` shows (a dismissed one only with Show dismissed)."""
        return not self.list_view.isRowHidden(row)

    def _request_handling(self, handling: str) -> None:
        index = self.list_view.currentIndex()
        if index.isValid() and self.is_listed(index.row()):
            self.show_problem("")
            self.handling_requested.emit(index.row(), handling)

    def _update_buttons(self, *_args: object) -> None:
        show_dismissed = self.show_dismissed_box.isChecked()
        visible = []
        for row in range(self.model.rowCount()):
            hidden = self.model.handling(row) == "dismissed" and not show_dismissed
            self.list_view.setRowHidden(row, hidden)
            if not hidden:
                visible.append(row)
        dismissed = self.model.dismissed_count
        self.show_dismissed_box.setText(self.tr("Show dismissed ({count})").format(
            count=QLocale().toString(dismissed)))
        self.show_dismissed_box.setEnabled(dismissed > 0 or show_dismissed)
        has_rows = bool(visible)
        index = self.list_view.currentIndex()
        if (not index.isValid() or index.row() not in visible) and has_rows:
            self.list_view.setCurrentIndex(self.model.index(visible[0]))
            index = self.list_view.currentIndex()
        is_current = index.isValid() and index.row() in visible
        self.empty_label.setVisible(not has_rows)
        self.list_view.setVisible(self.model.rowCount() > 0)  # (its dismissed rows hidden)
        if not has_rows:
            self._empty_text = self._empty_text or self.empty_label.text()
            self.empty_label.setText(self.tr(ALL_DISMISSED_TEXT) if dismissed
                                     else self._empty_text)
        self.open_button.setEnabled(is_current)
        self.seen_button.setEnabled(is_current and not self.model.is_seen(index.row()))
        self.all_seen_button.setEnabled(self.model.unseen_count > 0)
        handling = self.model.handling(index.row()) if is_current else "dismissed"
        self.acknowledge_button.setEnabled(handling == "")
        self.dismiss_button.setEnabled(handling != "dismissed")

