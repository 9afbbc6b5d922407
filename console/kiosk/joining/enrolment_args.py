"""``proctor-candidate --enrol FILE`` and ``--fingerprint sha256:HEX``: which center this kiosk
trusts. The pin is remembered for the server address (core.net.pinning), so every request the kiosk
makes to it is checked, whichever worker makes it."""

from __future__ import annotations

import argparse
import sys

from core.client import (
    EnrolmentFileError,
    PinError,
    normalize_fingerprint,
    read_enrolment_file,
    remember_pin,
)


def add_enrolment_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--enrol", metavar="FILE",
                        help="the enrolment file from the proctor: server, kiosk key and the "
                             "center's fingerprint")
    parser.add_argument("--fingerprint", metavar="sha256:HEX",
                        help="the center's certificate fingerprint, as printed by "
                             "proctor-server; the kiosk talks to no other server")


def read_enrolment_args(argv: list[str] | None) -> tuple[list[str], str | None, bool]:
    """(argv with the enrolment file's --server/--kiosk-key (and --room) put first so flags given
    still win,
    the pinned fingerprint or None, whether it was typed: --fingerprint, not the enrolment
    file's). Exits with status 2 and a sentence on bad input."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="proctor-candidate", add_help=False)
    add_enrolment_arguments(parser)
    known, _rest = parser.parse_known_args(argv)
    fingerprint: str | None = None
    try:
        if known.enrol:
            enrolment = read_enrolment_file(known.enrol)
            # '--flag=value': a generated key may start with '-', which argparse would take
            # for an option in the two-word form.
            room = [f"--room={enrolment.room}"] if enrolment.room else []
            argv = [f"--server={enrolment.server_url}", f"--kiosk-key={enrolment.kiosk_key}",
                    *room, *argv]
            fingerprint = enrolment.fingerprint
        if known.fingerprint:
            fingerprint = normalize_fingerprint(known.fingerprint)
    except (EnrolmentFileError, PinError) as exc:
        parser.error(str(exc))
    return argv, fingerprint, bool(known.fingerprint)


def pin_server(server_url: str | None, fingerprint: str | None, *, given: bool = False) -> None:
    """``given``: typed on the command line, so a mismatch at the first contact shows where the
    typed fingerprint differs rather than calling it an identity change."""
    if server_url and fingerprint:
        remember_pin(server_url, fingerprint, given=given)
