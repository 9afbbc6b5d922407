"""Application services: each call opens and closes its own transaction and returns DTOs."""
