"""Frame analysis: OpenCV looks at every accepted snapshot off the request path, and what it
shows becomes evidence on the session's timeline.

- ``inspection``: what one frame shows (the only module in core that imports OpenCV);
- ``pool``: the worker threads and the queue that feed frames to it;
- the rule that turns a run of frames into one event lives in core/domain/episodes.py.
"""

from core.domain.episodes import (
    CAMERA_BLOCKED,
    FROZEN,
    LOOKING_AWAY,
    MULTIPLE_FACES,
    NO_FACE,
    TOO_DARK,
)
from core.jobs.analysis.inspection import (
    AnalysisUnavailable,
    DecodedFrame,
    FaceLandmarks,
    FrameFindings,
    decode_frame,
    inspect_frame,
    load_face_detector,
    small_copy,
)
from core.jobs.analysis.pool import FrameAnalysis

__all__ = [
    "CAMERA_BLOCKED",
    "FROZEN",
    "LOOKING_AWAY",
    "MULTIPLE_FACES",
    "NO_FACE",
    "TOO_DARK",
    "AnalysisUnavailable",
    "DecodedFrame",
    "FaceLandmarks",
    "FrameAnalysis",
    "FrameFindings",
    "decode_frame",
    "inspect_frame",
    "load_face_detector",
    "small_copy",
]
