"""KioskTimings: every period the kiosk waits for, in one place so tests can run fast."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KioskTimings:
    #: How often the kiosk asks the server for the attempt's state (timer, warnings, end).
    heartbeat_seconds: float = 5.0
    #: The first snapshot follows the camera's first frame this soon (at most 3 s, so short
    #: attempts always have evidence).
    first_snapshot_delay_seconds: float = 1.0
    #: None: the exam's ``snapshot_interval_seconds`` from the server.
    snapshot_interval_seconds: float | None = None
    #: Each failed upload is retried twice, after these pauses.
    retry_backoff_seconds: tuple[float, float] = (1.0, 3.0)
    #: While uploads keep failing, the kiosk tries again this often (and at once when the
    #: server answers a heartbeat again).
    failing_retry_seconds: float = 10.0
    #: Live preview frame rate; the camera is read at this rate.
    preview_fps: float = 10.0
    #: A camera that delivers no frame for this long is treated as unavailable.
    camera_stall_seconds: float = 4.0
    #: Leaving the window for less than this is not reported.
    focus_debounce_seconds: float = 1.5
    #: Before submitting, waiting snapshots get this long to reach the server.
    submit_flush_seconds: float = 8.0
    #: How long one HTTP request may take.
    request_timeout_seconds: float = 8.0
    #: When a pre-provisioned kiosk cannot start (server down), it tries again this often.
    join_retry_seconds: float = 5.0
    #: When the window is closed during the exam, the focus_lost event gets this long to leave.
    close_flush_seconds: float = 2.0
    #: How long a toast stays on screen.
    toast_seconds: float = 5.0
    #: The join form listens this long for exam centers announcing themselves on the network,
    #: and looks again this often while it is shown.
    discovery_seconds: float = 3.0
    discovery_repeat_seconds: float = 10.0
    #: The readiness check waits this long for the camera's first frame.
    readiness_camera_seconds: float = 5.0
    #: The readiness check wants this much free space on the spool's disk (about 4,000
    #: snapshots of 50 KB).
    spool_min_free_bytes: int = 200 * 1024 * 1024
