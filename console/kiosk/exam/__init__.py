"""The exam page: clock, warnings, focus, submit and the end page."""
