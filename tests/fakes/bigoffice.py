"""A large synthetic office for scale tests and the benchmark: the example office's 10 groups, each
owning `per_group` indicators, with a workbook whose rows are filled the way groups fill them."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import yaml

from sheetsync.app.provision import setup_office
from sheetsync.backends import open_backend
from sheetsync.core.columns import INDICATOR_COLUMNS
from sheetsync.core.rows import locate_columns
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
METHODS = ("criteria", "target_percent", "self_rated")


def make_config(directory: Path, per_group: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("office.yaml", "calendar.yaml"):
        shutil.copy2(REPO / "config" / name, directory / name)
    groups = [g["code"] for g in yaml.safe_load((REPO / "config" / "office.yaml").read_text())["groups"]]
    standards = []
    for s, group in enumerate(groups, start=1):
        indicators = []
        for i in range(1, per_group + 1):
            method = METHODS[i % 3]
            ind = {"code": f"{s}.{i}", "title": f"ตัวบ่งชี้ทดสอบ {s}.{i}", "owners": [group], "method": method}
            if method == "criteria":
                ind["criteria"] = [f"ประเด็น {k}" for k in range(1, 6)]
            indicators.append(ind)
        standards.append({"code": str(s), "title": f"มาตรฐานทดสอบ {s}", "weight": 1, "indicators": indicators})
    (directory / "standards.yaml").write_text(yaml.safe_dump({"standards": standards}, allow_unicode=True),
                                              encoding="utf-8")
    return directory


def fill(directory: Path) -> int:
    """Set the workbook up and type a result into every row; one row in 50 has a mistake."""
    office = load_office(directory)
    setup_office(office, open_backend(office, directory))
    path = directory / office.backend.path
    wb = openpyxl.load_workbook(path)
    mistakes = 0
    for group in office.groups:
        ws = wb[group.tab]
        found, _ = locate_columns([c.value for c in ws[1]], INDICATOR_COLUMNS)
        for r in range(2, ws.max_row + 1):
            code = ws.cell(r, found["code"]).value
            if code is None:
                continue
            n = int(str(code).split(".")[1])
            method = METHODS[n % 3]
            # every row explained (a level under 3 asks for it) and its evidence given per criterion (issue 17)
            values = {"result": "ดำเนินการแล้ว", "evidence": f"หลักฐาน {code}", "reported_on": "๑๕/๓/๒๕๗๐",
                      "explanation": "ปรับปรุงตามผลการประเมิน"}
            if method == "criteria":
                values["criteria_met"] = "1-" + str(1 + n % 5)
                values["evidence"] = f"1-{1 + n % 5}: หลักฐาน {code}"
            elif method == "target_percent":
                values.update(target_value="ร้อยละ 80", result=str(60 + n % 40))
            else:
                values.update(self_level=str(1 + n % 5), justification="ตามหลักฐาน")
            if n % 50 == 0:
                values["reported_on"] = "31/2/2570"
                mistakes += 1
            for key, value in values.items():
                ws.cell(r, found[key]).value = value
    wb.save(path)
    return mistakes
