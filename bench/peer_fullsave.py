"""The workbook write as it was before issue 18, the peer `make bench` measures the surgical write
against: the workbook the read loaded is kept, the planned cells are set in it and openpyxl saves the
whole file (which drops every formula's computed value, among the rest). Not part of the package.

`install()` makes the sync use it, for a whole `sheetsync sync` run in the same process.
"""

from __future__ import annotations

import shutil
from typing import Any

import openpyxl

import sheetsync.backends.xlsx as xlsx
from sheetsync.backends.xlsx import WorkbookBackend, backup_path


class FullSaveBackend(WorkbookBackend):
    def read(self, *args: Any, **kwargs: Any) -> Any:
        tables = super().read(*args, **kwargs)
        self._wb = openpyxl.load_workbook(self.path)  # the old read kept the workbook it loaded, to save
        return tables

    def write(self, plan: Any) -> int:
        if not plan.writes:
            return 0
        wb = self._wb
        for w in plan.writes:
            ws = wb[w.tab] if w.tab in wb.sheetnames else wb.create_sheet(w.tab)
            cell = ws.cell(w.row, w.col)
            cell.value = w.value
            if isinstance(w.value, str):
                cell.data_type = "s"
        shutil.copyfile(self.path, backup_path(self.path))
        wb.save(self.path)
        return len(plan.writes)


def install() -> None:
    # open_backend imports the class from its module when it is called: the peer takes its place.
    xlsx.WorkbookBackend = FullSaveBackend  # type: ignore[misc]
