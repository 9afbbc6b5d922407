"""SettingsDialog: the console's own settings (kept in console.ini in the data dir). Today: which
alerts to raise, how a new alert reaches a proctor (desktop notification, sound) and when a quiet
kiosk counts as silent."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.i18n import translate
from console.proctor.alerts.alert_notifier import AlertNotifier
from console.proctor.console_settings import ConsoleSettings
from console.proctor.settings_values import (
    MAX_SILENT_AFTER_SECONDS,
    MIN_SILENT_AFTER_SECONDS,
    AlertSettings,
)
from console.ui import dialog_header
from core.domain.alerts import ALERT_KIND_WORDS, SILENT_INTERVALS, AlertKind

#: core.domain.alerts.ALERT_KIND_WORDS word for word, so that lupdate reads them (a test keeps
#: them equal).
KIND_WORDS = (
    QT_TRANSLATE_NOOP("AlertKinds", "A session turns high risk"),
    QT_TRANSLATE_NOOP("AlertKinds", "A kiosk goes silent (no contact for a while)"),
    QT_TRANSLATE_NOOP("AlertKinds", "A kiosk's camera turns off"),
    QT_TRANSLATE_NOOP("AlertKinds", "A warning stays unacknowledged"),
)


class SettingsDialog(QDialog):
    #: Saved: the alert settings now in force.
    alert_settings_saved = Signal(object)

    def __init__(self, settings: ConsoleSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        dialog_header(layout, self.tr("Settings"),
                      self.tr("Saved for this data folder and used from the moment you press "
                              "Save."))

        alerts = QGroupBox(self.tr("Alert me when"))
        alerts_layout = QVBoxLayout(alerts)
        self.kind_boxes: dict[AlertKind, QCheckBox] = {}
        for kind in AlertKind:
            box = QCheckBox(translate("AlertKinds", ALERT_KIND_WORDS[kind]))
            self.kind_boxes[kind] = box
            alerts_layout.addWidget(box)
        silent_row = QFormLayout()
        self.silent_field = QSpinBox()
        self.silent_field.setRange(MIN_SILENT_AFTER_SECONDS, MAX_SILENT_AFTER_SECONDS)
        self.silent_field.setSingleStep(15)
        self.silent_field.setSuffix(self.tr(" s"))
        self.silent_field.setMaximumWidth(120)
        silent_row.addRow(self.tr("A kiosk is silent after"), self.silent_field)
        alerts_layout.addLayout(silent_row)
        silent_note = QLabel(
            self.tr("…without contact with the center (camera or not), or {count} of its exam's "
                    "snapshot intervals if that is longer. A warning counts as unacknowledged "
                    "after one minute.").format(count=QLocale().toString(SILENT_INTERVALS)))
        silent_note.setObjectName("dialogNote")
        silent_note.setWordWrap(True)
        alerts_layout.addWidget(silent_note)
        self.kind_boxes[AlertKind.SILENT_KIOSK].toggled.connect(self.silent_field.setEnabled)
        layout.addWidget(alerts)

        delivery = QGroupBox(self.tr("How a new alert reaches you"))
        delivery_layout = QVBoxLayout(delivery)
        self.desktop_box = QCheckBox(self.tr("Show a desktop notification"))
        self.sound_box = QCheckBox(self.tr("Play the alert sound"))
        delivery_layout.addWidget(self.desktop_box)
        delivery_layout.addWidget(self.sound_box)
        self.tray_note = QLabel(
            self.tr("This desktop has no notification area, so alerts show only in the Alerts "
                    "list and on the Alerts button."))
        self.tray_note.setObjectName("dialogNote")
        self.tray_note.setWordWrap(True)
        self.tray_note.setVisible(not AlertNotifier.is_tray_available())
        delivery_layout.addWidget(self.tray_note)
        layout.addWidget(delivery)
        layout.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_settings(settings.alerts)

    def show_settings(self, alert_settings: AlertSettings) -> None:
        for kind, box in self.kind_boxes.items():
            box.setChecked(kind in alert_settings.enabled_kinds)
        self.silent_field.setValue(alert_settings.silent_after_seconds)
        self.silent_field.setEnabled(AlertKind.SILENT_KIOSK in alert_settings.enabled_kinds)
        self.desktop_box.setChecked(alert_settings.desktop_notifications)
        self.sound_box.setChecked(alert_settings.sound)

    def chosen_alert_settings(self) -> AlertSettings:
        return AlertSettings(
            enabled_kinds=frozenset(k for k, box in self.kind_boxes.items() if box.isChecked()),
            desktop_notifications=self.desktop_box.isChecked(),
            sound=self.sound_box.isChecked(),
            silent_after_seconds=self.silent_field.value(),
        )

    def save(self) -> None:
        chosen = self.chosen_alert_settings()
        self._settings.alerts = chosen
        self.alert_settings_saved.emit(chosen)
        self.accept()
