"""The files that ship with sheetsync: the example config, the schemas and the templates.

In a wheel they sit inside the package (pyproject maps them to sheetsync/_data); in a checkout
installed in editable mode they are the top-level folders of the repository.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir(name: str) -> Path:
    packaged = resources.files("sheetsync") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"sheetsync is installed without its {name}/ folder")
