"""Evidence files: the media store and the ingest writer (group commit)."""
