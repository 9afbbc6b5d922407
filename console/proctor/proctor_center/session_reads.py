"""What the session list model reads from the core, in the task runner (never on the GUI
thread): a whole view, or a few sessions that changed."""

from __future__ import annotations

from typing import Any

from console.proctor.proctor_center.session_roles import SessionView
from core.domain.enums import SessionFilter, SessionStatus
from core.domain.errors import SessionNotFound
from core.domain.records import SessionDTO


def load_view(proctoring: Any, view: SessionView,
               include_samples: bool) -> tuple[list[SessionDTO], bool]:
    """The sessions of ``view`` and whether a real session exists (or existed) in the data."""
    if view is SessionView.ENDED:
        ended = [s for s in proctoring.list_sessions(SessionFilter.ALL)
                 if s.status != SessionStatus.ACTIVE]
        return ended, bool(ended)
    active = proctoring.list_sessions(SessionFilter.ACTIVE, include_samples=include_samples)
    if not active or not active[0].is_sample:
        return active, bool(active)
    # Only samples: they are right only if no real session was ever here (read once per data
    # dir, before the settings remember it).
    if proctoring.list_sessions(SessionFilter.ALL):
        return [], True
    return active, False


def fetch_sessions(proctoring: Any, ids: list[str]) -> list[tuple[str, SessionDTO | None]]:
    results: list[tuple[str, SessionDTO | None]] = []
    for session_id in ids:
        try:
            results.append((session_id, proctoring.get_session_summary(session_id)))
        except SessionNotFound:
            results.append((session_id, None))
    return results
