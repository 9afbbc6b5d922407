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
from datetime import UTC, datetime

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
    # -- center-words: sign-in, tokens and secrets (401, 403, 429) ------------------------
    "sign_in_refused": "The username or password is wrong.",
    "account_disabled": "This proctor account is disabled; ask an administrator.",
    "sign_in_locked": ("Too many failed sign-ins for this username from this computer; try again "
                       "in {minutes} minutes."),
    "sign_in_locked_minute": ("Too many failed sign-ins for this username from this computer; "
                              "try again in 1 minute."),
    "too_many_sign_ins": ("Too many sign-ins from this computer in the last minute; try again in "
                          "{seconds} seconds."),
    "too_many_sign_ins_second": ("Too many sign-ins from this computer in the last minute; try "
                                 "again in 1 second."),
    "token_account_disabled": ("The proctor account of {name} was disabled by an administrator, "
                               "so this sign-in has ended. Sign in with another account, or ask "
                               "the center's administrator."),
    "token_signed_out": ("This sign-in was signed out (on this console or another), so the center "
                         "no longer accepts it. Sign in again."),
    "token_expired": ("This sign-in expired at {at} (a sign-in lasts {hours} hours). Sign in "
                      "again."),
    "not_allowed_staff": "This secret is not allowed to use proctor or administrator functions.",
    "not_allowed_kiosk": "This secret is not allowed to list exams or start attempts.",
    "not_allowed_attempt": "This secret is not allowed to act on this attempt.",
    "not_allowed_submit": "This secret is not allowed to submit this attempt.",
    "not_allowed_end_attempts": "This secret is not allowed to force-end attempts.",
    "not_allowed_read_sessions": "This secret is not allowed to read proctor sessions.",
    "not_allowed_manage_proctors": ("This secret is not allowed to manage proctor accounts; only "
                                    "the admin key may."),
    "not_allowed_manage_integrations": ("This secret is not allowed to manage webhooks and "
                                        "integration keys; only the admin key may."),
    "not_allowed_signed_in": ("This secret is not allowed to sign out: only a proctor token signs "
                              "out."),
    "not_allowed_list_archived": "This secret is not allowed to list archived exams.",
    "readiness_override_refused": (
        "Letting a kiosk that is not ready start is a proctor's decision: a proctor signs in at "
        "the kiosk (or the administrator's key is used); the kiosk key alone cannot."),
    # -- center-words: fields the center refuses (422) ---------------------------------------
    "body_not_json": "The request body is not valid JSON.",
    "field_required": "The field '{field}' is required.",
    "body_required": "A body is required.",
    "field_too_short": "The field '{field}' needs at least {limit} characters.",
    "field_too_long": "The field '{field}' can be at most {limit} characters.",
    "field_too_small": "The field '{field}' must be at least {limit}.",
    "field_too_large": "The field '{field}' must be at most {limit}.",
    "field_not_whole_number": "The field '{field}' must be a whole number.",
    "field_not_text": "The field '{field}' must be text.",
    "field_not_true_or_false": "The field '{field}' must be true or false.",
    "field_invalid": "The field '{field}' is invalid: {reason}.",
    "body_invalid": "The request body is invalid: {reason}.",
    "request_invalid": "The request is invalid.",
    "time_invalid": "{field} must be an ISO 8601 time such as 2026-01-15T09:30:00Z.",
    "username_invalid": ("A username is 1 to 64 letters, digits, '.', '_', '@' or '-', starting "
                         "with a letter or digit."),
    "display_name_length": "A display name must be 1 to {limit} characters.",
    "display_name_control": "A display name cannot contain control characters.",
    "password_too_short": "A password needs at least {limit} characters.",
    "password_too_long": "A password can be at most {limit} characters.",
    "seat_too_long": "A seat can be at most {limit} characters.",
    "seat_control": "A seat cannot contain control characters.",
    "room_too_long": "A room can be at most {limit} characters.",
    "room_control": "A room cannot contain control characters.",
    # -- center-words: an uploaded image refused (413, 415, 422) -----------------------------
    "image_empty": "The image is empty.",
    "image_too_big": "The image is {size} bytes; at most {max_bytes} are accepted.",
    "image_not_jpeg_or_png": "Only JPEG and PNG images are accepted, and this file is neither.",
    "image_header_unreadable": "The file starts like a {kind} image but its header cannot be read.",
    "image_unreadable": "The {kind} image cannot be read ({reason}).",
    "image_text_too_large": ("The PNG image carries too much metadata in its text chunks (at most "
                             "{limit} MB each); send the picture without it."),
    "image_too_many_pixels": ("The image is {width}x{height} pixels; at most {limit} pixels on a "
                              "side are accepted."),
    "image_far_too_many_pixels": ("The image is too large; at most {limit} pixels on a side are "
                                  "accepted."),
    "image_damaged": "The {kind} image is damaged or incomplete and cannot be decoded ({reason}).",
    # -- center-words: exams and proctor accounts --------------------------------------------
    "exam_already_started": (
        "{count} candidates have already started “{title}”, so only its title can change now, not "
        "its {fields}; for that, create a new exam and archive this one."),
    "exam_already_started_one": (
        "1 candidate has already started “{title}”, so only its title can change now, not its "
        "{fields}; for that, create a new exam and archive this one."),
    "exam_title_required": "An exam needs a title.",
    "exam_title_too_long": "An exam title can be at most {limit} characters.",
    "exam_duration_range": "An exam lasts between 1 second and 7 days.",
    "snapshot_interval_range": ("The snapshot interval must be between {min_seconds} and "
                                "{max_seconds} seconds."),
    "proctor_not_found": "No proctor account has the id '{proctor_id}'.",
    # -- center-words: webhooks and integration keys -----------------------------------------
    "webhook_url_invalid": ("The webhook URL must be an http:// or https:// address with a host, "
                            "such as https://exams.example.org/proctoring/hooks."),
    "webhook_url_too_long": "The webhook URL can be at most {limit} characters.",
    "webhook_events_required": "A webhook needs at least one event type: choose from {types}.",
    "webhook_event_unknown": "'{event}' is not a webhook event type; the types are {types}.",
    "webhook_description_too_long": "The description can be at most {limit} characters.",
    "webhook_not_found": "No webhook has the id '{webhook_id}'.",
    "delivery_not_found": "This webhook has no delivery with the id '{delivery_id}'.",
    "integration_key_name": ("An integration key needs a name of 1 to {limit} characters, such as "
                             "the exam system's."),
    "integration_key_not_found": "No integration key has the id '{key_id}'.",
    # -- center-words: an LTI login or launch refused (the page in the platform's browser) ----
    "lti_wrong_target": (
        "This launch is addressed to {target}, not to this tool's launch URL {launch_url}; the "
        "exam platform's administrator sets the link's target link URI to that launch URL."),
    "lti_login_incomplete": ("An LTI login needs iss, login_hint and target_link_uri from the exam "
                             "platform; open the exam again from the platform."),
    "lti_issuer_not_registered": ("No platform with the issuer {issuer} is registered with this "
                                  "center; its administrator registers it first."),
    "lti_client_not_registered": ("No platform with the issuer {issuer} and the client id "
                                  "{client_id} is registered with this center; its administrator "
                                  "registers it first."),
    "lti_client_id_needed": ("Several clients of {issuer} are registered: the login must name its "
                             "client_id."),
    "lti_deployment_not_registered": (
        "The deployment {deployment} of {issuer} is not registered with this center; its "
        "administrator registers that deployment first."),
    "lti_launch_incomplete": ("A launch needs the platform's id_token and the login's state; open "
                              "the exam again from the exam platform."),
    "lti_other_browser": (
        "This launch did not begin in this browser: its login's state cookie is missing while "
        "the browser holds another login's; open the exam again from the exam platform."),
    "lti_state_unknown": ("This launch's state is unknown or has expired; open the exam again "
                          "from the exam platform."),
    "lti_launch_replayed": ("This launch was already used (its nonce was replayed); open the exam "
                            "again from the exam platform."),
    "lti_wrong_version": "This tool speaks LTI {version}; the launch said {said}.",
    "lti_target_missing": ("The launch lacks its target_link_uri; the platform must send it (this "
                           "tool's launch URL, {launch_url})."),
    "lti_wrong_message_type": "This tool takes {start} and {end} launches, not {kind}.",
    "lti_unknown_key": ("The id_token is signed with a key the platform does not publish at "
                        "{jwks_url}."),
    "lti_bad_signature": ("The id_token's signature does not match the platform's keys at "
                          "{jwks_url}; it was not signed by {issuer}."),
    "lti_unreadable_token": "The id_token is not a JWT signed with RS256 that this tool can read.",
    "lti_other_issuer": ("The id_token's issuer {issuer} is not the platform this login began "
                         "with, nor registered."),
    "lti_other_audience": ("The id_token is meant for {audience}, not for this tool (client id "
                           "{client_id})."),
    "lti_token_times_missing": "The id_token lacks its exp or iat time.",
    "lti_token_expired": ("The id_token has expired; open the exam again from the exam platform "
                          "(and check both clocks if it keeps happening)."),
    "lti_token_from_the_future": ("The id_token was issued in the future: the platform's clock and "
                                  "this center's differ; set both right."),
    "lti_wrong_nonce": ("The id_token's nonce is not the one this login gave (a replayed or "
                        "foreign token); open the exam again from the exam platform."),
    "lti_no_user": "The id_token names no user (sub).",
    "lti_claims_missing": "The {kind} launch lacks {missing}; the platform must send them.",
    "lti_no_exam": ("No exam is set for this link: give the link the custom parameter "
                    "exam_id=<the center's exam id>, or register the platform with an exam_id."),
    "lti_exam_not_found": ("No exam has the id '{exam_id}'. Set the link's custom exam_id to an "
                           "exam of this center."),
    "lti_no_attempt": ("No proctored attempt of this center matches this {kind} (resource link "
                       "{link}, attempt {attempt})."),
    # -- center-words: a proctor's action, an accommodation, a readiness override refused ----
    "flag_reason_required": "A flag needs a reason.",
    "warning_message_required": "A warning needs a message.",
    "terminate_reason_required": "Terminating needs a reason.",
    "pause_reason_required": "A pause needs a reason; the candidate is shown it.",
    "extra_time_reason_required": "Extra time needs a reason.",
    "text_too_long": "That text is too long: at most {limit} characters.",
    "reason_too_long": "The reason can be at most {limit} characters.",
    "review_outcome_unknown": "The review outcome must be one of: {choices}.",
    "no_such_warning": "This session has no such warning; nothing was changed.",
    "extra_percent_range": "extra_percent must be 0 to {limit}.",
    "extra_minutes_range": "extra_minutes must be 0 to {limit} (a day).",
    "not_exemptable": ("'{kind}' cannot be exempted; the event types that weigh on the risk are: "
                       "{types}."),
    "note_too_long": "The note can be at most {limit} characters.",
    "override_reason_length": ("Letting a kiosk through needs a reason of 1 to {limit} characters; "
                               "it goes on the timeline."),
    "not_ready_lines": ("At most {count} lines of what was not ready, each at most {limit} "
                        "characters."),
}

