"""Every Thai word and sentence that users see, in one place.

Cell messages are built as "<column label><expectation> พบ '<value found>'", e.g.
"ค่าเป้าหมายต้องเป็นตัวเลข (เช่น 85 หรือ ร้อยละ 85) พบ 'ประมาณแปดสิบ'", so each expectation below
reads on after a column label.
"""

from __future__ import annotations

# --- what a cell should hold (read after the column label) -------------------------------------
EXPECT_NUMBER = "ต้องเป็นตัวเลข (เช่น 85, ๘๕.๕ หรือ ร้อยละ 85)"
EXPECT_POSITIVE = "ต้องเป็นตัวเลขที่มากกว่า 0"
EXPECT_DATE = "ต้องเป็นวันที่ (เช่น ๑๕/๓/๒๕๗๐, ๑๕ มี.ค. ๒๕๗๐ หรือ 2027-03-15)"
EXPECT_BOOL = "ต้องเป็น ผ่าน/ไม่ผ่าน, ใช่/ไม่ใช่ หรือเครื่องหมาย ✓"
EXPECT_CRITERIA = "ต้องเป็นหมายเลขประเด็นที่ผ่าน (เช่น 1,2,4 หรือ ๑-๓ หรือ ผ่านทุกข้อ)"
EXPECT_LEVEL = "ต้องเป็นระดับ 1 ถึง 5"
DATE_IMPOSSIBLE = "ไม่ใช่วันที่ที่มีอยู่จริง"
DATE_TWO_DIGIT_YEAR = "ต้องระบุปีเป็นเลข ๔ หลัก (เช่น ๑๕/๓/๒๕๗๐) เพื่อไม่ให้สับสนระหว่าง พ.ศ. กับ ค.ศ."
DATE_BAD_YEAR = "มีปีที่ไม่ใช่ทั้ง พ.ศ. และ ค.ศ. (เช่น ๒๕๗๐ หรือ 2027)"
DATE_UNKNOWN_MONTH = "มีชื่อเดือนที่ไม่รู้จัก (ใช้ เช่น มีนาคม หรือ มี.ค.)"
DATE_IN_FUTURE = "ต้องไม่เป็นวันที่ในอนาคต"
DATE_OUTSIDE_FY = "ต้องอยู่ในปีงบประมาณ {fy}"
REQUIRED = "ต้องกรอกเมื่อรายงานผลแล้ว"
REQUIRED_OUTPUT = "ต้องกรอก"
REQUIRED_CODE = "ต้องมีรหัสตัวบ่งชี้ในแถวที่กรอกข้อมูล"
JUSTIFICATION_REQUIRED = "ต้องกรอกเหตุผลประกอบการประเมินตนเอง"
FORMULA_NOT_COMPUTED = "เป็นสูตรที่ยังไม่ได้คำนวณ ให้เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกอีกครั้ง"


def criteria_out_of_range(count: int) -> str:
    return f"ต้องเป็นหมายเลขประเด็น 1 ถึง {count}"


def unknown_code(code: str) -> str:
    return f"ไม่พบรหัสตัวบ่งชี้ '{code}' ในมาตรฐานของปีนี้"


def not_owned(code: str, group: str) -> str:
    return f"ตัวบ่งชี้ {code} ไม่ได้อยู่ในความรับผิดชอบของ{group}"


def duplicate_code(code: str, first_row: int) -> str:
    return f"รหัสตัวบ่งชี้ {code} ซ้ำกับแถวที่ {first_row} (แต่ละตัวบ่งชี้กรอกได้แถวเดียว)"


def duplicate_title(first_row: int) -> str:
    return f"ชื่อผลงานซ้ำกับแถวที่ {first_row}"


def missing_column(label: str) -> str:
    return f"ไม่พบคอลัมน์ '{label}' ในแถวหัวตาราง (แถวที่ 1) ให้เพิ่มคอลัมน์นี้หรือรัน sheetsync setup"


def duplicate_column(label: str) -> str:
    return f"มีคอลัมน์ '{label}' มากกว่าหนึ่งคอลัมน์ในแถวหัวตาราง ให้เหลือไว้คอลัมน์เดียว"


