"""Data package: the Jinja2 prompt templates, installed as assistant.templates (see pyproject.toml)."""
