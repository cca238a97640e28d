"""Link document citations to the registry, and records to documents. For other apps.

Conferences, key tasks, practices, reports and the ingestion pipeline call these::

    from danvan.directives.linking import link, link_text, unlink, directives_for

    # Every citation in a text → one DirectiveLink per cited document (idempotent).
    link_text(obj, text, *, unit, on, by, role="implements") -> list[DirectiveLink]

    # One record → one document (idempotent; a new role replaces the old one).
    link(obj, directive, *, by, role="implements", raw="", unit=None) -> DirectiveLink

    # One parsed citation → the registry entry, a stub created if unknown.
    resolve_citation(citation, *, context_unit, context_date, by, issuer_hint="") -> Directive

    # Read-only, for previews: the entry a citation would resolve to, or None.
    match_citation(citation, *, context_unit=None, context_date=None, issuer_hint="")

    directives_for(obj) -> QuerySet[Directive]; links_for(obj) -> QuerySet[DirectiveLink]

`obj` is any saved model instance; its `unit` attribute (if any) is the unit whose editors
may link it (`unit=` overrides). `unit`/`context_unit` is the unit of the citing record and
`on`/`context_date` its date. `role` is "implements" (thực hiện) or "cites" (trích dẫn). All
writes go through danvan.directives.actions, so they are permission-checked and audited;
`by` is the acting user (or `permissions.SYSTEM` in loaders).

How a citation is placed (DOMAIN.md §6.2: issuer codes are body kinds, not bodies):

- The citing unit is taken as it stood on the document's date (or the record's date when the
  citation has none): a 2021 document cited from today's Phường Hạ Long was issued in the
  old Hạ Long city of the old Quảng Ninh.
- `TW`, `VPTW`, `BDVTW`… and State codes of central bodies (`QH15`, `CP`, `TTg`, ministries)
  → the nation. `TU`, `BDVTU`, `VPTU`… → the province; but a district-level city or town
  has its own committee coded `TU` (Thành ủy Hạ Long's 2152-QĐ/TU), so there `TU` means
  the city unless the text says the province ("của Ban Thường vụ Tỉnh ủy"). `HU`, `QU`,
  `BDVHU` → the district. `ĐU`, `ĐUK`, `CB` → the citing unit itself (commune, bloc).
  `HĐND`, `UBND`, `MTTQ`, `BCĐ` → the citing unit, or the level the text names ("của Hội
  đồng nhân dân tỉnh Quảng Ninh"). Other codes → no unit, matched by issuer code.
- A registry entry matches on symbol and issuing unit; the date is the check: an entry with
  another date is another document (21-CT/TU of Quảng Ninh, 22/12/2021, and of Trà Vinh,
  27/5/2022, never merge), an undated stub takes the citation's date. Among the possible
  units (city or province for `TU`), an entry already in the registry wins.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from danvan.units.models import Kind, Level, Unit

from . import actions
from .actions import link, unlink
from .citations import Citation, find_citations, unique_citations
from .models import Directive, DirectiveLink
from .queries import default_body, unit_chain

__all__ = [
    "CitationPreview",
    "directives_for",
    "issuer_phrase",
    "link",
    "link_text",
    "links_for",
    "match_citation",
    "place_citation",
    "preview_citations",
    "resolve_citation",
    "unlink",
]

# --- Which units an issuer code can mean -------------------------------------------------

#: State issuers at the centre (first segment of the symbol after the type).
CENTRAL_STATE = frozenset({"CP", "TTg", "VPCP", "CTN", "VPCTN", "QH", "UBTVQH", "VPQH", "TANDTC"})
#: Local bodies present at every level: HĐND, UBND, the Front, steering committees, unions.
LOCAL = frozenset({"HĐND", "UBND", "MTTQ", "BCĐ", "BCĐTP", "LĐLĐ", "HND", "HLHPN", "ĐTN", "HCCB"})
#: Party committees of the citing unit itself: commune/agency committee, bloc, cell.
OWN = frozenset({"ĐU", "ĐUK", "ĐUCS", "CB"})
_LEGISLATURE = re.compile(r"^(?:UBTV)?QH\d*$")
_CITY_KINDS = frozenset({Kind.PROVINCIAL_CITY, Kind.TOWN})  # district level, committee 'TU'


def _family(citation: Citation) -> str:
    head = citation.issuer.split("-")[0]
    if _LEGISLATURE.match(head) or head.endswith("TW") or head in CENTRAL_STATE:
        return "nation"
    if citation.system != "party" and head.startswith("B") and head not in LOCAL:
        return "nation"  # ministries: BNV, BTC, BCA…
    if head.endswith("TU"):
        return "province"
    if head.endswith(("HU", "QU")):
        return "district"
    if head in OWN:
        return "own"
    if head in LOCAL:
        return "local"
    return "unknown"


# --- What the text says about the issuer: "của Ban Thường vụ Tỉnh ủy" ------------------

_WORD = re.compile(r"\w+")
_Test = Callable[[Unit], bool]
_HINTS: list[tuple[tuple[str, ...], _Test]] = [
    (("bộ", "chính", "trị"), lambda u: u.level == Level.NATION),
    (("ban", "bí", "thư"), lambda u: u.level == Level.NATION),
    (("trung", "ương"), lambda u: u.level == Level.NATION),
    (("chính", "phủ"), lambda u: u.level == Level.NATION),
    (("quốc", "hội"), lambda u: u.level == Level.NATION),
    (("thị", "trấn"), lambda u: u.level == Level.COMMUNE),
    (("thị", "xã"), lambda u: u.kind == Kind.TOWN),
    (("thị", "ủy"), lambda u: u.kind == Kind.TOWN),
    (("thành", "phố"), lambda u: u.kind in (Kind.PROVINCIAL_CITY, Kind.CENTRAL_CITY)),
    (("thành", "ủy"), lambda u: u.kind in (Kind.PROVINCIAL_CITY, Kind.CENTRAL_CITY)),
    (("tp",), lambda u: u.kind in (Kind.PROVINCIAL_CITY, Kind.CENTRAL_CITY)),
    (("tỉnh",), lambda u: u.level == Level.PROVINCE),
    (("huyện",), lambda u: u.level == Level.DISTRICT),
    (("quận",), lambda u: u.level == Level.DISTRICT),
    (("phường",), lambda u: u.level == Level.COMMUNE),
    (("xã",), lambda u: u.level == Level.COMMUNE),
]
_AFTER_LEAD = re.compile(r"[\s,(]*(?:của|do)\s+", re.IGNORECASE)
_PHRASE_END = re.compile(
    r"[;\n]|\.\s|(?<!\w)(?:về|tại|trong|theo|nhằm|để|đến|gắn với)(?!\w)", re.IGNORECASE
)
_BEFORE_END = re.compile(r"[;\n]|\.\s")
_BEFORE_BREAK = re.compile(r"(?<!\w)(?:về|trong|theo|nhằm|để)(?!\w)", re.IGNORECASE)
_PHRASE_LIMIT = 160


def _words(text: str) -> list[str]:
    low = unicodedata.normalize("NFC", text).lower().replace("uỷ", "ủy")
    return _WORD.findall(low)


def _hinted_unit(phrase: str, chain: list[Unit]) -> Unit | None:
    """The unit of `chain` the phrase names by level ("tỉnh", "thành phố", "huyện"…)."""
    words = _words(phrase)
    for i in range(len(words)):
        for pattern, test in _HINTS:
            if tuple(words[i : i + len(pattern)]) != pattern:
                continue
            if pattern == ("xã",) and words[i + 1 : i + 2] == ["hội"]:
                continue  # "chính trị - xã hội" names no commune
            for unit in chain:
                if test(unit):
                    return unit
    return None


def issuer_phrase(text: str, citation: Citation) -> str:
    """The words naming the issuer around a citation found in `text`.

    After it: "…, ngày 22/12/2021 của Ban Thường vụ Tỉnh ủy về …" → "Ban Thường vụ Tỉnh ủy".
    Else before it, in the same clause: "Thông báo … của Thường trực Thành ủy tại Thông báo
    số 393-TB/TU" → "Thường trực Thành ủy tại".
    """
    start = text.rfind(
        citation.raw, max(0, citation.start - len(citation.raw)), citation.end + len(citation.raw)
    )
    lead, after = (
        (start, start + len(citation.raw)) if start >= 0 else (citation.start, citation.end)
    )
    tail = text[after : after + _PHRASE_LIMIT]
    m = _AFTER_LEAD.match(tail)
    if m:
        phrase = tail[m.end() :]
        stop = _PHRASE_END.search(phrase)
        return (phrase[: stop.start()] if stop else phrase).strip()
    before = text[max(0, lead - _PHRASE_LIMIT) : lead]
    ends = list(_BEFORE_END.finditer(before))
    clause = before[ends[-1].end() :] if ends else before
    marker = clause.lower().rfind("của ")
    if marker < 0 or _BEFORE_BREAK.search(clause[marker:]):
        return ""
    return clause[marker + 4 :].strip()


# --- Placing and matching -------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a citation's document was issued: possible units, most likely first."""

    day: dt.date
    family: str
    candidates: tuple[Unit, ...]

    @property
    def preferred(self) -> Unit | None:
        return self.candidates[0] if self.candidates else None


