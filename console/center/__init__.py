"""The console's one interface to an exam center, and its two implementations."""

from console.center.embedded import EmbeddedCenter
from console.center.interface import Center, CenterRefused, CenterUnavailable
from console.center.remote import RemoteCenter

__all__ = ["Center", "CenterRefused", "CenterUnavailable", "EmbeddedCenter", "RemoteCenter"]
