"""Scripts that render the README's screenshots offscreen from a real core (not tests)."""
