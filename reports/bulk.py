"""Inserting many rows fast: COPY on PostgreSQL, batched ``bulk_create`` elsewhere.

Used by the summary rebuild and by ``seed_scale``. Rows are model instances (unsaved); the
primary key is left to the database unless ``with_pk``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

BATCH = 2000


def _columns(model, with_pk: bool):
    return [field for field in model._meta.concrete_fields if with_pk or not field.primary_key]


def copy_rows(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """COPY plain tuples into ``model``'s table (PostgreSQL only); returns the number of rows."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    count = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def bulk_insert(model, objects: list, *, with_pk: bool = False) -> int:
    if not objects:
        return 0
    fields = _columns(model, with_pk)
    if connection.vendor == "postgresql":
        return copy_rows(
            model,
            [field.column for field in fields],
            ([field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] for obj in objects),
        )
    model.objects.bulk_create(objects, batch_size=BATCH)
    return len(objects)


def insert_tuples(model, attnames: list[str], rows: list[tuple]) -> int:
    """Insert plain tuples of values for ``attnames`` (no model instances: the fast path for millions).

    Every other column gets its field's default (computed once), as a model instance would.
    """
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        given = [model._meta.get_field(name) for name in attnames]
        rest = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in attnames]
        constants = [f.get_db_prep_save(f.get_default(), connection) for f in rest]
        json_fields = {i for i, f in enumerate(given) if f.get_internal_type() == "JSONField"}
        if json_fields:
            from psycopg.types.json import Jsonb

            def convert(row):
                return [Jsonb(v) if i in json_fields else v for i, v in enumerate(row)] + constants
        else:

            def convert(row):
                return [*row, *constants]

        return copy_rows(model, [f.column for f in given + rest], (convert(row) for row in rows))
    model.objects.bulk_create([model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=BATCH)
    return len(rows)
