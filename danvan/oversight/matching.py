"""When two inspection or supervision plans collide (DOMAIN.md §4.6, §9 row 21). Pure.

Two plans collide when they fall on the same subject (decided in `conflicts.py`), their
windows meet after widening by the rule's window (same quarter, same month, or a margin
of days), and their topics are similar: they share a topic of the taxonomy, or the
significant words of their titles and topics overlap enough.

The word overlap is the overlap coefficient |A ∩ B| / min(|A|, |B|) over folded
syllables, leaving out function words and the words every plan of this domain uses
("kiểm tra", "công tác", "thực hiện"…). At least two shared words are needed, so one
common word ("dân") never makes a match on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from danvan.lib.text import fold

ONE_DAY = dt.timedelta(days=1)

# Folded syllables that say nothing about the subject matter of a plan: function words,
# and the words of the field itself ("dân vận", "nhân dân"), which every plan shares.
STOPWORDS: frozenset[str] = frozenset(
    """
    va voi cua cac cho trong tren tai ve o la co nhung mot hai ba bon nam sau
    nay do den tu theo de duoc da se dang viec doi tuong nham
    cong tac thuc hien kiem tra giam sat khao tap huan ke hoach chuong trinh
    ket qua tinh hinh trien khai nhiem vu chuyen luan noi dung
    doan dot lan thang ngay giai dan van nhan to chuc lanh chi dao don vi sau
    phuong xa thanh pho huyen thi tran dac khu dia ban
    """.split()
)
MIN_SHARED_WORDS = 2


def significant_words(*texts: str) -> frozenset[str]:
    """Folded syllables of the texts, without stop words, digits and one-letter words."""
    words: set[str] = set()
    for text in texts:
        for w in fold(text or "").replace("-", " ").replace("/", " ").split():
            w = w.strip(".,;:!?()[]\"'“”‘’…")
            if len(w) > 1 and not w.isdigit() and w not in STOPWORDS:
                words.add(w)
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class Words:
    """The significant words of one plan: of its title, and of its title and topic text."""

    title: frozenset[str]
    all: frozenset[str]

    @classmethod
    def of(cls, title: str, text: str = "") -> Words:
        title_words = significant_words(title)
        return cls(title_words, title_words | significant_words(text))


@dataclass(frozen=True, slots=True)
class Similarity:
    shared_topics: tuple[str, ...]  # taxonomy slugs in both plans
    shared_words: tuple[str, ...]  # significant folded words behind the score
    overlap: float  # 0..1, see `similarity`

    def is_similar(self, threshold: float) -> bool:
        if self.shared_topics:
            return True
        return len(self.shared_words) >= MIN_SHARED_WORDS and self.overlap >= threshold


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def similarity(topics_a: Iterable[str], a: Words, topics_b: Iterable[str], b: Words) -> Similarity:
    """Shared taxonomy topics, and a word score: the larger of

    - the overlap coefficient of the two titles (short titles that say the same thing:
      "Giám sát thực hiện dân chủ ở cơ sở" and "Kiểm tra Quy chế dân chủ ở cơ sở"), and
    - the Jaccard index of all words, titles and topic texts together (long texts must
      share much of their vocabulary, so one common phrase in a paragraph is not enough).
    """
    shared_topics = tuple(sorted(set(topics_a) & set(topics_b)))
    by_title, by_all = _overlap(a.title, b.title), _jaccard(a.all, b.all)
    shared = (a.title & b.title) if by_title >= by_all else (a.all & b.all)
    return Similarity(shared_topics, tuple(sorted(shared)), round(max(by_title, by_all), 3))


def as_written(folded: Iterable[str], *texts: str) -> list[str]:
    """The words behind folded ones, as the texts write them ('chu' → 'chủ'), in text order."""
    wanted, seen, out = set(folded), set(), []
    for text in texts:
        for token in (text or "").replace("-", " ").replace("/", " ").split():
            token = token.strip(".,;:!?()[]\"'“”‘’…").lower()
            key = fold(token)
            if key in wanted and key not in seen:
                seen.add(key)
                out.append(token)
    return out


# --- Windows ------------------------------------------------------------------------


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter_of(day) - 1) + 1
    start = dt.date(day.year, first_month, 1)
    return start, _month_end(dt.date(day.year, first_month + 2, 1))


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    return day.replace(day=1), _month_end(day)


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - ONE_DAY


def widen(
    start: dt.date, end: dt.date, *, mode: str, margin_days: int = 0
) -> tuple[dt.date, dt.date]:
    """The stretch of days in which another plan on the same subject counts as a collision.

    mode "quarter": every calendar quarter the window touches (DOMAIN §9 row 21 default);
    "month": every month it touches; "days": the window plus `margin_days` on each side.
    Two plans collide when each one's window meets the other's widened stretch; with
    these modes that is symmetric.
    """
    if mode == "quarter":
        return quarter_bounds(start)[0], quarter_bounds(end)[1]
    if mode == "month":
        return month_bounds(start)[0], month_bounds(end)[1]
    margin = dt.timedelta(days=max(margin_days, 0))
    return start - margin, end + margin


def windows_meet(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def quarter_label(day: dt.date) -> str:
    return f"Quý {('I', 'II', 'III', 'IV')[quarter_of(day) - 1]}/{day.year}"
