"""Model instances from rows of a hand-written SELECT, converted exactly as the ORM converts them.

A few reads run on every logged-in page (``request.user`` with its roles, a cadre's enrolment with its
completions) and cost far more to build through the ORM than to run. They are written as one SELECT of
the model's columns; this turns a row back into an instance with the database backend's and the fields'
converters (on SQLite: aware datetimes, booleans, decimals), the ones ``QuerySet`` applies.
"""

import functools

from django.db import connections


def select_columns(model, alias: str, table_alias: str) -> str:
    """``t."col1", t."col2", ...``: the model's concrete columns, in field order, quoted for ``alias``."""
    q = connections[alias].ops.quote_name
    return ", ".join(f"{table_alias}.{q(field.column)}" for field in model._meta.concrete_fields)


@functools.cache
def _converters(model, alias: str):
    connection = connections[alias]
    found = []
    for index, field in enumerate(model._meta.concrete_fields):
        column = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if converters:
            found.append((index, converters, column))
    return found


def instance_from_row(model, alias: str, values):
    """The instance whose concrete field values, in field order, are ``values`` (as the database sent them)."""
    values = list(values)
    connection = connections[alias]
    for index, converters, column in _converters(model, alias):
        value = values[index]
        for converter in converters:
            value = converter(value, column, connection)
        values[index] = value
    return model.from_db(alias, [field.attname for field in model._meta.concrete_fields], values)
