"""The domain rules through the real services on an in-memory database (``memory_core``)."""

from tests.fakes.memory_core import memory_core, memory_exam  # noqa: F401
