"""The catalogue of row problems: every problem a sync can find in a tab, a row or a cell, defined once.

As frictionless' errors are: each problem has a stable English `code` (in the JSON summary, history and
the tests; never renamed), a short Thai `name`, a Thai `expected` (what the cell or tab should hold
instead, for README and whoever fixes it) and a Thai `template`, the message written beside the row,
with {named} placeholders. `message(code, **values)` formats one and raises on an unknown code or a
placeholder missing or extra, so a typo cannot ship.

Every message says what is wrong, where, and politely (กรุณา...) what to type or do instead; the status
column puts the cell's address before it ("F3: ..."). The problems about a cell's value start with the
column label and quote the value found: "<label>ที่กรอกไว้ '<value>' <expectation>", e.g. "ค่าเป้าหมาย
ที่กรอกไว้ 'ประมาณแปดสิบ' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 85 ...". The expectation is what the value
broke and what is expected instead, one of EXPECTATIONS (the parsers in thai.py raise with one), and
`{value}` is the value found, cut to 60 characters. A message addressed to a group (written in its tab)
never asks it to run a command: only the coordinator runs sheetsync (missing-tab, which has no tab to be
written in, is said to the coordinator alone).

A value is quoted as the person typed it, never as Python shows it (`shown`): a date cell as a B.E.
date (29/3/2570), a whole float without ".0", TRUE/FALSE for a check box, a formula object by its
formula text, an integer of any length (Python's str() refuses more than 4,300 digits), and a control
character (NUL, ESC, BEL: invisible in a sheet, and illegal in XML) as its visible symbol (␀, ␛, ␇).
The indicator code a person typed ({code}) is quoted the same way. The rows' messages (rows.cell_error)
hand a date or number cell over in the form the office's papers write it (rows.quoted): a Thai date
(๒๙ มี.ค. ๒๕๗๐) and Thai digits (๘๕), so that the sheet's error column and the follow-up memo read alike.

A vocabulary module, like vocab.py: Thai text belongs here; pure, and it imports nothing of sheetsync.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from string import Formatter
from types import MappingProxyType

FOUND_MAX = 60  # a value longer than this is shown cut, ending in "..."


@cache
def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name is not None)


def _fill(what: str, template: str, values: Mapping[str, object]) -> str:
    fields = _fields(template)
    missing, extra = sorted(fields - values.keys()), sorted(values.keys() - fields)
    if missing or extra:
        raise ValueError(f"{what}: missing placeholders {missing}, unknown placeholders {extra}")
    return template.format_map({k: shorten(v) if k in _TYPED else v for k, v in values.items()})


# The placeholders that hold what a person typed (quoted as typed, cut to FOUND_MAX).
_TYPED = frozenset({"value", "code", "unit"})
# C0 controls and DEL as the Unicode symbols for them (U+2400..U+2421): seen, and legal in any file.
_CONTROL_PICTURES = {**{c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n"}, 0x7F: 0x2421}
_BE_OFFSET = 543


def shown(value: object) -> str:
    """A cell's value as the person who typed it sees it, not as Python prints it (see the docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # more than 4,300 digits: Decimal converts from the binary form, not through str()
            return str(Decimal(value))
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, date):  # a datetime too; a year above 2400 is B.E. already (README)
        year = value.year if value.year > 2400 else value.year + _BE_OFFSET
        time = f" {value:%H:%M}" if isinstance(value, datetime) and (value.hour, value.minute) != (0, 0) else ""
        return f"{value.day}/{value.month}/{year}{time}"
    if not isinstance(value, str) and type(value).__str__ is object.__str__:
        # an object with no text of its own (openpyxl's ArrayFormula): its formula, else nothing of Python's
        text = getattr(value, "text", None)
        value = text if isinstance(text, str) else ""
    return str(value).translate(_CONTROL_PICTURES)


def shorten(value: object) -> str:
    """A value found in a cell as a message quotes it: as typed (`shown`), cut to FOUND_MAX characters."""
    text = shown(value)
    return text if len(text) <= FOUND_MAX else text[:FOUND_MAX - 3] + "..."


@dataclass(frozen=True)
class Problem:
    code: str  # stable English: the JSON summary's and history's `code`
    name: str  # Thai, short: what kind of problem
    expected: str  # Thai: what the cell or tab should hold instead
    template: str  # Thai: the message beside the row, with {named} placeholders

    @property
    def fields(self) -> frozenset[str]:
        """The placeholders `format` needs, no more and no fewer."""
        return _fields(self.template)

    def format(self, /, **values: object) -> str:
        return _fill(f"problem {self.code!r}", self.template, values)


