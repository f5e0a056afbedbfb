"""A1 addresses: openpyxl's conversions in core, gspread's in the Google backend, and the two agree;
a range a person types for `restore --range` is parsed, and a bad one gets the Thai message."""

from __future__ import annotations

from pathlib import Path

import pytest
from gspread.utils import a1_to_rowcol, rowcol_to_a1

from sheetsync.core import vocab
from sheetsync.core.cells import CellWrite, a1, col_index, col_letter
from sheetsync.core.changes import parse_range
from tests.support.cli import invoke


def test_addresses_agree_with_gspread_over_every_column() -> None:
    for col in range(1, 18279):  # A .. ZZZ, the most either program has
        assert a1(7, col) == rowcol_to_a1(7, col)
        assert col_index(col_letter(col)) == col == a1_to_rowcol(a1(7, col))[1]
    assert (col_letter(1), col_letter(26), col_letter(27), col_letter(703)) == ("A", "Z", "AA", "AAA")
    assert col_index("aa") == 27
    assert CellWrite(tab="t", row=2, col=14, value=1).address == "N2"


@pytest.mark.parametrize(("text", "bounds"), [
    ("A1:M20", (1, 1, 20, 13)), ("M20:A1", (1, 1, 20, 13)), ("c2:m9", (2, 3, 9, 13)), (" B3 ", (3, 2, 3, 2)),
    ("$A$1:$B$2", (1, 1, 2, 2)),
])
def test_a_range_is_parsed(text: str, bounds: tuple[int, int, int, int]) -> None:
    assert parse_range(text) == bounds


BAD_RANGES = ["", "A", "A:A", "1:2", "A0", "A1:", "A1:B", "AAAA1", "xyz", "A1:B2:C3", "แท็บ!A1:B2", "ก1", "1A"]


@pytest.mark.parametrize("text", BAD_RANGES)
def test_what_is_not_a_range_of_cells_is_none(text: str) -> None:
    assert parse_range(text) is None


@pytest.mark.parametrize("text", ["A1:", "A:A", "AAAA1", "ก1"])
def test_restore_with_a_bad_range_says_so_in_thai(demo_dir: Path, runner, text: str) -> None:
    result = invoke(runner, demo_dir, "restore", "1", "--tab", "นโยบายและแผน", "--range", text, "--yes")
    assert result.exit_code == 2
    assert vocab.RESTORE_BAD_RANGE.format(range=text) in result.output and "Traceback" not in result.output
