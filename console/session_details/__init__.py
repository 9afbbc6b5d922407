"""Session details: one session's header facts, snapshot gallery and preview, event timeline,
proctor actions, post-exam review and evidence export."""

from console.session_details.refcount_guard import make_singletons_immortal

make_singletons_immortal()  # PySide6 6.12.0 on Python 3.11: see refcount_guard.py