# A problem about a cell's value: the column (the cell's address goes before it in the status column), the
# value found, what is wrong with it and, politely, what to type instead (the expectation says both).
_VALUE_FOUND = "{label}ที่กรอกไว้ '{value}' {expectation}"

PROBLEMS: Mapping[str, Problem] = MappingProxyType({p.code: p for p in (
    # --- a tab, or its header row
    Problem("missing-tab", "ไม่พบแท็บ",
            "แท็บของกลุ่มตามชื่อที่ตั้งไว้ใน office.yaml (sheetsync setup สร้างให้)",
            # said to the coordinator only (there is no tab to write it in): a command is advice they can follow
            "ไม่พบแท็บ '{tab}' ในไฟล์ตาราง หากกลุ่มเปลี่ยนชื่อแท็บ กรุณาเปลี่ยนกลับเป็นชื่อเดิม "
            "หรือรัน sheetsync setup เพื่อสร้างแท็บนี้"),
    Problem("missing-column", "ไม่พบคอลัมน์",
            "หัวคอลัมน์ในแถวที่ 1 สะกดตรงตามเดิม (sheetsync setup เพิ่มที่ขาดไว้ท้ายตาราง)",
            # written in the group's own tab: what the group can do there, no command to run
            "ไม่พบคอลัมน์ '{label}' ในแถวหัวตาราง (แถวที่ 1) กรุณาพิมพ์หัวคอลัมน์ '{label}' ให้ตรงตามเดิม "
            "หรือแจ้งผู้ประสานงานให้เพิ่มคอลัมน์"),
    # a required header missing, and a header in its row much like it (core.headers): said at that header
    Problem("renamed-column", "หัวคอลัมน์ถูกเปลี่ยนชื่อ",
            "หัวคอลัมน์ในแถวที่ 1 สะกดตรงตามเดิม (ไม่ใช่ชื่อที่แก้ไป เช่น วันที่รายงานผล แทน วันที่รายงาน)",
            "ไม่พบหัวคอลัมน์ '{label}' ในแถวหัวตาราง (แถวที่ 1) พบ '{value}' ใน {cell}: ใช่คอลัมน์นี้หรือไม่ "
            "ถ้าใช่ กรุณาแก้หัวคอลัมน์ {cell} กลับเป็น '{label}' ถ้าไม่ใช่ กรุณาพิมพ์หัวคอลัมน์ '{label}' "
            "ในช่องว่างของแถวที่ 1 (ระหว่างนี้ยังอ่าน{label}ไม่ได้)"),
    Problem("duplicate-column", "คอลัมน์ซ้ำ",
            "หัวคอลัมน์แต่ละชื่อมีเพียงคอลัมน์เดียว",
            "มีคอลัมน์ '{label}' มากกว่าหนึ่งคอลัมน์ในแถวหัวตาราง (แถวที่ 1) กรุณาเหลือไว้คอลัมน์เดียว "
            "โดยเปลี่ยนชื่อหรือลบคอลัมน์ที่ซ้ำ"),
    # --- which indicator or output a row is
    Problem("unknown-code", "ไม่รู้จักรหัสตัวบ่งชี้",
            "รหัสตัวบ่งชี้ที่มีในมาตรฐานของปี (standards.yaml) เช่น 1.1 หรือ ๑.๑",
            "ไม่พบรหัสตัวบ่งชี้ '{code}' ในมาตรฐานของปีนี้ กรุณากรอกรหัสตัวบ่งชี้ที่มีในมาตรฐาน เช่น 1.1 หรือ ๑.๑"),
    Problem("not-owned", "ตัวบ่งชี้ของกลุ่มอื่น",
            "ตัวบ่งชี้ที่กลุ่มนี้รับผิดชอบ (owners ใน standards.yaml)",
            "ตัวบ่งชี้ {code} ไม่ได้อยู่ในความรับผิดชอบของ{group} กรุณาแก้เป็นรหัสตัวบ่งชี้ที่กลุ่มรับผิดชอบ "
            "หรือลบแถวนี้"),
    Problem("duplicate-code", "รหัสตัวบ่งชี้ซ้ำ",
            "ตัวบ่งชี้ละหนึ่งแถวในแท็บของกลุ่ม",
            "รหัสตัวบ่งชี้ {code} ซ้ำกับแถวที่ {first_row} (แต่ละตัวบ่งชี้กรอกได้แถวเดียว) "
            "กรุณารวมข้อมูลไว้ที่แถวที่ {first_row} แล้วลบแถวนี้"),
    Problem("duplicate-title", "ชื่อผลงานซ้ำ",
            "ผลงานละหนึ่งแถว ชื่อไม่ซ้ำกัน",
            "ชื่อผลงานซ้ำกับแถวที่ {first_row} กรุณากรอกผลงานละหนึ่งแถว หรือตั้งชื่อผลงานให้ต่างกัน"),
    Problem("unknown-group", "ไม่รู้จักกลุ่ม",
            "ชื่อกลุ่มในสำนักงาน ชื่อแท็บ หรือรหัสกลุ่ม (เช่น กลุ่มนโยบายและแผน)",
            "{label}ที่กรอกไว้ '{value}' ไม่ตรงกับกลุ่มใดในสำนักงาน กรุณากรอกชื่อกลุ่มหรือชื่อแท็บของกลุ่ม "
            "เช่น กลุ่มนโยบายและแผน"),
    # --- a cell's value
    Problem("missing-value", "ไม่ได้กรอก",
            "ค่าในช่องที่ต้องกรอก: รหัสตัวบ่งชี้ในทุกแถวที่กรอกข้อมูล; เมื่อรายงานผลแล้ว ช่องที่วิธีประเมินใช้, "
            "หลักฐานอ้างอิง และวันที่รายงาน; ชื่อผลงาน, กลุ่ม และหลักฐานของผลงาน",
            "{label}ยังว่างอยู่ {expectation}"),
    Problem("type-error", "ชนิดข้อมูลไม่ถูกต้อง",
            "ค่าตามชนิดของคอลัมน์: ตัวเลข (เช่น 85 หรือ ๘๕ ตามด้วยหน่วยนับได้), วันที่ (เช่น ๑๕/๓/๒๕๗๐), "
            "หมายเลขประเด็นที่ผ่าน (เช่น 1,2,4) หรือระดับ 1 ถึง 5 (เช่น 4 หรือ ดีมาก)",
            _VALUE_FOUND),
    Problem("unit-mismatch", "หน่วยไม่ตรงกับหน่วยนับ",
            "ตัวเลขอย่างเดียว หรือตัวเลขตามด้วยหน่วยนับของแถว (คอลัมน์หน่วยนับ หรือ unit ของตัวบ่งชี้ใน "
            "standards.yaml) เช่น ๘๕ หรือ ๓ วัน; ร้อยละ, % และเปอร์เซ็นต์ถือเป็นหน่วยเดียวกัน",
            "{label}ที่กรอกไว้ '{value}': หน่วย '{unit}' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ '{expected}' "
            "กรุณากรอกเป็นตัวเลข เช่น {example}"),
    Problem("out-of-range", "ค่าอยู่นอกช่วง",
            "ค่าเป้าหมายมากกว่า 0, ผลไม่ติดลบ, ประเด็นที่ 1 ถึงจำนวนประเด็นของตัวบ่งชี้, ระดับ 1 ถึง 5, "
            "วันที่รายงานอยู่ในปีงบประมาณและไม่เลยวันนี้",
            _VALUE_FOUND),
    Problem("invalid-date", "วันที่ไม่ถูกต้อง",
            "วันที่ที่มีอยู่จริง ปีเป็น พ.ศ. หรือ ค.ศ. และชื่อเดือนที่รู้จัก (เช่น ๑๕ มี.ค. ๒๕๗๐)",
            _VALUE_FOUND),
    Problem("formula-no-value", "สูตรยังไม่มีค่า",
            "สูตรที่โปรแกรมตารางคำนวณค่าไว้แล้ว (เปิดไฟล์และบันทึกหนึ่งครั้งใน Excel หรือ LibreOffice)",
            "{label}เป็นสูตร '{value}' ที่ยังไม่มีค่าคำนวณไว้ในไฟล์ กรุณาเปิดไฟล์แล้วบันทึกหนึ่งครั้งใน Excel "
            "หรือ LibreOffice ค่าจะอ่านได้ในการซิงก์ครั้งถัดไป"),
    Problem("ambiguous-date", "ปีไม่ชัดเจน",
            "ปีเป็นเลข ๔ หลัก (เช่น ๑๕/๓/๒๕๗๐ หรือ 15/3/2027)",
            _VALUE_FOUND),
    # --- what a valid row still lacks (issue 17): said beside the row; the row stays valid and scored
    Problem("explanation-needed", "ยังไม่มีคำชี้แจง",
            "คำชี้แจงเมื่อระดับคุณภาพต่ำกว่าระดับที่กำหนด (explain_below ใน office.yaml ค่าเริ่มต้น 3)",
            "ผลอยู่ในระดับ {level} ต่ำกว่าระดับ {below} จึงขอคำชี้แจง กรุณาพิมพ์ในคอลัมน์ '{label}' "
            "ว่าเหตุใดผลจึงต่ำกว่าเป้าหมาย และจะปรับปรุงอย่างไร"),
    Problem("evidence-per-criterion", "ยังไม่ระบุหลักฐานรายประเด็น",
            "หลักฐานของทุกประเด็นที่ผ่าน บรรทัดละประเด็น ขึ้นต้นด้วยหมายเลขประเด็น (เช่น 1: https://... หรือ "
            "๒: คำสั่งที่ ๑๒/๒๕๗๐)",
            "{label}ยังไม่ระบุหลักฐานของประเด็นที่ {criteria} ซึ่งกรอกว่าผ่าน กรุณาพิมพ์หลักฐานบรรทัดละประเด็น "
            "ขึ้นต้นด้วยหมายเลขประเด็น เช่น '{example}'"),
    Problem("unknown-criterion", "ไม่มีประเด็นนี้",
            "หมายเลขประเด็นที่ตัวบ่งชี้มี (1 ถึงจำนวนประเด็น)",
            "{label}ระบุหลักฐานของประเด็นที่ {criteria} ซึ่งตัวบ่งชี้นี้ไม่มี (มีประเด็นที่ ๑ ถึง {count}) "
            "กรุณาตรวจสอบหมายเลขประเด็น"),
    Problem("bad-link", "ลิงก์ไม่ถูกต้อง",
            "ลิงก์เต็มที่ขึ้นต้นด้วย https:// หรือ http:// ตามด้วยชื่อเว็บไซต์ (ตรวจเฉพาะรูปแบบ ไม่ได้เปิดลิงก์)",
            "{label}มีลิงก์ '{link}' ที่รูปแบบไม่ถูกต้อง กรุณาคัดลอกลิงก์มาวางใหม่ทั้งลิงก์ ให้ขึ้นต้นด้วย https:// "
            "เช่น https://drive.google.com/..."),
    Problem("signoff-incomplete", "การรับรองไม่ครบ",
            "ทั้งชื่อผู้รับรอง (รับรองข้อมูลโดย) และวันที่รับรอง",
            "{label}ยังว่างอยู่ การรับรองข้อมูลใช้ทั้งชื่อหัวหน้ากลุ่มผู้รับรองและวันที่รับรอง กรุณากรอกให้ครบ"),
    Problem("signoff-before-report", "รับรองก่อนรายงาน",
            "วันที่รับรองตั้งแต่วันที่รายงานเป็นต้นไป",
            "{label}ที่กรอกไว้ '{value}' อยู่ก่อนวันที่รายงาน ({reported_on}) การรับรองจึงยังไม่นับ "
            "กรุณาให้หัวหน้ากลุ่มรับรองหลังรายงานผลแล้ว โดยแก้{label}เป็นวันที่รับรองจริง"),
    Problem("signoff-edited", "แก้ไขหลังรับรอง",
            "ข้อมูลของแถวตรงกับที่หัวหน้ากลุ่มรับรองไว้ หรือรับรองใหม่หลังแก้ไข (แก้วันที่รับรอง)",
            "ข้อมูลของแถวนี้ถูกแก้ไขหลังจาก {signer} รับรองไว้เมื่อ {signed_on} การรับรองนั้นจึงสิ้นผล "
            "กรุณาให้หัวหน้ากลุ่มตรวจสอบแล้วรับรองใหม่ โดยแก้{label}เป็นวันที่รับรองใหม่"),
)})

