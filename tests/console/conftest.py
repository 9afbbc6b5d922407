"""The console's and the kiosk's shared fixtures: the pseudo-language and Arabic installed for one
test (``pseudo_language``, ``arabic``)."""

from tests.console.translation_walk import arabic, pseudo_catalogue, pseudo_language

__all__ = ["arabic", "pseudo_catalogue", "pseudo_language"]
