"""Score extracted records against gold annotations (shared/ingest/gold/NOTES.md).

Strings are compared after the normalisation NOTES.md suggests: NFC, runs of
white space collapsed, casefold, and old-style tone placement mapped to the new
style ("uỷ" -> "ủy", "hoà" -> "hòa"), because one article may use both.
Set-valued fields are scored micro-averaged over all articles: a true positive
is an (article, item) pair found in both gold and prediction.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Record = Mapping[str, object]

# Old-style tone on the first vowel of a syllable-final "oa", "oe", "uy" -> new style.
_TONES = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_TONED_O = "òóỏõọ"
_TONED_U = "ùúủũụ"
_OLD_STYLE: dict[str, str] = {}
for _i in range(5):
    for _plain in "ae":
        _OLD_STYLE["o" + _TONES[_plain][_i]] = _TONED_O[_i] + _plain
    _OLD_STYLE["u" + _TONES["y"][_i]] = _TONED_U[_i] + "y"
_OLD_STYLE_RE = re.compile(r"(?<!q)(" + "|".join(_OLD_STYLE) + r")(?![^\W\d_])")
_WS = re.compile(r"\s+")


def norm(s: object) -> str:
    """NFC, collapsed white space, casefold, new-style tone placement."""
    text = unicodedata.normalize("NFC", str(s)).casefold()
    text = _WS.sub(" ", text).strip()
    return _OLD_STYLE_RE.sub(lambda m: _OLD_STYLE[m.group(1)], text)


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def prf(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> PRF:
    """Multiset precision/recall: each gold item can be matched once."""
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp)


# Items of each set-valued field, keyed by the article id so articles never match each other.
def people_names(r: Record) -> list[tuple]:
    return [(r["id"], norm(p["name"])) for p in r.get("people") or []]


def people_positions(r: Record) -> list[tuple]:
    return [
        (r["id"], norm(p["name"]), norm(p.get("positions") or "")) for p in r.get("people") or []
    ]


def bylines(r: Record) -> list[tuple]:
    return [(r["id"], norm(b)) for b in r.get("bylines") or []]


def documents(r: Record) -> list[tuple]:
    return [
        (r["id"], norm(d["code"]).replace(" ", ""), d.get("date")) for d in r.get("documents") or []
    ]


def document_codes(r: Record) -> list[tuple]:
    return [(r["id"], norm(d["code"]).replace(" ", "")) for d in r.get("documents") or []]


def figures(r: Record) -> list[tuple]:
    return [(r["id"], f["what"], float(f["value"])) for f in r.get("figures") or []]


def figure_values(r: Record) -> list[tuple]:
    return [(r["id"], float(f["value"])) for f in r.get("figures") or []]


def figure_texts(r: Record) -> list[tuple]:
    return [(r["id"], float(f["value"]), norm(f.get("text") or "")) for f in r.get("figures") or []]


SET_FIELDS: dict[str, Callable[[Record], list[tuple]]] = {
    "people_names": people_names,
    "people_positions": people_positions,
    "bylines": bylines,
    "documents": documents,
    "document_codes": document_codes,
    "figures": figures,
    "figure_values": figure_values,
    "figure_texts": figure_texts,
}


def _scalar(r: Record, key: str) -> object:
    v = r.get(key)
    if isinstance(v, str):
        return norm(v)
    if isinstance(v, list):
        return tuple(norm(x) for x in v)
    return v


SCALAR_FIELDS = (
    "event_kind",
    "event_date",
    "level",
    "period",
    "organizer",
    "locality",
    "title",
    "key_tasks_count",
)


def score(gold: Sequence[Record], pred: Sequence[Record]) -> dict[str, object]:
    """P/R/F1 for the set-valued fields and accuracy for the scalar ones."""
    by_id = {r["id"]: r for r in pred}
    missing: Record = {}
    pairs = [(g, by_id.get(g["id"], {"id": g["id"], **missing})) for g in gold]
    result: dict[str, object] = {}
    for name, items in SET_FIELDS.items():
        result[name] = prf(
            (x for g, _ in pairs for x in items(g)),
            (x for _, p in pairs for x in items(p)),
        ).as_dict()
    for key in SCALAR_FIELDS:
        hits = sum(_scalar(g, key) == _scalar(p, key) for g, p in pairs)
        result[f"{key}_accuracy"] = round(hits / len(pairs), 4) if pairs else 1.0
    return result


def differences(gold: Record, pred: Record) -> list[str]:
    """Human-readable misses and extras of one article, for the benchmark's report."""
    out: list[str] = []
    for name, items in SET_FIELDS.items():
        if name in ("document_codes", "figure_values"):
            continue
        g, p = Counter(items(gold)), Counter(items(pred))
        out += [f"{gold['id']} {name} missed {x[1:]}" for x in (g - p).elements()]
        out += [f"{gold['id']} {name} extra  {x[1:]}" for x in (p - g).elements()]
    for key in SCALAR_FIELDS:
        if _scalar(gold, key) != _scalar(pred, key):
            out.append(f"{gold['id']} {key}: gold {gold.get(key)!r} got {pred.get(key)!r}")
    return out
