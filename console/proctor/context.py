"""ConsoleContext: what every console window needs, built once by the application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from console.proctor.bridge import CenterEventBridge
from console.proctor.center import Center, EmbeddedCenter
from console.proctor.console_settings import ConsoleSettings
from console.proctor.thumbnails import ThumbnailCache
from console.tasks import TaskRunner
from core.bootstrap import Core


@dataclass
class ConsoleContext:
    #: The exam center the windows show and act on: this process's core or a remote server.
    center: Center
    bridge: CenterEventBridge
    tasks: TaskRunner
    thumbnails: ThumbnailCache
    settings: ConsoleSettings
    #: Opens (or raises) the details window of a session; installed by the main window.
    open_details: Callable[[str], None] = field(default=lambda _session_id: None)

    @classmethod
    def create(cls, center: Center | Core,
               settings: ConsoleSettings | QSettings) -> ConsoleContext:
        """``center`` may be a bare core (wrapped as this computer's center, acting as the
        admin) and ``settings`` a bare QSettings (an INI file)."""
        if isinstance(settings, QSettings):
            settings = ConsoleSettings(settings)
        if isinstance(center, Core):
            center = EmbeddedCenter(center)
        tasks = TaskRunner(max_threads=4)
        return cls(
            center=center,
            bridge=CenterEventBridge(center),
            tasks=tasks,
            thumbnails=ThumbnailCache(tasks, center.read_thumbnail),
            settings=settings,
        )

    def close(self) -> None:
        self.bridge.close()
        self.tasks.shutdown()
