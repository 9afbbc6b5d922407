"""The console's one interface to an exam center, and its two implementations."""

from console.proctor.center.embedded import EmbeddedCenter
from console.proctor.center.interface import Center, CenterRefused, CenterUnavailable, NotAllowed
from console.proctor.center.remote import RemoteCenter, sign_in, with_admin_key

__all__ = ["Center", "CenterRefused", "CenterUnavailable", "EmbeddedCenter", "NotAllowed",
           "RemoteCenter", "sign_in", "with_admin_key"]
