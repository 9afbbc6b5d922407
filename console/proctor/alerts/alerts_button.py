"""AlertsButton: "Alerts" in the window's header, "Alerts 3" while three are unseen (in red)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QPushButton, QWidget

from console.i18n import plural
from console.proctor.alerts.alert_list_model import AlertListModel
from console.ui import set_style_property


class AlertsButton(QPushButton):
    def __init__(self, model: AlertListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsButton")
        self.setAutoDefault(False)
        self._model = model
        model.unseen_count_changed.connect(self.show_count)
        self.show_count(model.unseen_count)

    def show_count(self, unseen: int) -> None:
        number = QLocale().toString(unseen)
        self.setText(self.tr("Alerts {count}").format(count=number) if unseen
                     else self.tr("Alerts"))
        self.setToolTip(
            plural(self.tr("%Ln alert(s) you have not seen yet: click to see them", "", unseen),
                   unseen)
            if unseen else self.tr("Alerts: what needed you while you looked away"))
        self.setAccessibleName(self.toolTip())
        set_style_property(self, "tone", "danger" if unseen else "muted")
