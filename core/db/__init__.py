"""Storage: typed SQLAlchemy 2 models, the engine factory and the unit of work."""
