"""National-scale synthetic records on the real unit hierarchy, for benchmarks/rollup.py.

Records dated 2021 – 30/06/2025 attach to the legacy units (communes mostly, some
districts and provinces), those from 01/07/2025 to 31/10/2026 to today's units. Each
unit gets a log-normal weight (wards and the big cities more), so a city ward has
tens of times the records of a small mountain commune. Mix of N records:

    55 % engagements (mobilisation meetings, citizen receptions, dialogues)
    17 % petition cases, 21 % petitions (1–2 per case, same unit) + their transitions
     7 % practices ("Dân vận khéo" models) + their transitions

Transitions are extra rows (about 0.55 × N more). Rows are inserted with bulk_create,
bypassing the tally signals on purpose, then the tallies are rebuilt in bulk. Every
generated row is marked ("bench-" external id, or case title) so --clear removes
exactly them.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import numpy as np
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from danvan.engagements.models import Engagement
from danvan.petitions.models import Case, Petition, PetitionTransition
from danvan.practices.models import Practice, PracticeTransition
from danvan.reporting.rebuild import rebuild
from danvan.units.models import LAST_LEGACY_DATE, Kind, Level, Unit

PREFIX = "bench-"
START = dt.date(2021, 1, 1)
REFORM = LAST_LEGACY_DATE + dt.timedelta(days=1)
END = dt.date(2026, 10, 31)
BIG_CITIES = {"01", "79", "31", "48", "92"}  # Hà Nội, TP. Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ
BATCH = 20_000
SHARE_ENGAGEMENT, SHARE_CASE, SHARE_PETITION, SHARE_PRACTICE = 0.55, 0.17, 0.21, 0.07


def _weights(
    units: list[Unit], province_code: dict[int, str], rng: np.random.Generator
) -> np.ndarray:
    w = rng.lognormal(mean=0.0, sigma=1.0, size=len(units))
    for i, u in enumerate(units):
        if u.kind == Kind.WARD:
            w[i] *= 3.0
        elif u.kind == Kind.TOWNSHIP:
            w[i] *= 1.5
        elif u.level == Level.DISTRICT:
            w[i] *= 0.4  # district-level own records (before 2025)
        elif u.level == Level.PROVINCE:
            w[i] *= 1.0
        if province_code.get(u.pk) in BIG_CITIES:
            w[i] *= 2.5
    return w / w.sum()


class Pool:
    """Units of one hierarchy version with their weights; draws units for a batch of dates."""

    def __init__(
        self,
        legacy: list[Unit],
        current: list[Unit],
        province_code: dict[int, str],
        rng: np.random.Generator,
    ):
        self.rng = rng
        self.ids = {
            k: np.array([u.pk for u in us]) for k, us in (("legacy", legacy), ("current", current))
        }
        self.levels = {
            k: np.array([u.level for u in us])
            for k, us in (("legacy", legacy), ("current", current))
        }
        self.p = {
            "legacy": _weights(legacy, province_code, rng),
            "current": _weights(current, province_code, rng),
        }
        self.span_days = (END - START).days + 1
        self.reform_offset = (REFORM - START).days

    def draw(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(day offsets from START, unit ids, unit levels) for n records."""
        days = self.rng.integers(0, self.span_days, size=n)
        legacy = days < self.reform_offset
        units = np.empty(n, dtype=np.int64)
        levels = np.empty(n, dtype=object)
        for key, mask in (("legacy", legacy), ("current", ~legacy)):
            k = int(mask.sum())
            if k:
                idx = self.rng.choice(len(self.ids[key]), size=k, p=self.p[key])
                units[mask] = self.ids[key][idx]
                levels[mask] = self.levels[key][idx]
        return days, units, levels


