"""The reviewer's annotated copy: one Word comment per finding, on the right paragraph and words, nothing else changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from assistant.documents import load_document
from assistant.errors import DecodeError, ProtectedFileError
from assistant.review import annotate, review_notes, review_report
from assistant.review.annotate import AUTHOR
from tests.docx_fixtures import RICH_FIGURE, RICH_TITLE, lines_to_docx, png_bytes, rich_docx

ROOT = Path(__file__).resolve().parent.parent
PROTECTED = ROOT / "tests" / "data" / "password_protected.docx"


def _anchors(path: Path) -> dict[int, tuple[int, str]]:
    """comment id → (index of the body paragraph holding its range start, the text inside its range)."""
    doc = open_docx(str(path))
    out = {}
    body = [el for el in doc.element.body.iter(qn("w:p"))]
    for index, p in enumerate(body):
        for start in p.iter(qn("w:commentRangeStart")):
            cid = int(start.get(qn("w:id")))
            inside, text = False, []
            for el in p.iter():
                if el.tag == qn("w:commentRangeStart") and int(el.get(qn("w:id"))) == cid:
                    inside = True
                elif el.tag == qn("w:commentRangeEnd") and int(el.get(qn("w:id"))) == cid:
                    break
                elif inside and el.tag == qn("w:t"):
                    text.append(el.text or "")
            out[cid] = (index, "".join(text))
    return out


def _texts(path: Path) -> list[str]:
    return [p.text for p in open_docx(str(path)).paragraphs]


@pytest.mark.corpus
def test_seed_converted_to_docx_round_trips_with_each_comment_on_its_line(seeds, tmp_path: Path) -> None:
    lines = seeds["000"].read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    source = lines_to_docx(lines, tmp_path / "茂南区2016.docx")
    doc = load_document(source)
    review = review_report(doc)
    notes = review_notes(review, doc)
    assert {n.kind for n in notes} >= {"figure", "item", "timing"}
    out, exact = annotate(doc, review, tmp_path / "批注.docx")
    assert _texts(out) == _texts(source) == lines  # the document's text is unchanged
    comments = [c for c in open_docx(str(out)).comments]
    assert len(comments) == len(notes) and all(c.author == AUTHOR for c in comments)
    anchors = _anchors(out)
    for note, comment in zip(notes, comments):
        index, anchored = anchors[comment.comment_id]
        assert index == note.line - 1, (note, index)  # paragraph i is line i + 1
        assert comment.text.startswith(note.text[:20])
    figures = [(n, c) for n, c in zip(notes, comments) if n.kind == "figure"]
    assert {n.line for n, _ in figures} >= {75, 87}
    for note, comment in figures:
        _, anchored = anchors[comment.comment_id]
        assert anchored == note.quote  # on the exact words quoted (traditional characters as written)
        assert "所写" in comment.text and "应为" in comment.text
    assert exact == len(figures)
    missing = next(c for n, c in zip(notes, comments) if "缺失" in n.text)
    assert "第一责任人" in missing.text and "之前单列" in missing.text


@pytest.mark.corpus
def test_text_input_becomes_a_docx_of_its_lines(seeds, tmp_path: Path) -> None:
    doc = load_document(seeds["003"])
    review = review_report(doc)
    out, _ = annotate(doc, review, tmp_path / "003.docx")
    assert _texts(out) == doc.original.split("\n")
    anchors = _anchors(out)
    comments = list(open_docx(str(out)).comments)
    title_line = next(n.line for n in review_notes(review, doc) if n.kind == "coverage")
    coverage = next(c for c in comments if c.text.startswith("纲要领域覆盖"))
    assert anchors[coverage.comment_id][0] == title_line - 1
    assert "未涉及" in coverage.text and "完善依法行政制度体系" in coverage.text


def test_rich_docx_keeps_tables_images_numbering_tracked_changes_and_comments(tmp_path: Path) -> None:
    image = tmp_path / "seal.png"
    image.write_bytes(png_bytes())
    source = rich_docx(tmp_path / "云溪县.docx", image)
    doc = load_document(source)
    review = review_report(doc)
    assert any(i.line == 5 for i in review.figure_issues)  # 30 + 15 + 10 = 55 > 50
    out, exact = annotate(doc, review, tmp_path / "out" / "云溪县_批注.docx")
    assert exact >= 1
    before, after = open_docx(str(source)), open_docx(str(out))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert [[c.text for c in row.cells] for row in after.tables[0].rows] == [
        [c.text for c in row.cells] for row in before.tables[0].rows
    ]
    assert len(after.inline_shapes) == 1  # the image is still there, once
    assert next(p for p in after.paragraphs if p.text == "落实第一责任人职责").style.name == "List Number"
    xml = after.element.xml
    assert "，开展执法检查" in xml and "（旧表述）" in xml and "w:ins " in xml and "w:del " in xml
    comments = list(after.comments)
    old = [c for c in comments if c.author == "张三"]
    assert len(old) == 1 and old[0].text == "请补充原因分析。"
    new = [c for c in comments if c.author == AUTHOR]
    assert len(new) == len(review_notes(review, doc))
    # the figure comment sits on the figure's words, and the runs kept their formatting
    figure = next(c for c in new if c.text.startswith("数字问题"))
    index, anchored = _anchors(out)[figure.comment_id]
    assert anchored in RICH_FIGURE and "50件" in anchored
    runs = after.paragraphs[4].runs
    assert "".join(r.text for r in runs if r.bold) == "（一）行政复议。"
    assert "".join(r.text for r in runs if r.italic) == "50件"
    title = next(c for c in new if c.text.startswith("报送时间"))
    assert _anchors(out)[title.comment_id][1] == RICH_TITLE


def test_protected_and_corrupt_docx_get_one_line_chinese_errors(tmp_path: Path) -> None:
    with pytest.raises(ProtectedFileError, match="设有打开密码"):
        load_document(PROTECTED)
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04" + b"word/" + b"\x00" * 200)
    with pytest.raises(DecodeError, match="已损坏"):
        load_document(broken)


def _fazhi(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], capture_output=True, text=True, cwd=cwd, timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )  # fmt: skip


def test_cli_annotates_a_batch_and_skips_the_protected_file(tmp_path: Path) -> None:
    good = ROOT / "corpus" / "samples" / "qinglan_county_2024.txt"
    out = tmp_path / "批注"
    run = _fazhi(
        "review", str(good), str(PROTECTED), "--annotate", str(out), "--out", str(tmp_path / "意见.docx"), cwd=tmp_path
    )
    assert run.returncode == 1
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("错误")]
    assert len(errors) == 1 and "设有打开密码" in errors[0] and "Traceback" not in run.stderr
    assert (out / "qinglan_county_2024_批注.docx").exists()
    opinion = open_docx(str(tmp_path / "意见.docx"))
    assert any("未能审查的文件" in p.text for p in opinion.paragraphs)
    single = _fazhi("review", str(PROTECTED), "--annotate", str(tmp_path / "x.docx"), cwd=tmp_path)
    assert single.returncode == 1 and single.stderr.strip().count("\n") == 0
    assert single.stderr.startswith("错误：") and "设有打开密码" in single.stderr
