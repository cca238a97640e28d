"""Search that ignores diacritics and case, on a stored folded column (no unaccent needed)."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet

from danvan.lib.text import fold

Q_ = TypeVar("Q_", bound=QuerySet)


def matching_words(qs: Q_, query: str | None, field: str = "search_key") -> Q_:
    """Rows whose folded `field` contains every folded word of `query` ('ha long' finds 'Hạ Long')."""
    for word in fold(query or "").split():
        qs = qs.filter(**{f"{field}__contains": word})
    return qs
