"""Everything Qt: the Proctor Center console, session details and the candidate kiosk."""
