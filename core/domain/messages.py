"""The center's sentences that a person reads, as one catalogue: a stable code -> the English
template with named parameters.

An error answer carries the sentence in ``detail`` (as ever) and, when the sentence is one of
these, its ``code`` and ``params`` (strings) beside it; a client that speaks another language
shows its own translation of the code's template with the same parameters, and the center's
sentence for a code it does not know. A code never changes meaning once released; a changed
sentence gets a new code. The console and the kiosk translate these templates through Qt
(``console/i18n.py`` repeats them for ``lupdate``; a test keeps the two equal).
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, str] = {
    # -- joining: the candidate at the kiosk -------------------------------------------------
    "secret_required": "A valid secret is required: send 'Authorization: Bearer <key or token>'.",
    "exam_not_found": "No exam has the id '{exam_id}'.",
    "exam_archived": ("“{title}” is archived, so no new attempt can start; ask the proctor to "
                      "restore it or choose another exam."),
    "candidate_ref_length": "The candidate ID must be 1 to 100 characters.",
    "candidate_name_length": "The candidate name must be 1 to 200 characters.",
    "enrolment_code_unknown": ("This enrolment code is not known. Check the code shown in the "
                               "console and type it again."),
    "enrolment_code_used": "This enrolment code was already used. Ask the proctor for a new code.",
    "enrolment_code_expired": ("This enrolment code has expired (codes work for {minutes} "
                               "minutes). Ask the proctor for a new code."),
    "enrolment_code_wrong_too_often": ("Too many wrong enrolment codes from this computer; wait "
                                       "{seconds} seconds and type the code again."),
    # -- during the exam ---------------------------------------------------------------------
    "attempt_not_found": "No attempt has the id '{attempt_id}'.",
    "attempt_ended": "This attempt has already ended ({status}); nothing was changed.",
    "attempt_ended_at": "This attempt has already ended ({status}) at {at}; nothing was changed.",
    "proctoring_disabled": "Proctoring is off for this exam, so it takes no snapshots or events.",
    "submit_after_deadline": ("Submit was pressed at {pressed_at}, after the time ran out at "
                              "{deadline_at}; the attempt stays expired."),
    "submit_before_last_contact": (
        "Submit was pressed at {pressed_at}, before the kiosk's last contact with the center at "
        "{last_contact_at}, so the hand-in was not cut off by the network; the attempt stays "
        "expired."),
    "warning_not_found": "No warning '{warning_id}' was sent to this attempt.",
    # -- the center's own faults -------------------------------------------------------------
    "storage_full": ("The media storage is full, so nothing was stored; the upload may be "
                     "retried once space is freed."),
    "database_full": ("The database storage is full, so nothing was stored; the request may be "
                      "retried once space is freed."),
    "database_unreachable": ("The exam center's database is not answering right now, so the "
                             "request was not carried out; try again in a few seconds."),
    "server_error": "Something went wrong on the server; the error was logged.",
    # -- proctors' actions refused for the session's state (409) ----------------------------
    "session_not_found": "No proctor session has the id '{session_id}'.",
    "session_ended": "This proctor session has already ended ({status}); nothing was changed.",
    "session_ended_at": ("This proctor session has already ended ({status}) at {at}; nothing "
                         "was changed."),
    "already_terminated": "Already terminated by {actor} at {at}.",
    "already_terminated_by_a_proctor": "Already terminated by a proctor at {at}.",
    "sample_session_read_only": ("Sample sessions are for display only; start a real exam "
                                 "attempt to act on a session."),
    "session_already_paused": ("This session is already paused (since {since}); resume it "
                               "first. Nothing was changed."),
    "session_not_paused": ("This session is not paused, so there is nothing to resume; nothing "
                           "was changed."),
    "review_while_active": "A session is reviewed after it ends; this one is still active.",
    "username_taken": "The username '{username}' is taken; choose another.",
    "extra_time_range": "Extra time must be 1 to {max_minutes} whole minutes.",
}

#: Parameters that hold a time of day or a number: a client writes their digits as its
#: language does.
NUMERIC_PARAMS = frozenset({"at", "since", "pressed_at", "deadline_at", "last_contact_at",
                            "minutes", "seconds", "max_minutes"})


def render(code: str, params: Mapping[str, str] | None = None) -> str:
    """The English sentence of ``code`` with ``params``."""
    return MESSAGES[code].format(**(params or {}))
