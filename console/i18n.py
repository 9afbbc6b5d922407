"""The programs' language: which one, and Qt's translators for it.

Both programs (``proctor-console`` and ``proctor-candidate``) call ``install_language`` once,
after the QApplication exists and before their first window: it installs our own translation
(``resources/translations/proctor_<code>.qm``, built from the ``.ts`` sources by
``python3 tests/tools/update_translations.py``) and Qt's own ``qtbase_<code>.qm`` (the words of
Qt's standard dialogs and buttons, shipped with PySide6). Qt's translation also carries the
layout direction: with Arabic loaded every window turns right-to-left by itself.

The language comes from ``--language`` (and the kiosk's ``language`` key in kiosk.toml),
else the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``); a language we have no
words for is English. Numbers, dates and times follow the same language through
``QLocale()`` (``QLocale.setDefault``).

The center's sentences (``core.domain.messages``) are said in the language here too
(``center_sentence``, ``said``): Qt's translation of the template of the code the center
answered, with its parameters; the center's own sentence for a code this program does not know
(a newer center). The templates are repeated below word for word, so that ``lupdate`` reads
them (tests/console/test_center_words.py keeps them equal to the center's).

Like ``console.ui``, the kiosk may import this module: it knows nothing of either program.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    Qt,
    QTranslator,
)

from core.domain.messages import GROUPED_PARAMS, NUMERIC_PARAMS, TIME_PARAMS, TO_THE_SECOND
from resources import path as resource_path

log = logging.getLogger(__name__)

#: The languages the programs' words are written in, by code, in their own words.
LANGUAGES: dict[str, str] = {"en": "English", "ar": "العربية"}
#: The language of the words in the source code.
SOURCE_LANGUAGE = "en"
#: ``--language system`` (the default): the system's language when we have it, else English.
SYSTEM = "system"
#: Our catalogue's file name: ``proctor_<code>.qm``.
CATALOGUE = "proctor"

_installed: list[QTranslator] = []
#: QLocale() as it was before the first install_language (restored by remove_language).
_first_default: list[QLocale] = []


def translations_dir() -> Path:
    return resource_path("translations")


def available_languages() -> tuple[str, ...]:
    return tuple(LANGUAGES)


def language_help() -> str:
    """The sentence for ``--language``'s help."""
    return (f"the language of the window's words: {', '.join(LANGUAGES)} or {SYSTEM} "
            f"(the default: the system's language, English when it is not one of these)")


def resolve_language(requested: str | None, locale: QLocale | None = None) -> str:
    """``requested`` (a code such as ``ar`` or ``ar_EG``, or ``system``/None) as one of
    ``LANGUAGES``; the system's languages are tried in their order of preference."""
    if requested and requested.strip().lower() != SYSTEM:
        return _base(requested)
    system = locale or QLocale.system()
    for name in [*system.uiLanguages(), system.name()]:
        code = _base(name)
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _base(code: str) -> str:
    """``ar-EG`` / ``ar_EG.UTF-8`` -> ``ar``; ``C`` -> ``c``."""
    return code.strip().replace("-", "_").split(".")[0].split("_")[0].lower()


def install_language(code: str, directory: Path | None = None) -> QLocale:
    """Install the translators of ``code`` on the running application (removing any installed
    before) and make ``QLocale()`` that language's. English installs nothing of ours. Returns
    the locale. ``directory``: where ``proctor_<code>.qm`` is (tests: a generated catalogue)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs the QApplication first")
    remove_language()
    if not _first_default:
        _first_default.append(QLocale())
    locale = QLocale(code)
    QLocale.setDefault(locale)
    folder = directory or translations_dir()
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{code}", str(folder)):
        app.installTranslator(ours)
        _installed.append(ours)
    elif code != SOURCE_LANGUAGE:
        log.warning("no translation %s_%s.qm in %s: the words stay English", CATALOGUE, code,
                    folder)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if code != SOURCE_LANGUAGE and qt.load(locale, "qtbase", "_", qt_folder):
        app.installTranslator(qt)
        _installed.append(qt)
    return locale


def remove_language() -> None:
    """Back to the source language (English, left-to-right)."""
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    if _first_default:
        QLocale.setDefault(_first_default[0])


def plural(translated: str, count: int) -> str:
    """English's plural where no catalogue has the sentence: the source texts write a plural
    as ``%n minute(s)`` (Qt's numerus form, which a translation gives in all its language's
    forms); untranslated, ``(s)`` is dropped for one and is ``s`` otherwise."""
    return translated.replace("(s)", "" if count == 1 else "s")


#: ``translate("Context", "Sentence")``: Qt's translation where there is no ``self.tr`` (module
#: functions); lupdate reads calls by this name.
translate = QCoreApplication.translate


def local_digits(text: str) -> str:
    """``10:42`` in the language's digits (Arabic-Indic in Arabic): for times and counts made
    by Python's formatting, at the moment they are shown."""
    zero = QLocale().zeroDigit()
    if zero == "0":
        return text
    return "".join(chr(ord(zero) + ord(c) - 48) if "0" <= c <= "9" else c for c in text)


