"""Demo mode for presenters: simulated kiosks (real HTTP clients of the real API) on one laptop."""
