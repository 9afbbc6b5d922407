"""proctor-verify: check an appeal bundle, or a whole center's stored evidence, offline.

    proctor-verify BUNDLE.zip [--key sha256:HEX]
    proctor-verify --data-dir DIR

No Qt and no server: a committee's laptop needs only this package. Exit 0 and one line
``verified: …`` when everything holds; exit 1 and one line per problem, each naming the file,
snapshot or event; exit 2 when the bundle or data dir cannot be opened at all."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

KEY_PATTERN = re.compile(r"^(?:sha256:)?([0-9a-fA-F]{64})$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="proctor-verify",
        description="Check an appeal bundle, or a center's stored evidence, offline.")
    parser.add_argument("bundle", nargs="?", type=Path, help="the appeal bundle (a .zip)")
    parser.add_argument("--key", help="the center's evidence key, sha256:<64 hex digits> "
                                      "(proctor-server --show-keys prints it)")
    parser.add_argument("--data-dir", type=Path,
                        help="check a center's data dir instead (its database, media and key; "
                             "PROCTOR_DATABASE_URL and PROCTOR_MEDIA_ROOT are read as the "
                             "server reads them)")
    parser.add_argument("--time", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if (args.bundle is None) == (args.data_dir is None):
        parser.error("give a bundle, or --data-dir DIR (one of them)")
    pinned = None
    if args.key is not None:
        match = KEY_PATTERN.match(args.key.strip())
        if match is None:
            parser.error("--key takes sha256: and 64 hex digits, as proctor-server "
                         "--show-keys prints them")
        pinned = match.group(1).lower()
    started = time.perf_counter()
    code = (_check_bundle(args.bundle, pinned) if args.bundle is not None
            else _check_data_dir(args.data_dir, pinned))
    if args.time:
        print(f"checked in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return code


def _check_bundle(path: Path, pinned: str | None) -> int:
    from core.services.evidence_bundle import verify_bundle

    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"proctor-verify: {path} cannot be read ({exc.strerror or exc}).", file=sys.stderr)
        return 2
    result = verify_bundle(data, pinned)
    if result.problems:
        for problem in result.problems:
            print(problem)
        return 1
    print(result.summary())
    return 0


def _check_data_dir(data_dir: Path, pinned: str | None) -> int:
    from core.config import ConfigError, CoreConfig
    from core.db.engine import UnitOfWork, create_db_engine
    from core.db.migrate import is_at_head
    from core.domain.clock import SystemClock
    from core.media.store import MediaStore
    from core.net.evidence_key import KEY_FILE, KEYS_DIR, EvidenceKey
    from core.services.evidence import EvidenceService

    if not data_dir.is_dir():
        print(f"proctor-verify: {data_dir} is not a folder.", file=sys.stderr)
        return 2
    try:
        config = CoreConfig.load(data_dir=data_dir)
    except ConfigError as exc:
        print(f"proctor-verify: {exc}", file=sys.stderr)
        return 2
    key_file = data_dir / KEYS_DIR / KEY_FILE
    problems: list[str] = []
    key = None
    if key_file.is_file():
        key = EvidenceKey.load(key_file)
        if pinned is not None and key.fingerprint != pinned:
            problems.append(f"{KEYS_DIR}/{KEY_FILE}: it is evidence key sha256:"
                            f"{key.fingerprint}, not the key given (sha256:{pinned})")
    else:
        problems.append(f"{KEYS_DIR}/{KEY_FILE}: missing, so no signature can be checked")
    engine = create_db_engine(config.database_url)
    try:
        if not is_at_head(engine):
            print(f"proctor-verify: the database of {data_dir} is not at this version's schema; "
                  "start the center once with this version, then check it.", file=sys.stderr)
            return 2
        media = MediaStore(config.media_root, config.max_upload_bytes)
        service = EvidenceService(UnitOfWork(engine, lambda _event: None), media,
                                  SystemClock(), key)
        check = service.check_store()
    finally:
        engine.dispose()
    problems += check.problems
    if problems:
        for problem in problems:
            print(problem)
        return 1
    fingerprint = key.fingerprint if key is not None else "?"
    recorded = check.purged - check.unrecorded_purges
    purges = (f"; {_count(recorded, 'session')} purged by the retention period, checked "
              "across what the purge recorded" if recorded else "")
    if check.unrecorded_purges:
        purges += (f"; {_count(check.unrecorded_purges, 'session')} purged before purges "
                   "recorded what they removed, not checked")
    print(f"verified: {check.snapshots} snapshots, {check.events} events in "
          f"{_count(check.sessions, 'session')}, {_count(check.signatures, 'signature')} by "
          f"evidence key sha256:{fingerprint}{purges}")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


if __name__ == "__main__":
    sys.exit(main())
