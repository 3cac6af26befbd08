"""Ship the NER weights inside the wheel.

The model lives in ``models/loanclause-ner/`` (the layout the design card asks for, and where the training
scripts write it).  A wheel must carry it as package data, so the build copies it to
``loanclause/models_data/loanclause-ner/``, where ``loanclause.extract.ner.default_model_path`` looks first.  A
source checkout (editable install) finds ``models/`` directly and needs no copy."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODEL = Path(__file__).resolve().parent / "models" / "loanclause-ner"
SHIPPED = (
    "config.json",
    "labels.json",
    "tokenizer.json",
    "charmap.json",
    "model.safetensors",
    "MODEL_CARD.md",
)


class BuildPyWithModel(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not (MODEL / "model.safetensors").exists():
            return
        target = Path(self.build_lib) / "loanclause" / "models_data" / "loanclause-ner"
        target.mkdir(parents=True, exist_ok=True)
        for name in SHIPPED:
            if (MODEL / name).exists():
                shutil.copyfile(MODEL / name, target / name)


setup(cmdclass={"build_py": BuildPyWithModel})
