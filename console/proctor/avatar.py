"""Initials avatars: shown when there is no snapshot yet (never a broken image)."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter

PALETTE = ("#3b82f6", "#0ea5e9", "#14b8a6", "#22c55e", "#a855f7", "#ec4899", "#f97316", "#64748b")


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalnum()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


def avatar_color(name: str) -> QColor:
    digest = hashlib.sha1(name.encode("utf-8", "replace")).digest()
    return QColor(PALETTE[digest[0] % len(PALETTE)])


def paint_avatar(painter: QPainter, rect: QRect, name: str, rounded: float = 8.0) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_color(name))
    painter.drawRoundedRect(rect, rounded, rounded)
    font = QFont(painter.font())
    font.setPixelSize(max(10, int(min(rect.width(), rect.height()) * 0.36)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()