def missing_tab(tab: str) -> str:
    return f"ไม่พบแท็บ '{tab}' ถ้าเปลี่ยนชื่อแท็บไป ให้เปลี่ยนกลับเป็นชื่อเดิม หรือรัน sheetsync setup เพื่อสร้างแท็บ"


def missing_tabs(tabs: list[str]) -> str:
    names = ", ".join(f"'{t}'" for t in tabs)
    return (f"ไม่พบแท็บ {names} (ซิงก์แท็บอื่นเรียบร้อยแล้ว) ถ้าเปลี่ยนชื่อแท็บไป ให้เปลี่ยนกลับเป็นชื่อเดิม "
            "หรือรัน sheetsync setup เพื่อสร้างแท็บ")


def missing_row(code: str) -> str:
    return f"ไม่มีแถวของตัวบ่งชี้ {code} ในแท็บ ให้เพิ่มแถวหรือรัน sheetsync setup"


def found(value: object) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f" พบ '{text}'"


# --- row states, levels, progress --------------------------------------------------------------
STATE_VALID = "ถูกต้อง"
STATE_INVALID = "มีข้อผิดพลาด"
STATE_NOT_REPORTED = "ยังไม่รายงาน"
STATE_TARGET_ONLY = "กำหนดเป้าหมายแล้ว"

PROGRESS_REPORTED = "รายงานแล้ว"
PROGRESS_DUE_SOON = "ใกล้ครบกำหนด"
PROGRESS_OVERDUE = "เลยกำหนด"
PROGRESS_OPEN = "อยู่ระหว่างดำเนินการ"
PROGRESS_NOT_OPEN = "ยังไม่ถึงรอบรายงาน"

DEFAULT_LEVEL_NAMES = {5: "ดีเยี่ยม", 4: "ดีมาก", 3: "ดี", 2: "พอใช้", 1: "ปรับปรุง"}
NO_SCORE = "ยังไม่มีผล"

# --- the Status tab ------------------------------------------------------------------------------
STATUS_TAB = "สถานะภาพรวม"
OUTPUTS_TAB = "ผลงานที่ประสบผลสำเร็จ"
ST_TITLE = "สถานะการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา"
ST_SYNCED_AT = "ปรับปรุงล่าสุด"
ST_FISCAL_YEAR = "ปีงบประมาณ"
ST_OVERALL = "ผลการประเมินภาพรวมสำนักงาน"
ST_SCORE = "คะแนนเฉลี่ย"
ST_LEVEL = "ระดับคุณภาพ"
ST_COVERAGE = "ตัวบ่งชี้ที่รายงานแล้ว"
ST_NEXT_DEADLINE = "กำหนดส่งครั้งถัดไป"
ST_DAYS_LEFT = "เหลืออีก (วัน)"
ST_STANDARDS = "ผลรายมาตรฐาน"
ST_STANDARD = "มาตรฐาน"
ST_GROUPS = "ความก้าวหน้ารายกลุ่ม"
ST_GROUP = "กลุ่ม"
ST_ROWS = "จำนวนตัวบ่งชี้"
ST_REPORTED_PCT = "รายงานแล้ว (ร้อยละ)"
ST_ERRORS = "ข้อผิดพลาด"
ST_OVERDUE = "เลยกำหนด"
ST_LATE = "รายการที่ล่าช้าหรือต้องแก้ไข"
ST_INDICATOR = "ตัวบ่งชี้"
ST_PROBLEM = "สิ่งที่ต้องดำเนินการ"
ST_NONE_LATE = "ไม่มีรายการล่าช้า"
ST_DUE = "ครบกำหนด"
ST_MILESTONE = "รอบการรายงาน"
ST_WEIGHT = "น้ำหนัก"
NOT_REPORTED_YET = "ยังไม่ได้รายงานผล"
NO_TARGET_YET = "ยังไม่ได้กำหนดเป้าหมาย"
FIX_ERRORS = "แก้ไขข้อผิดพลาด"
NO_DEADLINE = "ไม่มีกำหนดส่งที่เหลือในปีงบประมาณนี้"

