"""CoreConfig: every setting the core needs, read from ``PROCTOR_*`` environment variables.

Secrets that are not given by the environment are generated on first start and kept in
``<data dir>/keys.json`` (mode 0600), so kiosks keep working across restarts.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
KEYS_FILE_NAME = "keys.json"


class ConfigError(ValueError):
    """A setting has a value the core cannot use; the message says which and why."""


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "proctor-console"


@dataclass(frozen=True)
class CoreConfig:
    data_dir: Path
    database_url: str
    media_root: Path
    kiosk_key: str
    admin_key: str
    token_secret: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    samples_enabled: bool = True
    sweep_seconds: float = 5.0
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    max_image_side: int = 4096
    retention_days: float | None = None
    orphan_grace_seconds: float = 3600.0
    analysis_enabled: bool = True
    analysis_workers: int = 1
    analysis_queue_size: int = 64
    analysis_confirm_frames: int = 1
    risk_weights: Mapping[str, int] = field(default_factory=dict)
    keys_generated: bool = False
    #: How long a proctor's sign-in (token) lasts.
    proctor_token_hours: float = 12.0

    @property
    def keys_path(self) -> Path:
        return self.data_dir / KEYS_FILE_NAME

    def with_overrides(self, **changes: object) -> CoreConfig:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def load(
        cls,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        host: str | None = None,
        port: int | None = None,
        env: Mapping[str, str] | None = None,
    ) -> CoreConfig:
        """Build the configuration: explicit arguments win over env vars, env over defaults."""
        env = os.environ if env is None else env
        resolved_dir = Path(data_dir or env.get("PROCTOR_DATA_DIR") or default_data_dir())
        resolved_dir = resolved_dir.expanduser().resolve()
        resolved_dir.mkdir(parents=True, exist_ok=True)

        media_root = Path(env.get("PROCTOR_MEDIA_ROOT") or resolved_dir / "media_storage")
        media_root = media_root.expanduser().resolve()
        database_url = env.get("PROCTOR_DATABASE_URL") or f"sqlite:///{resolved_dir / 'proctor.db'}"

        keys, generated = _load_or_create_keys(resolved_dir / KEYS_FILE_NAME, env)
        return cls(
            data_dir=resolved_dir,
            database_url=database_url,
            media_root=media_root,
            kiosk_key=keys["kiosk_key"],
            admin_key=keys["admin_key"],
            token_secret=keys["token_secret"],
            host=host or env.get("PROCTOR_HOST") or DEFAULT_HOST,
            port=port if port is not None else _int(env, "PROCTOR_PORT", DEFAULT_PORT, 0, 65535),
            samples_enabled=_bool(env, "PROCTOR_SAMPLES", True),
            sweep_seconds=_float(env, "PROCTOR_SWEEP_SECONDS", 5.0, 0.05, 3600),
            max_upload_bytes=_int(
                env, "PROCTOR_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES, 1024, 64 * 1024 * 1024
            ),
            retention_days=_optional_float(env, "PROCTOR_RETENTION_DAYS"),
            analysis_enabled=_bool(env, "PROCTOR_ANALYSIS", True),
            analysis_workers=_int(env, "PROCTOR_ANALYSIS_WORKERS", 1, 1, 8),
            analysis_queue_size=_int(env, "PROCTOR_ANALYSIS_QUEUE", 64, 1, 10_000),
            analysis_confirm_frames=_int(env, "PROCTOR_ANALYSIS_CONFIRM_FRAMES", 1, 1, 20),
            risk_weights=_risk_weights(env),
            keys_generated=generated,
            proctor_token_hours=_float(env, "PROCTOR_PROCTOR_TOKEN_HOURS", 12.0, 0.01, 24 * 90),
        )


def _load_or_create_keys(path: Path, env: Mapping[str, str]) -> tuple[dict[str, str], bool]:
    stored: dict[str, str] = {}
    if path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"The key file {path} is unreadable ({exc}); fix or delete it."
            ) from exc
    generated = False
    for name in ("kiosk_key", "admin_key", "token_secret"):
        if not stored.get(name):
            stored[name] = secrets.token_urlsafe(24)
            generated = True
    if generated:
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(stored, handle, indent=2)
        os.replace(tmp, path)
    os.chmod(path, 0o600)
    keys = dict(stored)
    if env.get("PROCTOR_KIOSK_KEY"):
        keys["kiosk_key"] = env["PROCTOR_KIOSK_KEY"]
    if env.get("PROCTOR_ADMIN_KEY"):
        keys["admin_key"] = env["PROCTOR_ADMIN_KEY"]
    if env.get("PROCTOR_TOKEN_SECRET"):  # the same on every host that serves one center
        keys["token_secret"] = env["PROCTOR_TOKEN_SECRET"]
    return keys, generated


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 1 or 0, not {raw!r}.")


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from exc
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, not {value}.")
    return value


def _float(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, not {raw!r}.") from exc
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, not {value}.")
    return value


def _optional_float(env: Mapping[str, str], name: str) -> float | None:
    raw = env.get(name)
    if raw is None or raw.strip() in {"", "0", "off"}:
        return None
    return _float(env, name, 0.0, 0.0001, 36500)


def _risk_weights(env: Mapping[str, str]) -> dict[str, int]:
    """``PROCTOR_RISK_WEIGHTS="no_face=10,multiple_faces=25"`` overrides single weights."""
    raw = env.get("PROCTOR_RISK_WEIGHTS", "").strip()
    weights: dict[str, int] = {}
    if not raw:
        return weights
    for part in raw.split(","):
        name, _, value = part.partition("=")
        try:
            weights[name.strip()] = int(value)
        except ValueError as exc:
            raise ConfigError(f"PROCTOR_RISK_WEIGHTS has a bad entry {part!r}.") from exc
    return weights