CODES: frozenset[str] = frozenset(PROBLEMS)
# The problems that leave a row valid (its score stands): what it still lacks, said beside it
# (IndicatorRow.notices), never in row.errors.
NOTICES: frozenset[str] = frozenset({"explanation-needed", "evidence-per-criterion", "unknown-criterion", "bad-link",
                                     "signoff-incomplete", "signoff-before-report", "signoff-edited"})

# What a cell's value broke and, politely, what to type instead (read on after the value found, or after
# "ยังว่างอยู่" for a cell left empty), by key: the {expectation} of the problems about a value.
# thai.ParseError carries one.
EXPECTATIONS: Mapping[str, str] = MappingProxyType({
    "number": "ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 85, ๘๕.๕ หรือ ร้อยละ 85",
    "amount": "ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 85 หรือ ๘๕.๕ (จะตามด้วยหน่วยนับของแถวก็ได้ เช่น ๓ วัน)",
    "positive": "ไม่มากกว่า 0 กรุณากรอกตัวเลขที่มากกว่า 0 เช่น 85",
    "not-negative": "ติดลบ กรุณากรอกตัวเลขตั้งแต่ 0 ขึ้นไป เช่น 85",
    "date": "ไม่ใช่วันที่ กรุณากรอกวันที่ เช่น ๑๕/๓/๒๕๗๐, ๑๕ มี.ค. ๒๕๗๐ หรือ 2027-03-15",
    "bool": "ไม่ใช่คำตอบผ่านหรือไม่ผ่าน กรุณากรอก ผ่าน/ไม่ผ่าน, ใช่/ไม่ใช่ หรือเครื่องหมาย ✓",
    "criteria": "ไม่ใช่หมายเลขประเด็น กรุณากรอกหมายเลขประเด็นที่ผ่าน เช่น 1,2,4 หรือ ๑-๓ หรือ ผ่านทุกข้อ",
    "criteria-range": "มีหมายเลขประเด็นที่ตัวบ่งชี้นี้ไม่มี กรุณากรอกหมายเลขประเด็น 1 ถึง {count}",
    "level": "ไม่ใช่ระดับ 1 ถึง 5 กรุณากรอกระดับ 1 ถึง 5 เช่น ๔ หรือ ดีมาก",
    "number-size": "ยาวเกิน {digits} หลัก กรุณากรอกตัวเลขไม่เกิน {digits} หลัก เช่น 85 หรือ 1,250",
    "real-date": "ไม่ใช่วันที่ที่มีอยู่จริง กรุณาตรวจสอบวัน เดือน และปี เช่น ๒๘/๒/๒๕๗๐",
    "four-digit-year": "มีปีเป็นเลข ๒ หลัก ซึ่งอาจเป็นได้ทั้ง พ.ศ. และ ค.ศ. กรุณาระบุปีเป็นเลข ๔ หลัก เช่น ๑๕/๓/๒๕๗๐",
    "be-or-ce-year": "มีปีที่ไม่ใช่ทั้ง พ.ศ. และ ค.ศ. กรุณาระบุปีเป็นเลข ๔ หลัก เช่น ๒๕๗๐ หรือ 2027",
    "known-month": "มีชื่อเดือนที่ไม่รู้จัก กรุณาใช้ชื่อเดือน เช่น มีนาคม หรือ มี.ค.",
    # No date in it: the errors cell would change every night with nothing edited (issue 16).
    "not-future": "เป็นวันที่ในอนาคต กรุณากรอกวันที่ที่รายงานจริง ซึ่งไม่เลยวันนี้",
    "in-fiscal-year": "อยู่นอกปีงบประมาณ {fy} กรุณากรอกวันที่ตั้งแต่ {start} ถึง {end}",
    "required-when-reported": "แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย",
    "required": "กรุณากรอกช่องนี้",
    "required-code": "แต่แถวนี้มีข้อมูลกรอกไว้ กรุณากรอกรหัสตัวบ่งชี้ของแถว เช่น 1.1 หรือ ๑.๑",
})


def problem(code: str) -> Problem:
    """The catalogue's problem `code`; KeyError for a code it does not have."""
    try:
        return PROBLEMS[code]
    except KeyError:
        raise KeyError(f"unknown problem code {code!r} (the catalogue has {', '.join(sorted(CODES))})") from None


def message(code: str, /, **values: object) -> str:
    """The Thai message of problem `code` with its placeholders filled."""
    return problem(code).format(**values)


def expectation(key: str, /, **values: object) -> str:
    """The Thai expectation `key` with its placeholders filled; KeyError for a key there is not."""
    try:
        template = EXPECTATIONS[key]
    except KeyError:
        raise KeyError(f"unknown expectation {key!r} (there are {', '.join(sorted(EXPECTATIONS))})") from None
    return _fill(f"expectation {key!r}", template, values)
