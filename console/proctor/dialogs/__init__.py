"""The Proctor Console's dialogs: actions, connect kiosks, exams, proctors, sign in, welcome."""
