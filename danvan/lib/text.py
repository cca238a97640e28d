"""Text helpers that need no database: Unicode normalisation and search folding.

Vietnamese text reaches us in NFC and NFD, with old-style ("Hoà", "Thuỷ") and
new-style ("Hòa", "Thủy") tone placement, with NBSPs from web pages. Everything we
store is NFC; everything we compare goes through :func:`fold`.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(s: str) -> str:
    """Unicode NFC with runs of white space (NBSP included) folded to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", s)).strip()


def fold(s: str) -> str:
    """'Thành phố Hạ Long' -> 'thanh pho ha long'.

    Diacritics and case are dropped, so old- and new-style tone placement fold to the
    same key. Đ/đ do not decompose under NFD, so they are mapped first.
    """
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _SPACES.sub(" ", s.casefold()).strip()
