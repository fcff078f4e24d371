"""One self-contained HTML page: totals, the reports × items matrix, an SVG coverage heatmap drawn
here (no plotting library, no external files), indicators side by side and per-report detail."""

from __future__ import annotations

from html import escape
from pathlib import Path

from assistant.summarize.batch import BatchResult
from assistant.summarize.indicators import SPECS
from assistant.summarize.model import ReportSummary
from assistant.summarize.outputs.common import (
    area_names,
    areas_covered,
    duplicate_note,
    item_status_text,
    overview_header,
    overview_row,
    with_llm,
)
from assistant.vocabulary import (
    COVERAGE_NAMES,
    ITEM_IDS,
    ITEM_NAMES,
    SEVERITY_NAMES,
    STATUS_NAMES,
    display_width,
    status_name,
)

COLOURS = {
    "present": "#4caf50",
    "covered": "#4caf50",
    "partial": "#ffc107",
    "missing": "#e53935",
    "thin": "#ffc107",
    "absent": "#e53935",
    "n/a": "#bdbdbd",
    "": "#f5f5f5",
}
CELL_W, CELL_H, LABEL_W = 26, 18, 240

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px} h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:13px;margin:8px 0}
th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#ddebf7;position:sticky;top:0}
td.s-present{background:#c6efce} td.s-partial{background:#ffe699} td.s-missing{background:#f8cbad}
td.s-na{background:#e7e6e6} tr.failed td{background:#ffc7ce} td.outlier{background:#ffe699;font-weight:bold}
td.num{text-align:right} .small{color:#666;font-size:12px} details{margin:6px 0}
summary{cursor:pointer;font-weight:bold} .quote{color:#444;background:#f7f7f7;padding:1px 4px}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


_CLASS = {
    "present": "s-present",
    "covered": "s-present",
    "partial": "s-partial",
    "thin": "s-partial",
    "missing": "s-missing",
    "absent": "s-missing",
    "n/a": "s-na",
}


def _status_class(text: str) -> str:
    for key, name in (STATUS_NAMES | COVERAGE_NAMES).items():
        if text == name:
            return _CLASS.get(key, "")
    return ""


def heatmap_svg(rows: list[ReportSummary]) -> str:
    """Reports down, the five items then the 纲要 areas across, one coloured cell per status."""
    rows = [r for r in rows if r.ok and r.is_report]
    if not rows:
        return "<p>没有可绘制的法治政府建设年度报告（其余文件见总表中的原因）。</p>"
    areas = area_names(rows)
    columns = [(ITEM_NAMES[i], "item", i) for i in ITEM_IDS] + [(a, "area", a) for a in areas]
    longest = max([display_width(c[0]) for c in columns] + [8])
    top = int(5.4 * longest) + 16  # rotated labels: ~6 px per width unit at 12 px, sin 60°
    width = LABEL_W + CELL_W * len(columns) + int(3.2 * longest) + 10
    height = top + CELL_H * max(len(rows), 1) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="覆盖热力图" font-size="12">'
    ]
    for j, (name, _, _) in enumerate(columns):
        x = LABEL_W + CELL_W * j + CELL_W / 2
        parts.append(f'<text transform="translate({x:.0f},{top - 4}) rotate(-60)">{_e(name)}</text>')
    for i, row in enumerate(rows):
        y = top + CELL_H * i
        label = row.issuer or Path(row.file).name
        label = label if display_width(label) <= 34 else label[:16] + "…"
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + CELL_H - 5}" text-anchor="end">{_e(label)}</text>')
        for j, (name, kind, key) in enumerate(columns):
            status = (row.items[key].status if key in row.items else "") if kind == "item" else row.areas.get(key, "")
            colour = COLOURS.get(status, "#90caf9")
            if key == "other" and status == "missing":
                colour = COLOURS[""]
            tip = f"{label} · {name}：{status_name(status) or '无'}"
            parts.append(
                f'<rect x="{LABEL_W + CELL_W * j}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                f'fill="{colour}" data-status="{_e(status)}"><title>{_e(tip)}</title></rect>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _matrix(result: BatchResult) -> str:
    llm = with_llm(result.rows)
    header = overview_header(llm)
    skip = {"摘要", "LLM摘要"}
    keep = [i for i, h in enumerate(header) if h not in skip]
    out = ["<table class='matrix'><thead><tr>", *(f"<th>{_e(header[i])}</th>" for i in keep), "</tr></thead><tbody>"]
    for n, row in enumerate(result.rows, 1):
        values = overview_row(n, row, llm)
        cls = " class='failed'" if not row.ok else ""
        out.append(f"<tr{cls}>")
        for i in keep:
            text = str(values[i])
            out.append(
                f"<td class='{_status_class(text)}'><a href='#r{n}'>{_e(text)}</a></td>"
                if header[i] == "文件"
                else f"<td class='{_status_class(text)}'>{_e(text)}</td>"
            )
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _stats(result: BatchResult) -> str:
    agg = result.aggregate
    totals = agg.get("totals", {})
    out = [
        f"<p>共 {totals.get('files', 0)} 个文件：年度报告 {totals.get('reports', 0)} 份，"
        f"不是年度报告 {totals.get('not_reports', 0)} 份，处理失败 {totals.get('failed', 0)} 个，"
        f"重复 {totals.get('duplicates', 0)} 个；数字问题合计 {totals.get('figure_problems', 0)} 处。</p>"
    ]
    out.append(
        "<table><thead><tr><th>法定内容</th>"
        + "".join(f"<th>{_e(STATUS_NAMES[s])}</th>" for s in ("present", "partial", "missing"))
        + "</tr></thead><tbody>"
    )
    for item in ITEM_IDS:
        counts = agg.get("status_counts", {}).get(item, {})
        out.append(
            f"<tr><td>{_e(ITEM_NAMES[item])}</td>"
            + "".join(f"<td class='num'>{counts.get(s, 0)}</td>" for s in ("present", "partial", "missing"))
            + "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _indicators(result: BatchResult) -> str:
    agg = result.aggregate.get("indicators", {})
    specs = [s for s in SPECS if s.key in agg]
    if not specs:
        return "<p>未找到关键指标。</p>"
    outliers = {(o["file"], key): o["reason"] for key, info in agg.items() for o in info["outliers"]}
    out = ["<table><thead><tr><th>文件</th>", *(f"<th>{_e(s.title)}</th>" for s in specs), "</tr></thead><tbody>"]
    for row in result.rows:
        if not row.indicators:
            continue
        out.append(f"<tr><td>{_e(row.issuer or Path(row.file).name)}</td>")
        for s in specs:
            ind = row.indicators.get(s.key)
            if not ind:
                out.append("<td></td>")
                continue
            reason = outliers.get((row.file, s.key))
            cls = "num outlier" if reason else "num"
            tip = f"第{ind.line}行：{ind.sentence}" + (f"（{reason}）" if reason else "")
            out.append(f"<td class='{cls}' title='{_e(tip)}'>{_e(f'{ind.value:g}{ind.unit}')}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _detail(n: int, row: ReportSummary) -> str:
    title = row.title or Path(row.file).name
    out = [
        f"<details id='r{n}'><summary>{n}. {_e(title)} <span class='small'>{_e(Path(row.file).name)}</span></summary>"
    ]
    if not row.ok:
        out.append(f"<p>处理失败：{_e(row.error)}</p></details>")
        return "".join(out)
    meta = f"{row.issuer or '发文机关不详'} · {row.year or '年度不详'} · 纲要领域 {areas_covered(row) or '—'}"
    out.append(f"<p class='small'>{_e(meta)}</p>")
    if row.duplicate_of:
        out.append(f"<p><b>{_e(duplicate_note(row))}</b></p>")
    if not row.is_report:
        out.append(f"<p>不是法治政府建设年度报告：{_e(row.not_report_reason)}</p>")
    if row.summary:
        out.append(f"<p><b>摘要：</b>{_e(row.summary)}</p>")
    if row.llm_summary:
        flag = "；".join(row.llm_flags) if row.llm_flags else "数字均有出处"
        out.append(f"<p><b>LLM 摘要：</b>{_e(row.llm_summary)} <span class='small'>（{_e(flag)}）</span></p>")
    if row.is_report and row.items:
        out.append("<table><tr><th>法定内容</th><th>状态</th><th>行</th><th>依据</th></tr>")
        for item in ITEM_IDS:
            v = row.items.get(item)
            if v:
                status = item_status_text(row, item)
                out.append(
                    f"<tr><td>{_e(ITEM_NAMES[item])}</td><td class='{_status_class(status)}'>{_e(status)}</td>"
                    f"<td>{_e(v.line or '')}</td><td>{_e(v.heading or '')} {_e(v.reason)}</td></tr>"
                )
        out.append("</table>")
    if row.problems:
        out.append("<ul>")
        for p in row.problems:
            where = f"第{p.line}行" if p.line else ""
            out.append(
                f"<li>[{_e(p.category)}·{_e(SEVERITY_NAMES.get(p.severity, p.severity))}] {_e(where)} "
                f"<span class='quote'>{_e(p.quote)}</span> {_e(p.message)}</li>"
            )
        out.append("</ul>")
    if row.indicators:
        out.append(
            "<ul class='small'>"
            + "".join(
                f"<li>{_e(i.title)}：{_e(f'{i.value:g}{i.unit}')}（第{i.line}行：{_e(i.sentence)}）</li>"
                for i in row.indicators.values()
            )
            + "</ul>"
        )
    out.append("</details>")
    return "".join(out)


def render_html(result: BatchResult) -> str:
    legend = "".join(
        f"<span style='background:{COLOURS[k]}'></span>{_e(STATUS_NAMES[k])}"
        for k in ("present", "partial", "missing", "n/a")
    )
    body = [
        "<h1>法治政府建设年度报告汇总</h1>",
        _stats(result),
        "<h2>总表</h2>",
        _matrix(result),
        "<h2>覆盖热力图</h2>",
        f"<p class='legend'>{legend}</p>",
        heatmap_svg(result.rows),
        "<h2>关键指标对照</h2><p class='small'>黄色为异常值；悬停可见原文与行号。</p>",
        _indicators(result),
        "<h2>逐份详情</h2>",
        *(_detail(n, r) for n, r in enumerate(result.rows, 1)),
    ]
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>法治政府建设年度报告汇总</title><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def write_html(result: BatchResult, out: Path) -> None:
    out.write_text(render_html(result), encoding="utf-8")
