"""Which FrameSource a ``--camera`` setting means (the protocol is frame_source.py; the
implementations import it, so the choice between them lives here, above both)."""

from __future__ import annotations

from console.kiosk.camera.frame_source import FrameSource
from console.kiosk.camera.opencv_frame_source import OpenCvFrameSource
from console.kiosk.camera.synthetic_frame_source import SyntheticFrameSource


def frame_source_for(spec: str) -> FrameSource:
    """``"0"``/``"1"``: a webcam by index; ``"synthetic"``: a generated test picture;
    anything else: a video file path."""
    spec = spec.strip()
    if spec.lower() == "synthetic":
        return SyntheticFrameSource()
    if spec.isdigit():
        return OpenCvFrameSource(int(spec))
    return OpenCvFrameSource(spec)
