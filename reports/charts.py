"""Charts drawn on the server as SVG: no JavaScript, no chart library, no map tiles, no CDN.

Every chart has an accessible title and description (``role="img"`` with ``aria-labelledby``)
and a table alternative (``Chart.headers``/``Chart.rows``, shown in a ``<details>`` beside it).
Every number written into an SVG attribute is formatted here with Python's ``format`` (``_num``),
never by the template's localisation: Vietnamese writes decimals with a comma, which SVG cannot read.
Every number and date a person reads (labels, tooltips, descriptions) goes through ``_say``/``_day``,
the same formats as the tables (``display``, config/formats/), and the raw value sits in ``data-value``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.formats import date_format, get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

WIDTH = 640
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
BAR = "#2f6f9f"
MUTED = "#6b7280"
GRID = "#e5e7eb"
# Completion (%) bands for the map and the bars: red to green, colour-blind safe enough with labels.
BANDS = [
    (20, "#d73027", "< 20%"),
    (40, "#fc8d59", "20–40%"),
    (60, "#fee08b", "40–60%"),
    (80, "#91cf60", "60–80%"),
    (101, "#1a9850", "≥ 80%"),
]
NO_DATA = "#c7c7c7"


def _num(value: float, digits: int = 1) -> str:
    """A number for SVG: a dot for decimals, no thousands separator, whatever the language."""
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=16)
def _separators(language: str) -> tuple[str, str]:
    return str(get_format("DECIMAL_SEPARATOR", language)), str(get_format("THOUSAND_SEPARATOR", language))


def display(value, digits: int = 1) -> str:
    """A number for people to read in HTML: localised (Vietnamese: 1.234 and 45,5), fast enough for
    every cell of a large table (Django's ``number_format`` looks the format up on every call)."""
    if value is None:
        return "—"
    decimal, thousands = _separators(get_language() or "vi")
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    else:
        text = f"{float(value):,.{digits}f}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


def _say(value, digits: int = 1) -> str:
    """A number for people to read inside a chart: localised like ``display``, without trailing zeros
    (Vietnamese: 45,5 and 50; English: 45.5 and 50)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return display(value)
    text = display(value, digits)
    decimal = _separators(get_language() or "vi")[0]
    if decimal in text:
        text = text.rstrip("0").rstrip(decimal)
    return text


def _day(value: dt.date, form: str = "SHORT_DATE_FORMAT") -> str:
    """A date for people to read, in the language's one form (MONTH_DAY_FORMAT for axis labels)."""
    return date_format(value, form)


def band_colour(rate: float | None) -> str:
    if rate is None:
        return NO_DATA
    for upper, colour, _label in BANDS:
        if rate < upper:
            return colour
    return BANDS[-1][1]


@dataclass
class Chart:
    id: str
    title: str
    description: str
    svg: SafeString
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty: bool = False
    wide: bool = False
    # When the same numbers are in a table next to the chart: its id, instead of a second copy.
    table_ref: str = ""


def _svg(chart_id: str, title: str, description: str, width: float, height: float, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kns-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {_num(width, 0)} {_num(height, 0)}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="{escape(FONT)}" font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text above and in body is escaped


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", fill: str = "#111827", size: int | None = None
) -> str:
    size_attr = f' font-size="{size}"' if size else ""
    return f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" fill="{fill}"{size_attr}>{escape(text)}</text>'


def _truncate(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Completion by commune: sorted bars ----------------------------------------------------------


def completion_bars(rows, *, chart_id: str = "completion", title: str | None = None, table_ref: str = "") -> Chart:
    """One bar per row (commune or team), sorted from the highest completion rate down."""
    title = title or _("Tỷ lệ hoàn thành theo xã, phường")
    ranked = sorted(rows, key=lambda r: (r.completion_rate is None, -(r.completion_rate or 0), r.name))
    with_data = [r for r in ranked if r.completion_rate is not None]
    description = _(
        "Biểu đồ cột ngang, mỗi cột là tỷ lệ lượt ghi danh đã hoàn thành, xếp từ cao xuống thấp; "
        "%(count)s trên %(total)s đơn vị có người ghi danh (các đơn vị còn lại chỉ có trong bảng)."
    ) % {"count": len(with_data), "total": len(ranked)}
    label_w, bar_w, row_h, top = 190, 360, 20, 8
    height = top * 2 + row_h * max(1, len(with_data))
    body = [f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{_num(height - top)}" stroke="{GRID}"/>']
    for index, row in enumerate(with_data):
        y = top + index * row_h
        rate = row.completion_rate
        body.append(_text(label_w - 6, y + 14, _truncate(row.name), anchor="end"))
        width = bar_w * rate / 100
        body.append(
            f'<rect x="{label_w}" y="{_num(y + 3)}" width="{_num(max(width, 1))}" height="{row_h - 6}" '
            f'fill="{band_colour(rate)}" data-value="{_num(rate)}">'
            f"<title>{escape(row.name)}: {_say(rate)}%</title></rect>"
        )
        body.append(_text(label_w + width + 6, y + 14, f"{_say(rate)}% ({_say(row.completed)}/{_say(row.enrolled)})"))
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, WIDTH, height, body),
        headers=[_("Đơn vị"), _("Hoàn thành"), _("Ghi danh"), _("Tỷ lệ hoàn thành (%)")],
        rows=[]
        if table_ref
        else [[r.name, display(r.completed), display(r.enrolled), display(r.completion_rate)] for r in ranked],
        empty=not with_data,
        wide=len(with_data) > 12,
        table_ref=table_ref,
    )


# --- Weekly completions over time ----------------------------------------------------------------


def weekly_columns(weeks: list[tuple[dt.date, int]], *, chart_id: str = "weekly") -> Chart:
    title = _("Số lượt hoàn thành khóa học theo tuần")
    total = sum(n for _w, n in weeks)
    description = _("Biểu đồ cột theo tuần, từ %(start)s đến %(end)s; tổng %(total)s lượt hoàn thành.") % {
        "start": _day(weeks[0][0]) if weeks else "",
        "end": _day(weeks[-1][0] + dt.timedelta(days=6)) if weeks else "",
        "total": _say(total),
    }
    left, bottom, top, plot_h = 40, 30, 10, 160
    height = top + plot_h + bottom
    plot_w = WIDTH - left - 10
    body = []
    ceiling = _count_axis(body, peak=max([n for _w, n in weeks] + [1]), left=left, top=top, plot_h=plot_h)
    slot = plot_w / max(1, len(weeks))
    label_every = max(1, math.ceil(len(weeks) / 8))
    for index, (week, count) in enumerate(weeks):
        x = left + index * slot
        h = plot_h * count / ceiling
        body.append(
            f'<rect x="{_num(x + slot * 0.15)}" y="{_num(top + plot_h - h)}" width="{_num(slot * 0.7)}" '
            f'height="{_num(h)}" fill="{BAR}" data-week="{week.isoformat()}" data-value="{count}">'
            f"<title>{_day(week)}: {_say(count)}</title></rect>"
        )
        if index % label_every == 0:
            body.append(
                _text(
                    x + slot / 2,
                    top + plot_h + 16,
                    _day(week, "MONTH_DAY_FORMAT"),
                    anchor="middle",
                    fill=MUTED,
                    size=10,
                )
            )
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, WIDTH, height, body),
        headers=[_("Tuần bắt đầu"), _("Lượt hoàn thành")],
        rows=[[_day(week), display(count)] for week, count in weeks],
        empty=total == 0,
    )


