"""ConsoleContext: what every console window needs, built once by the application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from console.bridge import CoreEventBridge
from console.console_settings import ConsoleSettings
from console.tasks import TaskRunner
from console.thumbnails import ThumbnailCache
from core.bootstrap import Core


@dataclass
class ConsoleContext:
    core: Core
    bridge: CoreEventBridge
    tasks: TaskRunner
    thumbnails: ThumbnailCache
    settings: ConsoleSettings
    #: Opens (or raises) the details window of a session; installed by the main window.
    open_details: Callable[[str], None] = field(default=lambda _session_id: None)

    @classmethod
    def create(cls, core: Core, settings: ConsoleSettings | QSettings) -> ConsoleContext:
        """``settings`` may be a bare QSettings (an INI file): it is wrapped."""
        if isinstance(settings, QSettings):
            settings = ConsoleSettings(settings)
        tasks = TaskRunner(max_threads=4)
        return cls(
            core=core,
            bridge=CoreEventBridge(core.bus),
            tasks=tasks,
            thumbnails=ThumbnailCache(tasks, core.snapshots.read_thumbnail),
            settings=settings,
        )

    def close(self) -> None:
        self.bridge.close()
        self.tasks.shutdown()
