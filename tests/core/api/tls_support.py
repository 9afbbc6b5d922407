"""A real HTTPS server on 127.0.0.1 over the test core, with the center's own certificates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from core.api.app import create_app
from core.api.server import ApiServer
from core.bootstrap import Core, build_core
from core.client import ProctorClient
from core.config import CoreConfig
from core.domain.clock import Clock
from core.net.tls import ServerCertificates, ensure_server_certificates


@dataclass
class TlsServer:
    core: Core
    server: ApiServer
    certificates: ServerCertificates

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def pin(self) -> str:
        return f"sha256:{self.certificates.fingerprint}"

    def client(self, secret: str | None = None, fingerprint: str | None = None,
               url: str | None = None) -> ProctorClient:
        return ProctorClient(url or self.url, secret, fingerprint=fingerprint or self.pin)


def api(client: ProctorClient, method: str, path: str, **kwargs: Any) -> Any:
    """The JSON answer of one API call (through the client's checked transport)."""
    return client.request(method, path, **kwargs).json()


def upload(client: ProctorClient, attempt_id: str, snapshot_id: str, jpeg: bytes,
           token: str | None = None) -> httpx.Response:
    return client.request("POST", f"/attempts/{attempt_id}/snapshots", secret=token,
                          files={"image": ("frame.jpg", jpeg, "image/jpeg")},
                          data={"snapshot_id": snapshot_id})


def serve_tls(config: CoreConfig, clock: Clock) -> Iterator[TlsServer]:
    config = config.with_overrides(tls=True)
    certificates = ensure_server_certificates(config.data_dir, "127.0.0.1")
    core = build_core(config, clock)
    server = ApiServer(create_app(core), "127.0.0.1", 0, ssl_certfile=certificates.cert_chain,
                       ssl_keyfile=certificates.key)
    server.start()
    try:
        yield TlsServer(core, server, certificates)
    finally:
        server.stop()
        core.close()
