"""What the Proctor Center grid calls each of its orders (the orders are
``console.proctor.settings_values.SortKey``: the settings remember the chosen one)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.proctor.settings_values import SortKey

SORT_LABELS = {
    SortKey.ATTENTION: QT_TRANSLATE_NOOP("SortLabels", "Needs attention first"),
    SortKey.NAME: QT_TRANSLATE_NOOP("SortLabels", "Name (A to Z)"),
    SortKey.START_TIME: QT_TRANSLATE_NOOP("SortLabels", "Newest start first"),
}
