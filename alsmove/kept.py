"""A small store of finished results, per process, keyed by everything they are made from.

A page's costly part (charts, a plan) is kept under a key that holds all of its inputs, so
a changed input is a new key and a stale result is never read: nothing has to be
invalidated by hand, and several processes each keep their own. The least recently read
result goes first once `size` are kept. No app: `rows` reads a key's rows in plain SQL
built once from a model (compiling small queries with the ORM and converting their
values cost about twenty times more than running them; docs/performance.md).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache
from typing import Any, Generic, TypeVar

from django.db import connection, connections, models, router

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)
_MISSING = object()  # not kept (a kept result may itself be None)


class Kept(Generic[T]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()  # the development server answers in threads

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """The result kept under `key`, or `make()`'s, kept from now on."""
        found = self._find(key)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        value = make()  # outside the lock: two threads may make it once each, no harm
        self.put(key, value)
        return value

    def get(self, key: Hashable) -> T | None:
        """The result kept under `key`, if any (for a result that is not always kept)."""
        found = self._find(key)
        return None if found is _MISSING else found  # type: ignore[return-value]

    def _find(self, key: Hashable) -> T | object:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        return _MISSING

    def put(self, key: Hashable, value: T) -> None:
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def column(field: models.Field[Any, Any], table: str = "") -> str:
    """A field's column for plain SQL (`table.` before it when given); a JSON column as
    its stored text, so a key compares what is stored, not a decoded copy."""
    name = (f"{table}." if table else "") + connection.ops.quote_name(field.column)
    return f"CAST({name} AS TEXT)" if isinstance(field, models.JSONField) else name


@cache
def _select(
    model: type[models.Model], names: tuple[str, ...], where: str | None, order: tuple[str, ...]
) -> str:
    meta = model._meta

    def quoted(name: str) -> str:
        return connection.ops.quote_name(meta.get_field(name).column)  # type: ignore[union-attr]

    columns = ", ".join(column(meta.get_field(name)) for name in names)  # type: ignore[arg-type]
    sql = f"SELECT {columns} FROM {connection.ops.quote_name(meta.db_table)}"  # noqa: S608
    if where is not None:
        sql += f" WHERE {quoted(where)} = %s"
    # Every part is a quoted column or table name from the model; the value is a parameter.
    return sql + " ORDER BY " + ", ".join(quoted(name) for name in order)


def rows(
    model: type[models.Model],
    names: tuple[str, ...],
    order: tuple[str, ...],
    where: str | None = None,
    value: Any = None,
) -> tuple[tuple[Any, ...], ...]:
    """The rows of `model` (those whose field `where` is `value`, if given): the fields
    `names`, raw, in the order of the fields `order`."""
    with connection.cursor() as cursor:
        cursor.execute(_select(model, names, where, order), [] if where is None else [value])
        return tuple(tuple(row) for row in cursor.fetchall())


class _Compiled:
    """A read compiled by the ORM once per database with a stand-in value: its SQL, where
    the value goes among the parameters, and the ORM's own way from rows to instances."""

    def __init__(self, queryset: models.QuerySet[Any], alias: str) -> None:
        self.sql, self.params, self.at, compiler = _compile(queryset, alias)
        if compiler.klass_info is None:
            raise ValueError(f"{queryset.model.__name__}: not a read of model instances")
        self.model = queryset.model
        self.compiler = compiler
        select = compiler.klass_info["select_fields"]
        self.fields = slice(select[0], select[-1] + 1)
        self.names = [
            column.target.attname for column, _sql, _alias in compiler.select[self.fields]
        ]
        self.annotations = dict(compiler.annotation_col_map or {})
        self.converters = compiler.get_converters(
            [column for column, _sql, _alias in compiler.select]
        )

    def run(self, alias: str, value: Any) -> list[Any]:
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, with_value(self.params, self.at, value))
            rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        found = []
        for row in rows:
            instance = self.model.from_db(alias, self.names, row[self.fields])
            for name, at in self.annotations.items():
                setattr(instance, name, row[at])
            found.append(instance)
        return found


# A key no row has: the value a read is compiled with, then replaced by the real one.
STAND_IN = -987654321


def compiled_sql(queryset: models.QuerySet[Any], alias: str) -> tuple[str, list[Any], list[int]]:
    """A read built with `STAND_IN` as its key, compiled by the ORM: its SQL, its
    parameters and where the stand-in is among them (ValueError if nowhere)."""
    sql, params, at, _compiler = _compile(queryset, alias)
    return sql, params, at


def _compile(queryset: models.QuerySet[Any], alias: str) -> tuple[str, list[Any], list[int], Any]:
    compiler = queryset.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    at = [i for i, value in enumerate(params) if value == STAND_IN]
    if not at:
        raise ValueError(f"{queryset.model.__name__}: no stand-in value in the read")
    return sql, list(params), at, compiler


def with_value(params: list[Any], at: list[int], value: Any) -> list[Any]:
    """The compiled parameters with the real key where the stand-in was."""
    params = list(params)
    for i in at:
        params[i] = value
    return params


class CompiledRead(Generic[M]):
    """`list(build(value))` as the ORM answers it (the same SQL, the same converted values,
    the same instances with their annotations), compiled once per database: compiling a
    small read cost several times more than running it. `build` must use its argument
    only as a parameter (a key), and the read may not span relations (no select_related).
    """

    def __init__(self, model: type[M], build: Callable[[int], models.QuerySet[M]]) -> None:
        self.model = model
        self.build = build
        # Per database alias, not per connection: a connection is made per thread (the
        # development server answers each request in a new one), and a compiled read
        # holds its connection, so reads kept per connection would keep every connection
        # ever made. The SQL and the converters are the same for every connection.
        self._compiled: dict[str, _Compiled] = {}

    def __call__(self, value: int) -> list[M]:
        alias = router.db_for_read(self.model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = _Compiled(self.build(STAND_IN).using(alias), alias)
        return compiled.run(alias, value)


_BY_KEY: dict[type[models.Model], CompiledRead[Any]] = {}


def by_key(model: type[M], pk: Any) -> M:
    """`model._default_manager.get(pk=pk)` as the ORM answers it (the same SQL, the same
    converted values, the same instance, `DoesNotExist`), compiled once per database."""
    read = _BY_KEY.get(model)
    if read is None:
        read = _BY_KEY[model] = CompiledRead(
            model, lambda key: model._default_manager.filter(pk=key)
        )
    found = read(model._meta.pk.get_prep_value(pk))  # type: ignore[union-attr]
    if not found:
        raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")  # type: ignore[attr-defined]
    return found[0]
