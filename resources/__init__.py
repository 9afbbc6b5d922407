"""Static resources: QSS styles (with ``@token`` colours), SVG icons, sample images."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent

#: Design tokens shared by every window's QSS. One place for colours.
TOKENS: dict[str, str] = {
    "bg": "#f4f6f9",
    "surface": "#ffffff",
    "surface_alt": "#eef1f5",
    "border": "#d5dbe3",
    "text": "#1f2933",
    "text_muted": "#5f6b7a",
    "accent": "#2563eb",
    "accent_text": "#ffffff",
    "ok": "#15803d",
    "warn": "#b45309",
    "danger": "#b91c1c",
    "danger_bg": "#fdecec",
    "warn_bg": "#fff4e0",
    "info_bg": "#e8f0fe",
    "sample": "#7c3aed",
}


def path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)


def load_style(name: str, tokens: dict[str, str] | None = None) -> str:
    """Read ``styles/<name>.qss`` and replace ``@token`` names by their colours."""
    values = {**TOKENS, **(tokens or {})}
    text = path("styles", f"{name}.qss").read_text(encoding="utf-8")
    return re.sub(r"@([a-z_]+)", lambda m: values.get(m.group(1), m.group(0)), text)
