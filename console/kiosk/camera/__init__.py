"""The webcam on its own thread, and the frame sources it can read from."""
