"""`alsmove backup` while the installation keeps writing, `alsmove restore` into an empty
one, then every table compared row for row: on SQLite in the default run, on PostgreSQL
in `make test-postgres`.

Each test builds its own installation (migrate and the demo, in new processes, as an
operator would) rather than using the test database, because a backup must see what
other connections committed.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
import pytest
from psycopg import sql

from alsmove.cli.backup_store import pg_connect

ROOT = Path(__file__).resolve().parents[2]
ALSMOVE = str(Path(sys.executable).with_name("alsmove"))
PG_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgres")

# Keeps writing audit rows through the ORM, as a serving process would, until told to stop.
WRITER = """
import sys, time, django
django.setup()
from alsmove.accounts.models import AuditEvent
stop = sys.argv[1]
n = 0
import os
while not os.path.exists(stop):
    AuditEvent.objects.create(action="backup_test_write", detail=str(n))
    n += 1
"""


def env_for(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ALSMOVE_SQLITE_PATH")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(settings)
    return env


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def install(env: dict[str, str]) -> None:
    """A working installation: tables, the library and the demo people."""
    for step in (["migrate", "--noinput", "-v0"], ["load_library"], ["load_demo"]):
        done = run([sys.executable, "manage.py", *step], {**env, "ALSMOVE_ALLOW_DEMO": "True"})
        assert done.returncode == 0, done.stderr


def count_writes(rows: dict[str, list[tuple[Any, ...]]], table: str = "accounts_auditevent") -> int:
    return sum(1 for row in rows[table] if "backup_test_write" in row)


def backup_while_writing(env: dict[str, str], backup_file: Path, tmp: Path) -> None:
    """Runs the backup while a writer commits, and lets it write on for a moment after."""
    stop = tmp / "stop-writing"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.5)  # the writer is set up and committing
        done = run([ALSMOVE, "backup", str(backup_file)], env)
        assert done.returncode == 0, done.stderr
        time.sleep(0.5)  # and it kept writing after the copy's moment
    finally:
        stop.touch()
        assert writer.wait(timeout=60) == 0


def assert_same_rows(
    source: dict[str, list[tuple[Any, ...]]], restored: dict[str, list[tuple[Any, ...]]]
) -> None:
    """Every table is identical, except that the writer's table holds exactly the rows
    committed before the backup's moment: a prefix of the source, in id order."""
    assert set(restored) == set(source)
    for table, rows in source.items():
        if table == "accounts_auditevent":
            kept = restored[table]
            assert kept == rows[: len(kept)], table
        else:
            assert restored[table] == rows, table


# --- SQLite -----------------------------------------------------------------------------


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()  # noqa: S608
            for t in tables
        }


