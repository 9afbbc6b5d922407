"""HTTP adapter over the core services (API v1; every route is listed in core/api/reference.md),
and the server runner (``proctor-server``). Import from the modules: importing this package loads
nothing, so ``proctor-server --help`` answers before FastAPI or the database is loaded."""
