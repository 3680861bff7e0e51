"""The desk's numbers drawn on the server as SVG bar charts (no script, no CDN): labels are
dates, months and currency codes (escaped all the same), never anything a person typed."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 360, 180, 20, 34, 36


def bar_chart(title: str, bars: Sequence[tuple[str, float, str]]) -> str:
    """An accessible SVG: a title, one bar per (label, value, value as shown), the shown
    values written over the bars."""
    peak = max((value for _, value, _ in bars), default=0) or 1
    step = (WIDTH - LEFT) / max(len(bars), 1)
    inner = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" width="100%">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="12" font-weight="600">{escape(title)}</text>',
    ]
    for n, (label, value, shown) in enumerate(bars):
        height = inner * value / peak
        x, y = LEFT + n * step + 2, TOP + inner - height
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{step - 4:.1f}" '
            f'height="{height:.1f}"><title>{escape(label)}: {escape(shown)}</title></rect>'
        )
        parts.append(
            f'<text x="{x + (step - 4) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
            f"{escape(shown) if value else ''}</text>"
        )
        parts.append(
            f'<text x="{x + (step - 4) / 2:.1f}" y="{HEIGHT - BOTTOM + 14}" '
            f'text-anchor="middle" font-size="8">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