def _count_axis(body: list[str], *, peak: int, left: float, top: float, plot_h: float) -> int:
    """Grid lines and labels of a count axis up to a round ceiling above ``peak``; returns the ceiling."""
    step = _nice_step(peak)
    ceiling = step * math.ceil(peak / step)
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * tick / ceiling
        body.append(f'<line x1="{left}" y1="{_num(y)}" x2="{WIDTH - 10}" y2="{_num(y)}" stroke="{GRID}"/>')
        body.append(_text(left - 4, y + 4, _say(tick), anchor="end", fill=MUTED, size=10))
    return ceiling


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        if peak / step <= 5:
            return step
    return 10 ** len(str(peak))


# --- Funnel --------------------------------------------------------------------------------------


def funnel(total, *, chart_id: str = "funnel") -> Chart:
    """Assigned → enrolled → completed → certified, as lượt (enrolments)."""
    stages = [
        (_("Được giao"), total.assigned),
        (_("Ghi danh"), total.enrolled),
        (_("Hoàn thành"), total.completed),
        (_("Có chứng nhận"), total.certified),
    ]
    title = _("Phễu: được giao → ghi danh → hoàn thành → có chứng nhận")
    description = "; ".join(f"{label}: {_say(count)}" for label, count in stages)
    peak = max([count for _l, count in stages] + [1])
    label_w, bar_w, row_h = 130, 380, 34
    height = row_h * len(stages) + 10
    body = []
    for index, (label, count) in enumerate(stages):
        y = 5 + index * row_h
        width = bar_w * count / peak
        x = label_w + (bar_w - width) / 2
        body.append(_text(label_w - 8, y + 20, label, anchor="end"))
        body.append(
            f'<rect x="{_num(x)}" y="{_num(y + 4)}" width="{_num(max(width, 1))}" height="{row_h - 8}" rx="3" '
            f'fill="{BAR}" fill-opacity="{_num(1 - index * 0.18, 2)}" data-value="{count}">'
            f"<title>{escape(label)}: {_say(count)}</title></rect>"
        )
        share = f" ({_say(100 * count / stages[1][1])}%)" if stages[1][1] and index > 1 else ""
        body.append(_text(label_w + bar_w + 8, y + 20, f"{_say(count)}{share}"))
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, WIDTH, height, body),
        headers=[_("Giai đoạn"), _("Số lượt")],
        rows=[[label, display(count)] for label, count in stages],
        empty=peak == 1 and not any(count for _l, count in stages),
    )


