"""Changes flowing out of the core: the in-process bus and the numbered change log."""
