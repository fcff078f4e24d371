"""A review as JSON (for tools), Markdown and HTML (what a reviewer prints and files).

The printed form leads with the verdict line, then the five items with the line that decided each,
then the figure problems quoted from the report, coverage and timing. A model's second opinion is
shown apart and labelled, never in place of the deterministic verdict.
"""

from __future__ import annotations

import html
from dataclasses import asdict
from typing import Any

from assistant.documents import meta_to_json
from assistant.figures import FigureIssue
from assistant.review.items import ItemVerdict
from assistant.review.review import Review, TimingNote
from assistant.vocabulary import COVERAGE_NAMES, LEVEL_NAMES, SEVERITY_NAMES, STATUS_MARKS, STATUS_NAMES, to_chinese

_NUMERALS = "一二三四五六七八九十"
SECOND_OPINION_LABEL = "模型复核意见（仅供参考，以规则审查结论为准）"


def _plain(obj: FigureIssue | TimingNote) -> dict[str, Any]:
    return asdict(obj)


def review_to_json(r: Review) -> dict[str, Any]:
    """The `fazhi review --json` object for one file."""
    return {
        "file": r.file,
        "meta": meta_to_json(r.meta),
        "is_report": r.is_report,
        "not_report_reason": r.not_report_reason,
        "report_basis": r.report_basis,
        "score": r.score,
        "verdict": verdict_line(r),
        "mandated": [
            {
                "id": v.id,
                "title": v.title,
                "status": v.status,
                "heading": v.heading,
                "line": v.line,
                "reason": v.reason,
                "required": v.required,
                "evidence": list(v.evidence),
                "second_opinion": v.second_opinion,
            }
            for v in r.mandated
        ],
        "framework": r.framework,
        "coverage": [
            {"area": c.area, "id": c.id, "status": c.status, "lines": list(c.lines), "keywords": list(c.keywords)}
            for c in r.coverage
        ],
        "figure_issues": [_plain(i) for i in r.figure_issues],
        "timing": [_plain(t) for t in r.timing],
        "second_opinion_model": r.second_opinion_model,
        "notes": list(r.notes),
        **{a.key: a.data for a in r.appendices},
    }


def fix_list(r: Review) -> list[str]:
    """What the unit should correct, most serious first: the closing list of a 审查意见."""
    if not r.is_report:
        return [f"确认文件类型：{r.not_report_reason}"]
    out = [f"补写“{v.title}”部分：{v.reason}" for v in r.mandated if v.required and v.status == "missing"] + [
        f"充实“{v.title}”部分：{v.reason}" for v in r.mandated if v.required and v.status == "partial"
    ]
    for issue in r.figure_issues:
        out.append(f"核对第{issue.line}行“{issue.text}”：{issue.message}")
    absent = [c.area for c in r.coverage if c.status == "absent"]
    if absent:
        out.append(f"补充纲要{'、'.join(f'“{a}”' for a in absent)}领域的工作情况（如确未开展，说明原因）。")
    out += [t.message for t in r.timing if t.severity == "warning"]
    for a in r.appendices:
        out += a.fixes
    return out


def verdict_line(r: Review) -> str:
    """One sentence a reviewer can copy into the 审查意见."""
    if not r.is_report:
        return f"不是法治政府建设年度报告：{r.not_report_reason}"
    missing = [v.title for v in r.mandated if v.required and v.status == "missing"]
    partial = [v.title for v in r.mandated if v.required and v.status == "partial"]
    errors = [i for i in r.figure_issues if getattr(i, "severity", "") == "error"]
    parts = []
    if missing:
        parts.append(f"缺少{len(missing)}项（{'、'.join(missing)}）")
    if partial:
        parts.append(f"{len(partial)}项不完整（{'、'.join(partial)}）")
    if errors:
        parts.append(f"{len(errors)}处数字前后矛盾")
    if not parts:
        parts.append(_complete_line(r.mandated))
    return "；".join(parts) + f"；得分 {r.score}/100。"


def _complete_line(mandated: list[ItemVerdict]) -> str:
    """What a report with every required item says: how many items are there, and which optional one is not."""
    absent = [v.title for v in mandated if not v.required and v.status != "present"]
    if not absent:
        return f"{to_chinese(len(mandated))}项法定内容均已写明"
    required = sum(1 for v in mandated if v.required)
    return f"{to_chinese(required)}项必备内容均已写明（{'、'.join(absent)}未单列，非必备）"