class Inserter:
    """Fast batched inserts of plain tuples: COPY on PostgreSQL, executemany on SQLite.

    bulk_create spends ~90 % of its time preparing each field of each object in Python
    (≈ 3,000 rows/s here); generated rows need none of that. Columns not given take the
    model's default (prepared once), `code` a fresh UUID per row, timestamps `now`.
    """

    def __init__(self, model, columns: list[str], now: dt.datetime):  # type: ignore[no-untyped-def]
        self.model = model
        self.columns = columns
        template = model()
        self.constants: list[tuple[str, object]] = []
        self.has_code = False
        for f in model._meta.concrete_fields:
            if f.attname in columns:
                continue
            if f.attname == "code":
                self.has_code = True
                continue
            value = (
                now
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else getattr(template, f.attname)
            )
            self.constants.append((f.column, f.get_db_prep_save(value, connection)))
        names = [model._meta.get_field(c).column for c in columns] + [c for c, _ in self.constants]
        if self.has_code:
            names.append("code")
        self.names = names
        self.tail = tuple(v for _, v in self.constants)
        self.pg = connection.vendor == "postgresql"

    def insert(self, rows: list[tuple]) -> None:
        if self.has_code:
            make = uuid.uuid4 if self.pg else (lambda: uuid.uuid4().hex)
            full = [(*row, *self.tail, make()) for row in rows]
        else:
            full = [(*row, *self.tail) for row in rows]
        table = connection.ops.quote_name(self.model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(n) for n in self.names)
        with connection.cursor() as cursor:
            if self.pg:
                with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in full:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.names))
                cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", full)


# Day offset from START → date (precomputed: a few thousand days, millions of lookups).
DAYS = [START + dt.timedelta(days=i) for i in range((END - START).days + 200)]


def _next_id(model) -> int:  # type: ignore[no-untyped-def]
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def clear() -> dict[str, int]:
    """Remove every generated row (raw deletes: no signals, no per-row collector)."""
    out = {}
    for label, qs in [
        (
            "petition transitions",
            PetitionTransition.objects.filter(petition__external_id__startswith=PREFIX),
        ),
        ("petitions", Petition.objects.filter(external_id__startswith=PREFIX)),
        ("cases", Case.objects.filter(title__startswith=PREFIX)),
        (
            "practice transitions",
            PracticeTransition.objects.filter(practice__external_id__startswith=PREFIX),
        ),
        ("practices", Practice.objects.filter(external_id__startswith=PREFIX)),
        ("engagements", Engagement.objects.filter(external_id__startswith=PREFIX)),
    ]:
        pks = qs.values("pk")
        out[label] = qs.model.objects.filter(pk__in=pks)._raw_delete(qs.db)
    return out


