"""The parts the console's "a list the administrator manages" dialogs share (Proctor accounts,
Webhooks): the form card to add one, its message line and add button, the bar over the list with
its count and buttons, the list itself, and the foot (the empty list's hint, the not-allowed
banner, Close).

The parts say no words of their own: each dialog passes its sentences already translated, so
they stay in that dialog's translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.ui import style_list_table


def form_card(caption: str) -> tuple[QWidget, QGridLayout]:
    """The card that holds the add form, with its caption on the first row (4 columns)."""
    box = QWidget()
    box.setObjectName("formCard")
    form = QGridLayout(box)
    form.setContentsMargins(14, 12, 14, 12)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(8)
    label = QLabel(caption)
    label.setObjectName("fieldCaption")
    form.addWidget(label, 0, 0, 1, 4)
    return box, form


def add_actions(add_text: str, on_add: Callable[[], None]) -> tuple[QHBoxLayout, QLabel,
                                                                    QPushButton]:
    """The form's last row: the message line (what happened, or what to fix) and the add
    button."""
    actions = QHBoxLayout()
    message = QLabel()
    message.setObjectName("formMessage")
    message.setWordWrap(True)
    button = QPushButton(add_text)
    button.setObjectName("primaryButton")
    button.clicked.connect(on_add)
    actions.addWidget(message, 1)
    actions.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
    return actions, message, button


def list_bar(buttons: Sequence[QPushButton]) -> tuple[QWidget, QLabel]:
    """The bar over the list: its count on the left, the buttons that act on the selected row
    on the right (never a dialog's default button)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    count = QLabel()
    count.setObjectName("fieldCaption")
    row.addWidget(count)
    row.addStretch(1)
    for button in buttons:
        button.setAutoDefault(False)
        row.addWidget(button)
    bar = QWidget()
    bar.setLayout(row)
    return bar, count


def list_table(object_name: str, model: QAbstractItemModel,
               on_selection: Callable[[], None]) -> QTableView:
    table = QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    style_list_table(table)
    table.selectionModel().selectionChanged.connect(on_selection)
    return table


def add_foot(dialog: QDialog, layout: QVBoxLayout, empty_hint: str,
             not_allowed: str) -> tuple[QLabel, QLabel]:
    """The empty list's hint and the not-allowed banner (both hidden), then Close."""
    empty = QLabel(empty_hint)
    empty.setObjectName("emptyHint")
    empty.hide()
    layout.addWidget(empty)
    banner = QLabel(not_allowed)
    banner.setObjectName("problemBanner")
    banner.setWordWrap(True)
    banner.hide()
    layout.addWidget(banner)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return empty, banner
