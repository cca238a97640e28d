"""State machines: one table of allowed edges per lifecycle, one check.

Each app keeps its states in `<app>/states.py` (TextChoices + ALLOWED) and its own
history table (`<Thing>Transition`); this module only checks an edge and words the
error for the user.
"""

from __future__ import annotations

from collections.abc import Mapping


class InvalidTransition(ValueError):
    """A transition the lifecycle does not allow; the message is shown to the user."""

    def __init__(self, current: str, target: str, labels: Mapping[str, str] | None = None) -> None:
        labels = labels or {}
        self.current, self.target = current, target
        super().__init__(
            f"Không thể chuyển từ “{labels.get(current, current)}” sang “{labels.get(target, target)}”."
        )


def check(allowed: Mapping[str, frozenset[str]], current: str, target: str, labels: Mapping[str, str] | None = None) -> None:
    if target not in allowed.get(current, frozenset()):
        raise InvalidTransition(current, target, labels)


def next_states(allowed: Mapping[str, frozenset[str]], current: str) -> list[str]:
    return sorted(allowed.get(current, frozenset()))
