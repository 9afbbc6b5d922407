"""Snapshots and events on their way to the center: the on-disk spool and its worker."""