# --- Map of communes -----------------------------------------------------------------------------


def commune_map(rows, *, chart_id: str = "map", urls: dict | None = None, table_ref: str = "") -> Chart:
    """Communes as points at their coordinates (equirectangular, fitted to the province's bounding
    box, longitudes scaled by the cosine of the middle latitude), coloured by completion rate."""
    title = _("Bản đồ tỷ lệ hoàn thành theo xã, phường")
    placed = [r for r in rows if r.latitude is not None and r.longitude is not None]
    description = _(
        "Mỗi điểm là một xã, phường đặt theo tọa độ; màu theo tỷ lệ hoàn thành (đỏ thấp, xanh cao, xám chưa có "
        "người ghi danh). %(placed)s trên %(total)s đơn vị có tọa độ."
    ) % {"placed": _say(len(placed)), "total": _say(len(rows))}
    urls = urls or {}
    body = []
    width, height = 480.0, 360.0
    if placed:
        height, positions = _project([(r.latitude, r.longitude) for r in placed], width)
        body.append(f'<rect x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="#f8fafc" stroke="{GRID}"/>')
        for row, (x, y) in zip(placed, positions, strict=True):
            rate = row.completion_rate
            label = f"{row.name}: {_say(rate) + '%' if rate is not None else _('chưa có người ghi danh')}"
            circle = (
                f'<circle cx="{_num(x, 2)}" cy="{_num(y, 2)}" r="5" fill="{band_colour(rate)}" stroke="#374151" '
                f'stroke-width="0.6"><title>{escape(label)}</title></circle>'
            )
            url = urls.get(row.key)
            body.append(f'<a href="{escape(url)}">{circle}</a>' if url else circle)
    legend_y = height + 6
    body.append(_text(0, legend_y + 12, _("Tỷ lệ hoàn thành:"), fill=MUTED, size=11))
    x = 110
    for _upper, colour, label in [*BANDS, (None, NO_DATA, _("chưa có"))]:
        body.append(
            f'<circle cx="{x}" cy="{_num(legend_y + 8)}" r="5" fill="{colour}" stroke="#374151" stroke-width="0.6"/>'
        )
        body.append(_text(x + 8, legend_y + 12, str(label), fill=MUTED, size=11))
        x += 66
    total_height = legend_y + 20
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, max(width, x), total_height, body),
        headers=[_("Xã, phường"), _("Vĩ độ"), _("Kinh độ"), _("Tỷ lệ hoàn thành (%)")],
        rows=[]
        if table_ref
        else [
            [
                r.name,
                display(r.latitude, 4) if r.latitude is not None else "—",
                display(r.longitude, 4) if r.longitude is not None else "—",
                display(r.completion_rate),
            ]
            for r in rows
        ],
        empty=not placed,
        wide=True,
        table_ref=table_ref,
    )


