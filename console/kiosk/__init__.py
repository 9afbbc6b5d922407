"""proctor-candidate: the kiosk capture window.

It joins an exam over HTTP (core.client.ProctorClient only, never the core's services), shows
the timer and proctor warnings, captures webcam snapshots on its own QThread, and sends them
through an on-disk spool so no picture is lost while the server is unreachable.
"""
