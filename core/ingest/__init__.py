"""Durable ingest: uploads are written by one thread in group commits (files and rows)."""

from core.ingest.writer import BatchStore, GroupCommitWriter, Job, WriterStats, WriterStopped

__all__ = ["BatchStore", "GroupCommitWriter", "Job", "WriterStats", "WriterStopped"]
