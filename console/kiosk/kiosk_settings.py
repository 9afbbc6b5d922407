"""KioskSettings: what a kiosk needs to join an exam, from the command line and config files.

Where a value comes from, first found wins:

1. the command line: flags, then the JSON file ``--config FILE`` names;
2. the machine-wide file a center's IT prepares (``kiosk.toml``: ``/etc/proctor-console/`` on
   Linux, the platform's site configuration folder elsewhere, or ``PROCTOR_KIOSK_MACHINE_CONFIG``);
   a kiosk with that file is *managed*: its join form shows the candidate only the
   candidate's fields;
3. the user's settings (``kiosk.toml`` in the user's configuration folder,
   ``~/.config/proctor-candidate/`` on Linux).

When the server, kiosk key, exam, candidate ID and name are all known the kiosk is
*provisioned* and starts the attempt at once, without waiting for the candidate.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

CONFIG_KEYS = (
    "server", "kiosk_key", "exam_id", "candidate_ref", "candidate_name", "seat", "room",
    "camera", "spool_dir",
)
#: What the machine-wide and the user's kiosk.toml may hold.
TOML_KEYS = ("server", "fingerprint", "kiosk_key", "camera", "room", "seat", "language",
             "fullscreen", "exam_id", "spool_dir")
#: Languages the kiosk's words are written in (``console.i18n.LANGUAGES``'s codes; this module
#: is read before Qt is imported); ``system``: the system's language (English if not one of them).
LANGUAGES = ("en", "ar")
SYSTEM_LANGUAGE = "system"
MACHINE_CONFIG_ENV = "PROCTOR_KIOSK_MACHINE_CONFIG"
#: The longest seat label the server keeps.
MAX_SEAT = 40
#: The longest room name the server keeps.
MAX_ROOM = 40

HELP_EPILOG = """\
kiosk config file (--config FILE):
  A JSON object with any of these keys (flags given on the command line win):
    {
      "server": "http://exam-server:8765",
      "kiosk_key": "the kiosk key from the server's keys.json",
      "exam_id": "the exam to start",
      "candidate_ref": "C-1042",
      "candidate_name": "Ada Lovelace",
      "seat": "B-14",
      "camera": "0",
      "spool_dir": "/var/lib/proctor-candidate/spool"
    }
  With server, kiosk_key, exam_id, candidate_ref and candidate_name all given, the exam
  starts at once (pre-provisioned kiosk). Otherwise the join form opens, filled with what
  is known. Restarting the kiosk during an attempt resumes the same attempt.

managed kiosk (a machine-wide kiosk.toml, prepared by the center's IT):
  /etc/proctor-console/kiosk.toml on Linux (the site configuration folder elsewhere;
  PROCTOR_KIOSK_MACHINE_CONFIG names another file), for example:
    server = "https://10.0.0.5:8765"
    fingerprint = "sha256:eabade89..."
    kiosk_key = "the kiosk key"
    camera = "0"
    room = "Hall 2"
    seat = "B-14"
    language = "ar"
    fullscreen = true
  With it, the join form shows the candidate only the candidate's fields (ID and name; the
  exam too when several run); so does --fullscreen. The user's kiosk.toml (in the user's
  configuration folder, ~/.config/proctor-candidate/ on Linux) takes the same keys.
  Precedence: the command line (flags, then --config) > the machine-wide file > the user's.

seat:
  Where the candidate sits, e.g. B-14 (at most 40 characters); the proctor sees it next to
  the candidate. Without --seat it is this computer's host name, and the join form lets the
  candidate change it.

camera:
  A device index (0 is the first webcam), the path of a video file (played in a loop), or
  "synthetic" for a generated moving test picture (demos and tests).

spool:
  Every snapshot is written to the spool folder before it is sent, and removed only when the
  server has stored it, so pictures taken while the server is unreachable are sent later, in
  order, even after a restart.
