"""Finding a center on the local network: mDNS/DNS-SD (``zeroconf``).

The server announces ``<center name>._proctor-console._tcp.local.`` with its port and a TXT
record: ``fp`` (the first 16 hex digits of its fingerprint), ``version``, ``tls`` (1/0) and
``name``. A kiosk's join form lists what ``browse_centers`` finds and shows the fingerprint
digits for the person to compare with the console before enrolling; the announcement itself
proves nothing (anyone may announce), the pin does.

IPv4 only unless interfaces are given: exam-room networks are IPv4, and on machines without
an IPv6 route zeroconf logs a traceback for every IPv6 packet it cannot send.

Networks without multicast (some Wi-Fi, VPNs, containers) simply find nothing: that is a hint
returned with the result (and logged), never an error.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

SERVICE_TYPE = "_proctor-console._tcp.local."
FINGERPRINT_PREFIX_DIGITS = 16
NO_MULTICAST_HINT = ("Centers could not be looked for on this network ({reason}); type the "
                     "center's address instead.")
NOTHING_FOUND_HINT = ("No center answered on this network within {seconds:g} s. The network may "
                      "block multicast (mDNS); type the center's address instead.")


@dataclass(frozen=True)
class DiscoveredCenter:
    name: str
    address: str
    port: int
    fingerprint_prefix: str  # hex digits; compare with the console before trusting
    tls: bool
    version: str = ""
    addresses: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"


@dataclass(frozen=True)
class BrowseResult:
    centers: list[DiscoveredCenter] = field(default_factory=list)
    hint: str | None = None  # why the list may be incomplete, for the person


@dataclass
class CenterAnnouncement:
    """A running announcement; ``close()`` withdraws it. ``hint`` says why none runs."""

    hint: str | None = None
    _zeroconf: Any = None
    _info: Any = None

    @property
    def is_active(self) -> bool:
        return self._zeroconf is not None

    def close(self) -> None:
        zc, self._zeroconf = self._zeroconf, None
        if zc is None:
            return
        try:
            zc.unregister_service(self._info)
        except Exception as exc:  # stopping must never fail on the announcement
            log.info("withdrawing the announcement failed (%s)", exc)
        finally:
            zc.close()


def service_name(center_name: str) -> str:
    safe = "".join(c if c.isalnum() or c in " -_" else "-" for c in center_name).strip()
    return f"{(safe or 'Proctor center')[:60]}.{SERVICE_TYPE}"


def announce_center(
    center_name: str, port: int, *, fingerprint: str | None, version: str,
    addresses: list[str], interfaces: list[str] | None = None,
) -> CenterAnnouncement:
    """Announce the center on ``addresses`` (IPv4/IPv6 text); returns at once with a hint when
    the network cannot carry multicast."""
    try:
        from zeroconf import IPVersion, ServiceInfo, Zeroconf

        packed = [socket.inet_pton(socket.AF_INET6 if ":" in a else socket.AF_INET, a)
                  for a in addresses]
        info = ServiceInfo(
            SERVICE_TYPE, service_name(center_name), port=port, addresses=packed,
            server=f"{socket.gethostname().split('.')[0] or 'proctor-center'}.local.",
            properties={
                "fp": (fingerprint or "")[:FINGERPRINT_PREFIX_DIGITS], "version": version,
                "tls": "1" if fingerprint else "0", "name": center_name[:200],
            },
        )
        kwargs: dict[str, Any] = {"ip_version": IPVersion.V4Only}  # see the module docstring
        if interfaces is not None:
            kwargs = {"interfaces": interfaces, "ip_version": _ip_version(interfaces)}
        zc = Zeroconf(**kwargs)
        try:
            zc.register_service(info, allow_name_change=True)
        except BaseException:
            zc.close()
            raise
    except Exception as exc:
        hint = NO_MULTICAST_HINT.format(reason=exc or type(exc).__name__)
        log.warning("the center is not announced on the network: %s", hint)
        return CenterAnnouncement(hint=hint)
    log.info("announced as %r (%s) on port %d", center_name, SERVICE_TYPE, port)
    return CenterAnnouncement(_zeroconf=zc, _info=info)


def browse_centers(timeout: float = 3.0, *, interfaces: list[str] | None = None,
                   stop: threading.Event | None = None) -> BrowseResult:
    """The centers that answer within ``timeout`` seconds, by name; a hint when none could be
    looked for or none answered. Setting ``stop`` ends the wait early (a closing window)."""
    try:
        from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

        kwargs: dict[str, Any] = {"ip_version": IPVersion.V4Only}  # see the module docstring
        if interfaces is not None:
            kwargs = {"interfaces": interfaces, "ip_version": _ip_version(interfaces)}
        zc = Zeroconf(**kwargs)
    except Exception as exc:
        hint = NO_MULTICAST_HINT.format(reason=exc or type(exc).__name__)
        log.info("browsing for centers: %s", hint)
        return BrowseResult(hint=hint)
    names: list[str] = []

    def on_change(zeroconf: Any, service_type: str, name: str,
                  state_change: ServiceStateChange) -> None:
        if state_change is ServiceStateChange.Added and name not in names:
            names.append(name)

    centers: list[DiscoveredCenter] = []
    try:
        browser = ServiceBrowser(zc, SERVICE_TYPE, handlers=[on_change])
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0 and not (stop and stop.is_set()):
            time.sleep(min(left, 0.1))
        browser.cancel()
        for name in list(names):
            if stop and stop.is_set():
                break
            info = zc.get_service_info(SERVICE_TYPE, name, timeout=1000)
            center = _center_from(name, info)
            if center is not None:
                centers.append(center)
    except Exception as exc:
        hint = NO_MULTICAST_HINT.format(reason=exc)
        log.info("browsing for centers: %s", hint)
        return BrowseResult(centers=centers, hint=hint)
    finally:
        zc.close()
    centers.sort(key=lambda c: c.name.lower())
    found_hint = None if centers else NOTHING_FOUND_HINT.format(seconds=timeout)
    return BrowseResult(centers=centers, hint=found_hint)


def _center_from(name: str, info: Any) -> DiscoveredCenter | None:
    if info is None or not info.port:
        return None
    addresses = tuple(info.parsed_addresses())
    if not addresses:
        return None
    txt = {_text(k): _text(v) for k, v in (info.properties or {}).items()}
    ipv4 = [a for a in addresses if ":" not in a]
    return DiscoveredCenter(
        name=txt.get("name") or name.removesuffix(f".{SERVICE_TYPE}"),
        address=(ipv4 or list(addresses))[0], port=int(info.port),
        fingerprint_prefix=txt.get("fp", "").lower(), tls=txt.get("tls") == "1",
        version=txt.get("version", ""), addresses=addresses,
    )


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def _ip_version(interfaces: list[str]) -> Any:
    from zeroconf import IPVersion

    has6 = any(":" in i for i in interfaces)
    has4 = any(":" not in i for i in interfaces)
    return IPVersion.All if has4 and has6 else (IPVersion.V6Only if has6 else IPVersion.V4Only)
