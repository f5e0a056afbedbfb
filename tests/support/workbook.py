"""A group typing into its tab between two syncs, as the e2e tests have it (openpyxl saves the book)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

CODE_LABEL = "รหัสตัวบ่งชี้"  # the code column's header, by which a row is found


def edit(book: Path, tab: str, code: str, **values: object) -> None:
    """Type `values` (column label -> value) into the row of `code` on `tab`, as a group would."""
    wb = openpyxl.load_workbook(book)
    ws = wb[tab]
    header = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, header[CODE_LABEL]).value == code)
    for label, value in values.items():
        ws.cell(row, header[label]).value = value
    wb.save(book)
