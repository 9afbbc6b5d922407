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
    QLibraryInfo,
    QLocale,
    QTranslator,
)

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
}

#: The statuses a sentence names, in the reader's words.
STATUS_WORDS: dict[str, str] = {
    "submitted": QT_TRANSLATE_NOOP("CenterMessages", "submitted"),
    "expired": QT_TRANSLATE_NOOP("CenterMessages", "expired"),
    "terminated": QT_TRANSLATE_NOOP("CenterMessages", "terminated"),
    "completed": QT_TRANSLATE_NOOP("CenterMessages", "completed"),
    "cancelled": QT_TRANSLATE_NOOP("CenterMessages", "cancelled"),
}

#: Parameters holding a time of day or a number (``core.domain.messages.NUMERIC_PARAMS``).
NUMERIC_PARAMS = frozenset({"at", "since", "pressed_at", "deadline_at", "last_contact_at",
                            "minutes", "seconds", "max_minutes"})


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
    for char in words:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "\u200e" + words + "\u200e"
        if kind in ("R", "AL"):
            break
    return words


def _is_right_to_left() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.isRightToLeft()
