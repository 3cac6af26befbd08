"""Errors a user can act on.  Each carries a stable ``code`` so a batch run can group failures by reason, and a
one-line message that the CLI prints instead of a traceback."""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EmptyInputError",
    "EncryptedPDFError",
    "InputError",
    "LoanClauseError",
    "NoTextLayerError",
    "TooLargeError",
    "TruncatedFileError",
    "UnsupportedFormatError",
]


class LoanClauseError(Exception):
    """Base of every error loanclause raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    @property
    def reason(self) -> str:
        """One line for a terminal or a results table."""
        text = str(self).replace("\n", " ").strip()
        return f"{self.source}: {text}" if self.source else text


class ConfigError(LoanClauseError):
    """A setting (an environment variable, an option's value) that cannot be used as given (exit code 2)."""

    code = "config"


class InputError(LoanClauseError):
    """The file cannot be read as a loan agreement (exit code 2)."""

    code = "unreadable"


class EmptyInputError(InputError):
    code = "empty"


class EncryptedPDFError(InputError):
    code = "encrypted"


class TruncatedFileError(InputError):
    code = "truncated"


class UnsupportedFormatError(InputError):
    code = "not_a_document"


class NoTextLayerError(InputError):
    """Every page lacks a text layer: a scan that needs OCR."""

    code = "no_text_layer"


class TooLargeError(InputError):
    code = "too_large"
