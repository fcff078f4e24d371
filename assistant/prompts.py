"""Prompt templates live in prompts/*.j2; this is the one place that renders them.

StrictUndefined makes a missing variable an error at render time instead of a silently empty hole
in a prompt the model then answers confidently. `fence_safe` is what text from outside (retrieved
exemplars, a report under review) goes through before it sits between a template's <<<…>>> fences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from assistant.config import PROMPTS_DIR
from assistant.errors import ConfigError


@lru_cache(maxsize=4)
def _environment(root: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(root),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, *, root: Path | None = None, **variables: Any) -> str:
    """Render prompts/<name> (".j2" may be omitted) with the given variables."""
    template_name = name if name.endswith(".j2") else f"{name}.j2"
    env = _environment(str(root or PROMPTS_DIR))
    try:
        return env.get_template(template_name).render(**variables).strip()
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(f"找不到提示词模板 {template_name}") from exc
    except jinja2.UndefinedError as exc:
        raise ConfigError(f"提示词模板 {template_name} 缺少变量：{exc.message}") from exc


def template_names(root: Path | None = None) -> list[str]:
    """Every template under prompts/, so a test can render each one."""
    base = root or PROMPTS_DIR
    return sorted(str(p.relative_to(base)) for p in base.rglob("*.j2"))


# Text between a template's fences is data. A forger closes the fence or opens a section of their own
# with look-alikes a model reads the same: full-width ＜＜＜ ＞＞＞, small ﹤﹥, ≪ ≫ « », marks spaced or
# joined by invisible characters, 【 本单位事实 】 in any bracket, or the label in traditional characters.
_GAP = "[\\s\u00ad\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]*"
_LT, _GT = "<＜﹤‹", ">＞﹥›"
_DOUBLE = "≪≫⟪⟫«»"
_ANGLES = "<>＜＞﹤﹥‹›〈〉〈〉⟨⟩《》"
_TRADITIONAL = {
    "单": "單",
    "实": "實",
    "参": "參",
    "资": "資",
    "范": "範",
    "规": "規",
    "则": "則",
    "审": "審",
    "结": "結",
    "论": "論",
    "报": "報",
    "关": "關",
    "义": "義",
    "内": "內",
    "应": "應",
    "为": "為",
}
_OPEN_BRACKETS, _CLOSE_BRACKETS = "【〖[［〔(（「『", "】〗]］〕)）」』"


def _fence_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    def char(c: str) -> str:
        alt = _TRADITIONAL.get(c)
        return f"[{re.escape(c)}{alt}]" if alt else re.escape(c)

    spaced = [_GAP.join(char(c) for c in label) for label in labels]
    return re.compile(
        "|".join(
            [
                f"[{re.escape(_OPEN_BRACKETS)}]{_GAP}(?:{'|'.join(spaced)}){_GAP}[{re.escape(_CLOSE_BRACKETS)}]",
                f"[{_LT}](?:{_GAP}[{_LT}])+",  # << and its look-alikes, 2 or more
                f"[{_GT}](?:{_GAP}[{_GT}])+",
                f"[{_DOUBLE}]+",
                f"[{_ANGLES}](?:{_GAP}[{_ANGLES}]){{2,}}",  # any 3 angle marks in a row: 《《《, 〈〈〈
                "[【】〖〗]",  # the section brackets themselves, whatever they hold
            ]
        )
    )


@lru_cache(maxsize=4)
def _fences(root: str) -> re.Pattern[str]:
    """Built from the templates' own section labels (【本单位事实】…), so a new template is covered too."""
    labels: set[str] = set()
    for path in Path(root).rglob("*.j2"):
        labels.update(re.findall(r"【([^】{}]{2,12})】", path.read_text(encoding="utf-8")))
    return _fence_pattern(tuple(sorted(labels, key=len, reverse=True)))


def fence_safe(text: str, *, root: Path | None = None) -> str:
    """`text` with every fence marker and section label, and their full-width, spaced, invisible-joined
    and traditional look-alikes, removed: what remains cannot close a fence or pose as a section."""
    return _fences(str(root or PROMPTS_DIR)).sub("", text)
