"""Backing up and restoring an installation's database, SQLite or PostgreSQL.

SQLite is copied with its online backup API: one step copies every page inside one read
transaction, so the copy is a consistent moment even while the server keeps writing (WAL
mode lets writers go on meanwhile). PostgreSQL is dumped by `pg_dump` in its custom
format (one consistent snapshot) and read back by `pg_restore` in one transaction.

A restore goes only into an empty installation: a database that does not exist yet, has
no tables, or has tables but no account, clinic, record or audit row. Anything else is
refused, so a restore can never overwrite people's data.

These functions take a database's settings (Django's `DATABASES` entry) rather than the
default connection, so a test can back up one database and restore into another.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
# A database holding a row in any of these holds people's data: never restore over it.
DATA_TABLES = ("accounts_user", "accounts_organisation", "patients_patient", "accounts_auditevent")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why in words."""


def engine_of(database: Mapping[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def backup(database: Mapping[str, Any], target: Path) -> None:
    """Write a copy of DATABASE to TARGET (which must not exist yet)."""
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name for each backup.")
    if not target.parent.is_dir():
        raise BackupError(f"There is no folder {target.parent} to write the backup in.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if engine_of(database) == "sqlite":
            _backup_sqlite(Path(str(database["NAME"])), partial)
        else:
            _backup_postgresql(database, partial)
        # Renamed only when complete: a file with the chosen name is always a whole backup.
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def restore(source: Path, database: Mapping[str, Any]) -> None:
    """Load the backup SOURCE into DATABASE, which must be an empty installation."""
    if not source.is_file():
        raise BackupError(f"There is no backup file {source}.")
    with source.open("rb") as file:
        head = file.read(16)
    engine = engine_of(database)
    if head.startswith(SQLITE_MAGIC):
        kind = "sqlite"
    elif head.startswith(PG_CUSTOM_MAGIC):
        kind = "postgresql"
    else:
        raise BackupError(f"{source} is not an ALS Move backup (neither SQLite nor pg_dump).")
    if kind != engine:
        raise BackupError(
            f"{source} is a {kind} backup but this installation uses {engine}; "
            "restore it into the same kind of database."
        )
    if engine == "sqlite":
        _restore_sqlite(source, Path(str(database["NAME"])))
    else:
        _restore_postgresql(source, database)


# --- SQLite ---------------------------------------------------------------------------


def _backup_sqlite(path: Path, partial: Path) -> None:
    if not path.is_file():
        raise BackupError(f"There is no database at {path}.")
    with (
        closing(sqlite3.connect(path, timeout=20)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst)  # pages=-1: the whole database in one step, one snapshot
        # A self-contained file: no -wal beside it when it is copied elsewhere.
        dst.execute("PRAGMA journal_mode=DELETE")
        (check,) = dst.execute("PRAGMA integrity_check").fetchone()
    if check != "ok":
        raise BackupError(f"The copy failed its integrity check ({check}); nothing was kept.")


def _sqlite_rows_in_data_tables(path: Path) -> dict[str, int]:
    if not path.exists() or path.stat().st_size == 0:
        return {}
    with closing(sqlite3.connect(path, timeout=20)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 (fixed names)
            for table in DATA_TABLES
            if table in tables
        }


def _restore_sqlite(source: Path, path: Path) -> None:
    _refuse_unless_empty(_sqlite_rows_in_data_tables(path), str(path))
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
        (check,) = src.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            raise BackupError(f"{source} fails SQLite's integrity check ({check}).")
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, timeout=20)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")


# --- PostgreSQL -----------------------------------------------------------------------


def _pg_env(database: Mapping[str, Any]) -> dict[str, str]:
    """libpq's variables: the password travels in the environment, never on a command line
    that other users of the machine could read."""
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[name] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    env["PGDATABASE"] = str(database["NAME"])
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed; install the postgresql-client package "
            "(scripts/system-deps.sh does)."
        )
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{Path(command[0]).name} failed: {last}")


def _backup_postgresql(database: Mapping[str, Any], partial: Path) -> None:
    _run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
         f"--file={partial}"],
        _pg_env(database),
    )  # fmt: skip


def pg_connect(database: Mapping[str, Any]) -> psycopg.Connection[Any]:
    return psycopg.connect(
        dbname=str(database["NAME"]),
        host=str(database.get("HOST") or "") or None,
        port=str(database.get("PORT") or "") or None,
        user=str(database.get("USER") or "") or None,
        password=str(database.get("PASSWORD") or "") or None,
    )


def _pg_rows_in_data_tables(database: Mapping[str, Any]) -> dict[str, int]:
    try:
        conn = pg_connect(database)
    except psycopg.OperationalError as error:
        raise BackupError(
            f"Cannot reach the database {database['NAME']!r} ({str(error).strip()}). "
            "Create it first (an empty database owned by the application's role)."
        ) from error
    with conn:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        }
        counts: dict[str, int] = {}
        for table in DATA_TABLES:
            if table in tables:
                row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
                counts[table] = int(row[0]) if row else 0
        return counts


def _restore_postgresql(source: Path, database: Mapping[str, Any]) -> None:
    _refuse_unless_empty(_pg_rows_in_data_tables(database), f"database {database['NAME']!r}")
    # --clean drops the empty tables a `migrate` may have made; one transaction, so a
    # failed restore leaves the database as it was.
    _run(
        [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--clean", "--if-exists",
         "--single-transaction", "--exit-on-error", f"--dbname={database['NAME']}",
         str(source)],
        _pg_env(database),
    )  # fmt: skip


def _refuse_unless_empty(counts: Mapping[str, int], where: str) -> None:
    held = {table: n for table, n in counts.items() if n}
    if held:
        listed = ", ".join(f"{n} in {table}" for table, n in sorted(held.items()))
        raise BackupError(
            f"Refusing to restore: {where} is not an empty installation ({listed}). "
            "Restore only into a new, empty database, then point the settings at it."
        )
