"""Column names, converted by core.cells as openpyxl converts them (openpyxl.utils.cell), on every column."""

from __future__ import annotations

import pytest
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from sheetsync.core.cells import a1, col_index, col_letter


def test_every_column_both_ways() -> None:
    for col in range(1, 18279):
        letters = col_letter(col)
        assert letters == get_column_letter(col)
        assert col_index(letters) == col == col_index(letters.lower()) == column_index_from_string(letters)
    assert a1(7, 28) == "AB7"


@pytest.mark.parametrize("letters", ["", "AAAA", "1", "A1", "Ä", "ก", " A", "A-"])
def test_what_is_not_a_column_name(letters: str) -> None:
    with pytest.raises(ValueError):
        col_index(letters)
    with pytest.raises(ValueError):
        column_index_from_string(letters)


@pytest.mark.parametrize("col", [0, -1, 18279])
def test_a_column_past_the_names(col: int) -> None:
    with pytest.raises(ValueError):
        col_letter(col)
    with pytest.raises(ValueError):
        get_column_letter(col)
