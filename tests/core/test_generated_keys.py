"""The keys a center generates on first start (keys.json)."""

from __future__ import annotations

import json
from itertools import chain, repeat

from core.config import CoreConfig


def test_a_generated_key_never_begins_with_a_dash_so_a_command_line_takes_it(
        tmp_path, monkeypatch):
    # One key in 64 began with "-": `proctor-candidate --kiosk-key -Xy…` then stopped at
    # "expected one argument". The random source is made to offer such keys first.
    offered = chain(["-dash-first-kiosk", "-dash-first-admin"], repeat("plain-key"))
    monkeypatch.setattr("core.config.secrets.token_urlsafe", lambda _n: next(offered))

    config = CoreConfig.load(data_dir=tmp_path / "data", env={})

    stored = json.loads((tmp_path / "data" / "keys.json").read_text())
    assert [stored[name] for name in ("kiosk_key", "admin_key", "token_secret")] == [
        "plain-key"] * 3
    assert config.kiosk_key == "plain-key"