"""


class SettingsError(ValueError):
    """A setting cannot be used; the message says which and what to do. ``words`` and
    ``values``: the English sentence before its values were put in (the join form shows its
    translation, context "KioskSettings"); None for the command line's own sentences."""

    def __init__(self, message: str, words: str | None = None,
                 values: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.words = words
        self.values = values or {}

    @classmethod
    def of(cls, words: str, **values: object) -> SettingsError:
        return cls(words.format(**values), words, values)


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:
    """Marks a sentence for lupdate without importing Qt (this module is read before Qt)."""
    return text


def machine_config_path() -> Path:
    """The machine-wide kiosk.toml: ``$PROCTOR_KIOSK_MACHINE_CONFIG`` when set, else
    ``/etc/proctor-console/kiosk.toml`` on Linux and the site configuration folder of
    ``platformdirs`` elsewhere (``C:\\ProgramData\\proctor-console`` on Windows,
    ``/Library/Application Support/proctor-console`` on macOS)."""
    given = os.environ.get(MACHINE_CONFIG_ENV)
    if given:
        return Path(given).expanduser()
    if sys.platform.startswith("linux"):
        return Path("/etc/proctor-console/kiosk.toml")
    return platformdirs.site_config_path("proctor-console", appauthor=False) / "kiosk.toml"


def user_config_path() -> Path:
    """The user's kiosk.toml (``$XDG_CONFIG_HOME/proctor-candidate/kiosk.toml`` on Linux)."""
    return platformdirs.user_config_path("proctor-candidate", appauthor=False) / "kiosk.toml"


def default_spool_dir() -> Path:
    """Where frames wait for the server: the user's data folder, per platform
    (``$XDG_DATA_HOME/proctor-candidate/spool`` on Linux, ``~/.local/share/...`` by default)."""
    return platformdirs.user_data_path("proctor-candidate", appauthor=False) / "spool"


def default_seat() -> str:
    """The seat a kiosk reports unless told: this computer's host name (kiosks are often named
    after their seat), cut to the length the server keeps."""
    return socket.gethostname().strip()[:MAX_SEAT]


def normalize_server_url(text: str) -> str:
    """``exam-server:8765`` -> ``http://exam-server:8765``; refuse what is not an http(s) URL."""
    text = text.strip()
    if not text:
        raise SettingsError.of(QT_TRANSLATE_NOOP(
            "KioskSettings", "Enter the server address, for example http://exam-server:8765."))
    if "://" not in text:
        text = f"http://{text}"
    text = text.rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError.of(QT_TRANSLATE_NOOP(
            "KioskSettings", "{text} is not a server address; use the form "
            "http://exam-server:8765."), text=repr(text))
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise SettingsError.of(QT_TRANSLATE_NOOP(
            "KioskSettings", "The port in {text} is not a number from 1 to 65535."),
            text=repr(text)) from None
    return text


@dataclass(frozen=True)
class KioskSettings:
    server_url: str | None = None
    kiosk_key: str | None = None
    exam_id: str | None = None
    candidate_ref: str | None = None
    candidate_name: str | None = None
    #: Where the candidate sits; blank: none.
    seat: str = field(default_factory=default_seat)
    #: The exam room (sent on start; the proctors filter by it); None: none.
    room: str | None = None
    camera: str = "0"
    spool_dir: Path = field(default_factory=default_spool_dir)
    #: Developer and demo overrides; None means "as the server says" / the built-in default.
    snapshot_interval_seconds: float | None = None
    heartbeat_seconds: float | None = None
    is_fullscreen: bool = False
    #: The center's certificate fingerprint (``sha256:HEX``) from a config file: pinned.
    fingerprint: str | None = None
    #: A code of LANGUAGES, or "system" (the system's language).
    language: str = SYSTEM_LANGUAGE
    #: The machine-wide file was read: the candidate sees only the candidate's fields.
    is_managed: bool = False

    @property
    def shows_only_candidate_fields(self) -> bool:
        """Managed or full screen: no server address, kiosk key or enrolment on the form."""
        return self.is_managed or self.is_fullscreen

    @property
    def is_provisioned(self) -> bool:
        """Everything needed to start is known: start the attempt without the join form."""
        return all((self.server_url, self.kiosk_key, self.exam_id, self.candidate_ref,
                    self.candidate_name))

    def with_join(self, server_url: str, kiosk_key: str, exam_id: str, candidate_ref: str,
                  candidate_name: str, seat: str | None = None) -> KioskSettings:
        return replace(self, server_url=server_url, kiosk_key=kiosk_key, exam_id=exam_id,
                       candidate_ref=candidate_ref, candidate_name=candidate_name,
                       seat=self.seat if seat is None else seat)

    # ---- parsing -------------------------------------------------------------------------------
    @classmethod
    def from_args(cls, argv: list[str] | None = None) -> KioskSettings:
        """Parse flags (and the config file they name); exit with status 2 and a clear message
        on bad input, like every command-line tool."""
        parser = build_parser()
        args = parser.parse_args(argv)
        try:
            machine = machine_config_path()
            values = _read_toml(user_config_path(), "user's kiosk settings")
            managed = _read_toml(machine, "machine-wide kiosk configuration")
            values.update(managed)
            if args.config:
                values.update(_read_config(args.config))
            settings = cls.from_values(values, vars(args))
        except SettingsError as exc:
            parser.error(str(exc))
        return replace(settings, is_managed=machine.is_file())

    @classmethod
    def from_values(cls, file_values: dict[str, object], flag_values: dict[str, object]) -> (
            KioskSettings):
        merged: dict[str, object] = {}
        for key in CONFIG_KEYS:
            value = flag_values.get(key)
            if value is None:
                value = file_values.get(key)
            if value is not None and str(value).strip() != "":
                merged[key] = str(value).strip()
        server = merged.get("server")
        spool = merged.get("spool_dir")
        interval = flag_values.get("snapshot_interval")
        heartbeat = flag_values.get("heartbeat_seconds")
        if interval is not None and not 1 <= float(interval) <= 3600:  # type: ignore[arg-type]
            raise SettingsError("--snapshot-interval must be between 1 and 3600 seconds.")
        if heartbeat is not None and not 0.2 <= float(heartbeat) <= 600:  # type: ignore[arg-type]
            raise SettingsError("--heartbeat-seconds must be between 0.2 and 600 seconds.")
        seat = str(merged.get("seat", default_seat()))
        if len(seat) > MAX_SEAT:
            raise SettingsError(f"The seat {seat!r} is too long: use at most {MAX_SEAT} "
                                "characters, for example B-14.")
        # A file's fingerprint is its center's: with --server naming another, only a flag's counts.
        fingerprint = _optional(flag_values.get("fingerprint") or (
            None if flag_values.get("server") else file_values.get("fingerprint")))
        if fingerprint is not None:
            from core.client import PinError, normalize_fingerprint

            try:
                fingerprint = normalize_fingerprint(fingerprint)
            except PinError as exc:
                raise SettingsError(str(exc)) from None
        language = str(flag_values.get("language") or file_values.get("language")
                       or SYSTEM_LANGUAGE).strip().lower()
        if language not in (*LANGUAGES, SYSTEM_LANGUAGE):
            raise SettingsError(f"The language {language!r} is not available; the kiosk speaks "
                                f"{', '.join(LANGUAGES)} (or {SYSTEM_LANGUAGE}: the system's).")
        fullscreen = file_values.get("fullscreen", False)
        if not isinstance(fullscreen, bool):
            raise SettingsError("fullscreen must be true or false.")
        room = _optional(merged.get("room"))
        if room is not None and len(room) > MAX_ROOM:
            raise SettingsError(f"The room {room!r} is too long: use at most {MAX_ROOM} "
                                "characters, for example Hall 2.")
        return cls(
            server_url=normalize_server_url(str(server)) if server else None,
            kiosk_key=_optional(merged.get("kiosk_key")),
            exam_id=_optional(merged.get("exam_id")),
            candidate_ref=_optional(merged.get("candidate_ref")),
            candidate_name=_optional(merged.get("candidate_name")),
            seat=seat,
            room=room,
            camera=str(merged.get("camera", "0")),
            spool_dir=Path(str(spool)).expanduser() if spool else default_spool_dir(),
            snapshot_interval_seconds=float(interval) if interval is not None else None,  # type: ignore[arg-type]
            heartbeat_seconds=float(heartbeat) if heartbeat is not None else None,  # type: ignore[arg-type]
            is_fullscreen=bool(flag_values.get("fullscreen")) or fullscreen,
            fingerprint=fingerprint,
            language=language,
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="proctor-candidate",
        description="The candidate kiosk: joins an exam, shows the timer and proctor messages, "
                    "and sends webcam snapshots to the proctor console.",
        epilog=HELP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--server", help="address of the console or proctor-server, "
                        "e.g. http://exam-server:8765")
    parser.add_argument("--kiosk-key", dest="kiosk_key", help="the kiosk key of that server")
    parser.add_argument("--exam-id", dest="exam_id", help="the exam to start")
    parser.add_argument("--candidate-ref", dest="candidate_ref", help="the candidate's ID")
    parser.add_argument("--candidate-name", dest="candidate_name", help="the candidate's name")
    parser.add_argument("--seat", help="where the candidate sits, e.g. B-14 (default: this "
                                       "computer's host name)")
    parser.add_argument("--room", help="the exam room, e.g. 'Hall 2' (sent with the seat)")
    parser.add_argument("--camera", help="device index (default 0), a video file, or 'synthetic'")
    parser.add_argument("--config", metavar="FILE", help="JSON kiosk config file (see below)")
    parser.add_argument("--spool-dir", dest="spool_dir", metavar="DIR",
                        help=f"where snapshots wait until the server has them "
                             f"(default {default_spool_dir()})")
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen (kiosk mode)")
    parser.add_argument("--language", metavar="CODE",
                        help=f"the language of the kiosk's words: {', '.join(LANGUAGES)} or "
                             f"{SYSTEM_LANGUAGE} (default: kiosk.toml's language, else the "
                             "system's; English when the system's is none of these)")
    parser.add_argument("--snapshot-interval", dest="snapshot_interval", type=float,
                        metavar="SECONDS",
                        help="take snapshots this often instead of the exam's interval (demos)")
    parser.add_argument("--heartbeat-seconds", dest="heartbeat_seconds", type=float,
                        metavar="SECONDS", help="ask the server for news this often (default 5)")
    from console.kiosk.joining.enrolment_args import add_enrolment_arguments

    add_enrolment_arguments(parser)
    return parser


def _read_config(path_text: str) -> dict[str, object]:
    path = Path(path_text).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(
            f"The kiosk config file {path} cannot be read ({exc.strerror})."
        ) from exc
    try:
        values = json.loads(text)
    except ValueError as exc:
        raise SettingsError(f"The kiosk config file {path} is not valid JSON ({exc}).") from exc
    if not isinstance(values, dict):
        raise SettingsError(f"The kiosk config file {path} must hold a JSON object.")
    unknown = sorted(set(values) - set(CONFIG_KEYS))
    if unknown:
        raise SettingsError(
            f"The kiosk config file {path} has unknown keys: {', '.join(unknown)}. "
            f"Known keys: {', '.join(CONFIG_KEYS)}."
        )
    return values


def _read_toml(path: Path, what: str) -> dict[str, object]:
    """A kiosk.toml's values ({} when there is none); a sentence naming the file otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SettingsError(f"The {what} {path} cannot be read ({exc.strerror}).") from exc
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"The {what} {path} is not valid TOML ({exc}).") from exc
    unknown = sorted(set(values) - set(TOML_KEYS))
    if unknown:
        raise SettingsError(f"The {what} {path} has unknown keys: {', '.join(unknown)}. Known "
                            f"keys: {', '.join(TOML_KEYS)}.")
    for key, value in values.items():
        wanted = (bool,) if key == "fullscreen" else (str, int)
        if isinstance(value, bool) != (key == "fullscreen") or not isinstance(value, wanted):
            kind = "true or false" if key == "fullscreen" else "text in quotes"
            raise SettingsError(f"In the {what} {path}, {key} must be {kind}.")
    language = str(values.get("language", SYSTEM_LANGUAGE)).strip().lower()
    if language not in (*LANGUAGES, SYSTEM_LANGUAGE):
        raise SettingsError(f"The language {language!r} in the {what} {path} is not available; "
                            f"the kiosk speaks {', '.join(LANGUAGES)}.")
    return values


def _optional(value: object) -> str | None:
    return str(value) if value is not None else None
