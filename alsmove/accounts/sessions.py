"""Django's database sessions, read in plain SQL built once.

The same table, the same rows, the same signed and encoded data and the same expiry rule
(`expire_date` after now) as `django.contrib.sessions.backends.db`; only the one read
every signed-in request makes skips the ORM, whose compiling of this primary-key lookup
cost several times more than running it (docs/performance.md, item 10). Writes, key
checks, cycling and clearing are Django's own.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.utils import timezone


@cache
def _select(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    meta = Session._meta
    table = quote(meta.db_table)
    data = quote(meta.get_field("session_data").column)
    key = quote(meta.get_field("session_key").column)
    expires = quote(meta.get_field("expire_date").column)
    # Every part is a quoted name from the model; the values are parameters.
    return f"SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s"  # noqa: S608


class _Row:
    __slots__ = ("session_data",)

    def __init__(self, session_data: str) -> None:
        self.session_data = session_data


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        try:
            key = self.session_key
            if key is None:
                raise Session.DoesNotExist
            alias = router.db_for_read(Session)
            connection = connections[alias]
            expires = Session._meta.get_field("expire_date")
            now = expires.get_db_prep_value(timezone.now(), connection)
            with connection.cursor() as cursor:
                cursor.execute(_select(alias), [key, now])
                row = cursor.fetchone()
            if row is None:
                raise Session.DoesNotExist
            return _Row(row[0])
        except (Session.DoesNotExist, SuspiciousOperation) as error:
            if isinstance(error, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
                logger.warning(str(error))
            self._session_key = None
            return None