def place_citation(
    citation: Citation,
    *,
    context_unit: Unit | None,
    context_date: dt.date | None,
    issuer_hint: str = "",
) -> Place:
    """The units a citation's issuer code can mean, seen from the citing unit (see above)."""
    day = citation.date or context_date or timezone.localdate()
    family = _family(citation)
    chain = unit_chain(context_unit, day)
    by_level = {u.level: u for u in chain}
    hinted = _hinted_unit(issuer_hint, chain) if issuer_hint else None
    options: list[Unit] = []
    if family == "nation":
        options = [by_level[Level.NATION]] if Level.NATION in by_level else []
    elif family == "province":
        city = by_level.get(Level.DISTRICT)
        if city is not None and city.kind in _CITY_KINDS:
            options.append(city)
        if Level.PROVINCE in by_level:
            options.append(by_level[Level.PROVINCE])
        if hinted in options:
            options.remove(hinted)
            options.insert(0, hinted)
    elif family == "district":
        options = [by_level[Level.DISTRICT]] if Level.DISTRICT in by_level else []
    elif family == "own":
        options = chain[:1]
    elif family == "local":
        pick = hinted if hinted is not None and hinted.level != Level.NATION else None
        options = [pick or chain[0]] if chain else []
    return Place(day=day, family=family, candidates=tuple(options))


