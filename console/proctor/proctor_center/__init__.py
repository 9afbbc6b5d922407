"""The Proctor Center: the live session grid (model, filter, card delegate) and its window."""