def _reset_sequences(models) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor == "sqlite":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def generate(records: int, seed: int = 1, *, log=print) -> dict[str, int]:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    if connection.vendor == "sqlite":  # a large page cache: the unique indexes take random inserts
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")
    units = list(Unit.objects.exclude(level=Level.NATION).order_by("pk"))
    by_pk = {u.pk: u for u in units}

    def province_of(u: Unit) -> str:
        while u.parent_id and u.level != Level.PROVINCE:
            u = by_pk.get(u.parent_id, u) if u.parent_id in by_pk else u
            if u.parent_id not in by_pk and u.level != Level.PROVINCE:
                break
        return u.code

    province_code = {u.pk: province_of(u) for u in units}
    legacy = [u for u in units if u.valid_to == LAST_LEGACY_DATE]
    current = [u for u in units if u.valid_to is None]
    if not legacy or not current:
        raise SystemExit("Chưa có đơn vị hành chính: chạy `danvan load_units` trước.")
    pool = Pool(legacy, current, province_code, rng)
    now = timezone.now()
    counts = dict.fromkeys(
        [
            "engagements",
            "cases",
            "petitions",
            "petition_transitions",
            "practices",
            "practice_transitions",
        ],
        0,
    )
    n_eng = int(records * SHARE_ENGAGEMENT)
    n_prac = int(records * SHARE_PRACTICE)
    n_case = int(records * SHARE_CASE)
    n_pet = records - n_eng - n_prac - n_case  # ≈ 21 %: 1–2 petitions per case

    started = time.monotonic()
    # Engagements.
    kinds = np.array(["mobilization", "reception", "dialogue", "community"])
    hosts = np.array(["party_secretary", "committee_chair", "deputy", "other"])
    eng = Inserter(
        Engagement,
        [
            "id",
            "external_id",
            "kind",
            "unit_id",
            "date",
            "meetings",
            "topic",
            "host_role",
            "attendance",
            "reception_type",
        ],
        now,
    )
    next_id = _next_id(Engagement)
    done = 0
    while done < n_eng:
        n = min(BATCH, n_eng - done)
        days, unit_ids, _ = pool.draw(n)
        kind = kinds[rng.choice(4, size=n, p=[0.5, 0.3, 0.12, 0.08])].tolist()
        host = hosts[rng.choice(4, size=n, p=[0.3, 0.35, 0.2, 0.15])].tolist()
        meetings = rng.integers(1, 4, size=n).tolist()
        attendance = np.maximum(5, rng.lognormal(4.0, 0.7, size=n).astype(int)).tolist()
        days, unit_ids = days.tolist(), unit_ids.tolist()
        rows = []
        for i in range(n):
            pk = next_id + i
            reception = kind[i] == "reception"
            rows.append(
                (
                    pk,
                    f"{PREFIX}e{pk}",
                    kind[i],
                    unit_ids[i],
                    DAYS[days[i]],
                    meetings[i],
                    "Hoạt động thử nghiệm hiệu năng",
                    host[i] if reception else "",
                    attendance[i],
                    "regular" if reception else "",
                )
            )
        with transaction.atomic():
            eng.insert(rows)
        next_id += n
        done += n
        counts["engagements"] += n
        log(f"  hoạt động: {done}/{n_eng} ({time.monotonic() - started:.0f} s)")

    # Cases and petitions (with their transitions).
    pet_kinds = np.array(["complaint", "denunciation", "recommendation", "feedback"])
    level_map = {Level.PROVINCE: "province", Level.DISTRICT: "district", Level.COMMUNE: "commune"}
    case_ins = Inserter(Case, ["id", "unit_id", "title", "kind", "opened_on"], now)
    pet_ins = Inserter(
        Petition,
        [
            "id",
            "external_id",
            "unit_id",
            "level",
            "received_on",
            "kind",
            "summary",
            "status",
            "case_id",
            "due_on",
            "finished_on",
            "finished_overdue",
        ],
        now,
    )
    ptr_ins = Inserter(
        PetitionTransition,
        ["id", "petition_id", "from_status", "to_status", "on_date", "was_overdue"],
        now,
    )
    case_id, pet_id, tr_id = _next_id(Case), _next_id(Petition), _next_id(PetitionTransition)
    done_cases = done_pets = 0
    per_case = max(1.0, n_pet / max(n_case, 1))
    end_offset = (END - START).days
    while done_cases < n_case:
        n = min(BATCH // 2, n_case - done_cases)
        days, unit_ids, levels = pool.draw(n)
        kind = pet_kinds[rng.choice(4, size=n, p=[0.35, 0.1, 0.3, 0.25])].tolist()
        extra = (rng.random(n) < (per_case - 1.0)).tolist()
        resolved = (rng.random(2 * n) < 0.85).tolist()
        took = rng.integers(5, 90, size=2 * n).tolist()
        days, unit_ids, levels = days.tolist(), unit_ids.tolist(), levels.tolist()
        cases, petitions, transitions = [], [], []
        for i in range(n):
            level = level_map.get(levels[i], "commune")
            cases.append(
                (case_id, unit_ids[i], f"{PREFIX}vụ việc {case_id}", kind[i], DAYS[days[i]])
            )
            for copy in range(2 if extra[i] and done_pets < n_pet - 1 else 1):
                d = days[i] + copy * 7
                j = 2 * i + copy
                f = d + took[j] if resolved[j] and d + took[j] <= end_offset else None
                overdue = None if f is None else took[j] > 60
                petitions.append(
                    (
                        pet_id,
                        f"{PREFIX}p{pet_id}",
                        unit_ids[i],
                        level,
                        DAYS[d],
                        kind[i],
                        "Đơn thử nghiệm hiệu năng",
                        "resolved" if f is not None else "received",
                        case_id,
                        DAYS[d + 60],
                        None if f is None else DAYS[f],
                        overdue,
                    )
                )
                transitions.append((tr_id, pet_id, "", "received", DAYS[d], None))
                tr_id += 1
                if f is not None:
                    transitions.append((tr_id, pet_id, "received", "resolved", DAYS[f], overdue))
                    tr_id += 1
                pet_id += 1
                done_pets += 1
            case_id += 1
        with transaction.atomic():
            case_ins.insert(cases)
            pet_ins.insert(petitions)
            ptr_ins.insert(transitions)
        done_cases += n
        counts["cases"] += len(cases)
        counts["petitions"] += len(petitions)
        counts["petition_transitions"] += len(transitions)
        log(
            f"  vụ việc: {done_cases}/{n_case}, đơn: {counts['petitions']} ({time.monotonic() - started:.0f} s)"
        )

    # Practices ("Dân vận khéo" models) with their status steps.
    fields = np.array(
        ["economy", "culture_society", "defence_security", "political_system", "new_rural", "other"]
    )
    chain = ["registered", "in_progress", "effective", "recognised", "replicated"]
    prac_ins = Inserter(
        Practice,
        [
            "id",
            "external_id",
            "unit_id",
            "level",
            "name",
            "field",
            "registration_year",
            "registered_on",
            "status",
            "evaluated_on",
            "evaluation_result",
            "recognised_on",
            "recognition_decision",
            "recognition_level",
            "search_key",
        ],
        now,
    )
    prtr_ins = Inserter(
        PracticeTransition, ["id", "practice_id", "from_status", "to_status", "on_date"], now
    )
    prac_id, ptr_id = _next_id(Practice), _next_id(PracticeTransition)
    done = 0
    while done < n_prac:
        n = min(BATCH, n_prac - done)
        days, unit_ids, levels = pool.draw(n)
        field = fields[rng.choice(6, size=n, p=[0.3, 0.25, 0.1, 0.1, 0.2, 0.05])].tolist()
        steps = rng.choice(5, size=n, p=[0.15, 0.35, 0.3, 0.15, 0.05]).tolist()
        gaps = rng.integers(30, 180, size=(n, 4)).tolist()
        days, unit_ids, levels = days.tolist(), unit_ids.tolist(), levels.tolist()
        practices, transitions = [], []
        for i in range(n):
            d = days[i]
            transitions.append((ptr_id, prac_id, "", "registered", DAYS[d]))
            ptr_id += 1
            step_days = {}
            for s in range(1, steps[i] + 1):
                d = min(d + gaps[i][s - 1], end_offset)
                step_days[chain[s]] = DAYS[d]
                transitions.append((ptr_id, prac_id, chain[s - 1], chain[s], DAYS[d]))
                ptr_id += 1
            registered = DAYS[days[i]]
            evaluated = step_days.get("effective")
            recognised = step_days.get("recognised")
            practices.append(
                (
                    prac_id,
                    f"{PREFIX}m{prac_id}",
                    unit_ids[i],
                    level_map.get(levels[i], "commune"),
                    "Mô hình thử nghiệm hiệu năng",
                    field[i],
                    registered.year,
                    registered,
                    chain[steps[i]],
                    evaluated,
                    "good" if evaluated else "",
                    recognised,
                    f"QĐ {prac_id}" if recognised else "",
                    "commune" if recognised else "",
                    "mo hinh thu nghiem hieu nang",
                )
            )
            prac_id += 1
        with transaction.atomic():
            prac_ins.insert(practices)
            prtr_ins.insert(transitions)
        done += n
        counts["practices"] += n
        counts["practice_transitions"] += len(transitions)
        log(f"  mô hình: {done}/{n_prac} ({time.monotonic() - started:.0f} s)")
    _reset_sequences([Engagement, Case, Petition, PetitionTransition, Practice, PracticeTransition])
    return counts


class Command(BaseCommand):
    help = "Sinh dữ liệu thử nghiệm hiệu năng quy mô toàn quốc trên cây đơn vị thật, rồi tính lại bảng tổng hợp."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--records", type=int, default=3_000_000, help="Số hồ sơ (mặc định 3.000.000)."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Chỉ xóa dữ liệu thử nghiệm đã sinh (rồi tính lại).",
        )
        parser.add_argument(
            "--no-rebuild", action="store_true", help="Không tính lại bảng tổng hợp."
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.monotonic()
        if options["clear"]:
            removed = clear()
            self.stdout.write("Đã xóa: " + ", ".join(f"{k} {v}" for k, v in removed.items()))
        else:
            counts = generate(options["records"], options["seed"], log=self.stdout.write)
            self.stdout.write(
                "Đã sinh: "
                + ", ".join(f"{k} {v}" for k, v in counts.items())
                + f" ({time.monotonic() - started:.1f} s)"
            )
        if not options["no_rebuild"]:
            t = time.monotonic()
            cells = rebuild()
            self.stdout.write(f"Tính lại {cells} ô tổng hợp trong {time.monotonic() - t:.1f} s")
            with connection.cursor() as cursor:  # fresh planner statistics for the new volumes
                cursor.execute("ANALYZE")
        self.stdout.write(f"Xong trong {time.monotonic() - started:.1f} s")
