"""`python -m assistant …` = `fazhi …`."""

from assistant.cli import run

run()
