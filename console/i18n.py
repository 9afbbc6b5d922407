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

Like ``console.ui``, the kiosk may import this module: it knows nothing of either program.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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