def _match(citation: Citation, place: Place, context_date: dt.date | None) -> Directive | None:
    qs = Directive.objects.filter(symbol=citation.code)
    if place.candidates:
        qs = qs.filter(issuing_unit__in=place.candidates)
    else:
        qs = qs.filter(issuing_unit__isnull=True, issuer_code=citation.issuer)
    return _best(list(qs), citation, [u.pk for u in place.candidates], context_date)


def _best(
    rows: list[Directive], citation: Citation, unit_ids: list[int], context_date: dt.date | None
) -> Directive | None:
    """Same date first (an undated entry may take the date); another date is another document.
    Without a date: the most likely unit, then the latest issued by the record's date."""
    if citation.date:
        rows = [d for d in rows if d.issued_on == citation.date] or [
            d for d in rows if d.issued_on is None
        ]
    if not rows:
        return None
    rank = {pk: i for i, pk in enumerate(unit_ids)}
    by = context_date or timezone.localdate()
    return min(
        rows,
        key=lambda d: (
            rank.get(d.issuing_unit_id, 0),
            d.issued_on is not None and d.issued_on > by,
            -(d.issued_on or dt.date.min).toordinal(),
        ),
    )


def match_citation(
    citation: Citation,
    *,
    context_unit: Unit | None = None,
    context_date: dt.date | None = None,
    issuer_hint: str = "",
) -> Directive | None:
    """The registry entry a citation means, without writing anything.

    Without a context unit only an unambiguous symbol matches (one entry with that symbol
    and a compatible date); with one, the same rules as `resolve_citation`.
    """
    if context_unit is None:
        return _unambiguous(list(Directive.objects.filter(symbol=citation.code)), citation)
    place = place_citation(
        citation, context_unit=context_unit, context_date=context_date, issuer_hint=issuer_hint
    )
    return _match(citation, place, context_date)