#: Parameters that hold a time of day or a number: a client writes their digits as its
#: language does.
NUMERIC_PARAMS = frozenset({"at", "since", "pressed_at", "deadline_at", "last_contact_at",
                            "minutes", "seconds", "max_minutes",
                            # center-words
                            "limit", "count", "size", "width", "height", "hours", "min_seconds",
                            "max_seconds", "max_bytes"})
#: Numbers said with their thousands grouped (``10,000``): counts of bytes.
GROUPED_PARAMS = frozenset({"size", "max_bytes"})
#: Parameters that hold a moment: sent as ISO 8601 with its offset (``time_param``); the English
#: sentence says it as a time of day in UTC, a client as a time of day in its own time zone.
TIME_PARAMS = frozenset({"at", "since", "pressed_at", "deadline_at", "last_contact_at"})
#: Codes whose moments are said to the second (the others to the minute).
TO_THE_SECOND = frozenset({"submit_after_deadline", "submit_before_last_contact"})


#: An exam's fields as a sentence names them: the parameter ``fields`` holds their names,
#: comma-separated, and a sentence says them joined ("duration or snapshot interval").
EXAM_FIELD_WORDS: dict[str, str] = {
    "duration_seconds": "duration",
    "proctoring_enabled": "proctoring",
    "snapshot_interval_seconds": "snapshot interval",
}


def joined_fields(value: str) -> str:
    """``duration_seconds,snapshot_interval_seconds`` -> ``duration or snapshot interval``."""
    words = [EXAM_FIELD_WORDS.get(name, name) for name in value.split(",") if name]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def time_param(moment: datetime) -> str:
    """A moment as a parameter: ISO 8601 in UTC with its offset, to the second."""
    if moment.tzinfo is None:  # the database's naive times are UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def utc_time_of_day(code: str, value: str) -> str:
    """A time parameter as the English sentence says it (``10:42 UTC``, ``10:42:05 UTC``); a
    value that is not ISO 8601 (an older center's ``10:42 UTC``) as it is."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    form = "%H:%M:%S UTC" if code in TO_THE_SECOND else "%H:%M UTC"
    return moment.astimezone(UTC).strftime(form)


def render(code: str, params: Mapping[str, str] | None = None) -> str:
    """The English sentence of ``code`` with ``params`` (moments as UTC times of day)."""
    values = {name: utc_time_of_day(code, value) if name in TIME_PARAMS
              else joined_fields(value) if name == "fields"
              else f"{int(value):,}" if name in GROUPED_PARAMS and value.isdigit() else value
              for name, value in (params or {}).items()}
    return MESSAGES[code].format(**values)