# --- outputs tab ---------------------------------------------------------------------------------
OUTPUT_GROUP_UNKNOWN = "ต้องเป็นชื่อกลุ่มในสำนักงาน (เช่น กลุ่มนโยบายและแผน)"

# --- config problems (for the coordinator) -------------------------------------------------------
# pydantic error type -> Thai; {placeholders} come from the error's context.
CONFIG_ERROR_TYPES = {
    "missing": "ขาดคีย์ที่ต้องมี",
    "extra_forbidden": "ไม่รู้จักคีย์นี้ (สะกดผิดหรือไม่)",
    "string_too_short": "ต้องไม่เป็นค่าว่าง",
    "string_too_long": "ยาวเกิน {max_length} ตัวอักษร",
    "too_short": "ต้องมีอย่างน้อย {min_length} รายการ",
    "greater_than": "ต้องมากกว่า {gt}",
    "greater_than_equal": "ต้องไม่น้อยกว่า {ge}",
    "less_than_equal": "ต้องไม่มากกว่า {le}",
    "literal_error": "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {expected}",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "float_parsing": "ต้องเป็นตัวเลข",
    "float_type": "ต้องเป็นตัวเลข",
    "string_type": "ต้องเป็นข้อความ",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "date_type": "ต้องเป็นวันที่ (เช่น 2027-03-31)",
    "date_parsing": "ต้องเป็นวันที่ (เช่น 2027-03-31)",
    "date_from_datetime_parsing": "ต้องเป็นวันที่ (เช่น 2027-03-31)",
    "list_type": "ต้องเป็นรายการ (list)",
    "dict_type": "ต้องเป็นชุดคีย์และค่า (mapping)",
    "model_type": "ต้องเป็นชุดคีย์และค่า (mapping)",
    "union_tag_invalid": "kind ต้องเป็น {expected_tags}",
    "union_tag_not_found": "ต้องระบุ kind (xlsx หรือ gsheets)",
    "string_pattern_mismatch": "รูปแบบไม่ถูกต้อง (ต้องตรงกับ {pattern})",
}
CFG_FILE_MISSING = "ไม่พบไฟล์การตั้งค่า"
CFG_DIR_MISSING = "ไม่พบโฟลเดอร์การตั้งค่า"
CFG_YAML_SYNTAX = "ไฟล์ YAML ผิดรูปแบบ: {problem}"
CFG_DUPLICATE_KEY = "คีย์ '{key}' ซ้ำกับบรรทัดที่ {line}"
CFG_NOT_MAPPING = "เนื้อหาของไฟล์ต้องเป็นชุดคีย์และค่า (mapping)"
CFG_UNKNOWN_GROUP = "ไม่พบกลุ่ม '{code}' ในรายชื่อกลุ่ม (office.yaml: groups)"
CFG_DUPLICATE = "'{code}' ซ้ำกับรายการที่ {first}"
CFG_THRESHOLDS_ORDER = "เกณฑ์ต้องเรียงกัน: ระดับที่สูงกว่าต้องใช้ค่าที่สูงกว่า (ระดับ {high} = {high_value} ไม่มากกว่า ระดับ {low} = {low_value})"
CFG_THRESHOLD_LEVEL = "ระดับ {level} ไม่อยู่ในระดับที่กำหนดไว้ ({levels})"
CFG_CRITERIA_THRESHOLD = "เกณฑ์ระดับ {level} ต้องการ {value} ประเด็น แต่ตัวบ่งชี้มีเพียง {count} ประเด็น"
CFG_NO_CRITERIA = "ตัวบ่งชี้ที่ประเมินแบบ criteria ต้องมีรายการประเด็นการพิจารณา (criteria)"
CFG_DATE_OUTSIDE_FY = "วันที่ {value} อยู่นอกปีงบประมาณ {fy} ({start} ถึง {end})"
CFG_DUE_BEFORE_OPEN = "วันครบกำหนด ({due}) อยู่ก่อนวันเปิดรับรายงาน ({opens})"
CFG_UNKNOWN_COVER = "ไม่พบ '{code}' ทั้งในรหัสตัวบ่งชี้และรหัสกลุ่ม"
CFG_UNKNOWN_INDICATOR = "ไม่พบตัวบ่งชี้ '{code}'"
CFG_UNKNOWN_COLUMN = "ไม่รู้จักคอลัมน์ '{key}' (ใช้ได้: {keys})"
CFG_DUPLICATE_LABEL = "หัวคอลัมน์ '{label}' ซ้ำกับคอลัมน์ {other}"
CFG_BAD_TIMEZONE = "ไม่รู้จักเขตเวลา '{tz}' (เช่น Asia/Bangkok)"
CFG_ONE_CHAIR = "คณะทำงานต้องมีประธาน ๑ คน (พบ {count})"
CFG_BANDS_ORDER = "ช่วงคะแนน (bands) ต้องเรียงจากมากไปน้อย"