def _unambiguous(rows: list[Directive], citation: Citation) -> Directive | None:
    if citation.date:
        rows = [d for d in rows if d.issued_on in (citation.date, None)]
    return rows[0] if len(rows) == 1 else None


def resolve_citation(
    citation: Citation,
    *,
    context_unit: Unit | None,
    context_date: dt.date | None,
    by: Any,
    issuer_hint: str = "",
) -> Directive:
    """The registry entry a citation means; a stub (`is_stub=True`) when there is none.

    `context_unit`/`context_date`: the citing record's unit and date. `issuer_hint`: the
    words naming the issuer (see `issuer_phrase`). Creating a stub or dating one needs the
    editor role on `context_unit` (actions.create_stub).
    """
    place = place_citation(
        citation, context_unit=context_unit, context_date=context_date, issuer_hint=issuer_hint
    )
    found = _match(citation, place, context_date)
    if found is not None and citation.date and found.issued_on is None and found.is_stub:
        try:
            return actions.date_stub(found, on=citation.date, by=by, context_unit=context_unit)
        except ValidationError:
            found = None  # that stub cannot be this document: make another
    if found is not None:
        return found
    unit = place.preferred
    return actions.create_stub(
        citation,
        by=by,
        context_unit=context_unit,
        issuing_unit=unit,
        issuing_body=default_body(unit, citation.issuer, place.day),
    )


def link_text(
    obj: Model,
    text: str,
    *,
    unit: Unit | None,
    on: dt.date | None,
    by: Any,
    role: str = DirectiveLink.Role.IMPLEMENTS,
) -> list[DirectiveLink]:
    """Parse `text` and link `obj` to every document it cites, one link per document.

    Idempotent: running it again on the same text finds the same entries and the existing
    links. Returns the links in order of first citation.
    """
    out: list[DirectiveLink] = []
    with transaction.atomic():
        for citation in unique_citations(text):
            directive = resolve_citation(
                citation,
                context_unit=unit,
                context_date=on,
                by=by,
                issuer_hint=issuer_phrase(text, citation),
            )
            owner = getattr(obj, "unit", None) or unit
            out.append(link(obj, directive, by=by, role=role, raw=citation.raw, unit=owner))
    return out


def links_for(obj: Model) -> QuerySet[DirectiveLink]:
    """The links of one record, with their documents."""
    return DirectiveLink.objects.for_object(obj).select_related(
        "directive__issuing_unit", "directive__issuing_body"
    )


def directives_for(obj: Model) -> QuerySet[Directive]:
    """The documents one record implements or cites."""
    ct = ContentType.objects.get_for_model(obj)
    return Directive.objects.filter(links__content_type=ct, links__object_id=str(obj.pk))


# --- Previews: "paste text → find citations" ---------------------------------------------

SAME_SYMBOL_LIMIT = 10


@dataclass
class CitationPreview:
    """One citation found in a text, the entry it matches and where it would be registered."""

    citation: Citation
    directive: Directive | None
    issuing_unit: Unit | None  # where a stub would be created (None without a context)
    same_symbol: list[Directive]  # registry entries sharing the symbol (any issuer)
    same_symbol_count: int


def preview_citations(
    text: str,
    *,
    context_unit: Unit | None = None,
    context_date: dt.date | None = None,
    unique: bool = True,
) -> list[CitationPreview]:
    """Citations in `text` with their registry matches; writes nothing."""
    found = unique_citations(text) if unique else find_citations(text)
    codes = {c.code for c in found}
    by_symbol: dict[str, list[Directive]] = {}
    for d in Directive.objects.filter(symbol__in=codes).select_related(
        "issuing_unit", "issuing_body"
    ):
        by_symbol.setdefault(d.symbol, []).append(d)
    out = []
    for c in found:
        same = by_symbol.get(c.code, [])
        unit, match = None, _unambiguous(same, c)
        if context_unit is not None:
            hint = issuer_phrase(text, c)
            place = place_citation(
                c, context_unit=context_unit, context_date=context_date, issuer_hint=hint
            )
            unit, match = place.preferred, _match(c, place, context_date)
        out.append(CitationPreview(c, match, unit, same[:SAME_SYMBOL_LIMIT], len(same)))
    return out
