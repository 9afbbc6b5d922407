"""Fakes for the fast tier: an exam center in memory, and a unit of work on an in-memory
database."""
