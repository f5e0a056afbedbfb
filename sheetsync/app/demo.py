"""`sheetsync demo`: the example office with a workbook as the groups would have filled it by early
April 2570 (just after the 6-month round was due), typical mistakes included, then synced.

The demo's "today" is fixed (5 April 2027 = ๕ เม.ย. ๒๕๗๐) so that the story is the same on any day:
most groups reported, one forgot its evidence, one typed text in a number cell, one used a
two-digit year, one added an indicator code that does not exist, and one group is late.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

from sheetsync.app.followup import follow_up
from sheetsync.app.provision import setup_office
from sheetsync.app.sync import SyncSummary, office_now, sync_office
from sheetsync.backends import open_backend
from sheetsync.backends.xlsx import backup_path
from sheetsync.core.columns import OUTPUT_COLUMNS
from sheetsync.core.errors import UsageError
from sheetsync.core.rows import indicator_columns, locate_columns, normalize_code
from sheetsync.documents.order import render_order
from sheetsync.documents.sar import render_sar
from sheetsync.resources import data_dir
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History

DEMO_TODAY = date(2027, 4, 5)
MARKER = ".sheetsync-demo"

# group tab -> indicator code -> column key -> what the group typed
GROUP_ENTRIES: dict[str, dict[str, dict[str, Any]]] = {
    "อำนวยการ": {
        "1.1": {"target": "ผู้บริหารใช้ข้อมูลสารสนเทศและแผนในการบริหารครบทุกประเด็น", "result": "ดำเนินการตามประเด็นที่ ๑, ๒ และ ๔",
                "criteria_met": "๑,๒,๔", "evidence": "https://drive.example/nst1/1.1", "owner": "นางวันเพ็ญ รักษ์ถิ่น",
                "reported_on": "๒๐ มี.ค. ๒๕๗๐"},
        "2.4": {"target": "ให้บริการแล้วเสร็จภายใน ๓ วันต่อเรื่อง", "target_value": "๓", "unit": "วัน",
                "result": "2.5", "evidence": "สรุปสถิติงานสารบรรณ ไตรมาส ๒", "owner": "นางวันเพ็ญ รักษ์ถิ่น",
                "reported_on": "25/3/2570"},
        "3.1": {"target": "มีผลงานที่เป็นแบบอย่าง ๕ ผลงาน", "result": "คัดเลือกผลงานเด่น ๕ ผลงาน",
                "self_level": "5", "justification": "ทุกผลงานผ่านการคัดกรองของคณะทำงาน",
                "evidence": "แท็บผลงานที่ประสบผลสำเร็จ", "owner": "นางสาวพิมพ์ชนก ศรีสุข", "reported_on": "2027-03-30"},
    },
    "นโยบายและแผน": {
        "1.1": {"target": "ใช้แผนเป็นเครื่องมือในการบริหาร", "result": "ดำเนินการครบประเด็น ๑-๓", "criteria_met": "1-3",
                "evidence": "แผนปฏิบัติการประจำปี ๒๕๗๐", "owner": "นายประเสริฐ แก้วมณี", "reported_on": "18/03/2570"},
        "1.3": {"target": "สถานศึกษามีส่วนร่วมในการบริหาร", "result": "ประชุมเครือข่ายครบทุกอำเภอ", "criteria_met": "1,2",
                "owner": "นายประเสริฐ แก้วมณี", "reported_on": "๒๘ มีนาคม ๒๕๗๐"},  # evidence forgotten
    },
    "บริหารงานบุคคล": {
        "2.3": {"target": "บริหารงานบุคคลตามหลักคุณธรรมครบทุกประเด็น", "result": "ดำเนินการแล้ว ๔ ประเด็น",
                "criteria_met": "1,2,3,5", "evidence": "รายงาน ก.ค.ศ. ไตรมาส ๒", "owner": "นางสุนีย์ ทองคำ",
                "reported_on": "15/3/2570"},
    },
    "การเงินและสินทรัพย์": {
        "2.2": {"target": "เบิกจ่ายงบประมาณไม่น้อยกว่าร้อยละ ๙๕", "target_value": "ร้อยละ 95", "unit": "ร้อยละ",
                "result": "๙๒.๕", "evidence": "รายงานผลการเบิกจ่าย GFMIS", "owner": "นางอรุณี เพชรรัตน์",
                "reported_on": date(2027, 3, 29)},
    },
    "ส่งเสริมการจัดการศึกษา": {
        "2.1": {"target": "ส่งเสริมงานวิชาการครบทุกประเด็น", "result": "ดำเนินการ ๕ ประเด็น", "criteria_met": "1,2,3,4,6",
                "evidence": "รายงานโครงการส่งเสริมวิชาการ", "owner": "นายวิชัย บุญมา", "reported_on": "๒๑/๓/๒๕๗๐"},
        "3.2": {"target": "สถานศึกษาผ่านเกณฑ์ร้อยละ ๘๐", "target_value": "80", "unit": "ร้อยละ",
                "result": "ประมาณแปดสิบ", "evidence": "สรุปผลการประเมินสถานศึกษา", "owner": "นายวิชัย บุญมา",
                "reported_on": "22/3/2570"},  # text in a number cell
    },
    "พัฒนาครูและบุคลากร": {
        "1.2": {"target": "บุคลากรทุกคนมีแผนพัฒนาตนเอง", "result": "จัดชุมชนการเรียนรู้ทางวิชาชีพ ๑๒ ครั้ง",
                "self_level": "๔", "justification": "ครูร้อยละ ๘๘ มีแผนพัฒนาตนเองและนำไปใช้", "evidence": "รายงาน PLC",
                "owner": "นางกาญจนา สุขสวัสดิ์", "reported_on": "๑๙ มี.ค. ๒๕๗๐"},
        "2.3": {"target": "ยกย่องเชิดชูเกียรติครูดีเด่น"},  # not reported yet: late
    },
    "นิเทศ ติดตามและประเมินผล": {
        "2.1": {"target": "นิเทศสถานศึกษาครบทุกแห่ง"},  # not reported: late
        "3.2": {},
    },
    "ศึกษาทางไกลและไอซีที": {
        "2.1": {"target": "ใช้เทคโนโลยีในการเรียนการสอน", "result": "อบรมครูใช้ DLTV", "criteria_met": "3, 4, 6",
                "evidence": "https://drive.example/nst1/ict", "owner": "นายอนุชา มีสุข", "reported_on": "2027-03-28"},
    },
    "กฎหมายและคดี": {
        "1.3": {"target": "เผยแพร่ความรู้ด้านกฎหมายแก่สถานศึกษา", "result": "ดำเนินการครบทุกประเด็น",
                "criteria_met": "ผ่านทุกข้อ", "evidence": "คู่มือกฎหมายสำหรับสถานศึกษา", "owner": "นายสุรชัย นิลวงศ์",
                "reported_on": datetime(2027, 3, 24)},
    },
    "ตรวจสอบภายใน": {
        "2.4": {"target": "ตรวจสอบภายในแล้วเสร็จภายใน ๓ วัน", "target_value": 3, "unit": "วัน", "result": "2",
                "evidence": "รายงานผลการตรวจสอบ", "owner": "นางรัชนี ชูแก้ว", "reported_on": "3/3/70"},  # 2-digit year
    },
}
EXTRA_ROWS = {
    "ศึกษาทางไกลและไอซีที": [{"code": "2.9", "title": "ตัวบ่งชี้ที่พิมพ์เพิ่มเอง", "result": "ทดลองระบบใหม่",
                               "evidence": "-", "reported_on": "๑ เม.ย. ๒๕๗๐"}],
}
OUTPUTS = [
    {"no": 1, "group": "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา", "title": "ระบบนิเทศออนไลน์ NST1 Coaching",
     "description": "นิเทศ ติดตามสถานศึกษาผ่านระบบออนไลน์ครบทุกโรงเรียน", "indicators": "2.1, 3.1",
     "evidence": "https://drive.example/nst1/coaching"},
    {"no": 2, "group": "การเงินและสินทรัพย์", "title": "เบิกจ่ายงบประมาณทันเวลา",
     "description": "ใช้แดชบอร์ดติดตามการเบิกจ่ายรายสัปดาห์", "indicators": "2.2",
     "evidence": '=HYPERLINK("https://drive.example/nst1/budget")'},  # looks like a formula: stays text
    {"no": 3, "group": "กลุ่มพัฒนาครู", "title": "ชุมชนการเรียนรู้ทางวิชาชีพ",
     "description": "ครูแกนนำ ๑๒๐ คน", "indicators": "1.2"},  # unknown group name, no evidence
]


@dataclass
class DemoResult:
    directory: Path
    workbook: Path
    summary: SyncSummary
    documents: list[Path]


def build_demo(directory: Path, today: date | None = None) -> DemoResult:
    directory = Path(directory)
    places = OfficeFolder(directory)
    if directory.exists() and any(directory.iterdir()) and not places.file(MARKER).exists():
        raise UsageError(f"โฟลเดอร์ {directory} มีไฟล์อื่นอยู่แล้ว จึงไม่สร้างสำนักงานตัวอย่างทับ",
                         "ระบุโฟลเดอร์ใหม่ หรือโฟลเดอร์ว่าง เช่น sheetsync demo ./demo2")
    directory.mkdir(parents=True, exist_ok=True)
    places.file(MARKER).write_text("built by sheetsync demo\n", encoding="utf-8")
    for source in sorted(data_dir("config").glob("*.yaml")):
        shutil.copy2(source, places.config_file(source.name))
    office = load_office(directory)
    workbook = places.file(office.backend.path)
    for stale in (workbook, backup_path(workbook)):
        stale.unlink(missing_ok=True)
    for folder in (places.state, places.out):
        shutil.rmtree(folder, ignore_errors=True)  # a rebuilt demo starts its history and memo numbers afresh
    backend = open_backend(office, directory)
    setup_office(office, backend)
    fill_workbook(workbook, office)
    with History(places.history) as history:
        summary, ev = sync_office(office, open_backend(office, directory), office_now(office, today or DEMO_TODAY),
                                  history=history)
        done = follow_up(office, ev, history, summary.run_id, directory)
        summary.documents += done.documents
        summary.warnings += done.warnings
    # The sync wrote the follow-up memo (groups are late on the demo day); the SAR and the order are
    # what `sheetsync report sar` and `sheetsync report order` would write.
    out = places.out
    documents = [Path(p) for p in summary.documents]
    documents += render_sar(office, ev, directory, out) + render_order(office, directory, out)
    return DemoResult(directory=directory.resolve(), workbook=workbook.resolve(), summary=summary,
                      documents=[p.resolve() for p in documents])


def fill_workbook(path: Path, office: Any) -> None:
    """Type the demo data into the workbook the way group staff would: into their own cells only."""
    wb = openpyxl.load_workbook(path)
    columns = indicator_columns(office)
    for tab, entries in GROUP_ENTRIES.items():
        ws = wb[tab]
        found, _ = locate_columns([c.value for c in ws[1]], columns)
        rows = {normalize_code(ws.cell(r, found["code"]).value): r for r in range(2, ws.max_row + 1)
                if ws.cell(r, found["code"]).value is not None}
        for code, values in entries.items():
            for key, value in values.items():
                ws.cell(rows[code], found[key]).value = value
        next_row = max(rows.values()) + 1
        for extra in EXTRA_ROWS.get(tab, []):
            for key, value in extra.items():
                ws.cell(next_row, found[key]).value = value
            next_row += 1

    ws = wb[office.outputs_tab]
    found, _ = locate_columns([c.value for c in ws[1]], OUTPUT_COLUMNS)
    for i, output in enumerate(OUTPUTS, start=2):
        for key, value in output.items():
            cell = ws.cell(i, found[key])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # typed as text, as a person would with a leading apostrophe
    wb.save(path)