# --- Team coverage (reports.coverage) ------------------------------------------------------------

HAS_TEAM = "#1a9850"
NO_TEAM = "#d73027"


def coverage_bars(coverage, *, chart_id: str = "coverage") -> Chart:
    """One stacked bar per kind of unit (xã, phường, đặc khu) and one for all: with a team (green)
    and without (red), each labelled with its count and share."""
    title = _("Xã, phường đã có Tổ công nghệ số cộng đồng")
    lines = [(str(k.label), k.with_team, k.total) for k in coverage.kinds]
    if len(lines) > 1:
        lines.append((_("Tất cả"), coverage.communes_with_team, coverage.communes))
    description = _(
        "Biểu đồ cột ngang xếp chồng: phần xanh là số đơn vị đã có tổ, phần đỏ là số đơn vị chưa có; "
        "%(with)s trên %(total)s xã, phường đã có tổ."
    ) % {"with": _say(coverage.communes_with_team), "total": _say(coverage.communes)}
    label_w, bar_w, row_h, top = 110, 330, 26, 8
    height = top * 2 + row_h * max(1, len(lines)) + 18
    body = []
    for index, (label, with_team, total) in enumerate(lines):
        y = top + index * row_h
        body.append(_text(label_w - 6, y + 17, label, anchor="end"))
        green = bar_w * with_team / total if total else 0
        red = bar_w - green if total else 0
        body.append(
            f'<rect x="{label_w}" y="{_num(y + 4)}" width="{_num(green)}" height="{row_h - 8}" fill="{HAS_TEAM}">'
            f"<title>{escape(label)}: {_say(with_team)}/{_say(total)}</title></rect>"
        )
        body.append(
            f'<rect x="{_num(label_w + green)}" y="{_num(y + 4)}" width="{_num(red)}" height="{row_h - 8}" '
            f'fill="{NO_TEAM}" fill-opacity="0.75">'
            f"<title>{escape(label)}: {_say(total - with_team)}/{_say(total)}</title></rect>"
        )
        percent = f" ({_say(100 * with_team / total)}%)" if total else ""
        body.append(_text(label_w + bar_w + 6, y + 17, f"{_say(with_team)}/{_say(total)}{percent}"))
    legend_y = height - 8
    body.append(f'<rect x="{label_w}" y="{_num(legend_y - 9)}" width="10" height="10" fill="{HAS_TEAM}"/>')
    body.append(_text(label_w + 14, legend_y, _("đã có tổ"), fill=MUTED, size=11))
    body.append(f'<rect x="{label_w + 90}" y="{_num(legend_y - 9)}" width="10" height="10" fill="{NO_TEAM}"/>')
    body.append(_text(label_w + 104, legend_y, _("chưa có tổ"), fill=MUTED, size=11))
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, WIDTH, height, body),
        headers=[_("Loại đơn vị"), _("Đã có tổ"), _("Chưa có tổ"), _("Tổng số"), _("Tỷ lệ có tổ (%)")],
        rows=[
            [label, display(with_team), display(total - with_team), display(total), display(_share(with_team, total))]
            for label, with_team, total in lines
        ],
        empty=not coverage.communes,
    )


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def coverage_map(coverage, *, chart_id: str = "coverage-map", urls: dict | None = None) -> Chart:
    """The province's communes at their coordinates (as ``commune_map``): green with a team, red without."""
    title = _("Bản đồ xã, phường đã có và chưa có tổ")
    placed = [p for p in coverage.points if p[2] is not None and p[3] is not None]
    description = _(
        "Mỗi điểm là một xã, phường đặt theo tọa độ: xanh đã có Tổ công nghệ số cộng đồng, đỏ chưa có. "
        "%(placed)s trên %(total)s đơn vị có tọa độ."
    ) % {"placed": len(placed), "total": len(coverage.points)}
    urls = urls or {}
    width, height, body = 480.0, 360.0, []
    if placed:
        height, positions = _project([(lat, lon) for _pk, _n, lat, lon, _t in placed], width)
        body.append(f'<rect x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="#f8fafc" stroke="{GRID}"/>')
        for (pk, name, _lat, _lon, has_team), (x, y) in zip(placed, positions, strict=True):
            state = _("đã có tổ") if has_team else _("chưa có tổ")
            circle = (
                f'<circle cx="{_num(x, 2)}" cy="{_num(y, 2)}" r="5" fill="{HAS_TEAM if has_team else NO_TEAM}" '
                f'stroke="#374151" stroke-width="0.6"><title>{escape(name)}: {escape(state)}</title></circle>'
            )
            url = urls.get(pk)
            body.append(f'<a href="{escape(url)}">{circle}</a>' if url else circle)
    legend_y = height + 6
    x = 0
    for colour, label in ((HAS_TEAM, _("đã có tổ")), (NO_TEAM, _("chưa có tổ"))):
        body.append(
            f'<circle cx="{x + 6}" cy="{_num(legend_y + 8)}" r="5" fill="{colour}" '
            'stroke="#374151" stroke-width="0.6"/>'
        )
        body.append(_text(x + 14, legend_y + 12, str(label), fill=MUTED, size=11))
        x += 90
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, width, legend_y + 20, body),
        headers=[_("Xã, phường"), _("Vĩ độ"), _("Kinh độ"), _("Đã có tổ")],
        rows=[
            [
                name,
                display(lat, 4) if lat is not None else "—",
                display(lon, 4) if lon is not None else "—",
                _("có") if has_team else _("chưa"),
            ]
            for _pk, name, lat, lon, has_team in coverage.points
        ],
        empty=not placed,
    )