@pytest.fixture(scope="module")
def installed_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One installation made once (it takes a while); each test works on a copy."""
    path = tmp_path_factory.mktemp("installed") / "alsmove.sqlite3"
    install(env_for(ALSMOVE_SQLITE_PATH=str(path)))
    return path


def copy_of(path: Path, target: Path) -> Path:
    with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite run covers SQLite")
def test_a_sqlite_backup_taken_during_writes_restores_every_row(
    tmp_path: Path, installed_sqlite: Path
) -> None:
    source = copy_of(installed_sqlite, tmp_path / "serving.sqlite3")
    env = env_for(ALSMOVE_SQLITE_PATH=str(source))
    backup_file = tmp_path / "alsmove-backup.sqlite3"

    backup_while_writing(env, backup_file, tmp_path)

    restored_path = tmp_path / "new-install" / "alsmove.sqlite3"
    done = run(
        [ALSMOVE, "restore", str(backup_file)], env_for(ALSMOVE_SQLITE_PATH=str(restored_path))
    )
    assert done.returncode == 0, done.stderr
    source_rows, restored_rows = sqlite_rows(source), sqlite_rows(restored_path)
    assert len(source_rows) > 30
    assert_same_rows(source_rows, restored_rows)
    # The copy is one moment in the middle of the writing: rows from before it, not after.
    assert 0 < count_writes(restored_rows) < count_writes(source_rows)
    assert source_rows["accounts_user"]  # the demo people came back too


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite run covers SQLite")
def test_a_restore_over_an_installation_with_people_is_refused_and_changes_nothing(
    tmp_path: Path, installed_sqlite: Path
) -> None:
    source = copy_of(installed_sqlite, tmp_path / "a.sqlite3")
    env = env_for(ALSMOVE_SQLITE_PATH=str(source))
    backup_file = tmp_path / "b.sqlite3"
    assert run([ALSMOVE, "backup", str(backup_file)], env).returncode == 0
    rows = sqlite_rows(source)

    done = run([ALSMOVE, "restore", str(backup_file)], env)

    assert done.returncode == 2
    assert "Refusing to restore" in done.stderr
    assert "not an empty installation" in done.stderr
    assert sqlite_rows(source) == rows


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite run covers SQLite")
def test_a_backup_never_overwrites_a_file_and_bad_files_are_refused_in_words(
    tmp_path: Path, installed_sqlite: Path
) -> None:
    env = env_for(ALSMOVE_SQLITE_PATH=str(copy_of(installed_sqlite, tmp_path / "a.sqlite3")))
    existing = tmp_path / "already-there"
    existing.write_text("keep me")

    refused = run([ALSMOVE, "backup", str(existing)], env)
    assert refused.returncode == 2
    assert "already exists" in refused.stderr
    assert existing.read_text() == "keep me"

    empty = env_for(ALSMOVE_SQLITE_PATH=str(tmp_path / "empty.sqlite3"))
    not_a_backup = run([ALSMOVE, "restore", str(existing)], empty)
    assert not_a_backup.returncode == 2
    assert "is not an ALS Move backup" in not_a_backup.stderr
    missing = run([ALSMOVE, "restore", str(tmp_path / "nowhere")], empty)
    assert missing.returncode == 2
    assert "There is no backup file" in missing.stderr


# --- PostgreSQL -------------------------------------------------------------------------


def pg_rows(database: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    with pg_connect(database) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        ]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            query = sql.SQL("SELECT * FROM {} ORDER BY 1").format(sql.Identifier(table))
            rows = conn.execute(query).fetchall()
            out[table] = sorted(rows, key=repr) if table != "accounts_auditevent" else rows
        return out


@pytest.fixture
def pg_databases() -> Iterator[tuple[str, str]]:
    """Two new databases named after this run's (alsmove_NAME_bk, alsmove_NAME_restore),
    dropped afterwards, so parallel runs with their own DATABASE_URL never meet."""
    base = dj_database_url.parse(PG_URL)
    names = (f"{base['NAME']}_bk", f"{base['NAME']}_restore")
    admin = {**base, "NAME": "postgres"}

    def drop_all(conn: psycopg.Connection[Any]) -> None:
        for name in names:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    with closing(pg_connect(admin)) as conn:
        conn.autocommit = True
        drop_all(conn)
        for name in names:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        urls = tuple(PG_URL.rsplit("/", 1)[0] + "/" + name for name in names)
        yield urls[0], urls[1]
    finally:
        with closing(pg_connect(admin)) as conn:
            conn.autocommit = True
            drop_all(conn)


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (make test-postgres)")
def test_a_postgresql_backup_taken_during_writes_restores_every_row(
    tmp_path: Path, pg_databases: tuple[str, str]
) -> None:
    source_url, restore_url = pg_databases
    env = env_for(DATABASE_URL=source_url)
    install(env)
    backup_file = tmp_path / "alsmove.pgdump"

    backup_while_writing(env, backup_file, tmp_path)
    assert backup_file.read_bytes().startswith(b"PGDMP")

    restore_env = env_for(DATABASE_URL=restore_url)
    done = run([ALSMOVE, "restore", str(backup_file)], restore_env)
    assert done.returncode == 0, done.stderr
    source_rows = pg_rows(dj_database_url.parse(source_url))
    restored_rows = pg_rows(dj_database_url.parse(restore_url))
    assert len(source_rows) > 30
    assert_same_rows(source_rows, restored_rows)
    assert 0 < count_writes(restored_rows) < count_writes(source_rows)

    # The restored installation works: no migration missing, sequences carry on.
    check = run([sys.executable, "manage.py", "migrate", "--check", "-v0"], restore_env)
    assert check.returncode == 0, check.stdout + check.stderr
    write = run(
        [sys.executable, "-c", WRITER.replace("while not", "if not"), str(tmp_path / "x")],
        restore_env,
    )
    assert write.returncode == 0, write.stderr

    again = run([ALSMOVE, "restore", str(backup_file)], restore_env)
    assert again.returncode == 2
    assert "not an empty installation" in again.stderr
