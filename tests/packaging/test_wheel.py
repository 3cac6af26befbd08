"""The wheel carries the NER weights as package data, and an installed copy finds and loads them offline."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_ships_the_model_and_loads_it_offline(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = tmp_path.glob("loanclause-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "loanclause/models_data/loanclause-ner/model.safetensors" in names
    assert "loanclause/models_data/loanclause-ner/labels.json" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import loanclause, loanclause.extract.ner as n;"
        f"p = n.default_model_path(); assert str(p).startswith({str(target)!r}), p;"
        "r = loanclause.analyze_text('借款合同\\n第一条 借款金额\\n人民币壹拾万元整。\\n');"
        "print(r.extractors[1], r.terms.principal.amount)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LOANCLAUSE_NER_MODEL", "PYTHONPATH")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(target), PYTHONNOUSERSITE="1")
    # -S would drop the venv's dependencies; instead the target directory goes first on the path, and the run
    # happens outside the checkout so that the source tree cannot be imported by accident
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    name, amount = run.stdout.split()
    assert name.startswith("loanclause-ner@") and amount == "100000"
