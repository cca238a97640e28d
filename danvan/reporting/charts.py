"""Charts as inline SVG, drawn on the server: data in, SVG text out (no JS library).

Every chart has a <title> and an aria-label in Vietnamese and prints its numbers in
the Vietnamese format (17.385); pages put the table behind it in a <details> below.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from danvan.lib.vn import format_number

COLORS = ["#1f5fa8", "#c0392b", "#2e8b57", "#d68910", "#7d3c98"]
FONT = 'font-family="inherit" font-size="12"'


def _n(value: int | float | None) -> str:
    return "–" if value is None else format_number(value)


def _svg(width: int, height: int, title: str, body: str) -> str:
    t = escape(title)
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{t}"><title>{t}</title>{body}</svg>'
    )


def _empty(title: str) -> str:
    return _svg(400, 40, title, f'<text x="8" y="24" {FONT}>Chưa có số liệu.</text>')


def hbars(title: str, rows: Sequence[tuple[str, int | None]], *, width: int = 640) -> str:
    """Horizontal bars, one per label (lower units compared, models by field)."""
    if not rows:
        return _empty(title)
    label_w, bar_h, gap = 200, 20, 8
    top = max((v or 0) for _, v in rows) or 1
    room = width - label_w - 70
    parts = []
    for i, (label, value) in enumerate(rows):
        y = i * (bar_h + gap) + 4
        w = round((value or 0) / top * room)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" {FONT}>{escape(label[:32])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{COLORS[0]}">'
            f"<title>{escape(label)}: {_n(value)}</title></rect>"
            f'<text x="{label_w + w + 4}" y="{y + 14}" {FONT}>{_n(value)}</text>'
        )
    return _svg(width, len(rows) * (bar_h + gap) + 8, title, "".join(parts))


def trend(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    *,
    width: int = 640,
    height: int = 220,
) -> str:
    """Lines over periods, one per series, with a legend (e.g. received vs resolved)."""
    if not labels or not series:
        return _empty(title)
    left, right, top_pad, bottom = 56, 12, 24, 28
    legend_h = 16 * len(series)  # one legend line per series, below the axis labels
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    height += legend_h
    top = max((v or 0) for _, values in series for v in values) or 1
    step = plot_w / max(len(labels) - 1, 1)

    def xy(i: int, v: int | None) -> tuple[float, float]:
        return left + i * step, top_pad + plot_h - (v or 0) / top * plot_h

    parts = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" y2="{top_pad + plot_h}" stroke="#888"/>',
        f'<text x="{left - 4}" y="{top_pad + 4}" text-anchor="end" {FONT}>{_n(top)}</text>',
        f'<text x="{left - 4}" y="{top_pad + plot_h}" text-anchor="end" {FONT}>0</text>',
    ]
    for i, label in enumerate(labels):
        x, _ = xy(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" {FONT}>{escape(label)}</text>'
        )
    for s, (name, values) in enumerate(series):
        color = COLORS[s % len(COLORS)]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(values)))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>')
        for i, v in enumerate(values):
            x, y = xy(i, v)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}">'
                f"<title>{escape(name)} – {escape(labels[i])}: {_n(v)}</title></circle>"
            )
        parts.append(
            f'<rect x="{left}" y="{top_pad + plot_h + bottom + 16 * s}" width="10" height="10" fill="{color}"/>'
            f'<text x="{left + 14}" y="{top_pad + plot_h + bottom + 16 * s + 9}" {FONT}>{escape(name)}</text>'
        )
    return _svg(width, height, title, "".join(parts))
