"""Small widgets the kiosk's pages share: banner, toast, overlay panel, camera preview."""
