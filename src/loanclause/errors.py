"""Errors a user can act on.  Each carries a stable ``code`` so a batch run can group failures by reason, and a
one-line message that the CLI prints instead of a traceback (``reason``, which ends with ``[code]``).

The hierarchy is small on purpose: catch ``LoanClauseError`` for everything loanclause raises deliberately,
``InputError`` for "this file cannot be read as a contract", ``ResourceLimitExceeded`` for "it could, but not
within the limits you set"::

    LoanClauseError
    ├── InputError                  unreadable (exit code 2; in a batch, recorded and skipped)
    │   ├── EmptyInputError         empty
    │   ├── EncryptedDocument       encrypted
    │   ├── NoTextLayer             no_text_layer (a scan that needs OCR)
    │   ├── CorruptDocument         corrupt
    │   │   └── TruncatedFileError  truncated
    │   ├── UnsupportedFormat       not_a_document
    │   └── NotARegularFile         not_a_regular_file (a FIFO, a device, a socket: never opened)
    ├── ResourceLimitExceeded       resource_limit
    │   ├── TooLargeError           too_large (also an InputError)
    │   ├── TimeLimitExceeded       timeout
    │   └── MemoryLimitExceeded     memory_limit
    ├── ModelError                  model (the NER model cannot be loaded or run)
    └── ConfigError                 config (a setting or option value)

Older names stay as aliases: ``EncryptedPDFError``, ``NoTextLayerError``, ``UnsupportedFormatError``.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CorruptDocument",
    "EmptyInputError",
    "EncryptedDocument",
    "EncryptedPDFError",
    "InputError",
    "LoanClauseError",
    "MemoryLimitExceeded",
    "ModelError",
    "NoTextLayer",
    "NoTextLayerError",
    "NotARegularFile",
    "ResourceLimitExceeded",
    "TimeLimitExceeded",
    "TooLargeError",
    "TruncatedFileError",
    "UnsupportedFormat",
    "UnsupportedFormatError",
    "error_for_code",
]


class LoanClauseError(Exception):
    """Base of every error loanclause raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    @property
    def reason(self) -> str:
        """One line for a terminal or a results table, ending with the stable code: ``x.pdf: … [encrypted]``."""
        text = str(self).replace("\n", " ").replace("\r", " ").strip()
        text = f"{self.source}: {text}" if self.source else text
        return f"{text} [{self.code}]"


class ConfigError(LoanClauseError):
    """A setting (an environment variable, an option's value) that cannot be used as given (exit code 2)."""

    code = "config"


class ModelError(LoanClauseError):
    """The NER model cannot be loaded or run (missing weights, a corrupt file, a version mismatch)."""

    code = "model"


class InputError(LoanClauseError):
    """The file cannot be read as a loan agreement (exit code 2)."""

    code = "unreadable"


class EmptyInputError(InputError):
    code = "empty"


class EncryptedDocument(InputError):
    code = "encrypted"


class CorruptDocument(InputError):
    """The file claims a format but its structure is broken (bad xref, a zip that does not open, …)."""

    code = "corrupt"


class TruncatedFileError(CorruptDocument):
    code = "truncated"


class UnsupportedFormat(InputError):
    code = "not_a_document"


class NoTextLayer(InputError):
    """Every page lacks a text layer: a scan that needs OCR."""

    code = "no_text_layer"


class NotARegularFile(InputError):
    """A FIFO, device, socket or directory where a file was expected: skipped without being opened (opening a
    FIFO blocks until someone writes to it)."""

    code = "not_a_regular_file"


class ResourceLimitExceeded(LoanClauseError):
    """The input could be read, but not within the time, memory or size limits in force."""

    code = "resource_limit"


class TooLargeError(ResourceLimitExceeded, InputError):
    code = "too_large"


class TimeLimitExceeded(ResourceLimitExceeded):
    code = "timeout"


class MemoryLimitExceeded(ResourceLimitExceeded):
    code = "memory_limit"


EncryptedPDFError = EncryptedDocument
NoTextLayerError = NoTextLayer
UnsupportedFormatError = UnsupportedFormat


def _subclasses(cls: type[LoanClauseError]) -> list[type[LoanClauseError]]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def error_for_code(code: str | None, message: str, *, source: str | None = None) -> LoanClauseError:
    """The error a code names (a worker process reports codes, not exception objects); an unknown code keeps
    its code on a plain ``LoanClauseError``."""
    for cls in [LoanClauseError, *_subclasses(LoanClauseError)]:
        if cls.code == code:
            return cls(message, source=source)
    err = LoanClauseError(message, source=source)
    err.code = code or "error"
    return err
