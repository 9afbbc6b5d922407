"""LTI 1.3 Proctoring Services (1EdTech, v1.0): the claim names, message types and the refusals
of a launch. Pure: no I/O. The center is the tool; the exam platform (the LMS) is the platform."""

from __future__ import annotations

from urllib.parse import urlsplit

from core.domain.errors import DomainError, NotFound

LTI_VERSION = "1.3.0"
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AP_CLAIM = "https://purl.imsglobal.org/spec/lti-ap/claim/"
MESSAGE_TYPE = CLAIM + "message_type"
VERSION = CLAIM + "version"
DEPLOYMENT_ID = CLAIM + "deployment_id"
RESOURCE_LINK = CLAIM + "resource_link"
CUSTOM = CLAIM + "custom"
LIS = CLAIM + "lis"
LAUNCH_PRESENTATION = CLAIM + "launch_presentation"
TARGET_LINK_URI = CLAIM + "target_link_uri"
ATTEMPT_NUMBER = AP_CLAIM + "attempt_number"
SESSION_DATA = AP_CLAIM + "session_data"
START_ASSESSMENT_URL = AP_CLAIM + "start_assessment_url"
END_ASSESSMENT_RETURN = AP_CLAIM + "end_assessment_return"
VERIFIED_USER = AP_CLAIM + "verified_user"
ACS = AP_CLAIM + "acs"

START_PROCTORING = "LtiStartProctoring"
START_ASSESSMENT = "LtiStartAssessment"
END_ASSESSMENT = "LtiEndAssessment"
#: The OAuth 2 scope of the Assessment Control Service.
ACS_SCOPE = "https://purl.imsglobal.org/spec/lti-ap/scope/control.all"
ACS_MEDIA_TYPE = "application/vnd.ims.lti-ap.v1.control+json"
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
#: The proctor's actions that reach the platform through its Assessment Control Service.
CONTROL_FLAG = "flag"
CONTROL_TERMINATE = "terminate"
CONTROL_PAUSE = "pause"
CONTROL_RESUME = "resume"
#: Extra time: the control carries ``extra_time`` (seconds); its message, the new end time.
CONTROL_UPDATE = "update"
#: How long a login's state and nonce wait for the platform's launch.
LOGIN_TTL_SECONDS = 600
#: Seconds of clock difference allowed on ``exp`` and ``iat``.
LEEWAY_SECONDS = 60


def same_launch_url(uri: str, own: str) -> bool:
    """Whether ``uri`` (a platform's ``target_link_uri``) is the tool's launch URL ``own``:
    the same scheme, host, port and path (letter case of scheme and host, a default port and
    a trailing slash aside); a query string the platform adds is allowed."""
    return _launch_address(uri) == _launch_address(own)


def _launch_address(uri: str) -> tuple[str, str, int | None, str] | None:
    parts = urlsplit(uri.strip())
    try:
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    if port == {"http": 80, "https": 443}[scheme]:
        port = None
    return scheme, parts.hostname.lower(), port, parts.path.rstrip("/")


class LaunchRefused(DomainError):
    """A launch or login the tool does not accept: the token is forged, expired, for another
    tool or replayed (401)."""

    status = 401


class PlatformNotRegistered(LaunchRefused):
    """An issuer, client or deployment no administrator registered (403)."""

    status = 403


class LaunchInvalid(LaunchRefused):
    """A genuine launch that lacks what the tool needs (a claim, an exam) (422)."""

    status = 422


class PlatformNotFound(NotFound):
    def __init__(self, platform_id: str) -> None:
        super().__init__(f"No LTI platform has the id {platform_id!r}.")
