"""Session details: one session's header facts, snapshot gallery and preview, event timeline,
proctor actions, post-exam review and evidence export."""
