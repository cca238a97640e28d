"""Recompute every tally from the records, in bulk (after indicator changes or bulk loads).

One INSERT … SELECT per indicator, done by the database: the records are grouped by
(unit, month), joined to the closure table and summed per ancestor, so nothing passes
through Python (a national dataset of millions of records rebuilds in seconds).
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Count, DateField, F, Func, Sum
from django.db.models.functions import TruncMonth

from danvan.units.models import UnitClosure

from . import sources
from .facts import invalidate, to_q
from .models import Indicator, IndicatorKind, Tally


class MonthStart(Func):
    """The first day of the month of a date, as a date, natively on each backend.

    (TruncMonth on SQLite calls a Python function per row; this does not.)
    """

    output_field = DateField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, 'start of month')", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        return self.as_sql(
            compiler,
            connection,
            template="CAST(DATE_TRUNC('month', %(expressions)s) AS date)",
            **extra,
        )

    def as_sql(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        if connection.vendor not in ("sqlite", "postgresql") and "template" not in extra:
            return TruncMonth(*self.source_expressions).as_sql(compiler, connection)
        return super().as_sql(compiler, connection, **extra)


@transaction.atomic
def rebuild() -> int:
    """Replace all tallies by a fresh computation; returns the number of cells written."""
    invalidate()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Big one-off aggregations: hash them in memory, and skip JIT compilation
            # (it costs more than it saves on 35 short statements). This transaction only.
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL jit = off")
    Tally.objects.all()._raw_delete(Tally.objects.db)
    tally = connection.ops.quote_name(Tally._meta.db_table)
    closure = connection.ops.quote_name(UnitClosure._meta.db_table)
    cells = 0
    for ind in Indicator.objects.filter(
        is_active=True, kind__in=[IndicatorKind.COUNT, IndicatorKind.SUM]
    ):
        if ind.source not in sources.SOURCES:
            continue
        source = sources.get(ind.source)
        measure = Count("pk") if ind.kind == IndicatorKind.COUNT else Sum(ind.value_field)
        grouped = (
            source.model._default_manager.filter(
                to_q(ind.filters), **{f"{ind.date_field}__isnull": False}
            )
            .annotate(u=F(source.unit_field), m=MonthStart(ind.date_field))
            .values("u", "m")
            .annotate(v=measure)
            .order_by()
        )
        inner, params = grouped.query.sql_with_params()
        sql = (
            f"INSERT INTO {tally} (indicator_id, unit_id, month, value) "
            f"SELECT %s, c.ancestor_id, r.m, SUM(r.v) FROM ({inner}) r "
            f"JOIN {closure} c ON c.descendant_id = r.u "
            f"GROUP BY c.ancestor_id, r.m HAVING SUM(r.v) <> 0"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (ind.pk, *params))
            cells += max(cursor.rowcount, 0)
    return cells
