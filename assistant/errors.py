"""One error family for fazhi.

Every error a user can cause or meet carries a one-line Simplified-Chinese message; the CLI prints
it and exits 1, the web app shows it. Code raises the most specific subclass so callers (batch
runs, the web app) can decide what to skip and what to stop on.
"""

from __future__ import annotations


class FazhiError(Exception):
    """Base of every error fazhi reports to a user. `str(err)` is the Chinese message."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}（{self.hint}）" if self.hint else self.message


class ConfigError(FazhiError):
    """Settings or a schema file (mandates.yaml) are invalid."""


class InputError(FazhiError):
    """A file or value supplied by the user cannot be used."""


class FileMissingError(InputError):
    """The path does not exist."""


class UnsupportedFormatError(InputError):
    """The file type is not one fazhi reads (.doc, images, archives…)."""


class DecodeError(InputError):
    """The bytes are binary or in no encoding we can read without mojibake."""


class ProtectedFileError(InputError):
    """The file has an open password (an encrypted .docx): fazhi cannot read it without the owner."""


class EmptyDocumentError(InputError):
    """Nothing but whitespace or boilerplate is left after loading."""


class FactsError(InputError):
    """A facts YAML file fails validation; the message names the field and line (`details`: every error)."""

    details: list[str] = []


class StoreError(FazhiError):
    """The retrieval store cannot be opened, read or written."""


class EmbeddingMismatchError(StoreError):
    """The store was written with another embedding model than the one configured."""


class LLMError(FazhiError):
    """The language-model endpoint failed (down, timeout, rate limit, bad answer)."""


class LLMIncompleteError(LLMError):
    """The model began answering but the answer never finished (cut off, broken stream, bad data), even
    after retries. `partial` is the text already received: callers keep it and mark it incomplete."""

    def __init__(self, message: str, *, partial: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.partial = partial
