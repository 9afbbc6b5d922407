"""proctor-console: Proctor Center, session details, alerts, dialogs and the demo."""
