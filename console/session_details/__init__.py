"""Session details: one session's header facts, snapshot gallery and preview, event timeline,
proctor actions, post-exam review and evidence export."""

from console.proctor_center.refcount_guard import keep_singletons_alive

keep_singletons_alive()  # PySide6 6.12.0 on Python 3.11 loses references: see refcount_guard
