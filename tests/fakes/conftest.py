"""The in-memory unit of work and core, for the fakes' own tests."""

from tests.fakes.memory_core import memory_core, memory_exam, memory_uow  # noqa: F401
