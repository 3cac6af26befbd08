"""Configuration discovery and reading (``loanclause.config``)."""

from pathlib import Path

import pytest

from loanclause.config import find_config, load_config
from loanclause.errors import ConfigError


def test_nearest_file_wins_and_loanclause_toml_before_pyproject(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.loanclause]\nselect = ["LC1"]\n', encoding="utf-8")
    sub = tmp_path / "templates"
    sub.mkdir()
    assert find_config(sub / "a.txt") == (tmp_path / "pyproject.toml").resolve()
    (sub / "pyproject.toml").write_text(
        "[project]\nname='x'\n", encoding="utf-8"
    )  # no [tool.loanclause]: skipped
    assert find_config(sub / "a.txt") == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / "loanclause.toml").write_text('ignore = ["LC2"]\n', encoding="utf-8")
    assert find_config(sub / "a.txt") == (tmp_path / "loanclause.toml").resolve()


def test_keys_read_in_both_spellings(tmp_path: Path):
    path = tmp_path / "loanclause.toml"
    path.write_text(
        'select = ["lc1", "LC301"]\nextend_select = ["LC4"]\nignore = "LC106"\nlender-kind = "licensed_fi"\n'
        'as-of = 2026-01-31\nfail-on = "warning"\n[per-file-ignores]\n"drafts/*" = ["LC2"]\n',
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert cfg.select == ["LC1", "LC301"] and cfg.extend_select == ["LC4"] and cfg.ignore == ["LC106"]
    assert (cfg.lender_kind, cfg.as_of, cfg.fail_on) == ("licensed_fi", "2026-01-31", "warning")
    assert cfg.ignores_for(tmp_path / "drafts" / "a.txt") == ["LC2"]
    assert cfg.ignores_for(tmp_path / "final" / "a.txt") == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('selct = ["LC1"]\n', "did you mean select"),
        ('select = ["LC999"]\n', "unknown rule"),
        ('lender-kind = "bank"\n', "lender-kind must be one of"),
        ('as-of = "yesterday"\n', "as-of must be a date"),
        ('fail-on = "fatal"\n', "fail-on must be one of"),
        ("select = [\n", "not a readable TOML file"),
    ],
)
def test_bad_settings_are_refused_with_the_file_and_key(tmp_path: Path, body: str, message: str):
    path = tmp_path / "loanclause.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)
