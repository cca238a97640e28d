"""Roll-up benchmark on a national-scale synthetic dataset (issue 5, item 7).

    .venv/bin/python benchmarks/rollup.py [--records 3000000] [--runs 15]

The backend follows the environment like the application: DATABASE_URL=postgres://…
benchmarks PostgreSQL (a fresh database `danvan_bench` is created on that server and
dropped at the end), otherwise SQLite (a fresh file in a temporary directory). The
script migrates it, loads the real units and the standard indicators, generates the
records (`danvan generate_benchmark_data`), then prints the median of warm runs. Its
last line is one JSON object. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESERVED = {"test", "test_test", "postgres", "template0", "template1"}


def median_ms(fn: Callable[[], object], runs: int, warmups: int) -> float:
    for _ in range(warmups):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def log(message: str) -> None:
    print(message, flush=True)


def prepare_database(db_name: str) -> tuple[str, Callable[[], None]]:
    """Point DATABASE_URL/DANVAN_DATA_DIR at a fresh database; return (backend, cleanup)."""
    data_dir = tempfile.mkdtemp(prefix="danvan-bench-")
    os.environ["DANVAN_DATA_DIR"] = data_dir
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        os.environ.pop("DATABASE_URL", None)
        return "sqlite", lambda: shutil.rmtree(data_dir, ignore_errors=True)

    import psycopg
    from psycopg import sql

    if db_name in RESERVED:
        raise SystemExit(f"refusing to use the database {db_name!r}")
    parsed = urlparse(url)
    admin = dict(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**admin) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(db_name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db_name)))
    os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{db_name}"))

    def cleanup() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(**admin) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db_name))
            )
        shutil.rmtree(data_dir, ignore_errors=True)

    return "postgresql", cleanup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=15, help="warm runs per measure (median)")
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument("--docx-runs", type=int, default=5)
    parser.add_argument(
        "--db-name", default="danvan_bench", help="PostgreSQL database to create and drop"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database (and print where it is)"
    )
    args = parser.parse_args()

    backend, cleanup = prepare_database(args.db_name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    try:
        result = run(backend, args)
    finally:
        if args.keep:
            log(
                f"kept: DANVAN_DATA_DIR={os.environ['DANVAN_DATA_DIR']} DATABASE_URL={os.environ.get('DATABASE_URL', '')}"
            )
        else:
            cleanup()
    print(json.dumps(result))


def run(backend: str, args: argparse.Namespace) -> dict:
    from django.core.management import call_command
    from django.db import transaction

    started = time.perf_counter()
    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("load_units", stdout=quiet)
    call_command("load_indicators", stdout=quiet)
    log(f"[{backend}] schema, units and indicators ready in {time.perf_counter() - started:.0f} s")
    t = time.perf_counter()
    call_command("generate_benchmark_data", records=args.records, seed=args.seed, stdout=quiet)
    summary = [line for line in quiet.getvalue().splitlines() if not line.startswith("  ")]
    log(
        f"[{backend}] {args.records} records generated and tallied in {time.perf_counter() - t:.0f} s: "
        + " | ".join(summary[-4:])
    )

    from danvan.engagements.models import Engagement
    from danvan.lib.periods import build
    from danvan.reporting import rollup
    from danvan.reporting.exports import report_docx
    from danvan.reporting.models import Indicator, Report, ReportTemplate
    from danvan.reporting.standard import STANDARD
    from danvan.units.models import LAST_LEGACY_DATE, Level, Unit

    codes = [spec["code"] for spec in STANDARD]
    indicators = list(
        Indicator.objects.filter(code__in=codes, is_active=True).select_related("inflow", "outflow")
    )
    nation = Unit.objects.get(level=Level.NATION)
    province = Unit.objects.get(
        level=Level.PROVINCE, code="22", valid_to__isnull=True
    )  # Quảng Ninh
    commune = (
        Unit.objects.filter(level=Level.COMMUNE, valid_to=LAST_LEGACY_DATE).order_by("pk").first()
    )
    year_2024, nine_2025, year_2022 = (
        build("year", 2024),
        build("nine_months", 2025),
        build("year", 2022),
    )

    national = median_ms(
        lambda: rollup.figures(indicators, nation, year_2024), args.runs, args.warmups
    )
    log(f"national roll-up, {len(indicators)} indicators, 2024: median {national:.1f} ms")
    province_9m = median_ms(
        lambda: rollup.figures(indicators, province, nine_2025), args.runs, args.warmups
    )
    log(f"province ({province.name}) 9 months 2025: median {province_9m:.1f} ms")
    recast = median_ms(
        lambda: rollup.recast_provinces(indicators, year_2022), args.runs, args.warmups
    )
    log(f"recast of 2022 into today's 34 provinces: median {recast:.1f} ms")

    meetings = next(i for i in indicators if i.code == "meetings_held")
    counter = iter(range(10**9))

    def write_and_read() -> None:
        before = rollup.figures(indicators, nation, year_2024)["meetings_held"]
        t0 = time.perf_counter()
        with transaction.atomic():  # as the engagements action does
            Engagement.objects.create(
                external_id=f"bench-w{uuid.uuid4().hex[:12]}",
                kind="mobilization",
                unit=commune,
                date=year_2024.start.replace(month=5, day=10),
                meetings=1,
                attendance=40,
                topic=f"Hội nghị đo độ trễ {next(counter)}",
            )
        after = rollup.figures(indicators, nation, year_2024)["meetings_held"]
        write_times.append((time.perf_counter() - t0) * 1000)
        assert after == (before or 0) + 1, (before, after, meetings.code)

    write_times: list[float] = []
    for _ in range(args.warmups + args.runs):
        write_and_read()
    write = statistics.median(write_times[args.warmups :])
    log(f"one record write until visible in the national figure: median {write:.1f} ms")

    template = ReportTemplate.objects.get(code="dan-van-nam")
    report = Report.objects.create(
        code=uuid.uuid4(),
        template=template,
        unit=nation,
        period_start=year_2024.start,
        period_end=year_2024.end,
        period_label=year_2024.label,
        status="draft",
    )
    size = len(report_docx(report))
    docx = median_ms(lambda: report_docx(report), args.docx_runs, 1) / 1000
    log(f"national DOCX report 2024 ({size:,} bytes): median {docx:.2f} s")

    naive = median_ms(
        lambda: rollup.naive_figures(indicators, nation, year_2024), args.naive_runs, 0
    )
    fast_flows = rollup.figures(indicators, nation, year_2024)
    slow = rollup.naive_figures(indicators, nation, year_2024)
    mismatched = {k: (fast_flows[k], v) for k, v in slow.items() if fast_flows[k] != v}
    log(
        f"national roll-up computed naively (GROUP BY over records ⋈ closure): median {naive:.0f} ms "
        f"over {args.naive_runs} runs; naive/fast = {naive / national:.0f}×; "
        f"{'same figures' if not mismatched else f'MISMATCH {mismatched}'}"
    )
    log(f"[{backend}] total {time.perf_counter() - started:.0f} s")
    return {
        "backend": backend,
        "records": args.records,
        "national_rollup_ms": round(national, 2),
        "province_9m_ms": round(province_9m, 2),
        "recast_ms": round(recast, 2),
        "write_to_visible_ms": round(write, 2),
        "naive_ms": round(naive, 1),
        "docx_national_s": round(docx, 3),
    }


if __name__ == "__main__":
    main()
