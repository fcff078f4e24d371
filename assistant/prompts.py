"""Prompt templates live in prompts/*.j2; this is the one place that renders them.

StrictUndefined makes a missing variable an error at render time instead of a silently empty hole
in a prompt the model then answers confidently.
"""

from __future__ import annotations

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