def _meta_lines(r: Review) -> list[tuple[str, str]]:
    m = r.meta
    level = LEVEL_NAMES.get(m.level or "", m.level or "未识别")
    if m.is_department:
        level += "（部门）"
    rows = [
        ("文件", r.file),
        ("标题", m.title or "（未识别）"),
        ("发文单位", "、".join(m.issuers) + "（联合）" if len(m.issuers) > 1 else m.issuer or "（未识别）"),
        ("层级", level),
        ("报告年度", f"{m.year} 年" if m.year else "（未识别）"),
        ("成文日期", m.date or "（未识别）"),
        ("字体", "繁体" if m.script == "traditional" else "简体"),
    ]
    if m.recipients:
        rows.append(("主送", "、".join(m.recipients)))
    return rows


def _status(v: ItemVerdict) -> tuple[str, str, str]:
    """(mark, text, css class); an optional item that is absent is not shown as a defect."""
    if not v.required and v.status == "missing":
        return "—", "未单列", "optional"
    return STATUS_MARKS[v.status], STATUS_NAMES[v.status], v.status


def _where(v: ItemVerdict) -> str:
    if v.line is None:
        return "—"
    return f"第{v.line}行" + (f"“{v.heading}”" if v.heading else "")


def _figure_rows(r: Review) -> list[tuple[str, str, str]]:
    rows = []
    for issue in r.figure_issues:
        severity = SEVERITY_NAMES.get(getattr(issue, "severity", ""), "提示")
        rows.append((f"第{issue.line}行", severity, f"“{issue.text}”：{issue.message}"))
    return rows


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def review_to_markdown(r: Review) -> str:
    out = [f"# 审查意见：{r.meta.title or r.file}", ""]
    out += [f"- {k}：{v}" for k, v in _meta_lines(r)]
    out += ["", f"**结论：{verdict_line(r)}**", ""]
    if r.report_basis:
        out += [f"文种判断：{r.report_basis}", ""]
    if r.is_report:
        out += ["## 一、法定内容", "", "| 项目 | 结论 | 位置 | 说明 |", "|---|---|---|---|"]
        for v in r.mandated:
            title = v.title + ("" if v.required else "（非必备）")
            mark, text, _ = _status(v)
            out.append(f"| {_md_cell(title)} | {mark} {text} | {_md_cell(_where(v))} | {_md_cell(v.reason)} |")
        opinions = [v for v in r.mandated if v.second_opinion]
        if opinions:
            out += ["", f"> {SECOND_OPINION_LABEL}，模型：{r.second_opinion_model or '未知'}"]
            out += [f"> - {v.title}：{v.second_opinion}" for v in opinions]
        out.append("")
    out += [f"## {'二' if r.is_report else '一'}、数字核对", ""]
    rows = _figure_rows(r)
    out += [f"{i}. {where}【{sev}】{text}" for i, (where, sev, text) in enumerate(rows, 1)] or ["未发现数字前后矛盾。"]
    out.append("")
    if r.is_report and r.coverage:
        covered = sum(c.status == "covered" for c in r.coverage)
        out += [
            f"## 三、纲要领域覆盖（{r.framework}）",
            "",
            f"已涉及 {covered}/{len(r.coverage)} 个领域。",
            "",
            "| 领域 | 情况 | 依据行 |",
            "|---|---|---|",
        ]
        for c in r.coverage:
            lines = "、".join(map(str, c.lines)) or "—"
            out.append(f"| {_md_cell(c.area)} | {COVERAGE_NAMES.get(c.status, c.status)} | {lines} |")
        out.append("")
    if r.is_report:
        out += ["## 四、报送时间" if r.coverage else "## 三、报送时间", ""]
        out += [f"- 【{SEVERITY_NAMES.get(t.severity, t.severity)}】{t.message}" for t in r.timing] or ["- 无。"]
    done = (3 + bool(r.coverage)) if r.is_report else 1  # sections above
    for k, a in enumerate(r.appendices):
        out += ["", f"## {_NUMERALS[done + k]}、{a.title}", ""]
        for para in a.paragraphs:
            out += [para, ""]
        for caption, header, table_rows in a.tables:
            out += [f"**{caption}**", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table_rows]
            out.append("")
    if r.notes:
        out += ["", *[f"注：{n}" for n in r.notes]]
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body{font-family:"Noto Serif CJK SC","Songti SC","SimSun",serif;max-width:60em;margin:2em auto;color:#111;line-height:1.6}
h1{font-size:1.4em;border-bottom:2px solid #333;padding-bottom:.3em}h2{font-size:1.15em;margin-top:1.5em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #888;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#eee}.verdict{font-weight:bold;font-size:1.1em;padding:.5em;border:2px solid #333;margin:1em 0}
.present{color:#176317}.partial{color:#8a5a00}.missing{color:#a40000}.error{color:#a40000}.warning{color:#8a5a00}
.opinion{border-left:4px solid #888;padding:.3em .8em;background:#f6f6f6}.meta td:first-child{width:7em;background:#f6f6f6}
.nowrap{white-space:nowrap}.review{page-break-after:always}@media print{body{margin:0}}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _review_body(r: Review) -> str:
    parts = [f'<section class="review"><h1>审查意见：{_e(r.meta.title or r.file)}</h1>', '<table class="meta">']
    parts += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in _meta_lines(r)]
    parts += ["</table>", f'<p class="verdict">结论：{_e(verdict_line(r))}</p>']
    if r.report_basis:
        parts.append(f"<p>文种判断：{_e(r.report_basis)}</p>")
    n = iter(_NUMERALS)
    if r.is_report:
        parts += [
            f"<h2>{next(n)}、法定内容</h2>",
            "<table><tr><th>项目</th><th>结论</th><th>位置</th><th>说明</th></tr>",
        ]
        for v in r.mandated:
            title = v.title + ("" if v.required else "（非必备）")
            mark, text, css = _status(v)
            parts.append(
                f'<tr><td>{_e(title)}</td><td class="{css} nowrap">{mark} {text}</td>'
                f"<td>{_e(_where(v))}</td><td>{_e(v.reason)}</td></tr>"
            )
        parts.append("</table>")
        opinions = [v for v in r.mandated if v.second_opinion]
        if opinions:
            parts.append(
                f'<div class="opinion"><p>{_e(SECOND_OPINION_LABEL)}，模型：{_e(r.second_opinion_model or "未知")}</p><ul>'
            )
            parts += [f"<li>{_e(v.title)}：{_e(v.second_opinion)}</li>" for v in opinions]
            parts.append("</ul></div>")
    parts.append(f"<h2>{next(n)}、数字核对</h2>")
    rows = _figure_rows(r)
    if rows:
        parts.append("<table><tr><th>位置</th><th>类别</th><th>原文与问题</th></tr>")
        for issue, (where, sev, text) in zip(r.figure_issues, rows):
            parts.append(
                f'<tr><td class="nowrap">{_e(where)}</td><td class="{_e(getattr(issue, "severity", ""))} nowrap">{_e(sev)}</td>'
                f"<td>{_e(text)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>未发现数字前后矛盾。</p>")
    if r.is_report and r.coverage:
        covered = sum(c.status == "covered" for c in r.coverage)
        parts += [
            f"<h2>{next(n)}、纲要领域覆盖（{_e(r.framework)}）</h2>",
            f"<p>已涉及 {covered}/{len(r.coverage)} 个领域。</p>",
            "<table><tr><th>领域</th><th>情况</th><th>依据行</th></tr>",
        ]
        parts += [
            f'<tr><td>{_e(c.area)}</td><td class="{"missing" if c.status == "absent" else ""}">'
            f"{_e(COVERAGE_NAMES.get(c.status, c.status))}</td><td>{_e('、'.join(map(str, c.lines)) or '—')}</td></tr>"
            for c in r.coverage
        ]
        parts.append("</table>")
    if r.is_report:
        parts.append(f"<h2>{next(n)}、报送时间</h2><ul>")
        parts += [
            f'<li class="{_e(t.severity)}">【{_e(SEVERITY_NAMES.get(t.severity, t.severity))}】{_e(t.message)}</li>'
            for t in r.timing
        ] or ["<li>无。</li>"]
        parts.append("</ul>")
    for a in r.appendices:
        parts.append(f"<h2>{next(n)}、{_e(a.title)}</h2>")
        parts += [f"<p>{_e(para)}</p>" for para in a.paragraphs]
        for caption, header, table_rows in a.tables:
            parts.append(
                f"<p><b>{_e(caption)}</b></p><table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr>"
            )
            parts += ["<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in table_rows]
            parts.append("</table>")
    parts += [f"<p>注：{_e(note)}</p>" for note in r.notes]
    parts.append("</section>")
    return "\n".join(parts)


def reviews_to_html(reviews: list[Review], errors: list[tuple[str, str]] | None = None) -> str:
    """One printable page for several files; unreadable files are listed at the end."""
    body = [_review_body(r) for r in reviews]
    if errors:
        body.append(
            "<section><h1>未能审查的文件</h1><ul>"
            + "".join(f"<li>{_e(path)}：{_e(msg)}</li>" for path, msg in errors)
            + "</ul></section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>法治政府建设年度报告审查意见</title>'
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def review_to_html(r: Review) -> str:
    return reviews_to_html([r])