def _project(points: list[tuple[float, float]], width: float) -> tuple[float, list[tuple[float, float]]]:
    """(latitude, longitude) points to SVG (x, y), equirectangular with longitudes scaled by the
    cosine of the middle latitude, fitted to ``width``: the height used and the positions."""
    lats = [lat for lat, _lon in points]
    mid = math.radians((min(lats) + max(lats)) / 2)
    xs = [lon * math.cos(mid) for _lat, lon in points]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(lats), max(lats)
    span_x, span_y = max(max_x - min_x, 1e-3), max(max_y - min_y, 1e-3)
    pad = 16
    inner_w = width - 2 * pad
    height = max(200.0, min(640.0, inner_w * span_y / span_x + 2 * pad))
    inner_h = height - 2 * pad
    scale = min(inner_w / span_x, inner_h / span_y)
    off_x = pad + (inner_w - span_x * scale) / 2
    off_y = pad + (inner_h - span_y * scale) / 2
    return height, [
        (off_x + (x - min_x) * scale, off_y + (max_y - lat) * scale) for (lat, _lon), x in zip(points, xs, strict=True)
    ]


def team_size_columns(coverage, *, chart_id: str = "team-sizes") -> Chart:
    """How many teams have 0, 1–4, 5–9, 10–19 and 20 or more members."""
    title = _("Số tổ theo số thành viên")
    bands = coverage.size_bands
    description = _(
        "Biểu đồ cột: số tổ theo số thành viên; %(teams)s tổ, trung bình %(average)s thành viên mỗi tổ."
    ) % {
        "teams": _say(coverage.teams),
        "average": display(coverage.members_per_team),
    }
    left, bottom, top, plot_h = 40, 30, 14, 140
    height = top + plot_h + bottom
    plot_w = WIDTH - left - 10
    body = []
    ceiling = _count_axis(body, peak=max([n for _l, n in bands] + [1]), left=left, top=top, plot_h=plot_h)
    slot = plot_w / len(bands)
    for index, (label, count) in enumerate(bands):
        x = left + index * slot
        h = plot_h * count / ceiling
        body.append(
            f'<rect x="{_num(x + slot * 0.2)}" y="{_num(top + plot_h - h)}" width="{_num(slot * 0.6)}" '
            f'height="{_num(h)}" fill="{NO_TEAM if label == "0" else BAR}">'
            f"<title>{escape(label)}: {_say(count)}</title></rect>"
        )
        body.append(_text(x + slot / 2, top + plot_h - h - 3, _say(count), anchor="middle", size=11))
        body.append(_text(x + slot / 2, top + plot_h + 16, label, anchor="middle", fill=MUTED, size=11))
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, WIDTH, height, body),
        headers=[_("Số thành viên"), _("Số tổ")],
        rows=[[label, display(count)] for label, count in bands],
        empty=not coverage.teams,
    )


