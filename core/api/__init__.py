"""HTTP adapter over the core services (API v1, see design/API.md)."""

from core.api.app import create_app

__all__ = ["create_app"]
