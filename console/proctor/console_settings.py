"""ConsoleSettings: the console's remembered choices, typed, over one QSettings INI file
(``<data dir>/console.ini``). Every window reads and writes them through this class: no raw
keys, no "false"-the-string surprises from INI files.

The values it remembers that windows also name (the grid's ``SortKey``, the proctor's
``AlertSettings``) are plain values in settings_values.py, below the settings, the grid and the
alerts: the settings import nothing above them."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from console.proctor.settings_values import (
    MAX_SILENT_AFTER_SECONDS,
    MIN_SILENT_AFTER_SECONDS,
    AlertSettings,
    SortKey,
)
from core.domain.alerts import AlertKind

FILE_NAME = "console.ini"

_SHOW_SAMPLES = "proctor_center/show_samples"
_SORT = "proctor_center/sort"
_GEOMETRY = "proctor_center/geometry"
_HAD_REAL_SESSION = "proctor_center/had_real_session"
_EXPORT_DIR = "session_details/export_dir"
_DESK_NAME = "console/desk_name"
_WATCHED_ROOM = "proctor_center/watched_room"
REMOTE_FILE_NAME = "remote-console.ini"
_CENTER_URL = "center/last_url"
_CENTER_USERNAME = "center/last_username"
_CENTER_FINGERPRINTS = "center/fingerprints"
_LISTEN_ON_NETWORK = "server/listen_on_network"
_ALERTS = "alerts"


class ConsoleSettings:
    def __init__(self, store: QSettings) -> None:
        self._store = store

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> ConsoleSettings:
        return cls(QSettings(str(data_dir / FILE_NAME), QSettings.Format.IniFormat))

    @classmethod
    def for_remote_console(cls) -> ConsoleSettings:
        """A console of another computer's center has no data dir: its choices live in this
        user's configuration folder (platformdirs)."""
        folder = platformdirs.user_config_path("proctor-console", appauthor=False)
        return cls(QSettings(str(folder / REMOTE_FILE_NAME), QSettings.Format.IniFormat))

    @property
    def file_name(self) -> str:
        return self._store.fileName()

    def sync(self) -> None:
        """Write pending changes to the file now (Qt also writes them on its own later)."""
        self._store.sync()

    # ---- alerts -----------------------------------------------------------------------------
    @property
    def alerts(self) -> AlertSettings:
        """Which alerts are raised and how they reach the proctor (the ``alerts/`` group)."""
        store, default = self._store, AlertSettings()
        enabled = frozenset(
            kind for kind in AlertKind if store.value(f"{_ALERTS}/{kind}", True, type=bool)
        )
        silent = store.value(f"{_ALERTS}/silent_after_seconds", default.silent_after_seconds,
                             type=int)
        return AlertSettings(
            enabled_kinds=enabled,
            desktop_notifications=bool(store.value(f"{_ALERTS}/desktop_notifications",
                                                   default.desktop_notifications, type=bool)),
            sound=bool(store.value(f"{_ALERTS}/sound", default.sound, type=bool)),
            silent_after_seconds=min(max(int(silent), MIN_SILENT_AFTER_SECONDS),
                                     MAX_SILENT_AFTER_SECONDS),
        )

    @alerts.setter
    def alerts(self, chosen: AlertSettings) -> None:
        for kind in AlertKind:
            self._store.setValue(f"{_ALERTS}/{kind}", kind in chosen.enabled_kinds)
        self._store.setValue(f"{_ALERTS}/desktop_notifications", chosen.desktop_notifications)
        self._store.setValue(f"{_ALERTS}/sound", chosen.sound)
        self._store.setValue(f"{_ALERTS}/silent_after_seconds", chosen.silent_after_seconds)
        self._store.sync()

    # ---- Proctor Center ----------------------------------------------------------------------
    @property
    def show_samples(self) -> bool:
        """Show the two sample sessions while no real exam has run yet (default on)."""
        return self._bool(_SHOW_SAMPLES, True)

    @show_samples.setter
    def show_samples(self, show: bool) -> None:
        self._store.setValue(_SHOW_SAMPLES, bool(show))

    @property
    def sort_key(self) -> SortKey:
        """The grid's order; an unknown stored value reads as "needs attention first"."""
        value = str(self._store.value(_SORT, SortKey.ATTENTION))
        return SortKey(value) if value in SortKey.__members__.values() else SortKey.ATTENTION

    @sort_key.setter
    def sort_key(self, key: SortKey) -> None:
        self._store.setValue(_SORT, str(SortKey(key)))

    @property
    def window_geometry(self) -> QByteArray | None:
        """The main window's size and place, as ``QWidget.saveGeometry`` gave it."""
        value = self._store.value(_GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue(_GEOMETRY, geometry)

    @property
    def had_real_session(self) -> bool:
        """A real exam session has existed in this data dir (the samples are not shown again)."""
        return self._bool(_HAD_REAL_SESSION, False)

    @had_real_session.setter
    def had_real_session(self, value: bool) -> None:
        self._store.setValue(_HAD_REAL_SESSION, bool(value))

    # ---- session details ---------------------------------------------------------------------
    @property
    def export_dir(self) -> str:
        """The folder the last evidence report was saved in ("" before the first export)."""
        return str(self._store.value(_EXPORT_DIR, "") or "")

    @export_dir.setter
    def export_dir(self, folder: str) -> None:
        self._store.setValue(_EXPORT_DIR, str(folder))

    @property
    def desk_name(self) -> str:
        """The name of the proctor at this desk, recorded as who acted ("" until asked)."""
        return str(self._store.value(_DESK_NAME, "") or "")

    @desk_name.setter
    def desk_name(self, name: str) -> None:
        self._store.setValue(_DESK_NAME, name.strip())

    @property
    def watched_room(self) -> str:
        """The one exam room this console watches: the grid opens on it and alerts come only
        from its sessions ("" for every room)."""
        return str(self._store.value(_WATCHED_ROOM, "") or "")

    @watched_room.setter
    def watched_room(self, room: str) -> None:
        self._store.setValue(_WATCHED_ROOM, room.strip())

    # ---- signing in to an exam center --------------------------------------------------------
    @property
    def last_center_url(self) -> str:
        """The address of the exam center last signed in to ("" before the first time)."""
        return str(self._store.value(_CENTER_URL, "") or "")

    @last_center_url.setter
    def last_center_url(self, url: str) -> None:
        self._store.setValue(_CENTER_URL, str(url))

    @property
    def last_center_username(self) -> str:
        """The username last signed in with (never a password or a key)."""
        return str(self._store.value(_CENTER_USERNAME, "") or "")

    @last_center_username.setter
    def last_center_username(self, username: str) -> None:
        self._store.setValue(_CENTER_USERNAME, str(username))

    def center_fingerprint(self, url: str) -> str:
        """The fingerprint (``sha256:…``) last used for the center at ``url``, or "". An
        address with and without ``https://`` is the same center (a pinned one is only ever
        spoken to over TLS)."""
        return self._center_fingerprints().get(_center_key(url), "")

    def remember_center_fingerprint(self, url: str, fingerprint: str) -> None:
        """Keep ``fingerprint`` for ``url``; "" forgets it."""
        pins = self._center_fingerprints()
        if fingerprint:
            pins[_center_key(url)] = fingerprint
        else:
            pins.pop(_center_key(url), None)
        self._store.setValue(_CENTER_FINGERPRINTS, json.dumps(pins, sort_keys=True))

    def _center_fingerprints(self) -> dict[str, str]:
        try:
            pins = json.loads(str(self._store.value(_CENTER_FINGERPRINTS, "") or "{}"))
        except ValueError:
            return {}
        if not isinstance(pins, dict):
            return {}
        return {str(k): str(v) for k, v in pins.items() if isinstance(v, str)}

    # ---- the API server ----------------------------------------------------------------------
    @property
    def listen_on_network(self) -> bool:
        """Serve kiosks on the center's network (HTTPS on every interface) rather than on this
        computer only (default off)."""
        return self._bool(_LISTEN_ON_NETWORK, False)

    @listen_on_network.setter
    def listen_on_network(self, on: bool) -> None:
        self._store.setValue(_LISTEN_ON_NETWORK, bool(on))

    # ---- plumbing ----------------------------------------------------------------------------
    def _bool(self, key: str, default: bool) -> bool:
        """INI files give strings back: "false", "0", "no", "off" and "" read as False."""
        value = self._store.value(key, default)
        if isinstance(value, str):
            return value.strip().lower() not in {"false", "0", "no", "off", ""}
        return bool(value)


def _center_key(url: str) -> str:
    """``host:port`` of a center's address, as typed with or without ``http(s)://``."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else f"http://{text}")
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{(parts.hostname or text).lower()}:{port or (443 if parts.scheme == 'https' else 80)}"
