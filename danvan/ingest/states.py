"""The draft lifecycle: a draft is confirmed (records written) or discarded; a confirmed
draft may be confirmed again after a re-import, which updates the same records."""

from __future__ import annotations

from django.db import models


class DraftStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    CONFIRMED = "confirmed", "Đã xác nhận"
    DISCARDED = "discarded", "Đã bỏ"


ALLOWED: dict[str, frozenset[str]] = {
    DraftStatus.DRAFT: frozenset({DraftStatus.CONFIRMED, DraftStatus.DISCARDED}),
    DraftStatus.CONFIRMED: frozenset({DraftStatus.CONFIRMED}),
    DraftStatus.DISCARDED: frozenset({DraftStatus.DRAFT}),
}