def team_member_bars(team_lines, *, chart_id: str = "team-members", table_ref: str = "") -> Chart:
    """One bar per team: its members, the certified ones in the darker part."""
    title = _("Thành viên mỗi tổ và số có chứng nhận")
    description = _(
        "Biểu đồ cột ngang, mỗi cột là một tổ: độ dài là số thành viên, phần đậm là số thành viên có chứng nhận."
    )
    peak = max([t.members for t in team_lines] + [1])
    label_w, bar_w, row_h, top = 190, 330, 22, 8
    height = top * 2 + row_h * max(1, len(team_lines))
    body = [f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{_num(height - top)}" stroke="{GRID}"/>']
    for index, team in enumerate(team_lines):
        y = top + index * row_h
        body.append(_text(label_w - 6, y + 15, _truncate(team.name), anchor="end"))
        members_w = bar_w * team.members / peak
        certified_w = bar_w * team.certified / peak
        body.append(
            f'<rect x="{label_w}" y="{_num(y + 3)}" width="{_num(max(members_w, 1))}" height="{row_h - 6}" '
            f'fill="{BAR}" fill-opacity="0.35"><title>{escape(team.name)}: {_say(team.members)}</title></rect>'
        )
        body.append(
            f'<rect x="{label_w}" y="{_num(y + 3)}" width="{_num(certified_w)}" height="{row_h - 6}" fill="{BAR}">'
            f"<title>{escape(team.name)}: {_say(team.certified)}/{_say(team.members)}</title></rect>"
        )
        share = f" ({_say(team.certified_share)}%)" if team.members else ""
        body.append(_text(label_w + members_w + 6, y + 15, f"{_say(team.certified)}/{_say(team.members)}{share}"))
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, WIDTH, height, body),
        headers=[_("Tổ"), _("Thành viên"), _("Có chứng nhận"), _("Tỷ lệ có chứng nhận (%)")],
        rows=[]
        if table_ref
        else [[t.name, display(t.members), display(t.certified), display(t.certified_share)] for t in team_lines],
        empty=not any(t.members for t in team_lines),
        wide=len(team_lines) > 12,
        table_ref=table_ref,
    )
