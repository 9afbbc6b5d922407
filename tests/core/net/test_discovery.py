"""Finding a center with mDNS/DNS-SD, on the loopback interface: the announcement carries the
fingerprint prefix, version and TLS flag; a network without multicast gives a hint, not an error."""

from __future__ import annotations

import pytest

from core.net.discovery import SERVICE_TYPE, announce_center, browse_centers

FINGERPRINT = "eabade89f0dd05d4a2b75ac3920d834818c57dbbacfc3ff9c07cf273295eb3c1"


def loopback_multicast_problem() -> str | None:
    try:
        from zeroconf import IPVersion, Zeroconf

        Zeroconf(interfaces=["127.0.0.1"], ip_version=IPVersion.V4Only).close()
    except Exception as exc:
        return f"multicast is not available on 127.0.0.1 here ({exc})"
    return None


@pytest.mark.xdist_group("multicast")  # one announcing test at a time
@pytest.mark.slow  # browses the network for three seconds
def test_an_announced_center_is_found_with_its_fingerprint_prefix_and_port():
    problem = loopback_multicast_problem()
    if problem:
        pytest.skip(problem)
    announcement = announce_center("Room 2 center", 48765, fingerprint=FINGERPRINT,
                                   version="0.1.0", addresses=["127.0.0.1"],
                                   interfaces=["127.0.0.1"])
    try:
        assert announcement.is_active, announcement.hint
        result = browse_centers(3.0, interfaces=["127.0.0.1"])
    finally:
        announcement.close()

    centers = [c for c in result.centers if c.name == "Room 2 center"]
    assert centers, f"not found; found {result.centers}, hint {result.hint}"
    center = centers[0]
    assert (center.address, center.port) == ("127.0.0.1", 48765)
    assert center.fingerprint_prefix == FINGERPRINT[:16]
    assert center.tls and center.version == "0.1.0"
    assert center.url == "https://127.0.0.1:48765"
    assert result.hint is None


def test_browsing_where_nothing_can_answer_returns_a_hint_not_an_error():
    # 192.0.2.0/24 is a documentation range: no interface here has that address.
    result = browse_centers(0.5, interfaces=["192.0.2.254"])

    assert result.centers == []
    assert result.hint and "type the center's address" in result.hint


def test_an_announcement_that_cannot_start_is_a_hint():
    announcement = announce_center("Nowhere", 48766, fingerprint=None, version="0.1.0",
                                   addresses=["not an address"])
    assert not announcement.is_active
    assert announcement.hint and "type the center's address" in announcement.hint
    announcement.close()  # closing an announcement that never ran is harmless
    assert SERVICE_TYPE == "_proctor-console._tcp.local."
