"""`python -m assistant.cli …` = `fazhi …`."""

from assistant.cli import run

run()
