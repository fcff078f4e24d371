"""Issue #16, fault 10: a zip upload is checked (entry count, declared and actual sizes, names) before
anything is written, and a refused upload leaves nothing behind (assistant/app/uploads.py, archives.py).
The HTTP path (a real `fazhi serve` and gradio_client) is in tests/test_app_http.py."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.app import uploads
from assistant.config import reload_settings
from assistant.errors import InputError

REPORT = "云溪县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年收到行政复议申请21件。\n"


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FAZHI_UI_MAX_FILES", "50")
    monkeypatch.setenv("FAZHI_UI_MAX_UPLOAD_MB", "1")
    reload_settings()
    return uploads.point_gradio_at_home()


def _zip(cache: Path, name: str, entries: list[tuple[str, str | bytes]], **kw: object) -> str:
    path = cache / "upload-1" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=kw.get("compression", zipfile.ZIP_DEFLATED)) as zf:  # type: ignore[arg-type]
        for member, data in entries:
            zf.writestr(member, data)
    return str(path)


def _left_behind() -> list[str]:
    root = uploads.uploads_root()
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.parts[len(root.parts)] != "cache")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of zip members read (extracted) — none may be before every check has passed."""
    seen: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode == "r":  # writestr, making the test's archives, opens members with "w"
            seen.append(getattr(name, "filename", name))
        return real_open(self, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return seen


def test_fault10_zip_with_3000_small_entries_is_refused_before_anything_is_written(cache, opened):
    archive = _zip(cache, "报送材料.zip", [(f"下级单位/{i:04d}.txt", REPORT) for i in range(3000)])
    with pytest.raises(InputError, match="压缩包内条目过多：3000 个（上限 1000 个），已拒绝，未解压任何文件"):
        uploads.accept_uploads([archive], allow_zip=True)
    assert opened == [] and _left_behind() == []


def test_fault10_readable_entries_over_the_file_limit_are_refused_before_extraction(cache, opened, monkeypatch):
    monkeypatch.setenv("FAZHI_UI_MAX_FILES", "200")  # 3,000 entries are within 20 × 200; 3,000 reports are not
    reload_settings()
    archive = _zip(cache, "报送材料.zip", [(f"{i:04d}.txt", REPORT) for i in range(3000)])
    with pytest.raises(InputError, match="压缩包内文件过多：最多 200 个，实际 3000 个"):
        uploads.accept_uploads([archive], allow_zip=True)
    assert opened == [] and _left_behind() == []


def test_fault10_declared_total_over_the_limit_is_refused_before_extraction(cache, opened):
    big = "法治" * 300_000  # 1.8 MB per entry once encoded, compresses to almost nothing
    archive = _zip(cache, "大.zip", [("a.txt", big[:150_000]), ("b.txt", big)])
    with pytest.raises(InputError, match="「b.txt」解压后 1.7 MB，超过上限 1 MB"):
        uploads.accept_uploads([archive], allow_zip=True)
    five = [(f"{i}.txt", "治" * 340_000) for i in range(6)]  # each just under 1 MB, together over 5 MB
    with pytest.raises(InputError, match="压缩包解压后超过 5 MB"):
        uploads.accept_uploads([_zip(cache, "多.zip", five)], allow_zip=True)
    assert opened == [] and _left_behind() == []


@pytest.mark.parametrize(
    ("member", "why"),
    [
        ("../../escape.txt", "含有 ../，指向压缩包之外"),
        ("/etc/cron.d/x.txt", "是绝对路径"),
        ("C:\\Windows\\x.txt", "是绝对路径"),
        ("报告\x07.txt", "含有控制字符"),
    ],
)
def test_fault10_unsafe_names_refuse_the_whole_upload(cache, opened, member, why):
    archive = _zip(cache, "名.zip", [("好.txt", REPORT), (member, REPORT)])
    with pytest.raises(InputError, match=why):
        uploads.accept_uploads([archive], allow_zip=True)
    assert opened == [] and _left_behind() == []


def test_fault10_an_entry_whose_bytes_are_not_what_was_declared_leaves_nothing(cache):
    archive = Path(_zip(cache, "坏.zip", [("a.txt", REPORT), ("b.txt", REPORT * 20)], compression=zipfile.ZIP_STORED))
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("b.txt")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5] ^= 0xFF  # b.txt's content no longer matches its CRC: found only while extracting
    archive.write_bytes(bytes(data))
    with pytest.raises(InputError, match="压缩包已损坏"):
        uploads.accept_uploads([str(archive)], allow_zip=True)
    assert _left_behind() == []  # a.txt, extracted first, went with the staging folder


def test_fault10_a_refused_corpus_upload_keeps_the_earlier_files(cache):
    first = uploads.accept_uploads([_zip(cache, "一.zip", [("甲.txt", REPORT)])], allow_zip=True, folder="corpus")
    assert [p.name for p in first] == ["甲.txt"]
    with pytest.raises(InputError):
        uploads.accept_uploads(
            [_zip(cache, "二.zip", [("甲.txt", "新"), ("../乙.txt", "x")])], allow_zip=True, folder="corpus"
        )
    assert _left_behind() == ["corpus", "corpus/甲.txt"] and first[0].read_text(encoding="utf-8") == REPORT


def test_a_good_zip_is_extracted_flat_with_unique_names(cache):
    archive = _zip(
        cache, "好.zip", [("下级/a.txt", REPORT), ("b.docx.txt", REPORT), ("x/a.txt", "同名"), ("图.png", b"\x89PNG")]
    )
    accepted = uploads.accept_uploads([archive], allow_zip=True)
    assert [p.name for p in accepted] == ["a.txt", "b.docx.txt", "a_1.txt"]
    assert accepted[2].read_text(encoding="utf-8") == "同名"
    assert not [n for n in _left_behind() if ".staging" in n]
