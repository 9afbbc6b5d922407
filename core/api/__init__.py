"""HTTP adapter over the core services (API v1; every route is listed in docs/api.md)."""

from core.api.app import create_app

__all__ = ["create_app"]
