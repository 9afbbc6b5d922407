"""What the details window's buttons offer for a session: whether flag, warn, terminate, review
and export are enabled, their labels and their tooltips. A pure function over the session (and
what the window is busy with), so the policy is tested without a window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.i18n import translate
from console.proctor.actions import SessionActions
from console.proctor.session_details.session_facts import is_live
from core.domain.records import SessionDTO

#: Qt's translation context of the details window's buttons.
CONTEXT = "ActionPolicy"
READ_ONLY = QT_TRANSLATE_NOOP("ActionPolicy", "Sample sessions are read-only.")
ENDED = QT_TRANSLATE_NOOP("ActionPolicy", "This session has ended.")
REVIEW_LATER = QT_TRANSLATE_NOOP("ActionPolicy", "A session is reviewed after it ends.")
EXPORTING = QT_TRANSLATE_NOOP(
    "ActionPolicy", "A report is being written; it can be exported again when that is done.")
BUNDLING = QT_TRANSLATE_NOOP(
    "ActionPolicy",
    "An evidence bundle is being saved; it can be exported again when that is done.")
UNREACHABLE = QT_TRANSLATE_NOOP(
    "ActionPolicy", "The exam center's server cannot be reached; this is back when it is.")
SIGNED_OUT = QT_TRANSLATE_NOOP("ActionPolicy",
                               "Signed out: sign in again to act on this session.")
RESUME_TIP = QT_TRANSLATE_NOOP(
    "ActionPolicy", "Start the candidate's clock again; the paused time is given back")


@dataclass(frozen=True)
class ButtonSpec:
    """A button's name, and its English words (said through Qt's translation when shown)."""

    name: str
    text: str
    tooltip: str
    group: str  # "actions" (on the live exam) or "evidence" (review and export)


BUTTONS: tuple[ButtonSpec, ...] = (
    ButtonSpec("flag", QT_TRANSLATE_NOOP("ActionPolicy", "Flag…"),
               QT_TRANSLATE_NOOP("ActionPolicy",
                                 "Mark this session for attention with a reason"), "actions"),
    ButtonSpec("warn", QT_TRANSLATE_NOOP("ActionPolicy", "Warn…"),
               QT_TRANSLATE_NOOP("ActionPolicy",
                                 "Send the candidate a warning they must acknowledge"),
               "actions"),
    ButtonSpec("terminate", QT_TRANSLATE_NOOP("ActionPolicy", "Terminate…"),
               QT_TRANSLATE_NOOP("ActionPolicy", "End this exam now"), "actions"),
    ButtonSpec("pause", QT_TRANSLATE_NOOP("ActionPolicy", "Pause…"),
               QT_TRANSLATE_NOOP("ActionPolicy",
                                 "Stop the candidate's clock, with a reason they read"),
               "actions"),
    ButtonSpec("add_time", QT_TRANSLATE_NOOP("ActionPolicy", "Add time…"),
               QT_TRANSLATE_NOOP("ActionPolicy", "Give the candidate more minutes"), "actions"),
    ButtonSpec("review", QT_TRANSLATE_NOOP("ActionPolicy", "Review…"),
               QT_TRANSLATE_NOOP("ActionPolicy", "Record the outcome of the post-exam review"),
               "evidence"),
    ButtonSpec("export", QT_TRANSLATE_NOOP("ActionPolicy", "Export report…"),
               QT_TRANSLATE_NOOP("ActionPolicy",
                                 "Save a PDF with the facts, timeline and snapshots"),
               "evidence"),
    ButtonSpec("bundle", QT_TRANSLATE_NOOP("ActionPolicy", "Export evidence bundle…"),
               QT_TRANSLATE_NOOP("ActionPolicy",
                                 "Save the center's signed zip of this session's evidence, "
                                 "which proctor-verify checks offline"), "evidence"),
)
SPECS = {spec.name: spec for spec in BUTTONS}


@dataclass(frozen=True)
class ButtonState:
    enabled: bool
    text: str
    tooltip: str


def _said(words: str) -> str:
    return translate(CONTEXT, words)


def button_states(session: SessionDTO | None, *, exporting: bool = False,
                  bundling: bool = False, saving_review: bool = False, reachable: bool = True,
                  signed_out: bool = False) -> dict[str, ButtonState]:
    """The state of every button for ``session`` (None while it loads or when it could not be
    opened: everything off; a center that cannot be reached: no action, no review), its
    words in the console's language."""
    states: dict[str, ButtonState] = {}
    sample = session is not None and session.is_sample
    live = session is not None and is_live(session)
    may_act = session is not None and SessionActions.can_act(session)
    for name in ("flag", "warn", "terminate", "pause", "add_time"):
        spec = SPECS[name]
        tip = READ_ONLY if sample else ENDED if session is not None and not live else spec.tooltip
        states[name] = ButtonState(may_act, spec.text, tip)
    if session is not None and session.paused and may_act:
        states["pause"] = ButtonState(True, QT_TRANSLATE_NOOP("ActionPolicy", "Resume"),
                                        RESUME_TIP)

    review = SPECS["review"]
    reviewed = session is not None and session.review_outcome is not None
    states["review"] = ButtonState(
        session is not None and not sample and not live and not saving_review,
        QT_TRANSLATE_NOOP("ActionPolicy", "Edit review…") if reviewed else review.text,
        READ_ONLY if sample else REVIEW_LATER if live else review.tooltip,
    )

    export = SPECS["export"]
    states["export"] = ButtonState(
        session is not None and not sample and not exporting,
        export.text,
        READ_ONLY if sample else EXPORTING if exporting else export.tooltip,
    )
    bundle = SPECS["bundle"]
    states["bundle"] = ButtonState(
        session is not None and not sample and not bundling,
        bundle.text,
        READ_ONLY if sample else BUNDLING if bundling else bundle.tooltip,
    )
    if signed_out or not reachable:  # the center refused this console, or is lost
        for name in ("flag", "warn", "terminate", "pause", "add_time", "review"):
            states[name] = ButtonState(False, states[name].text,
                                       SIGNED_OUT if signed_out else UNREACHABLE)
    return {name: ButtonState(state.enabled, _said(state.text), _said(state.tooltip))
            for name, state in states.items()}