# ---- the center's sentences -----------------------------------------------------------------
#: Qt's translation context of the center's sentences.
CONTEXT = "CenterMessages"

TEMPLATES: dict[str, str] = {
    "secret_required": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A valid secret is required: send 'Authorization: Bearer <key or "
        "token>'."),
    "exam_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages", "No exam has the id '{exam_id}'."),
    "exam_archived": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "“{title}” is archived, so no new attempt can start; ask the proctor to"
        " restore it or choose another exam."),
    "candidate_ref_length": QT_TRANSLATE_NOOP(
        "CenterMessages", "The candidate ID must be 1 to 100 characters."),
    "candidate_name_length": QT_TRANSLATE_NOOP(
        "CenterMessages", "The candidate name must be 1 to 200 characters."),
    "enrolment_code_unknown": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This enrolment code is not known. Check the code shown in the console "
        "and type it again."),
    "enrolment_code_used": QT_TRANSLATE_NOOP(
        "CenterMessages", "This enrolment code was already used. Ask the proctor for a new code."),
    "enrolment_code_expired": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This enrolment code has expired (codes work for {minutes} minutes). "
        "Ask the proctor for a new code."),
    "enrolment_code_wrong_too_often": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Too many wrong enrolment codes from this computer; wait {seconds} "
        "seconds and type the code again."),
    "attempt_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages", "No attempt has the id '{attempt_id}'."),
    "attempt_ended": QT_TRANSLATE_NOOP(
        "CenterMessages", "This attempt has already ended ({status}); nothing was changed."),
    "attempt_ended_at": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This attempt has already ended ({status}) at {at}; nothing was "
        "changed."),
    "proctoring_disabled": QT_TRANSLATE_NOOP(
        "CenterMessages", "Proctoring is off for this exam, so it takes no snapshots or events."),
    "submit_after_deadline": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Submit was pressed at {pressed_at}, after the time ran out at "
        "{deadline_at}; the attempt stays expired."),
    "submit_before_last_contact": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Submit was pressed at {pressed_at}, before the kiosk's last contact "
        "with the center at {last_contact_at}, so the hand-in was not cut off "
        "by the network; the attempt stays expired."),
    "warning_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages", "No warning '{warning_id}' was sent to this attempt."),
    "storage_full": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The media storage is full, so nothing was stored; the upload may be "
        "retried once space is freed."),
    "database_full": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The database storage is full, so nothing was stored; the request may "
        "be retried once space is freed."),
    "database_unreachable": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The exam center's database is not answering right now, so the request "
        "was not carried out; try again in a few seconds."),
    "server_error": QT_TRANSLATE_NOOP(
        "CenterMessages", "Something went wrong on the server; the error was logged."),
    "session_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages", "No proctor session has the id '{session_id}'."),
    "session_ended": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This proctor session has already ended ({status}); nothing was "
        "changed."),
    "session_ended_at": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This proctor session has already ended ({status}) at {at}; nothing was"
        " changed."),
    "already_terminated": QT_TRANSLATE_NOOP(
        "CenterMessages", "Already terminated by {actor} at {at}."),
    "already_terminated_by_a_proctor": QT_TRANSLATE_NOOP(
        "CenterMessages", "Already terminated by a proctor at {at}."),
    "sample_session_read_only": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Sample sessions are for display only; start a real exam attempt to act"
        " on a session."),
    "session_already_paused": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This session is already paused (since {since}); resume it first. "
        "Nothing was changed."),
    "session_not_paused": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This session is not paused, so there is nothing to resume; nothing was"
        " changed."),
    "review_while_active": QT_TRANSLATE_NOOP(
        "CenterMessages", "A session is reviewed after it ends; this one is still active."),
    "username_taken": QT_TRANSLATE_NOOP(
        "CenterMessages", "The username '{username}' is taken; choose another."),
    "extra_time_range": QT_TRANSLATE_NOOP(
        "CenterMessages", "Extra time must be 1 to {max_minutes} whole minutes."),
    # -- center-words: sign-in and secrets, fields, images, exams, accounts, webhooks --------
    "sign_in_refused": QT_TRANSLATE_NOOP("CenterMessages", "The username or password is wrong."),
    "account_disabled": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This proctor account is disabled; ask an administrator."),
    "sign_in_locked": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Too many failed sign-ins for this username from this computer; try again in "
        "{minutes} minutes."),
    "sign_in_locked_minute": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Too many failed sign-ins for this username from this computer; try again in 1 "
        "minute."),
    "too_many_sign_ins": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Too many sign-ins from this computer in the last minute; try again in {seconds} "
        "seconds."),
    "too_many_sign_ins_second": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Too many sign-ins from this computer in the last minute; try again in 1 second."),
    "token_account_disabled": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The proctor account of {name} was disabled by an administrator, so this sign-in "
        "has ended. Sign in with another account, or ask the center's administrator."),
    "token_signed_out": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This sign-in was signed out (on this console or another), so the center no "
        "longer accepts it. Sign in again."),
    "token_expired": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This sign-in expired at {at} (a sign-in lasts {hours} hours). Sign in again."),
    "not_allowed_staff": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to use proctor or administrator functions."),
    "not_allowed_kiosk": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to list exams or start attempts."),
    "not_allowed_attempt": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to act on this attempt."),
    "not_allowed_submit": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to submit this attempt."),
    "not_allowed_end_attempts": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to force-end attempts."),
    "not_allowed_read_sessions": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to read proctor sessions."),
    "not_allowed_manage_proctors": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to manage proctor accounts; only the admin key may."),
    "not_allowed_manage_integrations": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to manage webhooks and integration keys; only the "
        "admin key may."),
    "not_allowed_signed_in": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to sign out: only a proctor token signs out."),
    "not_allowed_list_archived": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This secret is not allowed to list archived exams."),
    "readiness_override_refused": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Letting a kiosk that is not ready start is a proctor's decision: a proctor signs"
        " in at the kiosk (or the administrator's key is used); the kiosk key alone "
        "cannot."),
    "body_not_json": QT_TRANSLATE_NOOP("CenterMessages", "The request body is not valid JSON."),
    "field_required": QT_TRANSLATE_NOOP("CenterMessages", "The field '{field}' is required."),
    "body_required": QT_TRANSLATE_NOOP("CenterMessages", "A body is required."),
    "field_too_short": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The field '{field}' needs at least {limit} characters."),
    "field_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The field '{field}' can be at most {limit} characters."),
    "field_too_small": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The field '{field}' must be at least {limit}."),
    "field_too_large": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The field '{field}' must be at most {limit}."),
    "field_not_whole_number": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The field '{field}' must be a whole number."),
    "field_not_text": QT_TRANSLATE_NOOP("CenterMessages", "The field '{field}' must be text."),
    "field_not_true_or_false": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The field '{field}' must be true or false."),
    "field_invalid": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The field '{field}' is invalid: {reason}."),
    "body_invalid": QT_TRANSLATE_NOOP("CenterMessages", "The request body is invalid: {reason}."),
    "request_invalid": QT_TRANSLATE_NOOP("CenterMessages", "The request is invalid."),
    "time_invalid": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "{field} must be an ISO 8601 time such as 2026-01-15T09:30:00Z."),
    "username_invalid": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A username is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a "
        "letter or digit."),
    "display_name_length": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A display name must be 1 to {limit} characters."),
    "display_name_control": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A display name cannot contain control characters."),
    "password_too_short": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A password needs at least {limit} characters."),
    "password_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A password can be at most {limit} characters."),
    "seat_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A seat can be at most {limit} characters."),
    "seat_control": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A seat cannot contain control characters."),
    "room_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A room can be at most {limit} characters."),
    "room_control": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A room cannot contain control characters."),
    "image_empty": QT_TRANSLATE_NOOP("CenterMessages", "The image is empty."),
    "image_too_big": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The image is {size} bytes; at most {max_bytes} are accepted."),
    "image_not_jpeg_or_png": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Only JPEG and PNG images are accepted, and this file is neither."),
    "image_header_unreadable": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The file starts like a {kind} image but its header cannot be read."),
    "image_unreadable": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The {kind} image cannot be read ({reason})."),
    "image_text_too_large": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The PNG image carries too much metadata in its text chunks (at most {limit} MB "
        "each); send the picture without it."),
    "image_too_many_pixels": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The image is {width}x{height} pixels; at most {limit} pixels on a side are "
        "accepted."),
    "image_far_too_many_pixels": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The image is too large; at most {limit} pixels on a side are accepted."),
    "image_damaged": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The {kind} image is damaged or incomplete and cannot be decoded ({reason})."),
    "exam_already_started": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "{count} candidates have already started “{title}”, so only its title can change "
        "now, not its {fields}; for that, create a new exam and archive this one."),
    "exam_already_started_one": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "1 candidate has already started “{title}”, so only its title can change now, not "
        "its {fields}; for that, create a new exam and archive this one."),
    "exam_title_required": QT_TRANSLATE_NOOP("CenterMessages", "An exam needs a title."),
    "exam_title_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "An exam title can be at most {limit} characters."),
    "exam_duration_range": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "An exam lasts between 1 second and 7 days."),
    "snapshot_interval_range": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The snapshot interval must be between {min_seconds} and {max_seconds} seconds."),
    "proctor_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No proctor account has the id '{proctor_id}'."),
    "webhook_url_invalid": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The webhook URL must be an http:// or https:// address with a host, such as "
        "https://exams.example.org/proctoring/hooks."),
    "webhook_url_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The webhook URL can be at most {limit} characters."),
    "webhook_events_required": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A webhook needs at least one event type: choose from {types}."),
    "webhook_event_unknown": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "'{event}' is not a webhook event type; the types are {types}."),
    "webhook_description_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The description can be at most {limit} characters."),
    "webhook_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No webhook has the id '{webhook_id}'."),
    "delivery_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This webhook has no delivery with the id '{delivery_id}'."),
    "integration_key_name": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "An integration key needs a name of 1 to {limit} characters, such as the exam "
        "system's."),
    "integration_key_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No integration key has the id '{key_id}'."),
    # -- center-words: an LTI login or launch refused -------------------------------------
    "lti_wrong_target": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This launch is addressed to {target}, not to this tool's launch URL "
        "{launch_url}; the exam platform's administrator sets the link's target link URI "
        "to that launch URL."),
    "lti_login_incomplete": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "An LTI login needs iss, login_hint and target_link_uri from the exam platform; "
        "open the exam again from the platform."),
    "lti_issuer_not_registered": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No platform with the issuer {issuer} is registered with this center; its "
        "administrator registers it first."),
    "lti_client_not_registered": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No platform with the issuer {issuer} and the client id {client_id} is registered"
        " with this center; its administrator registers it first."),
    "lti_client_id_needed": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Several clients of {issuer} are registered: the login must name its client_id."),
    "lti_deployment_not_registered": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The deployment {deployment} of {issuer} is not registered with this center; its "
        "administrator registers that deployment first."),
    "lti_launch_incomplete": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A launch needs the platform's id_token and the login's state; open the exam "
        "again from the exam platform."),
    "lti_other_browser": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This launch did not begin in this browser: its login's state cookie is missing "
        "while the browser holds another login's; open the exam again from the exam "
        "platform."),
    "lti_state_unknown": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This launch's state is unknown or has expired; open the exam again from the exam"
        " platform."),
    "lti_launch_replayed": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This launch was already used (its nonce was replayed); open the exam again from "
        "the exam platform."),
    "lti_wrong_version": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This tool speaks LTI {version}; the launch said {said}."),
    "lti_target_missing": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The launch lacks its target_link_uri; the platform must send it (this tool's "
        "launch URL, {launch_url})."),
    "lti_wrong_message_type": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This tool takes {start} and {end} launches, not {kind}."),
    "lti_unknown_key": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token is signed with a key the platform does not publish at {jwks_url}."),
    "lti_bad_signature": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token's signature does not match the platform's keys at {jwks_url}; it "
        "was not signed by {issuer}."),
    "lti_unreadable_token": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token is not a JWT signed with RS256 that this tool can read."),
    "lti_other_issuer": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token's issuer {issuer} is not the platform this login began with, nor "
        "registered."),
    "lti_other_audience": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token is meant for {audience}, not for this tool (client id {client_id})."),
    "lti_token_times_missing": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token lacks its exp or iat time."),
    "lti_token_expired": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token has expired; open the exam again from the exam platform (and check "
        "both clocks if it keeps happening)."),
    "lti_token_from_the_future": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token was issued in the future: the platform's clock and this center's "
        "differ; set both right."),
    "lti_wrong_nonce": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The id_token's nonce is not the one this login gave (a replayed or foreign "
        "token); open the exam again from the exam platform."),
    "lti_no_user": QT_TRANSLATE_NOOP("CenterMessages", "The id_token names no user (sub)."),
    "lti_claims_missing": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The {kind} launch lacks {missing}; the platform must send them."),
    "lti_no_exam": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No exam is set for this link: give the link the custom parameter exam_id=<the "
        "center's exam id>, or register the platform with an exam_id."),
    "lti_exam_not_found": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No exam has the id '{exam_id}'. Set the link's custom exam_id to an exam of this"
        " center."),
    "lti_no_attempt": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "No proctored attempt of this center matches this {kind} (resource link {link}, "
        "attempt {attempt})."),
    # -- center-words: a proctor's action, an accommodation, a readiness override refused -
    "flag_reason_required": QT_TRANSLATE_NOOP("CenterMessages", "A flag needs a reason."),
    "warning_message_required": QT_TRANSLATE_NOOP("CenterMessages", "A warning needs a message."),
    "terminate_reason_required": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Terminating needs a reason."),
    "pause_reason_required": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "A pause needs a reason; the candidate is shown it."),
    "extra_time_reason_required": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Extra time needs a reason."),
    "text_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "That text is too long: at most {limit} characters."),
    "reason_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The reason can be at most {limit} characters."),
    "review_outcome_unknown": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The review outcome must be one of: {choices}."),
    "no_such_warning": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "This session has no such warning; nothing was changed."),
    "extra_percent_range": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "extra_percent must be 0 to {limit}."),
    "extra_minutes_range": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "extra_minutes must be 0 to {limit} (a day)."),
    "not_exemptable": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "'{kind}' cannot be exempted; the event types that weigh on the risk are: "
        "{types}."),
    "note_too_long": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "The note can be at most {limit} characters."),
    "override_reason_length": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "Letting a kiosk through needs a reason of 1 to {limit} characters; it goes on "
        "the timeline."),
    "not_ready_lines": QT_TRANSLATE_NOOP(
        "CenterMessages",
        "At most {count} lines of what was not ready, each at most {limit} characters."),
}

