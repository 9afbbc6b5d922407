"""What the Proctor Center grid calls each of its orders (the orders are
``console.proctor.settings_values.SortKey``: the settings remember the chosen one)."""

from __future__ import annotations

from console.proctor.settings_values import SortKey

SORT_LABELS = {
    SortKey.ATTENTION: "Needs attention first",
    SortKey.NAME: "Name (A to Z)",
    SortKey.START_TIME: "Newest start first",
}
