"""How the end-to-end tests drive the CLI and read a workbook back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from sheetsync.cli.main import cli
from sheetsync.core.columns import INDICATOR_COLUMNS, OUTPUT_COLUMNS

REPO = Path(__file__).resolve().parents[2]


DEMO_DAY = "2027-04-05"


STATUS_LABELS = {c.label for c in INDICATOR_COLUMNS + OUTPUT_COLUMNS if c.filled_by == "sync"}


def invoke(runner: CliRunner, config: Path, *args: str):
    return runner.invoke(cli, ["--config", str(config), *args])


def user_cells(path: Path, status_tab: str = "สถานะภาพรวม") -> dict[tuple[str, str], object]:
    """Every cell a person could have typed: all tabs but the Status tab, minus status columns."""
    wb = openpyxl.load_workbook(path)
    cells = {}
    for ws in wb.worksheets:
        if ws.title == status_tab:
            continue
        status_cols = {c.column for c in ws[1] if c.value in STATUS_LABELS}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.column not in status_cols:
                    cells[(ws.title, cell.coordinate)] = cell.value
    return cells


def all_cells(path: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, cell.coordinate): cell.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    }


def today() -> date:
    return date.fromisoformat(DEMO_DAY)


def set_backend(config: Path, backend: dict) -> None:
    """Point an office config at another backend (the YAML is rewritten: comments go, keys stay)."""
    import yaml

    path = config / "office.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["backend"] = backend
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def report(directory: Path, kind: str, *args: str) -> list[Path]:
    result = invoke(CliRunner(), directory, "report", kind, *args)
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.output.split() if line.startswith("/")]


def backend_of(config: Path) -> dict:
    """The office's `backend:` mapping as office.yaml holds it."""
    import yaml

    return dict(yaml.safe_load((config / "office.yaml").read_text(encoding="utf-8"))["backend"])


def edit_config(folder: Path, name: str, old: str, new: str) -> None:
    """Replace `old` (which must occur exactly once) by `new` in folder/name, as the coordinator would."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