# --- the working committee (committee.yaml defaults; the order is worded in docvocab.py) ----------
COMMITTEE_TITLE = "คณะทำงานการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา"
# The committee's duties as the source document's steps describe the process.
COMMITTEE_DUTIES = (
    "ศึกษาและทำความเข้าใจมาตรฐาน ตัวบ่งชี้ กรอบการติดตาม เกณฑ์และวิธีการประเมิน",
    "กำหนดเป้าหมายและผลผลิตที่คาดหวังให้สอดคล้องกับบริบทของสำนักงานเขตพื้นที่การศึกษาและนโยบายของสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "ขับเคลื่อน กำกับ และติดตามการดำเนินงานของกลุ่มตามปฏิทินการปฏิบัติงาน",
    "ประเมินตนเองและจัดทำรายงานการประเมินตนเอง (SAR) เสนอสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "วิเคราะห์ผลการประเมินเพื่อเป็นข้อมูลย้อนกลับในการพัฒนาการบริหารจัดการและแผนพัฒนาสำนักงานเขตพื้นที่การศึกษา",
)
CFG_FILE_NOT_FOUND = "ไม่พบไฟล์ '{path}'"
CFG_GARUDA_KIND = "ตราครุฑต้องเป็นไฟล์ภาพ PNG หรือ JPG (พบ '{path}')"

# Compounds the PDF keeps on one line: libthai's dictionary would break them ("ตัว|บ่งชี้").
KEEP_TOGETHER = ("ตัวบ่งชี้", "ภาพรวม", "ปีงบประมาณ", "คณะทำงาน", "ผู้อำนวยการ", "สถานศึกษา", "ประสิทธิภาพ", "ประสิทธิผล",
                 *DEFAULT_LEVEL_NAMES.values())

# --- documents and history (for the coordinator) ----------------------------------------------------
DOC_FONT_UNREADABLE = "อ่านไฟล์ฟอนต์ {path} ไม่ได้: {problem}"
DOC_FONT_HINT = "ตรวจ documents.font และ documents.font_bold ใน office.yaml ให้ชี้ไปที่ไฟล์ .ttf หรือ .otf"
DOC_NO_PANGO = "สร้าง PDF ไม่ได้ เพราะไม่พบไลบรารี Pango: {problem}"
DOC_NO_PANGO_HINT = "ติดตั้งด้วย make install (หรือ apt-get install libpango-1.0-0 libpangoft2-1.0-0 libthai0)"
DOC_BAD_FORMAT = "เอกสาร {kind} ไม่มีรูปแบบ {formats}"
DOC_FORMATS_HINT = "ใช้ได้: {formats}"
DOC_NO_HISTORY = "ยังไม่มีประวัติการซิงก์ที่สำเร็จ จึงยังสร้างรายงานไม่ได้"
DOC_NO_HISTORY_HINT = "รัน sheetsync sync (หรือ sheetsync sync --dry-run) ก่อน แล้วจึงรัน sheetsync report"
DOC_NO_MEMO = "ไม่มีกลุ่มที่ล่าช้าหรือต้องแก้ไขในรอบที่ใกล้หรือเลยกำหนด จึงไม่ต้องออกบันทึกติดตาม"
DOC_LIST = "  เอกสาร (สร้างใหม่ได้ด้วย sheetsync report sar|memo|order):"
DOC_WRITTEN = "  เอกสาร: {path}"
