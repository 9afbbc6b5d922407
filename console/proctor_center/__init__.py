"""The Proctor Center: the live session grid (model, filter, card delegate) and its window."""

from console.proctor_center.refcount_guard import keep_singletons_alive

keep_singletons_alive()  # PySide6 6.12.0 on Python 3.11: see refcount_guard
