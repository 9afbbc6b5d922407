"""Proctor Console core: storage, lifecycle services, media, jobs and the HTTP API. No Qt here."""

__version__ = "0.1.0"
