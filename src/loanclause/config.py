"""Project configuration for ``loanclause check``, found the way ruff finds its own.

A template repository keeps its lint settings beside the templates, so that every developer and the CI job get
the same verdicts: ``loanclause.toml`` (top level) or ``pyproject.toml`` (``[tool.loanclause]``), looked for in
the folder of the first file checked and then upwards, the first one found winning (``loanclause.toml`` before
``pyproject.toml`` in the same folder).  A ``pyproject.toml`` without a ``[tool.loanclause]`` table is passed over.

Precedence, lowest to highest: built-in defaults < configuration file < command-line options.  ``extend-select``
adds to ``select`` (from either place); ``per-file-ignores`` maps glob patterns (relative to the configuration
file's folder, or a bare file name) to codes to ignore there.

Keys (kebab- or snake-case): ``select``, ``ignore``, ``extend-select``, ``per-file-ignores``,
``per-clause-ignores`` (clause number as printed → codes, see ``loanclause.suppress``), ``lender-kind``, ``as-of``,
``fail-on``.  An unknown key or a bad value is a ``ConfigError`` naming the file and the key, never a
silent default.
"""

from __future__ import annotations

import fnmatch
import tomllib
from datetime import date
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict, Field

from loanclause.errors import ConfigError
from loanclause.law import LENDER_KINDS

__all__ = ["LintConfig", "find_config", "load_config"]

_KEYS = {
    "select",
    "ignore",
    "extend_select",
    "per_file_ignores",
    "per_clause_ignores",
    "lender_kind",
    "as_of",
    "fail_on",
}
_FAIL_ON = ("error", "warning", "info", "never")


class LintConfig(BaseModel):
    """What a configuration file says; ``None`` where it says nothing (the command line or defaults decide)."""

    model_config = ConfigDict(frozen=True)

    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    per_clause_ignores: dict[str, list[str]] = Field(default_factory=dict)
    lender_kind: str | None = None
    as_of: str | None = None
    fail_on: str | None = None

    def ignores_for(self, file: str | Path) -> list[str]:
        """The codes ``per-file-ignores`` adds for ``file``."""
        if not self.per_file_ignores:
            return []
        p = Path(file)
        rel: str
        try:
            rel = (
                PurePosixPath(p.resolve().relative_to(self.path.parent.resolve())).as_posix()
                if self.path
                else ""
            )
        except ValueError:
            rel = ""
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if (rel and fnmatch.fnmatch(rel, pattern)) or fnmatch.fnmatch(p.name, pattern):
                out.extend(codes)
        return out


def find_config(start: Path) -> Path | None:
    """The nearest ``loanclause.toml`` or ``pyproject.toml`` with ``[tool.loanclause]`` at or above ``start``."""
    here = start if start.is_dir() else start.parent
    for folder in [here.resolve(), *here.resolve().parents]:
        own = folder / "loanclause.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "loanclause" in _read(project).get("tool", {}):
            return project
    return None


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML file: {exc}") from exc


def _codes(path: Path, key: str, value: object) -> list[str]:
    from loanclause.rules import parse_selectors

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of rule codes, got {value!r}")
    try:
        return parse_selectors(value) or []
    except ConfigError:
        raise
    except Exception as exc:  # RuleSelectorError: unknown code with its "did you mean"
        raise ConfigError(f"{path}: {key}: {exc}") from exc


def load_config(path: Path) -> LintConfig:
    """Read one configuration file (see the module docstring for the keys)."""
    data = _read(path)
    table = data.get("tool", {}).get("loanclause", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.loanclause] must be a table")
    values: dict[str, object] = {"path": path}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _KEYS:
            import difflib

            near = difflib.get_close_matches(key, sorted(_KEYS), n=1)
            hint = f"; did you mean {near[0].replace('_', '-')}?" if near else ""
            raise ConfigError(f"{path}: unknown setting {raw_key!r}{hint}")
        if key in ("select", "ignore", "extend_select"):
            values[key] = _codes(path, raw_key, value)
        elif key in ("per_file_ignores", "per_clause_ignores"):
            what = "pattern" if key == "per_file_ignores" else "clause number"
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: {raw_key} must be a table of {what} = [codes]")
            values[key] = {str(k): _codes(path, f"{raw_key}.{k}", v) for k, v in value.items()}
        elif key == "lender_kind":
            if value not in LENDER_KINDS:
                raise ConfigError(
                    f"{path}: lender-kind must be one of {', '.join(LENDER_KINDS)}, got {value!r}"
                )
            values[key] = value
        elif key == "fail_on":
            if value not in _FAIL_ON:
                raise ConfigError(f"{path}: fail-on must be one of {', '.join(_FAIL_ON)}, got {value!r}")
            values[key] = value
        elif key == "as_of":
            text = value.isoformat() if isinstance(value, date) else str(value)
            try:
                date.fromisoformat(text)
            except ValueError:
                raise ConfigError(f"{path}: as-of must be a date (YYYY-MM-DD), got {value!r}") from None
            values[key] = text
    return LintConfig(**values)  # type: ignore[arg-type]
