"""Whether the database answers now: one cheap statement under a short timeout (the health
route).

On SQLite the probe takes the write lock for a moment and reads the schema page, with the busy
timeout shortened, so a file that another program keeps locked, or that cannot be read, is seen
(reads alone go on in WAL mode while writes wait). On PostgreSQL a ``SELECT 1`` runs under a
statement timeout; a server that is down refuses the connection at once, and an unreachable host
is given up on after the engine's connect timeout.
"""

from __future__ import annotations

import logging
import sqlite3

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

#: How long the health probe waits for the database.
PROBE_TIMEOUT_SECONDS = 2.0


def database_answers(engine: Engine, timeout_seconds: float = PROBE_TIMEOUT_SECONDS) -> bool:
    milliseconds = max(1, int(timeout_seconds * 1000))
    try:
        if engine.dialect.name == "sqlite":
            _probe_sqlite(engine, milliseconds)
        else:
            with engine.connect() as connection:
                connection.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")
                connection.exec_driver_sql("SELECT 1").scalar()
                connection.rollback()
    except (SQLAlchemyError, sqlite3.Error) as exc:
        log.warning("the database does not answer: %s",
                    str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return False
    return True


def _probe_sqlite(engine: Engine, milliseconds: int) -> None:
    """On a pooled connection (in autocommit: the engine issues BEGIN itself), whose own busy
    timeout is put back afterwards; one that cannot be put back is dropped from the pool."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        own_timeout = int(cursor.execute("PRAGMA busy_timeout").fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout={milliseconds}")
        try:
            cursor.execute("BEGIN IMMEDIATE")
            try:
                cursor.execute("SELECT count(*) FROM sqlite_master").fetchall()
            finally:
                cursor.execute("ROLLBACK")
        finally:
            cursor.execute(f"PRAGMA busy_timeout={own_timeout}")
            cursor.close()
    except BaseException:
        connection.invalidate()
        raise
    finally:
        connection.close()
