"""Test helpers: real images made in memory, and a server handle for tests."""

from __future__ import annotations

import io
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from console.proctor.center import RemoteCenter
from core.api.server import ApiServer
from core.bootstrap import Core
from core.client import ProctorClient


def jpeg_bytes(width: int = 640, height: int = 480, seed: int = 0, quality: int = 85,
               exif: bytes | None = None) -> bytes:
    """A real, noisy 640x480 JPEG of about 50 KB (like a webcam frame)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (rng.randrange(256), 90, 140))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.ellipse((x, y, x + rng.randrange(10, 120), y + rng.randrange(10, 120)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    image = Image.blend(image, noise, 0.25)
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif else {}
    image.save(buffer, "JPEG", quality=quality, **kwargs)
    return buffer.getvalue()


def png_bytes(width: int = 320, height: int = 240) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 160, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def new_snapshot_id() -> str:
    return str(uuid.uuid4())


def event_types(core: Core, session_id: str) -> set[str]:
    """The kinds of event on a session's timeline."""
    return {e.type for e in core.proctoring.get_session(session_id).events}


def media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != ".gitkeep")


@dataclass
class LiveServer:
    """A real uvicorn server on 127.0.0.1 with an ephemeral port, over a real core."""

    core: Core
    server: ApiServer
    _admin: RemoteCenter | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def admin(self) -> RemoteCenter:
        """The administrator's client: the console's ``RemoteCenter`` with the admin key (one
        per server, closed with it)."""
        if self._admin is None:
            self._admin = RemoteCenter(self.url, self.core.config.admin_key)
        return self._admin

    def close_clients(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None

    def kiosk(self) -> ProctorClient:
        return ProctorClient(self.url, self.core.config.kiosk_key)

    def anonymous(self) -> ProctorClient:
        return ProctorClient(self.url)
