"""A claim's timeline as server-rendered SVG: status bands over time, evidence as dots.

No script and no style attribute (the board's CSP allows neither): colours are SVG
presentation attributes, text comes out escaped, and each dot's tooltip is a <title>.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from markupsafe import Markup, escape

STATUS_COLOUR = {
    "unverified": "#d9d9d9",
    "confirmed": "#7fc97f",
    "contradicted": "#f0027f",
    "updated": "#80b1d3",
    "disputed": "#fdc086",
    "overdue": "#beaed4",
}
STANCE_ROW = {"supports": 0, "updates": 1, "contradicts": 2, "mentions": 3}
STANCE_COLOUR = {
    "supports": "#1b7837",
    "updates": "#2166ac",
    "contradicts": "#b2182b",
    "mentions": "#777777",
}
W, H, PAD, BAND_Y, BAND_H = 640, 96, 8, 8, 18
DOT_Y0, DOT_DY = 40, 13

#: status of a claim at a time, from (stance, published) pairs
StatusAt = Callable[[Sequence[tuple[str, datetime | None]], datetime], str]


def _dt(v: Any) -> datetime | None:
    return datetime.fromisoformat(v) if isinstance(v, str) and v else None


def change_points(
    evidence: Sequence[Mapping[str, Any]],
    start: datetime,
    end: datetime,
    deadline_end: datetime | None,
) -> list[datetime]:
    """Where a status can change: the start, each evidence date, the deadline's end."""
    pts = {start}
    for e in evidence:
        p = _dt(e.get("published"))
        if p is not None and start < p <= end:
            pts.add(p)
    if deadline_end is not None and start < deadline_end < end:
        pts.add(deadline_end + timedelta(microseconds=1))
    return sorted(pts)


def timeline_svg(
    claim_id: str,
    evidence: Sequence[Mapping[str, Any]],
    *,
    start: datetime,
    end: datetime,
    status_at: StatusAt,
    deadline_end: datetime | None = None,
) -> Markup:
    """The SVG picture of one claim between ``start`` and ``end`` (the board's as-of)."""
    if end <= start:
        start = end - timedelta(days=1)
    span = (end - start).total_seconds()

    def x(t: datetime) -> float:
        return PAD + (W - 2 * PAD) * max(0.0, min(1.0, (t - start).total_seconds() / span))

    pairs = [(str(e["stance"]), _dt(e.get("published"))) for e in evidence]
    pts = change_points(evidence, start, end, deadline_end)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {W} {H}" '
        f'width="{W}" height="{H}" role="img" aria-labelledby="tl-{escape(claim_id)}">',
        f'<title id="tl-{escape(claim_id)}">timeline of {escape(claim_id)}: status bands and evidence</title>',
    ]
    for i, t0 in enumerate(pts):
        t1 = pts[i + 1] if i + 1 < len(pts) else end
        status = status_at(pairs, t0)
        x0, x1 = x(t0), x(t1)
        parts.append(
            f'<rect class="band band-{escape(status)}" data-status="{escape(status)}" '
            f'x="{x0:.1f}" y="{BAND_Y}" width="{max(x1 - x0, 0.5):.1f}" height="{BAND_H}" '
            f'fill="{STATUS_COLOUR.get(status, "#cccccc")}"><title>{escape(status)} from '
            f"{t0.date().isoformat()}</title></rect>"
        )
    for stance, row in STANCE_ROW.items():
        y = DOT_Y0 + row * DOT_DY
        parts.append(
            f'<line x1="{PAD}" x2="{W - PAD}" y1="{y}" y2="{y}" stroke="#eeeeee" stroke-width="1"/>'
            f'<text x="{W - PAD}" y="{y - 3}" text-anchor="end" font-size="8" fill="#999999">{stance}</text>'
        )
    for e, (stance, published) in zip(evidence, pairs, strict=True):
        if published is None or published > end:
            continue
        y = DOT_Y0 + STANCE_ROW.get(stance, 3) * DOT_DY
        tip = f"{published.date().isoformat()} {stance}: {e.get('title') or ''}"
        parts.append(
            f'<circle class="dot dot-{escape(stance)}" cx="{x(published):.1f}" cy="{y}" r="4" '
            f'fill="{STANCE_COLOUR.get(stance, "#777777")}"><title>{escape(tip)}</title></circle>'
        )
    parts.append(
        f'<text x="{PAD}" y="{H - 2}" font-size="9" fill="#555555">{start.date().isoformat()}</text>'
        f'<text x="{W - PAD}" y="{H - 2}" font-size="9" text-anchor="end" fill="#555555">'
        f"{end.date().isoformat()}</text></svg>"
    )
    return Markup("".join(parts))
