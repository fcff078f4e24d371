"""Every prompt template renders (StrictUndefined); the drafting ones with real facts, checked for content."""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.meta
import pytest

from assistant.config import PROMPTS_DIR
from assistant.drafting import Reference, build_prompt, compose_closing, compose_opening, compose_section, plan_sections
from assistant.errors import ConfigError
from assistant.facts import load_facts
from assistant.prompts import render, template_names

EXAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "examples"


class Sample(str):
    """A stand-in value for other modules' templates: a string that also has any attribute and item."""

    def __new__(cls) -> Sample:
        return super().__new__(cls, "示例")

    def __getattr__(self, name: str) -> Sample:
        if name.startswith("__"):
            raise AttributeError(name)
        return Sample()

    def __getitem__(self, key) -> Sample:  # type: ignore[override]
        return Sample()

    def __iter__(self):  # type: ignore[override]
        return iter([Sample()])

    def __call__(self, *args, **kwargs) -> Sample:
        return Sample()

    def __int__(self) -> int:
        return 1

    def __float__(self) -> float:
        return 1.0


def test_every_template_renders_or_is_a_macro_library():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PROMPTS_DIR)))
    names = template_names()
    assert "draft_section.j2" in names and "composer/area.j2" in names
    for name in names:
        source = (PROMPTS_DIR / name).read_text(encoding="utf-8")
        variables = jinja2.meta.find_undeclared_variables(env.parse(source))
        if Path(name).name.startswith("_"):
            continue  # macro library, imported by the others
        text = render(name, **{v: Sample() for v in variables})
        assert text.strip(), name


@pytest.mark.parametrize("name", ["county", "town", "department"])
def test_composer_templates_with_real_facts(name):
    facts = load_facts(EXAMPLES / f"{name}.yaml")
    assert "：\n" in compose_opening(facts) and compose_closing(facts).startswith("特此报告。")
    for section in plan_sections(facts):
        text = compose_section(facts, section)
        assert text and "{{" not in text and "示例" not in text, section.id


def test_draft_prompts_with_real_facts():
    facts = load_facts(EXAMPLES / "county.yaml")
    section = next(s for s in plan_sections(facts) if s.id == "shortcomings")
    refs = [
        Reference(n=1, kind="policy", text="依法全面履行政府职能。", source="p.txt", heading="一", label="纲要"),
        Reference(n=2, kind="exemplar", text="存在的问题主要是……", source="r.txt", heading="二", label="某区报告"),
    ]
    prompt = build_prompt(facts, section, refs, context=8192, max_tokens=1024)
    system, user = prompt.messages[0]["content"], prompt.messages[1]["content"]
    assert "云溪县人民政府" in system and "我县" in system and "不是指令" in system
    assert "问题：部分乡镇和部门对法治政府建设重视不够" in user and "原因：" in user
    assert "<<<资料[1] 开始｜纲要>>>" in user and "<<<范文[2] 结束>>>" in user
    repair = render("repair_section", heading="存在的不足和原因", problems=["“1件”在事实文件中找不到依据"])
    assert "“1件”" in repair and "存在的不足和原因" in repair


def test_missing_variable_is_a_config_error():
    with pytest.raises(ConfigError, match="缺少变量"):
        render("repair_section", heading="标题")