#: The statuses a sentence names, in the reader's words.
STATUS_WORDS: dict[str, str] = {
    "submitted": QT_TRANSLATE_NOOP("CenterMessages", "submitted"),
    "expired": QT_TRANSLATE_NOOP("CenterMessages", "expired"),
    "terminated": QT_TRANSLATE_NOOP("CenterMessages", "terminated"),
    "completed": QT_TRANSLATE_NOOP("CenterMessages", "completed"),
    "cancelled": QT_TRANSLATE_NOOP("CenterMessages", "cancelled"),
}

#: An exam's fields a sentence names (``core.domain.messages.EXAM_FIELD_WORDS``), in the
#: reader's words; the parameter ``fields`` holds their names, comma-separated.
EXAM_FIELD_WORDS: dict[str, str] = {
    "duration_seconds": QT_TRANSLATE_NOOP("CenterMessages", "duration"),
    "proctoring_enabled": QT_TRANSLATE_NOOP("CenterMessages", "proctoring"),
    "snapshot_interval_seconds": QT_TRANSLATE_NOOP("CenterMessages", "snapshot interval"),
}


def joined_fields(value: str) -> str:
    """``duration_seconds,snapshot_interval_seconds`` in the reader's words, joined as the
    language joins the last of a list ("duration or snapshot interval")."""
    words = [QCoreApplication.translate(CONTEXT, EXAM_FIELD_WORDS[name])
             if name in EXAM_FIELD_WORDS else name for name in value.split(",") if name]
    if len(words) <= 1:
        return "".join(words)
    return QCoreApplication.translate("CenterMessages", "{some} or {last}").format(
        some=QCoreApplication.translate("CenterMessages", ", ").join(words[:-1]),
        last=words[-1])


