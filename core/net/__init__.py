"""The center on a network: TLS identity, pinning, mDNS discovery, the enrolment file."""