def local_time_of_day(value: str, *, seconds: bool = False) -> str | None:
    """An ISO 8601 moment (``2026-01-15T10:42:05+00:00``) as a time of day in this computer's
    time zone, written as the language writes it (its digits, its AM/PM); None for a value
    that is not ISO 8601 (an older center's ``10:42 UTC``)."""
    moment = QDateTime.fromString(value, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return None
    locale = QLocale()
    form = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in form:
        form = form.replace("mm", "mm:ss")
    return locale.toString(moment.toLocalTime().time(), form)


def center_sentence(code: str | None, params: Mapping[str, str] | None, sentence: str) -> str:
    """The center's ``sentence`` in this program's language: the translation of ``code``'s
    template with ``params`` (numbers and times in the language's digits, statuses in its
    words); ``sentence`` itself when the code is unknown here or its parameters do not fit."""
    template = TEMPLATES.get(code or "")
    if template is None:
        return sentence
    values = {}
    for name, value in (params or {}).items():
        if name == "status" and value in STATUS_WORDS:
            value = QCoreApplication.translate(CONTEXT, STATUS_WORDS[value])
        elif name in TIME_PARAMS and (
                local := local_time_of_day(value, seconds=code in TO_THE_SECOND)) is not None:
            value = local
        elif name == "fields":
            value = joined_fields(value)
        elif name in GROUPED_PARAMS and value.isdigit():
            value = QLocale().toString(int(value))
        elif name in NUMERIC_PARAMS:
            value = local_digits(value)
        values[name] = value
    try:
        return QCoreApplication.translate(CONTEXT, template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation or a center out of step
        return sentence


def said(error: BaseException) -> str:
    """An error's sentence in this program's language: one with the center's ``code`` (an
    ``ApiError``, a ``DomainError``) translated, any other as ``str(error)`` says it."""
    sentence = getattr(error, "detail", None)
    if not isinstance(sentence, str):
        sentence = getattr(error, "message", None)
    if not isinstance(sentence, str):
        sentence = str(error)
    return center_sentence(getattr(error, "code", None), getattr(error, "params", None), sentence)


# ---- console-rtl: the connection's own sentences (core.net.pinning, core.client) -------------
# Qt's translation context "CenterConnection": what both programs say about reaching the center.


def not_pinned_sentence(server_url: str) -> str:
    """``CenterNotPinned``'s sentence in this program's language: an https address whose
    certificate this computer has no fingerprint for."""
    return QCoreApplication.translate(
        "CenterConnection",
        "The center at {address} uses its own certificate, and this computer has no "
        "fingerprint for it. Enrol it with the enrolment file or code from the proctor "
        "(or give --fingerprint sha256:… as printed by the server).").format(address=server_url)


def https_only_sentence(server_url: str) -> str:
    """``ServesHttpsOnly``'s sentence in this program's language: an ``http://`` address whose
    port speaks TLS, and the address to use instead."""
    https = "https://" + server_url.split("://", 1)[-1]
    return QCoreApplication.translate(
        "CenterConnection",
        "The center at {address} serves HTTPS only: use {https} with the center's "
        "fingerprint (the console's Connect kiosks shows it).").format(
        address=server_url, https=https)


def embedded(words: str) -> str:
    """What a person wrote (a reason, a note), placed inside a sentence of the program's
    language: in a right-to-left language, words whose first letter is Latin are held between
    two left-to-right marks, so that their own punctuation (a final ".") stays at their end
    instead of jumping to the other side of the line. Unchanged otherwise."""
    if QCoreApplication.instance() is None or not _is_right_to_left():
        return words
    return held_left_to_right(words)


def held_left_to_right(text: str) -> str:
    """``text`` between two left-to-right marks when its first strong letter is Latin (so in a
    right-to-left line its "…" and closing punctuation stay at its right end, a leading "+25 %"
    at its left); unchanged when it starts right to left or has no letter."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "\u200e" + text + "\u200e"
        if kind in ("R", "AL"):
            break
    return text


def _is_right_to_left() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.isRightToLeft()
