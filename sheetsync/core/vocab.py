"""Every Thai word and sentence that users see, in one place.

The problems found in the rows (their codes, Thai names, what is expected and messages) are the
catalogue in problems.py; the documents' words are in docvocab.py.
"""

from __future__ import annotations

# --- what a cell should hold: the row problems' messages are in problems.py ---------------------
JUSTIFICATION_REQUIRED = "ต้องกรอกเหตุผลประกอบการประเมินตนเอง"
FORMULA_NOT_COMPUTED = "เป็นสูตรที่ยังไม่ได้คำนวณ ให้เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกอีกครั้ง"


def missing_tabs(tabs: list[str]) -> str:
    names = ", ".join(f"'{t}'" for t in tabs)
    # The coordinator's (the sync's exit message): a renamed tab with its group's codes was taken already
    return (f"ไม่พบแท็บ {names} (ซิงก์แท็บอื่นเรียบร้อยแล้ว) และไม่พบแท็บอื่นที่มีรหัสตัวบ่งชี้ของกลุ่มนั้น "
            "ถ้ากลุ่มเปลี่ยนชื่อแท็บ ให้แก้ tab: ของกลุ่มใน office.yaml เป็นชื่อใหม่ (หรือใส่ชื่อใหม่ใน tab_aliases) "
            "หรือเปลี่ยนชื่อแท็บกลับเป็นชื่อเดิม ถ้าแท็บถูกลบ ให้รัน sheetsync setup เพื่อสร้างแท็บใหม่")


def missing_row(code: str) -> str:
    # Read by the groups (the Status tab, the memo): what they can do in the sheet, no command to run
    return (f"ไม่มีแถวของตัวบ่งชี้ {code} ในแท็บของกลุ่ม กรุณาเพิ่มแถวและพิมพ์ {code} ในคอลัมน์รหัสตัวบ่งชี้ "
            "(หรือแจ้งผู้ประสานงาน)")


# --- row states, levels, progress --------------------------------------------------------------
STATE_VALID = "ถูกต้อง"
STATE_INVALID = "มีข้อผิดพลาด"
STATE_NOT_REPORTED = "ยังไม่รายงาน"
STATE_TARGET_ONLY = "กำหนดเป้าหมายแล้ว"
STATE_AWAITING_SIGNOFF = "รอหัวหน้ากลุ่มรับรอง"  # valid and reported; with `signoff: required` not yet signed
STATE_SIGNOFF_VOID = "ต้องรับรองใหม่"  # signed, then edited (or signed before the report)
STATE_INCOMPLETE = "ต้องเพิ่มเติม"  # valid and scored, but an explanation or evidence is still asked for
AWAITING_SIGNOFF = "รอหัวหน้ากลุ่มรับรองข้อมูล (รับรองข้อมูลโดย, วันที่รับรอง)"
SIGNOFF_VOIDED = "แก้ไขข้อมูลหลังหัวหน้ากลุ่มรับรอง: ต้องรับรองใหม่"
ROW_INCOMPLETE = "ต้องเพิ่มคำชี้แจงหรือหลักฐานรายประเด็น"
EVIDENCE_LINE_EXAMPLE = "{n}: https://drive.google.com/..."

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
DEMO_DIGESTS_DIR = "สรุปทางแชต"  # out/<this>/: the demo's digest previews
ST_AWAITING_SIGNOFF = "รอรับรอง (แถว)"
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

# --- running every night: lock, progress, history -------------------------------------------------
LOCK_HINT = ("รอให้งานนั้นเสร็จก่อนแล้วรันอีกครั้ง (ถ้างานนั้นค้าง ให้หยุดโปรเซสตาม pid ข้างต้น "
             "ไม่ต้องลบไฟล์ล็อก: งานที่หยุดไปแล้วจะปล่อยล็อกเอง)")


def lock_held(pid: int, what: str, since: str) -> str:
    held = f"มี sheetsync อีกงานหนึ่ง ({what}, pid {pid}) กำลังทำงานกับสำนักงานนี้อยู่"
    return f"{held}ตั้งแต่ {since}" if since else held


def lock_taken_over(pid: int) -> str:
    return f"พบไฟล์ล็อกค้างจากงานเดิม (pid {pid}) ที่หยุดไปแล้ว จึงใช้ล็อกต่อและซิงก์ตามปกติ"


STEP_READ = "อ่านตาราง"
STEP_READ_TAB = "อ่านแท็บ {tab}"
STEP_VALIDATE = "ตรวจข้อมูลและให้คะแนน {rows} แถว"
STEP_WRITE = "เขียนสถานะ {cells} ช่อง"
STEP_RETRY = "แถวในตารางถูกย้ายระหว่างการซิงก์ อ่านใหม่ (ครั้งที่ {attempt})"
STEP_DOCUMENTS = "สร้างเอกสาร"
STEP_DONE = "เสร็จ: {rows} (ข้อผิดพลาด {errors} รายการ) เขียน {cells} ช่อง คำขอ API {requests} ครั้ง"
NO_HISTORY = "ยังไม่มีประวัติการซิงก์ ให้รัน sheetsync sync ก่อน"
RUN_NOT_FOUND = "ไม่พบการซิงก์ครั้งที่ {run}"
NO_CHANGES = "ไม่มีช่องใดที่มีการแก้ไขระหว่างสองครั้งนี้"
RESTORE_NOTHING = "ค่าในแท็บตรงกับครั้งที่ {run} อยู่แล้ว ไม่มีอะไรต้องกู้คืน"
RESTORE_CONFIRM = "กู้คืน {cells} ช่องตามรายการข้างบนหรือไม่?"
RESTORE_DONE = "กู้คืนแล้ว {cells} ช่อง"
RESTORE_ROW_GONE = "ไม่ได้กู้คืนแถว {key}: ไม่พบแถวนี้ในแท็บแล้ว"
RESTORE_TAB_UNKNOWN = "แท็บ '{tab}' ไม่ใช่แท็บของกลุ่มหรือแท็บผลงาน"
RESTORE_BAD_RANGE = "ช่วง '{range}' ไม่ใช่รูปแบบ A1 เช่น A1:M20"


# --- config problems (for the coordinator) -------------------------------------------------------
# pydantic error type -> Thai; {placeholders} come from the error's context.
CONFIG_ERROR_TYPES = {
    "missing": "ขาดคีย์ที่ต้องมี: {key}",
    "extra_forbidden": "ไม่รู้จักคีย์นี้",
    "string_too_short": "ต้องไม่เป็นค่าว่าง",
    "string_too_long": "ยาวเกิน {max_length} ตัวอักษร",
    "too_short": "ต้องมีอย่างน้อย {min_length} รายการ",
    "greater_than": "ต้องมากกว่า {gt}",
    "greater_than_equal": "ต้องไม่น้อยกว่า {ge}",
    "less_than_equal": "ต้องไม่มากกว่า {le}",
    "literal_error": "{noun}ต้องเป็น {choices}",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "float_parsing": "ต้องเป็นตัวเลข",
    "float_type": "ต้องเป็นตัวเลข",
    "string_type": "ต้องเป็นข้อความ",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "date_type": "ต้องเป็นวันที่ เช่น 2027-03-31 หรือ 31 มี.ค. 2570",
    "date_parsing": "ต้องเป็นวันที่ เช่น 2027-03-31 หรือ 31 มี.ค. 2570",
    "date_from_datetime_parsing": "ต้องเป็นวันที่ เช่น 2027-03-31 หรือ 31 มี.ค. 2570",
    "list_type": "ต้องเป็นรายการ: บรรทัดละรายการที่ขึ้นต้นด้วย - หรือเขียนใน [ ] คั่นด้วย ,",
    "dict_type": "ต้องเป็นชุดคีย์และค่า: บรรทัดละ คีย์: ค่า ย่อหน้าใต้คีย์นี้",
    "model_type": "ต้องเป็นชุดคีย์และค่า: บรรทัดละ คีย์: ค่า ย่อหน้าใต้คีย์นี้",
    "union_tag_invalid": "kind ต้องเป็น {choices}",
    "union_tag_not_found": "ต้องระบุ kind (xlsx หรือ gsheets)",
    "string_pattern_mismatch": "รูปแบบไม่ถูกต้อง",
}
CFG_FILE_MISSING = "ไม่พบไฟล์การตั้งค่า"
CFG_DIR_MISSING = "ไม่พบโฟลเดอร์การตั้งค่า"
CFG_YAML_SYNTAX = "ไฟล์ YAML ผิดรูปแบบ: {problem}"
CFG_DUPLICATE_KEY = "คีย์ '{key}' ซ้ำกับบรรทัดที่ {line}"
CFG_NOT_MAPPING = "เนื้อหาของไฟล์ต้องเป็นชุดคีย์และค่า: บรรทัดละ คีย์: ค่า เหมือนไฟล์ตัวอย่าง"
CFG_UNKNOWN_GROUP = "ไม่พบกลุ่ม '{code}' ในรายชื่อกลุ่ม (office.yaml: groups)"
CFG_DUPLICATE = "'{code}' ซ้ำกับ {first} (บรรทัด {line})"
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
DOC_BRIEFING_ONLY = "ตัวเลือก --date, --time และ --place ใช้กับเอกสาร briefing เท่านั้น ไม่ใช้กับ {kind}"
DOC_BRIEFING_ONLY_HINT = "เอาตัวเลือกเหล่านี้ออก หรือสั่ง sheetsync report briefing"
DOC_LIST = "  เอกสาร (สร้างใหม่หรือสร้างเพิ่มได้ด้วย sheetsync report sar|memo|order|brief|package|meeting|briefing ...):"
DOC_WRITTEN = "  เอกสาร: {path}"

# --- sheetsync doctor, sheetsync schedule and the e-mail reminders (for the coordinator) -------------
CFG_BAD_EMAIL = "ต้องเป็นที่อยู่อีเมล เช่น name@office.go.th (พบ '{value}')"
CFG_SMTP_PASSWORD_ENV = ("เมื่อระบุ username ต้องระบุ password_env ด้วย: ชื่อตัวแปรสภาพแวดล้อมที่เก็บรหัสผ่าน "
                         "เช่น SHEETSYNC_SMTP_PASSWORD (ไม่เขียนรหัสผ่านลงในไฟล์การตั้งค่า)")

DR_FIX = "วิธีแก้"
DR_SUMMARY = "ผ่าน {ok} รายการ, ข้อควรระวัง {warn} รายการ, ไม่ผ่าน {fail} รายการ"
DR_CONFIG = "การตั้งค่า"
DR_CONFIG_OK = "{short} ปีงบประมาณ {fy}: {groups} กลุ่ม, {indicators} ตัวบ่งชี้, {milestones} กำหนดการ, backend {kind}"
DR_CONFIG_BAD = "ไม่ถูกต้อง (รายการอยู่ด้านล่าง)"
DR_CONFIG_FIX = "แก้ไขตามไฟล์ บรรทัด และคีย์ที่ระบุ แล้วรัน sheetsync doctor อีกครั้ง"
DR_CONFIG_FILE_FIX = ("ไฟล์ที่ documents.font, documents.font_bold หรือ documents.garuda ชี้ไป: วางไฟล์ไว้ในโฟลเดอร์การตั้งค่า "
                      "หรือลบคีย์นั้นออกเพื่อใช้ค่าเริ่มต้น (ฟอนต์ Sarabun ที่มากับ sheetsync)")
DR_CREDENTIALS = "กุญแจ service account"
DR_CREDENTIALS_OK = "{email} (แชร์ทุก spreadsheet ให้ที่อยู่นี้เป็นผู้แก้ไข)"
DR_WORKBOOK = "ไฟล์ตาราง"
DR_WORKBOOK_MISSING = "ไม่พบไฟล์ {path}"
DR_WORKBOOK_MISSING_FIX = "รัน sheetsync setup เพื่อสร้างไฟล์ (หรือแก้ backend.path ใน office.yaml ให้ชี้ไปที่ไฟล์ที่มีอยู่)"
DR_WORKBOOK_LOCKED = "ไฟล์เปิดอยู่ใน Excel หรือ LibreOffice (พบไฟล์ล็อก {lock}) การซิงก์จะไม่เขียนจนกว่าจะปิดไฟล์"
DR_WORKBOOK_LOCKED_FIX = "ปิดไฟล์ในโปรแกรมนั้นแล้วรันอีกครั้ง ถ้าไม่มีใครเปิดอยู่จริง ให้ลบไฟล์ {lock}"
DR_WORKBOOK_READONLY = "เขียนโฟลเดอร์ {path} ไม่ได้ (การซิงก์บันทึกไฟล์ตารางใหม่ในโฟลเดอร์นี้)"
DR_READONLY_FIX = "ให้ผู้ใช้ที่รันการซิงก์เขียนได้ เช่น sudo chown -R $USER '{path}' แล้ว chmod -R u+rwX '{path}'"
DR_READ = "อ่านตาราง"
DR_READ_OK = "{backend}: อ่านได้ {tabs} แท็บ"
DR_READ_REQUESTS = " ({requests} คำขอ ไม่มีการเขียน)"
DR_TAB = "แท็บ '{tab}'"
DR_TAB_MISSING = "ไม่พบแท็บ"
DR_TAB_MISSING_FIX = ("ถ้ากลุ่มเปลี่ยนชื่อแท็บ ให้แก้ tab: ของกลุ่มใน office.yaml เป็นชื่อใหม่ (หรือใส่ชื่อใหม่ใน "
                      "tab_aliases) หรือเปลี่ยนชื่อแท็บกลับเป็น '{tab}' ถ้าแท็บถูกลบ ให้รัน sheetsync setup เพื่อสร้างแท็บใหม่")
DR_TAB_OK = "หัวตารางครบ คอลัมน์สถานะครบ {rows} แถว"
DR_STATUS_TAB_OK = "มีแล้ว (การซิงก์เขียนแท็บนี้ทั้งแท็บ)"
DR_STATUS_TAB_MISSING = "ยังไม่มี (การซิงก์ครั้งถัดไปจะสร้างให้)"
DR_OUTPUTS_MISSING = "ไม่พบแท็บ การซิงก์จึงข้ามผลงานที่ประสบผลสำเร็จไป"
DR_MISSING_HEADERS = "ไม่พบหัวคอลัมน์ {labels} ในแถวที่ ๑"
DR_MISSING_HEADERS_FIX = ("พิมพ์หัวคอลัมน์นั้นกลับในแถวที่ ๑ ให้สะกดตรงตามเดิม (ถ้ากลุ่มเปลี่ยนชื่อหัวคอลัมน์ ให้แก้กลับ) "
                          "หรือรัน sheetsync setup ซึ่งเพิ่มหัวคอลัมน์ที่ขาดไว้ท้ายตาราง แต่ไม่เพิ่มคอลัมน์ที่มีหัวคอลัมน์ชื่อใกล้เคียง"
                          "อยู่แล้ว (ซึ่งน่าจะถูกเปลี่ยนชื่อ)")
DR_DUPLICATE_HEADERS = "หัวคอลัมน์ {labels} ซ้ำกัน"
DR_DUPLICATE_HEADERS_FIX = "ให้เหลือคอลัมน์ละหนึ่งคอลัมน์ (เปลี่ยนชื่อหรือลบคอลัมน์ที่ซ้ำ)"
DR_MISSING_STATUS = "ไม่พบคอลัมน์สถานะ {labels} (การซิงก์จะเพิ่มไว้ท้ายตารางให้)"
DR_MISSING_STATUS_FIX = "รัน sheetsync setup เพื่อเพิ่มคอลัมน์สถานะพร้อมล็อกไว้ไม่ให้แก้ไข"
DR_MISSING_ROWS = "ไม่มีแถวของตัวบ่งชี้ {codes}"
DR_MISSING_ROWS_FIX = "รัน sheetsync setup เพื่อเพิ่มแถวของตัวบ่งชี้ที่ขาด"
DR_SETUP_FIX = "รัน sheetsync setup"
DR_FONT = "ฟอนต์ PDF"
DR_FONT_BOLD = "ฟอนต์ PDF ตัวหนา"
DR_FONT_OK = "{family} ({path})"
DR_FONT_MISSING = "ไม่พบไฟล์ฟอนต์ {path}"
DR_FONT_BUNDLED_FIX = ("ติดตั้งฟอนต์ที่มากับ sheetsync ใหม่: .venv/bin/pip install --force-reinstall fontpkg-sarabun "
                       "(หรือ make install) หรือกำหนด documents.font ใน office.yaml ให้ชี้ไปที่ไฟล์ฟอนต์ของสำนักงาน")
DR_FONT_CONFIG_FIX = ("วางไฟล์ฟอนต์ไว้ที่ {path} หรือแก้ documents.font / documents.font_bold ใน office.yaml "
                      "(ลบออก = ใช้ Sarabun ที่มากับ sheetsync)")
DR_PDF = "WeasyPrint และ Pango"
DR_PDF_OK = "WeasyPrint {weasyprint}, Pango {pango}"
DR_PDF_MISSING = "ไม่พบ WeasyPrint ({problem})"
DR_PDF_MISSING_FIX = "ติดตั้ง sheetsync ใหม่ด้วย make install (หรือ .venv/bin/pip install -e .)"
DR_THAI = "การตัดคำภาษาไทยใน PDF (libthai)"
DR_THAI_OK = "พบ {lib}"
DR_THAI_MISSING = "ไม่พบไลบรารี libthai: PDF อาจตัดบรรทัดภาษาไทยกลางคำ"
DR_THAI_FIX = "apt-get install libthai0 (หรือ make install)"
DR_STATE = "โฟลเดอร์ state"
DR_STATE_OK = "{path} เขียนได้"
DR_STATE_NEW = "{path} ยังไม่มี จะสร้างเมื่อซิงก์ครั้งแรก"
DR_STATE_NOT_DIR = "{path} เป็นไฟล์ ไม่ใช่โฟลเดอร์"
DR_STATE_NOT_DIR_FIX = "ย้ายหรือเปลี่ยนชื่อไฟล์ {path} ออกไป แล้วรัน sheetsync doctor อีกครั้ง"
DR_STATE_READONLY = "เขียน {path} ไม่ได้ (ที่เก็บประวัติ ล็อก และ log ของการซิงก์)"
DR_STATE_CANNOT_CREATE = "สร้าง {path} ไม่ได้ เพราะเขียน {parent} ไม่ได้"
DR_LOGS = "โฟลเดอร์ log"
DR_HISTORY = "ฐานข้อมูลประวัติ"
DR_HISTORY_OK = "{path}: ซิงก์แล้ว {runs} ครั้ง"
DR_HISTORY_LAST = " ล่าสุด {when} ({status})"
DR_HISTORY_NEW = "ยังไม่มี (สร้างเมื่อซิงก์ครั้งแรก)"
DR_HISTORY_READONLY = "เขียนไฟล์ {path} ไม่ได้"
DR_LOCK = "ล็อกการซิงก์"
DR_LOCK_FREE = "ไม่มีการซิงก์ที่กำลังทำงาน"
DR_LOCK_HELD = "การซิงก์ (pid {pid}) กำลังทำงานอยู่ ตั้งแต่ {since}"
DR_LOCK_HELD_FIX = "รอให้การซิงก์นั้นเสร็จก่อน แล้วรัน sheetsync doctor อีกครั้ง"
DR_LOCK_STALE = "พบไฟล์ล็อกค้างจากการซิงก์ที่หยุดไปแล้ว (pid {pid}) การซิงก์ครั้งถัดไปจะรับช่วงเอง"
DR_LOCK_STALE_FIX = "ไม่ต้องทำอะไร หรือลบไฟล์ {path}"
DR_SMTP = "อีเมลแจ้งเตือน (SMTP)"
DR_SMTP_OK = "{host}:{port} ({security}{login}) ผู้ส่ง {sender}"
DR_SMTP_LOGIN = ", เข้าสู่ระบบในชื่อ {user}"
DR_SMTP_DISABLED = "ปิดอยู่ (reminders.enabled: false)"
DR_PASSWORD_MISSING = "ไม่พบรหัสผ่านในตัวแปรสภาพแวดล้อม {env}"
DR_PASSWORD_FIX = ("กำหนดก่อนรัน: export {env}='รหัสผ่าน' และสำหรับการซิงก์ตามเวลา (sheetsync schedule) "
                   "ใส่บรรทัด {env}=รหัสผ่าน ในไฟล์ {env_file} แล้ว chmod 600 ไฟล์นั้น")

SCH_BAD_AT = "เวลา '{value}' ไม่ถูกต้อง"
SCH_BAD_AT_HINT = "ใช้รูปแบบ HH:MM แบบ ๒๔ ชั่วโมง เช่น 01:30 หรือ 23:05"
SCH_CRON_HEAD = ("# crontab (เพิ่มด้วย crontab -e): ซิงก์ทุกคืนเวลา {at} น. ตามเวลาของสำนักงาน ({tz}) "
                 "บรรทัดด้านล่างทำไว้สำหรับเครื่องนี้ (เครื่องอื่นให้รัน sheetsync schedule บนเครื่องนั้น)")
SCH_LOCK_NOTE = ("# ไม่ต้องใช้ flock: sheetsync sync ล็อกเอง ({lock}) ถ้าการซิงก์ครั้งก่อนยังไม่เสร็จ "
                 "ครั้งใหม่จะหยุดทันทีพร้อมบอกเหตุผลไว้ใน log")
SCH_LOG_NOTE = "# ผลสรุปต่อท้ายไฟล์ {log} รายละเอียดของแต่ละครั้งอยู่ใน {logs}/sync-*.log"
SCH_ENV_NOTE = "# รหัสผ่าน SMTP อ่านจากไฟล์ {env_file} (บรรทัด {env}=...; chmod 600)"
SCH_SYSTEMD_HEAD = ("# systemd timer ของผู้ใช้ปัจจุบัน (ทำงานต่อแม้เครื่องปิดอยู่ตอนถึงเวลา: Persistent=true): "
                    "sheetsync schedule --install เขียนสองไฟล์นี้ให้")
SCH_FILE = "# ---- {path} ----"
SCH_WROTE = "เขียน {path}"
SCH_SAME = "ไม่เปลี่ยน {path} (เหมือนเดิมอยู่แล้ว)"
SCH_ENABLE = "เปิดใช้งาน (sheetsync ไม่รันคำสั่งเหล่านี้ให้):"
SCH_LINGER = "ให้ทำงานแม้ไม่มีใครล็อกอินอยู่ที่เครื่อง:"
SCH_CHECK = "ดูเวลาที่จะซิงก์ครั้งถัดไป:"

REM_SUBJECT = "[{office}] {subject} ({group})"
REM_GREETING = "เรียน {addressee}"
REM_INTRO = "ตามบันทึกข้อความ{number} ลงวันที่ {date} เรื่อง {subject} {office} ขอแจ้งรายการของ{group}ที่ยังต้องดำเนินการ ดังนี้"
REM_NUMBER = " ที่ {number}"
REM_DUE = "กำหนดส่ง {due}"
REM_WHERE_GSHEETS = "กรอกหรือแก้ไขได้ที่แท็บ \"{tab}\" ใน Google Sheets: {link}"
REM_WHERE_XLSX = "กรอกหรือแก้ไขได้ที่แท็บ \"{tab}\" ในไฟล์ {link}"
REM_STATUS_NOTE = "ช่องสีเทาท้ายแถว ({labels}) ระบบเขียนให้หลังการตรวจทุกคืน ไม่ต้องกรอกเอง"
REM_ATTACHED = "บันทึกข้อความฉบับเต็มแนบมาพร้อมนี้ ({file})"
REM_CONTACT = "สอบถามเพิ่มเติม: {contact}"
REM_FOOTER = "อีเมลฉบับนี้ส่งโดยอัตโนมัติจากระบบติดตามการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา (sheetsync) ของ{office}"
REM_SENT = "ส่งอีเมลแจ้งเตือนถึง{group}: {to}"
REM_FAILED = "ส่งอีเมลแจ้งเตือนถึง{groups} ไม่สำเร็จ: {problem} วิธีแก้: {fix} (การซิงก์ครั้งถัดไปจะลองส่งอีกครั้ง)"
REM_NO_ADDRESS = "ไม่ได้ส่งอีเมลแจ้งเตือนถึง{group} เพราะไม่มีที่อยู่อีเมล"
REM_NO_ADDRESS_FIX = "ใส่ head.email หรือ emails ของกลุ่มนี้ใน office.yaml (groups)"
REM_NO_PASSWORD = "ไม่พบรหัสผ่านในตัวแปรสภาพแวดล้อม {env}"
REM_SMTP_CONNECT = "เชื่อมต่อเครื่องส่งอีเมล {host}:{port} ไม่ได้ ({problem})"
REM_SMTP_CONNECT_FIX = ("ตรวจ reminders.host, reminders.port และ reminders.security ใน office.yaml "
                        "และว่าเครื่องนี้เชื่อมต่อเครื่องนั้นได้")
REM_SMTP_AUTH = "เครื่องส่งอีเมลไม่ยอมรับชื่อผู้ใช้หรือรหัสผ่าน ({problem})"
REM_SMTP_AUTH_FIX = "ตรวจ reminders.username ใน office.yaml และรหัสผ่านในตัวแปร {env}"
REM_SMTP_TLS = "เข้ารหัสการเชื่อมต่อกับ {host} ไม่ได้ ({problem})"
REM_SMTP_TLS_FIX = ("ตรวจ reminders.security (starttls สำหรับพอร์ต 587, ssl สำหรับพอร์ต 465) "
                    "และ reminders.ca_file ถ้าเครื่องส่งอีเมลใช้ใบรับรองของสำนักงานเอง")
REM_SMTP_REFUSED = "เครื่องส่งอีเมลปฏิเสธ ({problem})"
REM_SMTP_REFUSED_FIX = ("ตรวจ reminders.from_address (ผู้ส่งที่เครื่องนั้นยอมให้ใช้) "
                        "และที่อยู่อีเมลของกลุ่มใน office.yaml")

# --- digests in LINE and Google Chat (app.notify)
NTF_CHANNEL = {"line": "LINE", "chat": "Google Chat"}
NTF_TITLE = "[{office}] แจ้งติดตามการรายงานผล: {group}"
NTF_MEMO = "ตามบันทึกข้อความ{number} ลงวันที่ {date}"
NTF_NUMBER = "ที่ {number}"
NTF_ROUND = "รอบ: {rounds}"
NTF_DUE = "กำหนดส่งใหม่: ภายในวันที่ {due}"
NTF_ITEMS = "รายการที่ต้องดำเนินการ {count} รายการ"
NTF_MORE = "และอีก {count} รายการ (ดูบันทึกข้อความฉบับเต็ม)"
NTF_WHERE_GSHEETS = "กรอกหรือแก้ไขที่แท็บ \"{tab}\": {link}"
NTF_WHERE_XLSX = "กรอกหรือแก้ไขที่แท็บ \"{tab}\" ในไฟล์ {link}"
NTF_FOOTER = "ข้อความอัตโนมัติจาก sheetsync ของ{office}"
NTF_SENT = "ส่งสรุปทาง {channel} ถึง{group}"
NTF_FAILED = "ส่งสรุปทาง {channel} ถึง{groups} ไม่สำเร็จ: {problem} วิธีแก้: {fix} (การซิงก์ครั้งถัดไปจะลองส่งอีกครั้ง)"
NTF_NO_SECRET = "ไม่พบค่าในตัวแปรสภาพแวดล้อม {env}"
NTF_SECRET_FIX = ("กำหนดก่อนรัน: export {env}='...' หรือใส่บรรทัด {env}=... ในไฟล์ {env_file} แล้ว chmod 600 ไฟล์นั้น "
                  "(อย่าใส่ไว้ใน office.yaml)")
NTF_LINE_AUTH = "LINE ไม่ยอมรับ channel access token ({problem})"
NTF_LINE_AUTH_FIX = "ออก channel access token ใหม่ใน LINE Developers Console แล้วใส่ในตัวแปร {env}"
NTF_LINE_LIMIT = "LINE ปฏิเสธเพราะใช้ข้อความครบโควตาของเดือนนี้แล้ว ({problem})"
NTF_LINE_LIMIT_FIX = "รอเดือนถัดไป หรือเพิ่มแพ็กเกจข้อความของ LINE Official Account"
NTF_LINE_REFUSED = "LINE ปฏิเสธการส่ง ({problem})"
NTF_LINE_REFUSED_FIX = ("ตรวจ line_group ของกลุ่มใน office.yaml (รัน sheetsync line pair) "
                        "และว่าบอทยังอยู่ในกลุ่มไลน์นั้น")
NTF_RETRY_FIX = "ไม่ต้องทำอะไร การซิงก์ครั้งถัดไปจะลองส่งอีกครั้ง"
NTF_CONNECT = "เชื่อมต่อ {host} ไม่ได้ ({problem})"
NTF_CONNECT_FIX = "ตรวจว่าเครื่องนี้ออกอินเทอร์เน็ตได้ (หรือผ่าน proxy ของสำนักงาน)"
NTF_CHAT_BAD_URL = "ค่าในตัวแปร {env} ไม่ใช่ URL"
NTF_CHAT_BAD_URL_FIX = ("คัดลอก URL webhook ของห้อง Google Chat (ขึ้นต้นด้วย https://chat.googleapis.com/) "
                        "มาใส่ในตัวแปร {env} ทั้งบรรทัด")
NTF_CHAT_REFUSED = "Google Chat ปฏิเสธการส่ง ({problem})"
NTF_CHAT_REFUSED_FIX = "สร้าง webhook ของห้องนั้นใหม่ (ถ้าถูกลบ) แล้วใส่ URL ใหม่ในตัวแปรของกลุ่ม"
NTF_OVER_QUOTA_DETAIL = "ต้องใช้ {cost} ข้อความ เหลือ {left} ข้อความ"
NTF_OVER_QUOTA = ("ไม่ได้ส่งทาง LINE ถึง{groups} เพราะโควตาข้อความของเดือนนี้เหลือไม่พอ (ข้อความถึงกลุ่มไลน์นับตามจำนวนสมาชิก) "
                  "จึงส่งทางอีเมลแทน")
NTF_OVER_QUOTA_NO_EMAIL = ("ไม่ได้ส่งทาง LINE ถึง{groups} เพราะโควตาข้อความของเดือนนี้เหลือไม่พอ และไม่ได้ตั้งค่าอีเมลแจ้งเตือน "
                           "(reminders) ไว้ให้ส่งแทน")
DR_LINE = "LINE (Messaging API)"
DR_LINE_OK = "โควตาเดือนนี้เหลือ {left} ข้อความ; กลุ่มไลน์ {groups} กลุ่ม สมาชิกรวม {members} คน"
DR_LINE_UNLIMITED = "ไม่จำกัดจำนวนข้อความ; กลุ่มไลน์ {groups} กลุ่ม"
DR_LINE_LOW = "โควตาเดือนนี้เหลือ {left} ข้อความ ไม่พอส่งถึงทุกกลุ่มไลน์ครั้งเดียว (ต้องใช้ {members})"
DR_LINE_LOW_FIX = "กลุ่มที่โควตาไม่พอจะได้รับทางอีเมลแทน หรือเพิ่มแพ็กเกจข้อความของ LINE Official Account"
DR_LINE_NO_GROUPS = "ตั้งค่า notify.line แล้ว แต่ยังไม่มีกลุ่มใดมี line_group"
DR_LINE_NO_GROUPS_FIX = "รัน sheetsync line pair แล้วใส่ line_group ของแต่ละกลุ่มใน office.yaml"
DR_CHAT = "Google Chat ของ{group}"
DR_CHAT_OK = "webhook ไปที่ {host} (จากตัวแปร {env})"
LP_LISTENING = ("รอเหตุการณ์จาก LINE ที่ http://{host}:{port}/ (ตั้ง Webhook URL ของช่องทางให้ชี้มาที่นี่ "
                "แล้วเชิญบอทเข้ากลุ่มไลน์ของแต่ละกลุ่มงาน หรือพิมพ์ข้อความในกลุ่มนั้น) กด Ctrl+C เมื่อเสร็จ")
LP_FOUND = "พบกลุ่มไลน์ {name}: {id}"
LP_FOUND_HINT = "ใส่ในกลุ่มงานที่ใช้กลุ่มไลน์นี้ใน office.yaml:  line_group: {id}"
LP_NONE = "ไม่พบกลุ่มไลน์ใดภายใน {seconds} วินาที"
LP_BAD_SIGNATURE = "ไม่รับคำขอที่ลายเซ็นไม่ตรงกับ channel secret (มาจากที่อื่นที่ไม่ใช่ LINE หรือ secret ไม่ถูก)"
LP_NO_LINE = "ยังไม่ได้ตั้งค่า notify.line ใน office.yaml"
LP_NO_LINE_FIX = "เพิ่ม notify: {line: {}} ใน office.yaml (ชื่อตัวแปรของ token และ secret ใช้ค่าเริ่มต้นได้)"
LP_UNNAMED = "(ไม่ทราบชื่อ)"
LP_CANNOT_LISTEN = "รอรับที่ {host}:{port} ไม่ได้ ({problem})"
LP_CANNOT_LISTEN_FIX = "เลือกพอร์ตอื่นด้วย --port หรือปิดโปรแกรมที่ใช้พอร์ตนั้นอยู่"

# --- history database
HISTORY_NOT_SQLITE = "ไฟล์ประวัติ {path} ไม่ใช่ฐานข้อมูล SQLite (ไฟล์เสีย หรือถูกเขียนทับด้วยข้อมูลอื่น)"
HISTORY_CORRUPT = "ฐานข้อมูลประวัติ {path} เสียหาย ({problem})"
HISTORY_MISSING_TABLES = "ไม่มีตาราง {tables}"
HISTORY_BROKEN_HINT = ("ย้ายไฟล์นั้นไปเก็บไว้ เช่น mv '{path}' '{path}.broken' "
                       "การซิงก์ครั้งถัดไปจะเริ่มประวัติใหม่ (ประวัติเดิมยังอยู่ในไฟล์ที่ย้ายไป)")
HISTORY_UNREADABLE = "เปิดฐานข้อมูลประวัติ {path} ไม่ได้: {problem}"
HISTORY_UNREADABLE_HINT = ("ตรวจว่าผู้ใช้ที่รันการซิงก์อ่านและเขียนไฟล์ {path} และโฟลเดอร์ของไฟล์ได้ "
                           "ถ้าไฟล์เสีย ให้ย้ายไปเก็บไว้ เช่น mv '{path}' '{path}.broken' การซิงก์ครั้งถัดไปจะเริ่มประวัติใหม่")
HISTORY_TOO_NEW = ("ฐานข้อมูลประวัติ {path} เป็นรุ่น {version} ซึ่ง sheetsync รุ่นที่ใหม่กว่านี้เขียนไว้ "
                   "(รุ่นนี้รู้จักถึงรุ่น {known}) จึงไม่เปิดใช้และไม่แตะต้องไฟล์")
HISTORY_TOO_NEW_HINT = ("ใช้ sheetsync รุ่นที่เขียนไฟล์นี้หรือใหม่กว่า (ติดตั้งรุ่นนั้นแล้วรัน make install อีกครั้ง) "
                        "ถ้าต้องการเริ่มประวัติใหม่ด้วยรุ่นนี้ ให้ย้ายไฟล์ไปเก็บไว้ เช่น mv '{path}' '{path}.newer'")
DR_HISTORY_UPGRADE = " ไฟล์เป็นรุ่น {version} การซิงก์ครั้งถัดไปจะปรับเป็นรุ่น {current} ให้เอง ไม่ต้องทำอะไร"


# --- column headers (an office may rename any of them in office.yaml: columns) ---------------------
INDICATOR_HEADERS = {
    "code": "รหัสตัวบ่งชี้",
    "title": "ตัวบ่งชี้",
    "target": "เป้าหมาย",
    "target_value": "ค่าเป้าหมาย",
    "unit": "หน่วยนับ",
    "result": "ผลการดำเนินงาน",
    "criteria_met": "ประเด็นที่ผ่าน",
    "self_level": "ระดับที่ประเมินตนเอง",
    "justification": "เหตุผลประกอบ",
    "evidence": "หลักฐานอ้างอิง",
    "owner": "ผู้รับผิดชอบ",
    "reported_on": "วันที่รายงาน",
    "note": "หมายเหตุ",
    "explanation": "คำชี้แจง",
    "signed_by": "รับรองข้อมูลโดย",
    "signed_on": "วันที่รับรอง",
    "state": "สถานะ",
    "errors": "ข้อผิดพลาด",
    "score": "คะแนน",
    "level": "ระดับคุณภาพ",
    "progress": "ความก้าวหน้า",
}
OUTPUT_HEADERS = {
    "no": "ลำดับ",
    "group": "กลุ่ม",
    "title": "ชื่อผลงาน",
    "description": "รายละเอียด",
    "indicators": "ตัวบ่งชี้ที่เกี่ยวข้อง",
    "evidence": "หลักฐานอ้างอิง",
    "state": "สถานะ",
    "errors": "ข้อผิดพลาด",
}

# --- the status column's progress text and the Status tab's time -----------------------------------
PROGRESS_OVERDUE_DAYS = PROGRESS_OVERDUE + " {days} วัน ({milestone} " + ST_DUE + " {due})"
PROGRESS_DUE_SOON_DAYS = PROGRESS_DUE_SOON + " อีก {days} วัน ({milestone} " + ST_DUE + " {due})"
PROGRESS_NOT_OPEN_UNTIL = PROGRESS_NOT_OPEN + " ({milestone} เปิด {opens})"
SYNCED_AT_TIME = "{date} เวลา {time} น."

# --- the level dropdown that setup puts on the self-assessed level column (items: the office's names)
LEVEL_CHOICE = "{level} {name}"
LEVEL_DROPDOWN_TITLE = "ระดับที่ประเมินตนเอง"
LEVEL_DROPDOWN_ERROR_TITLE = "ระดับไม่ถูกต้อง"
LEVEL_DROPDOWN_ERROR = "เลือกระดับ {low} ถึง {high}"

# --- the committee's roles (committee.yaml: members[].role; models.Role spells the same five) -------
ROLE_CHAIR = "ประธาน"
ROLE_VICE_CHAIR = "รองประธาน"
ROLE_MEMBER = "กรรมการ"
ROLE_SECRETARY = "กรรมการและเลขานุการ"
ROLE_ASSISTANT_SECRETARY = "ผู้ช่วยเลขานุการ"
COMMITTEE_ROLES = (ROLE_CHAIR, ROLE_VICE_CHAIR, ROLE_MEMBER, ROLE_SECRETARY, ROLE_ASSISTANT_SECRETARY)

# --- the config files' JSON Schema: what an editor shows beside each key ------------------------------
CFG_BAD_TAB_CHARS = "ชื่อแท็บมีอักขระที่ใช้ไม่ได้: {chars}"
CFG_PROBLEMS_HEAD = "การตั้งค่าไม่ถูกต้อง {count} จุด:"
SCHEMA_OFFICE_NAME = "ชื่อเต็มของสำนักงาน"
SCHEMA_DOC_PREFIX = "เลขที่หนังสือ เช่น ศธ 04041"
SCHEMA_FISCAL_YEAR = "ปีงบประมาณ (พ.ศ.)"
SCHEMA_THAI_DIGITS = "เขียนตัวเลขไทยในข้อความที่ sheetsync เขียน"
SCHEMA_MEMO_PREFIX = "ส่วนหน้าของเลขที่บันทึกข้อความ เช่น 'ศธ ๐๔๐๔๑/'; ว่าง = doc_prefix ตามด้วย /"
SCHEMA_MEMO_START = "เลขทะเบียนของบันทึกข้อความฉบับแรกที่ sheetsync ออก (ฉบับต่อไปเพิ่มทีละ ๑)"
SCHEMA_MEMO_UNIT = "หน่วยงานเจ้าของเรื่องในบรรทัดส่วนราชการ เช่น 'กลุ่มอำนวยการ'"
SCHEMA_GARUDA = "ไฟล์ภาพตราครุฑ (PNG หรือ JPG); ว่าง = เว้นที่ว่างไว้ ไม่วาดแทน"
SCHEMA_FONT = "ไฟล์ฟอนต์ตัวปกติสำหรับ PDF (TTF/OTF) เช่น THSarabunNew.ttf; ว่าง = Sarabun ที่มากับ sheetsync"
SCHEMA_FONT_BOLD = "ไฟล์ฟอนต์ตัวหนาสำหรับ PDF; ว่าง = ใช้ตัวปกติ (ถ้ากำหนด font) หรือ Sarabun Bold"
SCHEMA_FONT_SIZE = "ขนาดตัวอักษรเนื้อความ (พอยต์)"
SCHEMA_DOCX_FONT = "ชื่อฟอนต์ในไฟล์ DOCX (ฟอนต์ที่เครื่องในสำนักงานมี)"
SCHEMA_SPREADSHEET = "คีย์ของ spreadsheet หลัก (ส่วนระหว่าง /d/ และ /edit ใน URL)"
SCHEMA_CREDENTIALS = "ไฟล์กุญแจ service account (JSON); ว่าง = ใช้ GOOGLE_APPLICATION_CREDENTIALS"
SCHEMA_MAX_ATTEMPTS = "จำนวนครั้งสูงสุดที่ส่งคำขอเดียวกัน เมื่อ Google ตอบว่าไม่ว่าง"
SCHEMA_THRESHOLDS = "ระดับ -> ค่าต่ำสุดที่ต้องถึง (จำนวนประเด็น หรือ ร้อยละของเป้าหมาย)"
SCHEMA_REQUIRES = "targets: เป้าหมาย, results: ผลการดำเนินงาน, office: งานของสำนักงาน ไม่ผูกกับแถว"
SCHEMA_COVERS = "รหัสตัวบ่งชี้หรือรหัสกลุ่ม; ว่าง = ทุกแถว"
SCHEMA_COMMITTEE_TITLE = "ชื่อคณะทำงานในคำสั่ง"
SCHEMA_AUTHORITY = "อำนาจตามกฎหมายที่อ้างในคำสั่ง เช่น 'มาตรา ๓๗ แห่งพระราชบัญญัติ...'; ว่าง = ไม่อ้าง"
SCHEMA_DUTIES = "หน้าที่ของคณะทำงาน"
SCHEMA_REMINDERS_ENABLED = "false = ไม่ส่งอีเมล (เก็บการตั้งค่าไว้)"
SCHEMA_SMTP_HOST = "เครื่องบริการส่งอีเมล (SMTP) เช่น smtp.gmail.com"
SCHEMA_SMTP_PORT = "ว่าง = 587 (starttls), 465 (ssl), 25 (none)"
SCHEMA_SMTP_SECURITY = "starttls: เข้ารหัสหลังเชื่อมต่อ, ssl: เข้ารหัสตั้งแต่ต้น, none: ไม่เข้ารหัส (เฉพาะเครื่องในสำนักงาน)"
SCHEMA_SMTP_USERNAME = "ชื่อผู้ใช้สำหรับเข้าสู่ระบบ SMTP; ว่าง = ไม่เข้าสู่ระบบ"
SCHEMA_SMTP_PASSWORD_ENV = "ชื่อตัวแปรสภาพแวดล้อมที่เก็บรหัสผ่าน เช่น SHEETSYNC_SMTP_PASSWORD (ไม่เขียนรหัสผ่านลงไฟล์นี้)"
SCHEMA_FROM_ADDRESS = "ที่อยู่ผู้ส่ง เช่น sheetsync@nst1.example"
SCHEMA_FROM_NAME = "ชื่อผู้ส่ง; ว่าง = ชื่อย่อของสำนักงาน"
SCHEMA_REPLY_TO = "ที่อยู่สำหรับตอบกลับ; ว่าง = อีเมลของผู้ประสานงาน"
SCHEMA_CC = "สำเนาถึง (เช่น ผู้ประสานงาน)"
SCHEMA_ATTACH_MEMO = "แนบบันทึกข้อความ (PDF) ไปกับอีเมล"
SCHEMA_CA_FILE = "ไฟล์ใบรับรอง CA (PEM) ของเครื่อง SMTP ในสำนักงาน; ว่าง = ใบรับรองของระบบ"
SCHEMA_SIGNOFF = ("required = หัวหน้ากลุ่มต้องรับรองข้อมูลของแต่ละแถว (คอลัมน์ รับรองข้อมูลโดย และ วันที่รับรอง) "
                  "แถวจึงนับว่าส่งรายงานแล้ว; off = ไม่ต้องรับรอง")
SCHEMA_GROUP_SIGNOFF = "required หรือ off สำหรับกลุ่มนี้กลุ่มเดียว; ว่าง = ตาม signoff ของสำนักงาน"
SCHEMA_EXPLAIN_BELOW = ("ระดับคุณภาพที่ต่ำกว่าค่านี้ต้องมีคำชี้แจง (คอลัมน์ คำชี้แจง) ค่าเริ่มต้น 3; "
                        "1 = ไม่ต้องชี้แจง")
SCHEMA_COLUMNS = "หัวคอลัมน์ที่ต้องการใช้แทนค่าเริ่มต้น: key -> label"
SCHEMA_REMINDERS = "อีเมลแจ้งกลุ่มที่ล่าช้าเมื่อออกบันทึกติดตามฉบับใหม่; ว่าง = ไม่ส่ง"
SCHEMA_NOTIFY = "ส่งสรุปรายการถึงกลุ่มที่ล่าช้าทาง LINE หรือ Google Chat เมื่อออกบันทึกติดตามฉบับใหม่; ว่าง = ไม่ส่ง"
SCHEMA_NOTIFY_ENABLED = "false = หยุดส่งทาง LINE และ Google Chat ชั่วคราว"
SCHEMA_NOTIFY_EMAIL = ("always = ส่งอีเมลถึงทุกกลุ่มเหมือนเดิม; fallback = ส่งอีเมลเฉพาะกลุ่มที่ไม่มี LINE หรือ Google Chat "
                       "หรือที่โควตา LINE ของเดือนนี้ไม่พอ")
SCHEMA_NOTIFY_LINE = "บัญชี LINE Official Account ของสำนักงาน (Messaging API)"
SCHEMA_LINE_TOKEN_ENV = "ชื่อตัวแปรสภาพแวดล้อมที่เก็บ channel access token (ใส่ใน sheetsync.env ไม่ใช่ในไฟล์นี้)"
SCHEMA_LINE_SECRET_ENV = "ชื่อตัวแปรสภาพแวดล้อมที่เก็บ channel secret (ใช้ตรวจเหตุการณ์ตอน sheetsync line pair)"
SCHEMA_LINE_API_URL = "ที่อยู่ของ Messaging API (ปกติไม่ต้องแก้)"
SCHEMA_LINE_GROUP = "รหัสกลุ่มไลน์ของกลุ่มงาน (ขึ้นต้นด้วย C) ดูได้จาก sheetsync line pair"
SCHEMA_CHAT_WEBHOOK_ENV = "ชื่อตัวแปรสภาพแวดล้อมที่เก็บ URL webhook ของห้อง Google Chat ของกลุ่ม (ใส่ใน sheetsync.env)"

# --- backends -------------------------------------------------------------------------------------
SETUP_TAB_CREATED = "สร้างแท็บ {tab}"
SETUP_CELLS_ADDED = "เพิ่ม {cells} ช่องในแท็บ {tab}"
SETUP_TAB_FORMATTED = "จัดรูปแบบแท็บ {tab}"
SETUP_TAB_PROTECTED = "จัดรูปแบบและป้องกันแท็บ {tab}"
ROW_NOT_THE_SAME = "แถว {row} ในแท็บ {tab} ไม่ใช่แถวเดิม"
ROWS_KEPT_MOVING = "แถวในตารางถูกแทรก ลบ หรือเรียงใหม่ระหว่างการซิงก์ {attempts} ครั้งติดกัน จึงยังไม่ได้เขียนสถานะ"
ROWS_KEPT_MOVING_HINT = "ข้อมูลที่ทุกคนกรอกไว้ไม่ถูกแตะต้อง ให้รันอีกครั้งเมื่อไม่มีใครกำลังแก้ไขตาราง"
# the .xlsx workbook
WB_OPEN_ELSEWHERE = "ไฟล์ {name} เปิดอยู่ในโปรแกรม Excel หรือ LibreOffice (พบ {lock}) จึงยังเขียนไม่ได้"
WB_OPEN_ELSEWHERE_HINT = "ปิดไฟล์ในโปรแกรมนั้นก่อนแล้วรันอีกครั้ง ถ้าไม่มีใครเปิดอยู่จริง ให้ลบไฟล์ล็อกนั้นทิ้ง"
WB_FOLDER_READONLY = "ไม่มีสิทธิ์เขียนในโฟลเดอร์ {path}"
WB_MISSING = "ไม่พบไฟล์ {path}"
WB_MISSING_HINT = "รัน sheetsync setup เพื่อสร้างไฟล์"
WB_UNREADABLE = "อ่านไฟล์ {path} ไม่ได้: {problem}"
WB_UNREADABLE_HINT = "ตรวจว่าเป็นไฟล์ .xlsx ที่สมบูรณ์ หรือกู้คืนจากไฟล์ {backup} ข้างกัน"
WB_CHANGED = "ไฟล์ {name} ถูกแก้ไขระหว่างการซิงก์"
# Google Sheets
GS_NO_CREDENTIALS = "ไม่ได้ระบุไฟล์กุญแจ service account"
GS_NO_CREDENTIALS_HINT = "ใส่ backend.credentials ใน office.yaml หรือกำหนด GOOGLE_APPLICATION_CREDENTIALS"
GS_CREDENTIALS_MISSING = "ไม่พบไฟล์กุญแจ service account {path}"
GS_CREDENTIALS_MISSING_HINT = ("ดาวน์โหลดกุญแจ (JSON) ของ service account จาก Google Cloud Console แล้วระบุที่อยู่ไฟล์ใน "
                               "office.yaml (backend.credentials)")
GS_NOT_SERVICE_ACCOUNT = "type ต้องเป็น service_account"
GS_BAD_CREDENTIALS = "ไฟล์ {path} ไม่ใช่กุญแจ service account ที่ใช้ได้ ({problem})"
GS_BAD_CREDENTIALS_HINT = "ดาวน์โหลดกุญแจใหม่จาก Google Cloud Console (IAM > Service accounts > Keys > JSON)"
GS_UNAVAILABLE = "Google Sheets ไม่ตอบสนอง ({detail}) หลังลองส่งคำขอ {attempts} ครั้ง"
GS_UNAVAILABLE_HINT = "เป็นปัญหาชั่วคราวของ Google หรือเครือข่าย ข้อมูลในตารางไม่ถูกแตะต้อง ให้รันอีกครั้งภายหลัง"
GS_AUTH_FAILED = "ขอสิทธิ์จาก Google ด้วย service account {email} ไม่สำเร็จ ({problem})"
GS_AUTH_FAILED_HINT = ("ตรวจว่ากุญแจยังไม่ถูกลบหรือปิดใช้ใน Google Cloud Console "
                       "และนาฬิกาของเครื่องตรงกับเวลาจริง")
GS_FORBIDDEN = "service account ไม่มีสิทธิ์เข้าถึง spreadsheet {sid}"
GS_FORBIDDEN_HINT = "เปิด spreadsheet นั้นแล้วกดแชร์ (Share) ให้ {email} เป็นผู้แก้ไข (Editor)"
GS_NOT_FOUND = "ไม่พบ spreadsheet {sid}"
GS_NOT_FOUND_HINT = ("ตรวจคีย์ใน office.yaml (backend.spreadsheet หรือ groups[].spreadsheet): "
                     "คือส่วนระหว่าง /d/ และ /edit ในที่อยู่ของ spreadsheet")
GS_UNAUTHORIZED = "Google ไม่ยอมรับการเข้าสู่ระบบของ {email}"
GS_UNAUTHORIZED_HINT = "ตรวจไฟล์กุญแจ service account ว่ายังใช้ได้"
GS_REFUSED = "Google Sheets ปฏิเสธคำขอ (HTTP {status}): {message}"
GS_READING_BOOK = "{tabs} แท็บจาก spreadsheet {sid}"
GS_TAB_GONE = "แท็บถูกเปลี่ยนชื่อหรือลบระหว่างการซิงก์"

# --- command line ---------------------------------------------------------------------------------
CLI_ERROR = "ผิดพลาด: {message}"
CLI_FIX = "วิธีแก้: {hint}"
CLI_IO_ERROR = "ผิดพลาด: อ่านหรือเขียนไฟล์ไม่ได้: {problem}"
CLI_WARNING = "คำเตือน: {warning}"
# help texts: the commands' (shown by --help) and their options'
HELP_CLI = "sheetsync: ตรวจ ให้คะแนน และติดตามการรายงานมาตรฐานสำนักงานเขตพื้นที่การศึกษาจากตารางของแต่ละกลุ่ม"
HELP_CONFIG = "โฟลเดอร์การตั้งค่าของสำนักงาน (หรือกำหนด SHEETSYNC_CONFIG)"
HELP_DEBUG = "แสดง traceback เมื่อเกิดข้อผิดพลาด"
HELP_CHECK = "ตรวจไฟล์การตั้งค่า (ออกด้วยสถานะ 2 ถ้ามีข้อผิดพลาด)"
HELP_SCHEMA = "เขียน JSON Schema ของไฟล์การตั้งค่าและแถวแต่ละชนิด"
HELP_SETUP = "สร้างหรือซ่อมแท็บของทุกกลุ่ม แท็บผลงาน และแท็บสถานะภาพรวม (ไม่แตะข้อมูลที่กรอกไว้)"
HELP_SYNC = "อ่านตารางทุกกลุ่ม ตรวจ ให้คะแนน แล้วเขียนสถานะและแท็บสถานะภาพรวม"
HELP_DRY_RUN = "แสดงช่องที่จะเขียน โดยไม่เขียนจริง"
HELP_JSON = "พิมพ์ผลเป็น JSON หนึ่งออบเจ็กต์ (เมื่อไม่สำเร็จด้วย: ok เป็น false และ error บอกสาเหตุ)"
HELP_TODAY = "วันที่ที่ใช้คำนวณกำหนดส่ง เช่น 2027-04-05, 5/4/2570 หรือ '๕ เม.ย. ๒๕๗๐' (ค่าเริ่มต้น: วันนี้)"
HELP_QUIET = "ไม่แสดงความคืบหน้า (ยังบันทึกลงไฟล์ log)"
HELP_DEMO = "สร้างสำนักงานตัวอย่างพร้อมข้อมูลสมจริง (มีข้อผิดพลาดบางจุด) แล้วซิงก์ให้ดู"
HELP_DEMO_TODAY = "วันที่จำลอง เช่น 5/4/2570 (ค่าเริ่มต้น 2027-04-05)"
HELP_REPORT = ("สร้างเอกสารจากการซิงก์ครั้งล่าสุดในประวัติ (ไม่อ่านตาราง): sar รายงานการประเมินตนเอง, memo บันทึกติดตาม, "
               "order คำสั่งแต่งตั้ง, brief รายงานผู้อำนวยการ, package ชุดเอกสารส่ง สพฐ. (zip), "
               "meeting ระเบียบวาระและรายงานการประชุมคณะทำงาน, briefing หนังสือเชิญประชุมชี้แจงและใบมอบหมายงานรายกลุ่ม")
HELP_FORMAT = "รูปแบบไฟล์ (ระบุซ้ำได้; ค่าเริ่มต้น sar: html+pdf, memo และ order: pdf+docx)"
HELP_OUT = "โฟลเดอร์ที่เขียนเอกสาร (ค่าเริ่มต้น <config>/out)"
HELP_MEETING_DATE = "briefing: วันที่ประชุม เช่น 20/10/2569 หรือ 2026-10-20"
HELP_MEETING_TIME = "briefing: เวลาประชุม เช่น 09:30"
HELP_MEETING_PLACE = "briefing: สถานที่ประชุม"
HELP_HISTORY = "รายการการซิงก์ที่ผ่านมา"
HELP_DIFF = "ช่องที่ผู้ใช้แก้ไขระหว่างการซิงก์สองครั้ง (ค่าเริ่มต้น: สองครั้งล่าสุด)"
HELP_RESTORE = "นำค่าที่ผู้ใช้กรอกไว้ในการซิงก์ครั้งหนึ่งกลับมา (แสดงรายการและถามยืนยันก่อน)"
HELP_RESTORE_TAB = "แท็บที่จะกู้คืน"
HELP_RESTORE_RANGE = "ช่วงเซลล์ในรูปแบบ A1 เช่น C2:M9 (ตามตำแหน่งในครั้งที่กู้คืน)"
HELP_YES = "ไม่ต้องถามยืนยัน (สำหรับสคริปต์)"
HELP_STATUS = "ภาพรวมสำหรับผู้อำนวยการ (เหมือนแท็บสถานะภาพรวม) จากการซิงก์ครั้งล่าสุด"
HELP_DOCTOR = "ตรวจความพร้อมก่อนซิงก์ (ไม่เขียนอะไร): การตั้งค่า กุญแจ ตาราง ฟอนต์ โฟลเดอร์ state และอีเมล"
HELP_SCHEDULE = "พิมพ์บรรทัด crontab และ systemd timer สำหรับซิงก์ทุกคืน (--install เขียนไฟล์ของ systemd ให้)"
HELP_SCHEDULE_AT = "เวลาที่ซิงก์ทุกคืน ตามเวลาประเทศไทย (Asia/Bangkok)"
HELP_SCHEDULE_INSTALL = "เขียนไฟล์ .service และ .timer ของ systemd (ผู้ใช้ปัจจุบัน) แล้วบอกคำสั่งที่ต้องรันต่อ"
# sheetsync check, setup, demo
CHECK_OK = ("การตั้งค่าถูกต้อง: {office} ปีงบประมาณ {fy}, {groups} กลุ่ม, {standards} มาตรฐาน, {indicators} ตัวบ่งชี้, "
            "{milestones} กำหนดการ, backend {backend}")
SETUP_NOTHING = "{backend}: ครบถ้วนอยู่แล้ว ไม่มีอะไรต้องแก้ไข"
DEMO_NOT_EMPTY = "โฟลเดอร์ {path} มีไฟล์อื่นอยู่แล้ว จึงไม่สร้างสำนักงานตัวอย่างทับ"
DEMO_NOT_EMPTY_HINT = "ระบุโฟลเดอร์ใหม่ หรือโฟลเดอร์ว่าง เช่น sheetsync demo ./demo2"
DEMO_WHERE = "สำนักงานตัวอย่างอยู่ที่ {path}"
DEMO_WORKBOOK = "  ไฟล์ตาราง (เปิดด้วย Excel หรือ LibreOffice): {path}"
DEMO_CONFIG = "  การตั้งค่า: {path}/*.yaml"
DEMO_AGAIN = "  ซิงก์อีกครั้ง: sheetsync --config {path} sync --today {today}"
# the summary a sync prints
SUM_DRY_RUN = "ทดลองซิงก์ (ไม่ได้เขียนอะไร)"
SUM_DONE = "ซิงก์เสร็จ"
SUM_HEAD = "{head}: {office} วันที่ {date} ({backend})"
SUM_ROWS = "  {rows} (ข้อผิดพลาด {errors} รายการ)"  # rows: ROWS_COUNTED, each state's count
SUM_OVERALL = "  ภาพรวมสำนักงาน: คะแนน {score} ระดับ {level} (รายงานแล้ว {reported}/{total} ตัวบ่งชี้)"
SUM_LATE_GROUPS = "  กลุ่มที่เลยกำหนด: {groups}"
SUM_PLANNED = "  ช่องที่จะเขียน {cells} ช่อง:"
SUM_WRITTEN = "  เขียน {cells} ช่อง"
# sheetsync history, diff, restore, status
RUN_STATUS = {"ok": "สำเร็จ", "failed": "ล้มเหลว", "running": "ไม่จบ (หยุดกลางคัน)", "restore": "กู้คืนค่า"}
RUN_DRY = "ทดลอง"
RUN_LINE = "{id:>5}  {when}  วันที่ {today}  {kind:<12} {figures}"
RUN_FIGURES = "เขียน {cells} ช่อง ข้อผิดพลาด {errors} คำขอ API {requests}"
BLANK_VALUE = "(ว่าง)"
DIFF_HEAD = "การแก้ไขระหว่างครั้งที่ {a} และ {b}:"
RESTORE_CANCELLED = "ยกเลิก ไม่ได้เขียนอะไร"
STATUS_FROM_RUN = "(จากการซิงก์ครั้งที่ {run})"
# e-mail reminders: the coordinator's contact line
REM_PHONE = "โทร. {phone}"
# Google Sheets: answers that cannot be read, the token endpoint, columns moved (issue 13, point 3)
GS_MALFORMED = "Google Sheets ตอบกลับข้อมูลที่อ่านไม่ได้ ({detail}) หลังลองส่งคำขอ {attempts} ครั้ง"
GS_MALFORMED_HINT = ("คำตอบถูกตัดกลางทางหรือไม่ใช่รูปแบบของ Google Sheets มักเกิดจากเครือข่ายหรือพร็อกซีระหว่างเครื่องนี้กับ Google "
                     "ไม่ใช่ปัญหาของกุญแจหรือนาฬิกา ข้อมูลที่ทุกคนกรอกไว้ไม่ถูกแตะต้อง ให้รันอีกครั้งภายหลัง "
                     "ถ้าเป็นทุกครั้ง ให้ตรวจพร็อกซีและ SHEETSYNC_SHEETS_API_ROOT")
GS_TOKEN_UNAVAILABLE = ("บริการขอสิทธิ์ของ Google ({uri}) ไม่ตอบสนอง ({detail}) หลังลอง {attempts} ครั้ง "
                        "จึงยังไม่ได้อ่านหรือเขียนตาราง")
GS_TOKEN_UNAVAILABLE_HINT = ("เป็นปัญหาชั่วคราวของ Google หรือเครือข่าย ไม่ใช่ปัญหาของกุญแจหรือนาฬิกา "
                             "ข้อมูลในตารางไม่ถูกแตะต้อง ให้รันอีกครั้งภายหลัง")
GS_TOKEN_MALFORMED = ("บริการขอสิทธิ์ของ Google ({uri}) ตอบกลับข้อมูลที่อ่านไม่ได้ ({detail}) หลังลอง {attempts} ครั้ง "
                      "จึงยังไม่ได้อ่านหรือเขียนตาราง")
GS_TOKEN_MALFORMED_HINT = ("มักเกิดจากเครือข่ายหรือพร็อกซีระหว่างเครื่องนี้กับ Google ไม่ใช่ปัญหาของกุญแจหรือนาฬิกา "
                           "ให้รันอีกครั้งภายหลัง ถ้าเป็นทุกครั้ง ให้ตรวจพร็อกซีและ token_uri ในไฟล์กุญแจ "
                           "(ปกติคือ https://oauth2.googleapis.com/token)")
GS_TOKEN_REFUSED = "บริการขอสิทธิ์ {uri} ปฏิเสธคำขอ (HTTP {status}): {detail}"
GS_TOKEN_REFUSED_HINT = ("ตรวจ token_uri ในไฟล์กุญแจ (ปกติคือ https://oauth2.googleapis.com/token) "
                         "และพร็อกซีของเครือข่าย")
GS_REQUEST_FAILED = "ส่งคำขอถึง Google ไม่ได้ ({detail})"
GS_REQUEST_FAILED_HINT = "ตรวจ SHEETSYNC_SHEETS_API_ROOT, token_uri ในไฟล์กุญแจ และการตั้งค่าพร็อกซี"
GS_COLUMNS_MOVED = "หัวคอลัมน์ในแถวที่ 1 ของแท็บ {tab} เปลี่ยนไประหว่างการซิงก์ (มีการแทรก ลบ ย้าย หรือแก้ชื่อคอลัมน์)"

# --- issue 13: the sync lock's holder, and config files that must be refused (store/lock.py, store/config.py)
LOCK_HELD_UNKNOWN = ("มี sheetsync อีกงานหนึ่งกำลังทำงานกับสำนักงานนี้อยู่ (ยังไม่ทราบ pid: ไฟล์ {info} "
                     "ไม่ได้ระบุงานที่ยังทำงานอยู่)")
# pydantic error types that CONFIG_ERROR_TYPES does not translate yet
CFG_ERROR_TYPES_MORE = {
    "finite_number": "ต้องเป็นตัวเลขที่มีค่าจำกัด (ไม่ใช่ .inf หรือ .nan และไม่ใหญ่จนเกินขอบเขตของตัวเลข)",
}
CFG_YAML_ALIASES = ("ใช้ alias (*ชื่อ) เกิน {limit} ครั้งในไฟล์เดียว จึงไม่อ่านไฟล์นี้: "
                    "เขียนค่านั้นซ้ำตรง ๆ แทนการอ้างอิง anchor (&ชื่อ)")
CFG_YAML_ALIAS_EXPANSION = ("alias (*ชื่อ) ในไฟล์นี้ขยายเป็นค่ามากกว่า {limit} ค่า (alias ที่อ้างอิง alias ซ้อนกัน) "
                            "จึงไม่อ่านไฟล์นี้: เขียนค่าตรง ๆ แทนการอ้างอิง anchor (&ชื่อ)")
CFG_YAML_ALIAS_RECURSIVE = ("alias (*ชื่อ) อ้างอิงถึงค่าที่ตัวเองอยู่ข้างใน (วนไม่รู้จบ) จึงไม่อ่านไฟล์นี้: "
                            "เขียนค่าตรง ๆ แทนการอ้างอิง anchor (&ชื่อ)")
CFG_YAML_TOO_DEEP = "ค่าซ้อนกันลึกเกิน {limit} ชั้น จึงไม่อ่านไฟล์นี้ (การตั้งค่าปกติซ้อนกันไม่เกิน ๑๐ ชั้น)"
CFG_NUMBER_TOO_LONG = "ตัวเลข {value} ยาวเกินไป: ใช้ได้ไม่เกิน {limit} หลัก"
CFG_YAML_BAD_NUMBER = "'{value}' ไม่ใช่ตัวเลขที่อ่านได้"
CFG_TAB_RULE = "(ชื่อแท็บยาว ๑ ถึง ๓๑ ตัวอักษร ไม่มี / \\ : * ? [ ] หรืออักขระควบคุม และไม่ขึ้นต้นหรือลงท้ายด้วย ')"
CFG_TAB_BLANK = "ชื่อแท็บต้องไม่เป็นช่องว่างล้วน"
CFG_TAB_APOSTROPHE = "ชื่อแท็บขึ้นต้นหรือลงท้ายด้วย ' ไม่ได้"
CFG_BAD_FILE_NAME = ("'{value}' ใช้เป็นส่วนหนึ่งของชื่อไฟล์ไม่ได้ ({why}): ใช้ได้เฉพาะตัวอักษร ตัวเลข ช่องว่าง - _ "
                     "และ . ไม่มี / \\ : หรือ .. ไม่ขึ้นต้นด้วย . ยาวไม่เกิน {limit} ตัวอักษร (เช่น round6)")
CFG_FILE_NAME_CHARS = "มีอักขระ {chars}"
CFG_FILE_NAME_DOTS = "มี .. หรือขึ้นต้นด้วย ."
CFG_FILE_NAME_SPACES = "มีช่องว่างหน้าหรือท้าย"
CFG_FILE_NAME_LONG = "ยาว {length} ตัวอักษร"
CFG_NOT_UTF8 = ("อ่านไฟล์นี้เป็นข้อความไม่ได้: ไม่ใช่ UTF-8, UTF-16 หรือภาษาไทยแบบ Windows-874 (TIS-620) "
                "และอาจไม่ใช่ไฟล์ข้อความเลย (เช่น ไฟล์ Word หรือไฟล์ที่เสีย) ให้เปิดไฟล์ด้วยโปรแกรมแก้ไขข้อความ "
                "แล้วบันทึกเป็น UTF-8: {how}")
CFG_UNREADABLE = "อ่านไฟล์นี้ไม่ได้ ({problem})"
CFG_FILE_TOO_BIG = "ไฟล์ใหญ่เกิน {limit} ไบต์ (ไฟล์การตั้งค่าปกติมีขนาดไม่กี่สิบกิโลไบต์)"

# --- history database: what stops it being used, and how much it keeps (issue 13, points 5 and 7)
HISTORY_IS_DIR = "{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูลประวัติ จึงบันทึกประวัติการซิงก์ไม่ได้"
HISTORY_IS_DIR_HINT = ("ย้ายโฟลเดอร์นั้นออกไป เช่น mv '{path}' '{path}.dir' แล้วรันอีกครั้ง "
                       "(ถ้ามีสำเนาไฟล์ประวัติเดิม ให้นำมาวางที่ {path} แทน มิฉะนั้นการซิงก์จะเริ่มประวัติใหม่)")
HISTORY_EMPTY = ("ไฟล์ประวัติ {path} ว่างเปล่า (๐ ไบต์): ประวัติการซิงก์และเลขที่บันทึกข้อความที่ออกไปแล้วหายไป "
                 "sheetsync จึงไม่เริ่มประวัติใหม่เอง (เลขที่บันทึกข้อความจะกลับไปเริ่มที่ ๑)")
HISTORY_EMPTY_HINT = ("นำไฟล์ประวัติจากสำเนา (backup) มาวางแทนที่ {path} แล้วรันอีกครั้ง; ถ้าไม่มีสำเนาและจะเริ่มประวัติใหม่ "
                      "ให้ตั้ง documents.memo_start ใน office.yaml เป็นเลขที่ถัดไปในทะเบียนหนังสือ แล้วลบไฟล์ว่างนั้น: rm '{path}'")
HISTORY_NOT_OURS = "ไฟล์ {path} เป็นฐานข้อมูล SQLite ของโปรแกรมอื่น ไม่ใช่ประวัติของ sheetsync ({detail}) จึงไม่เปิดใช้และไม่แตะต้องไฟล์"
HISTORY_NOT_OURS_TABLES = "มีตาราง {tables} ที่ sheetsync ไม่ได้สร้าง"
HISTORY_NOT_OURS_ID = "รหัสโปรแกรม (application_id) ในไฟล์เป็น {found} รุ่น {version}"
HISTORY_NOT_OURS_HINT = ("ย้ายไฟล์นั้นไปไว้ที่อื่น เช่น mv '{path}' '{path}.other' แล้วนำไฟล์ประวัติของ sheetsync กลับมาวางแทน "
                         "(ถ้าไม่มี การซิงก์ครั้งถัดไปจะเริ่มประวัติใหม่)")
HISTORY_LOCKED_HINT = ("ปิดโปรแกรมที่เปิดไฟล์นี้ค้างไว้ (เช่น DB Browser for SQLite, sqlite3 หรือโปรแกรมสำรองข้อมูล) "
                       "ดูว่าโปรแกรมใดเปิดอยู่ด้วย fuser -v '{path}' แล้วรันอีกครั้ง")
HISTORY_READONLY = "เขียนไฟล์ประวัติ {path} ไม่ได้ (ไฟล์หรือโฟลเดอร์ของไฟล์เป็นแบบอ่านอย่างเดียว)"
HISTORY_READONLY_HINT = ("ให้ผู้ใช้ที่รันการซิงก์เขียนไฟล์และโฟลเดอร์นั้นได้ เช่น chmod u+w '{path}' '{folder}' "
                         "(หรือ chown เป็นผู้ใช้นั้น) แล้วรันอีกครั้ง")
HISTORY_FULL = "บันทึกฐานข้อมูลประวัติ {path} ไม่ได้ เพราะดิสก์เต็ม"
HISTORY_FULL_HINT = ("เพิ่มพื้นที่ว่างในดิสก์ที่เก็บ {folder} (ดูด้วย df -h '{folder}') แล้วรันอีกครั้ง "
                     "ประวัติที่บันทึกไว้ก่อนหน้านี้ยังอยู่ครบ")
HISTORY_PRUNE_FAILED = ("ล้างประวัติเก่าตามที่ตั้งไว้ (history: ใน office.yaml) ไม่สำเร็จ: {problem} "
                        "การซิงก์ครั้งนี้บันทึกไว้แล้ว และจะล้างอีกครั้งในการซิงก์ครั้งถัดไป")
SCHEMA_HISTORY = ("ประวัติการซิงก์ที่เก็บไว้ใน state/history.sqlite: ทุกครั้งในช่วง keep_all_days วันล่าสุด "
                  "ที่เก่ากว่านั้นสัปดาห์ละครั้ง (then_weekly) ไม่ลบเลขที่บันทึกข้อความ การซิงก์ล่าสุดและครั้งก่อน "
                  "และการซิงก์ครั้งสุดท้ายของแต่ละปีงบประมาณ")
SCHEMA_HISTORY_KEEP_ALL_DAYS = "เก็บทุกการซิงก์ในช่วงกี่วันล่าสุด (ค่าเริ่มต้น 90; null = เก็บทุกครั้งตลอดไป)"
SCHEMA_HISTORY_THEN_WEEKLY = "ประวัติที่เก่ากว่านั้น เก็บการซิงก์ครั้งสุดท้ายของแต่ละสัปดาห์ไว้ (ค่าเริ่มต้น true)"

# --- issue 13, point 1: the sync's own status columns, found by label and marker (core/layout.py, core/status.py, backends)
STATUS_COLUMNS_ADDED = ("แท็บ {tab}: ไม่พบคอลัมน์สถานะของ sheetsync {columns} (หัวคอลัมน์ถูกเปลี่ยนชื่อ ถูกลบ หรือยังไม่เคยมี) "
                        "จึงเพิ่มคอลัมน์ใหม่ไว้ต่อจากคอลัมน์สุดท้ายที่มีข้อมูล ไม่ได้เขียนทับคอลัมน์ใด "
                        "(เรียก sheetsync setup เพื่อจัดรูปแบบและล็อกคอลัมน์ใหม่)")
STATUS_COLUMN_AT = "'{label}' ที่คอลัมน์ {column}"
STATUS_FOREIGN_COLUMN = ("แท็บ {tab}: คอลัมน์ {column} มีหัวคอลัมน์ '{label}' เหมือนคอลัมน์สถานะ แต่ไม่ใช่คอลัมน์ของ sheetsync "
                         "จึงไม่เขียนลงไป (ถ้าไม่ได้ใช้แล้ว ลบหรือเปลี่ยนชื่อหัวคอลัมน์ได้)")
STATUS_UNMARKED = ("แท็บ {tab}: คอลัมน์สถานะยังไม่มีเครื่องหมายของ sheetsync (ตั้งค่าไว้ด้วยรุ่นก่อนหรือสร้างแท็บเอง) "
                   "จึงยังไม่เขียนสถานะในแท็บนี้ เพื่อไม่ให้เขียนทับคอลัมน์ของผู้ใช้: เรียก sheetsync setup หนึ่งครั้ง")
STATUS_MARK_FAILED = ("เขียนสถานะแล้ว แต่ทำเครื่องหมายคอลัมน์สถานะที่เพิ่มใหม่ไม่ได้ ({problem}): "
                      "ซิงก์ครั้งหน้าจะเพิ่มคอลัมน์นั้นอีกครั้ง เรียก sheetsync setup เพื่อทำเครื่องหมายให้")
WB_CHANGED_BEFORE_MARK = "{name} ถูกแก้ไขหลังจาก sheetsync เขียนสถานะ"
SETUP_COLUMNS_MARKED = "แท็บ {tab}: ทำเครื่องหมายคอลัมน์สถานะของ sheetsync ({columns})"

# --- issue 13, point 2 and the workbook cases of point 5: the workbook's save race, read-only and
# password-protected files, chart sheets, merged and formula cells, stale temporary files (backends/xlsx.py)
WB_FILE_READONLY = "ไฟล์ {name} เป็นแบบอ่านอย่างเดียว (ไม่มีสิทธิ์เขียนตัวไฟล์) จึงไม่ได้เขียนอะไรลงไป"
WB_FILE_READONLY_HINT = ("ถ้าตั้งใจให้ sheetsync เขียนสถานะ ให้สิทธิ์เขียนไฟล์แก่ผู้ใช้ที่รันการซิงก์ "
                         "(เช่น chmod u+w '{path}' หรือเอาเครื่องหมาย 'อ่านอย่างเดียว' ออกใน Properties ของไฟล์) "
                         "แล้วรันอีกครั้ง")
WB_ENCRYPTED = ("ไฟล์ {name} ตั้งรหัสผ่านไว้ (เข้ารหัสทั้งไฟล์) sheetsync จึงอ่านไม่ได้ "
                "ไฟล์ไม่ได้เสีย ไม่ต้องกู้คืนจากไฟล์สำรอง")
WB_ENCRYPTED_HINT = ("เปิดไฟล์ด้วยรหัสผ่านใน Excel แล้วเอารหัสผ่านออก (ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > "
                     "เข้ารหัสด้วยรหัสผ่าน ลบรหัสผ่านให้ว่าง) หรือใน LibreOffice (ไฟล์ > บันทึกเป็น "
                     "เอาเครื่องหมาย 'บันทึกด้วยรหัสผ่าน' ออก) บันทึกทับชื่อเดิม แล้วรันอีกครั้ง "
                     "(การป้องกันแผ่นงานแบบไม่มีรหัสผ่านที่ sheetsync setup ตั้งไว้ยังใช้ได้ตามเดิม)")
WB_OLD_XLS = "ไฟล์ {name} เป็นไฟล์ Excel รุ่นเก่า (.xls 97-2003) ที่ตั้งชื่อเป็น .xlsx แต่ sheetsync อ่านได้เฉพาะ .xlsx"
WB_OLD_XLS_HINT = "เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกเป็น 'Excel Workbook (.xlsx)' ทับชื่อเดิม แล้วรันอีกครั้ง"
WB_NOT_A_SHEET = ("แท็บ '{tab}' เป็นแผ่นแผนภูมิหรือแผ่นชนิดอื่น ({kind}) ไม่ใช่ตาราง "
                  "จึงอ่านแถวและเขียนสถานะไม่ได้ (ไม่ได้เขียนอะไรลงไฟล์)")
WB_NOT_A_SHEET_HINT = ("เปลี่ยนชื่อแผ่นนั้นเป็นชื่ออื่น (เช่น '{tab} กราฟ') แล้วรัน sheetsync setup "
                       "เพื่อสร้างแท็บตาราง '{tab}' หรือถ้าข้อมูลของกลุ่มอยู่ในแท็บอื่น ให้แก้ชื่อแท็บใน office.yaml")
WB_SAVED_MEANWHILE = ("ไฟล์ {name} ถูกบันทึกโดยโปรแกรมอื่นหลังจาก sheetsync อ่านไฟล์ "
                      "จึงไม่ได้เขียนอะไรทับ (สิ่งที่โปรแกรมนั้นบันทึกไว้ยังอยู่ครบ)")
WB_SAVED_MEANWHILE_HINT = ("รันอีกครั้ง: จะอ่านไฟล์ใหม่ทั้งหมดก่อนเขียน ถ้าเกิดทุกครั้ง ให้ดูว่าโปรแกรมใด "
                           "(เช่น โปรแกรมซิงก์ไฟล์หรือสำรองข้อมูล) เขียนไฟล์นี้อยู่ตลอด")
WB_SAVED_MEANWHILE_EVENT = ("ไฟล์ {name} ถูกบันทึกโดยโปรแกรมอื่นระหว่างการซิงก์ จึงไม่ได้บันทึกทับ "
                            "(สิ่งที่โปรแกรมนั้นบันทึกไว้ยังอยู่ครบ) แล้วอ่านไฟล์ใหม่และวางแผนเขียนสถานะอีกครั้ง")
WB_STALE_TEMP_REMOVED = ("ลบไฟล์ชั่วคราว {name} ที่ค้างจากการบันทึกที่ถูกขัดจังหวะ (เช่น เครื่องดับหรือถูกหยุดกลางคัน) "
                         "ไฟล์งานไม่ได้รับผลกระทบ")
WB_KEPT_MERGED = ("ไม่ได้เขียนช่อง {cell} ในแท็บ {tab}: ช่องนี้อยู่ในช่องที่ผสานไว้ ({range}) จึงมองไม่เห็น "
                  "ให้ยกเลิกการผสานช่อง (หน้าแรก > ผสานและจัดกึ่งกลาง) แล้วซิงก์อีกครั้ง")
WB_KEPT_FORMULA = ("ไม่ได้เขียนช่อง {cell} ในแท็บ {tab}: ช่องนี้มีสูตร {formula} ซึ่ง sheetsync ไม่เขียนทับด้วยค่าคงที่ "
                   "ถ้าช่องนี้เป็นช่องสถานะของ sheetsync ให้ลบสูตรออก แล้วซิงก์อีกครั้ง")
WB_KEPT_SHARED_FORMULA = ("ไม่ได้เขียนช่อง {cell} ในแท็บ {tab}: ช่องนี้มีสูตร (คัดลอกต่อมาจากช่องอื่น) "
                          "ซึ่ง sheetsync ไม่เขียนทับด้วยค่าคงที่ ถ้าช่องนี้เป็นช่องสถานะของ sheetsync ให้ลบสูตรออก "
                          "แล้วซิงก์อีกครั้ง")
RESTORE_KEPT_FORMULA = ("ไม่ได้กู้คืน {tab}!{cell}: ตอนนี้ช่องนี้มีสูตร {formula} ซึ่งจะไม่ถูกแทนด้วยค่าคงที่ {value} "
                        "ถ้าต้องการค่าเดิม ให้แก้สูตรหรือพิมพ์ค่านั้นเองในช่อง")

# --- issue 13: long cells in documents, clear-text SMTP login, secret files (documents/safe.py, app/reminders.py, app/doctor.py)
DOC_CUT = "…(ตัดเหลือ {shown} จาก {length} ตัวอักษร)"
SCHEMA_ALLOW_PLAIN_AUTH = ("ยอมส่งชื่อผู้ใช้และรหัสผ่านผ่านการเชื่อมต่อที่ไม่เข้ารหัส (security: none) "
                           "ค่าเริ่มต้น false: ใช้เฉพาะกับเครื่องส่งอีเมลในเครือข่ายภายในที่เชื่อถือได้")
REM_PLAIN_AUTH = ("ไม่ได้เข้าสู่ระบบเครื่องส่งอีเมล {host}:{port} เพราะการเชื่อมต่อไม่เข้ารหัส (security: none) "
                  "รหัสผ่านจะถูกส่งเป็นข้อความที่ใครก็อ่านได้ระหว่างทาง")
REM_PLAIN_AUTH_FIX = ("ใช้ reminders.security: starttls (พอร์ต 587) หรือ ssl (พอร์ต 465) ใน office.yaml; "
                      "ถ้าเครื่องส่งอีเมลอยู่ในเครือข่ายภายในที่เชื่อถือได้และเข้ารหัสไม่ได้ ให้ตั้ง "
                      "reminders.allow_plain_auth: true")
REM_LOGIN_NOT_ASCII = "ชื่อผู้ใช้หรือรหัสผ่านมีอักขระที่ไม่ใช่ภาษาอังกฤษ ตัวเลข หรือเครื่องหมาย (ASCII) ซึ่งส่งเข้าสู่ระบบ SMTP ไม่ได้"
DR_SECRET_FILES = "สิทธิ์ของไฟล์ลับ"
DR_SECRET_FILES_OK = "{files} อ่านได้เฉพาะเจ้าของ"
DR_SECRET_FILES_OPEN = "ผู้ใช้อื่นในเครื่องอ่านหรือแก้ได้: {files}"
DR_SECRET_FILES_FIX = "chmod 600 {paths} (ให้อ่านและแก้ได้เฉพาะผู้ใช้ที่รัน sheetsync)"
RESTORE_KEPT_MERGED = ("ไม่ได้กู้คืน {tab}!{cell}: ตอนนี้ช่องนี้อยู่ในช่องที่ผสานไว้ ({range}) จึงมองไม่เห็น "
                       "ให้ยกเลิกการผสานช่องก่อน แล้วกู้คืนอีกครั้ง")
# The message of a history file another program keeps locked, for the sync and for the commands that
# only read it.
HISTORY_BUSY = ("ฐานข้อมูลประวัติ {path} ถูกโปรแกรมอื่นล็อกไว้ รอแล้ว {seconds} วินาทียังไม่ปล่อย "
                "จึงบันทึกหรืออ่านประวัติไม่ได้")
DR_LOCK_HELD_UNKNOWN = "มีการซิงก์หรืองานอื่นของ sheetsync ถือล็อกอยู่ แต่ยังไม่ได้บันทึกว่าเป็นกระบวนการใด"

# --- reporting rounds, working days (issue 14) ------------------------------------------------------
ROUND_WORD = "รอบ"
SATURDAY = "วันเสาร์"
SUNDAY = "วันอาทิตย์"
SCHEMA_REMIND_DAYS = "เริ่มเตือนก่อนวันครบกำหนดกี่วันทำการ"
SCHEMA_GRACE_DAYS = "ผ่อนผันหลังวันครบกำหนดกี่วันทำการ ก่อนปิดรอบเองในการซิงก์ครั้งถัดไป (รอบรายงานผลเท่านั้น)"
SCHEMA_FOLLOWUP_DAYS = "งานที่เลยกำหนดได้กำหนดส่งใหม่ภายในกี่วันทำการนับจากวันที่ติดตาม"
SCHEMA_PUBLIC_HOLIDAYS = "นับวันหยุดราชการของไทยตามปฏิทินของแพ็กเกจ holidays (true) หรือไม่ (false)"
SCHEMA_DAYS_OFF = "วันหยุดของสำนักงานเอง (date, name) นอกเหนือจากวันเสาร์ อาทิตย์ และวันหยุดราชการ"
SCHEMA_WORKING_DAYS = "วันที่สำนักงานเปิดทำการ แม้ปฏิทินจะเป็นวันหยุด"
NOT_REPORTED_FOR = "ยังไม่ได้รายงานผล{round} (กรอกผลการดำเนินงาน หลักฐาน และวันที่รายงาน)"
EDITED_KEEP_DATE = "แก้ไขหลัง{closed}ปิดแล้ว แต่วันที่รายงานยังเป็นของ{closed}: กรุณาใส่วันที่รายงานใหม่ เพื่อนับเป็นผล{round}"
ROUND_BY_SYNC = "ระบบ (ปิดเองเมื่อพ้นวันครบกำหนดและวันผ่อนผัน)"
ROUND_UNKNOWN = "ไม่มีรอบรายงานรหัส '{code}' ใน calendar.yaml"
ROUND_UNKNOWN_HINT = "รอบที่มี: {codes} (ดูด้วย sheetsync round list)"
ROUND_CLOSED_NOTE = "ปิด{round}แล้วเมื่อ {day}: รายงาน {reported} จาก {total} แถว บันทึกผลของรอบไว้ในประวัติ ค่าที่แก้ไขหลังจากนี้นับเป็นผลรอบถัดไป"
PROGRESS_CLOSED = "ปิดรอบแล้ว"
PROGRESS_CLOSED_ON = PROGRESS_CLOSED + " ({round} ปิดเมื่อ {day})"
PROGRESS_NEW_DUE = " ส่งภายในวันที่ {day}"
PROGRESS_AFTER_CLOSE = "[{closed}ปิดแล้วเมื่อ {day}]"
PROGRESS_EDITED_AFTER_CLOSE = "[{closed}ปิดแล้วเมื่อ {day}: ค่าที่แก้หลังปิดรอบนับเป็นผล{round} ไม่เปลี่ยนผล{closed}]"
PROGRESS_EDITED_OLD_DATE = "[{closed}ปิดแล้วเมื่อ {day}: แก้ค่าแล้วแต่วันที่รายงานยังเป็นของ{closed} กรุณาใส่วันที่รายงานใหม่เพื่อนับเป็นผล{round}]"
DEADLINE_EXTENDED = "(กำหนดส่งใหม่ เดิมครบกำหนด {due})"
DEADLINE_MOVED = "(เลื่อนจากวันที่ {day} ซึ่งตรงกับ{reason})"
ST_ROUNDS = "รอบการรายงานผล"
ST_OPENS = "เปิดรับรายงาน"
ST_ROUND_STATE = "สถานะของรอบ"
ST_REPORTED = "รายงานแล้ว"
ST_REPORTED_PCT_ROUND = "รายงาน{round}แล้ว (ร้อยละ)"
ST_GROUPS_ROUND = "ความก้าวหน้ารายกลุ่ม ({round})"
ROUND_STATE_CLOSED = "ปิดรอบแล้วเมื่อ {day}"
ROUND_STATE_REOPENED = "เปิดรอบอีกครั้ง (รอผู้ประสานงานปิดรอบ)"
ROUND_STATE_NOT_OPEN = "ยังไม่เปิด"
ROUND_STATE_OPEN = "เปิดรับรายงาน"
ROUND_WHO = "{name} (ผู้ใช้ {login})"
ROUND_ALREADY_CLOSED = "{round}ปิดแล้วเมื่อ {day}"
ROUND_ALREADY_CLOSED_HINT = "ถ้าต้องแก้ผลของรอบนี้ ให้เปิดรอบอีกครั้งด้วย sheetsync round reopen {code} แล้วจึงปิดใหม่"
ROUND_NOT_CLOSED = "{round}ยังไม่ได้ปิด จึงไม่ต้องเปิดอีกครั้ง"
ROUND_NOT_CLOSED_HINT = "ดูสถานะของทุกรอบด้วย sheetsync round list ({code})"
ROUND_UNTIL_PAST = "วันที่ --until ({until}) ผ่านไปแล้ว"
ROUND_UNTIL_HINT = "ใส่วันที่ตั้งแต่วันนี้เป็นต้นไป รูปแบบ YYYY-MM-DD หรือไม่ใส่ --until เพื่อเปิดไว้จนกว่าจะสั่ง sheetsync round close"
ROUND_REOPENED = "เปิด{round}อีกครั้งแล้ว การซิงก์ครั้งถัดไปจะตรวจรอบนี้ใหม่ และรอบจะเปิดอยู่จนกว่าจะสั่ง sheetsync round close {code}"
ROUND_REOPENED_UNTIL = "เปิด{round}อีกครั้งแล้ว การซิงก์หลังวันที่ {until} จะปิดรอบนี้เองพร้อมบันทึกผลใหม่"
ROUND_NONE = "calendar.yaml ไม่มีรอบรายงานผล (milestone ที่ requires: results)"
ROUND_LIST_STATES = {"not_open": "ยังไม่เปิด", "open": "เปิดรับรายงาน", "closed": "ปิดแล้ว", "reopened": "เปิดอีกครั้ง"}
ROUND_LIST_CLOSED = "ปิดแล้วเมื่อ {day} โดย {by}"
ROUND_LIST_REOPENED = "เปิดอีกครั้งโดย {by} ถึง {until}"
ROUND_LIST_UNTIL_CLOSED = "สั่งปิด"
ROUND_LIST_COVERAGE = "รายงานแล้ว {reported}/{total}"
ROUND_LIST_NO_COVERAGE = "ยังไม่มีข้อมูลการรายงาน"
ROUND_LIST_LINE = "{code}: {name}\n    เปิด {opens}  ครบกำหนด {due}  ปิดเองหลัง {grace}\n    {state}  {coverage}"
ROUND_CLOSE_CONFIRM = "ปิดรอบ {code} และบันทึกผลของทุกแถวตามที่เป็นอยู่ตอนนี้ใช่หรือไม่"
ROUND_NOTHING_DONE = "ยังไม่ได้ปิดรอบ"
HELP_LINE = "LINE Official Account ของสำนักงาน: จับคู่กลุ่มไลน์ของแต่ละกลุ่มงาน"
HELP_LINE_PAIR = ("รับเหตุการณ์จาก LINE ชั่วคราว แล้วแสดงรหัสกลุ่มไลน์ (line_group) ทุกกลุ่มที่บอทอยู่ "
                  "เพื่อใส่ใน office.yaml (ไม่เขียนไฟล์ใด)")
HELP_LINE_HOST = "ที่อยู่ที่รอรับ (0.0.0.0 = ทุกการ์ดเครือข่าย)"
HELP_LINE_PORT = "พอร์ตที่รอรับ (ตรงกับ Webhook URL ของช่องทาง)"
HELP_LINE_TIMEOUT = "รอนานสุดกี่วินาที"
HELP_LINE_ONCE = "หยุดเมื่อพบกลุ่มไลน์กลุ่มแรก"
HELP_ROUND = "รอบการรายงานผล (รอบ ๖ และ ๑๒ เดือน): ดูสถานะ ปิดรอบ และเปิดรอบอีกครั้ง"
HELP_ROUND_LIST = "แสดงทุกรอบ: วันเปิด วันครบกำหนด ปิดแล้วหรือยัง และจำนวนที่รายงานแล้ว"
HELP_ROUND_CLOSE = ("ปิดรอบทันที: อ่านตารางตอนนี้ บันทึกผลของทุกแถวเป็นผลของรอบ และเขียนสถานะว่ารอบปิดแล้ว")
HELP_ROUND_REOPEN = ("เปิดรอบที่ปิดแล้วอีกครั้ง (บันทึกผู้สั่งและเวลา) เช่น เมื่อกลุ่มขอแก้ผลของรอบ")
HELP_ROUND_UNTIL = "ปิดรอบเองในการซิงก์หลังวันที่นี้ เช่น 30/4/2570 หรือ 2027-04-30"
HELP_ROUND_BY = "ชื่อผู้สั่ง (ค่าเริ่มต้น: ผู้ประสานงานใน office.yaml)"

# --- a new fiscal year: `sheetsync new-year` (issue 14, point 6) ------------------------------------
# A target new-year carried forward from last year starts with this until the group has reviewed it
# (core.rows.is_draft_target): such a row does not count as having its targets set.
TARGET_DRAFT_PREFIX = "ร่าง: "
TARGET_DRAFT_CARRIED = TARGET_DRAFT_PREFIX + "(ยกมาจากปี {fy})"  # a target value carried without a target text
STATE_TARGET_DRAFT = "เป้าหมายยังเป็นร่างจากปีก่อน: กรุณาทบทวนแล้วลบคำว่า “ร่าง:” ออก"
# The reference columns new-year puts beside the targets of the new year's tabs (core.columns.REFERENCE_COLUMNS).
REFERENCE_HEADERS = {"last_target": "เป้าหมายปีก่อน", "last_result": "ผลปีก่อน"}
NY_REF_VALUE = "{label} {value}"
NY_REF_TARGET = "{text} ({value})"
NY_REF_CRITERIA = "ผ่านประเด็นที่ {items}"
NY_REF_LEVEL = "{result} (ระดับ {level})"
NY_REF_LEVEL_ONLY = "ระดับ {level}"
NY_REF_NOT_SCORED = "{result} (ไม่ได้นับคะแนน)"
NY_REF_REPORTED_NOT_SCORED = "รายงานแล้วแต่ไม่ได้นับคะแนน"
NY_REF_NOT_REPORTED = "ไม่ได้รายงานผล"
HELP_NEW_YEAR = ("เริ่มปีงบประมาณถัดไปจากปีนี้: เก็บการตั้งค่าเดิมไว้ใน archive/<ปี> เลื่อนปฏิทินไปหนึ่งปี "
                 "และสร้างตารางของปีใหม่ ยกเป้าหมายปีก่อนมาเป็นร่าง พร้อมผลปีก่อนไว้อ้างอิง (ถามยืนยันก่อน)")
HELP_NEW_YEAR_SPREADSHEET = ("Google Sheets: รหัสของสเปรดชีตใหม่ที่ว่างอยู่สำหรับปีใหม่ "
                             "(แชร์ให้บัญชีบริการเป็นผู้แก้ไขแล้ว)")
NY_ALREADY = "เริ่มปีงบประมาณใหม่จากปี {fy} ไปแล้ว: การตั้งค่าของปี {fy} เก็บไว้ที่ {archive}"
NY_ALREADY_HINT = ("ไม่เขียนทับสิ่งที่เก็บไว้แล้ว หากการตั้งค่าที่ใช้อยู่ยังเป็นของปี {fy} จริง "
                   "ให้ย้ายโฟลเดอร์ {archive} ออกไปก่อน แล้วรัน sheetsync new-year อีกครั้ง")
NY_NO_HISTORY = "ประวัติยังไม่มีการซิงก์ของปีงบประมาณ {fy} จึงยกเป้าหมายและผลของปีนี้ไปปีใหม่ไม่ได้"
NY_NO_HISTORY_HINT = "ซิงก์ก่อนหนึ่งครั้ง (sheetsync sync) แล้วรัน sheetsync new-year อีกครั้ง"
NY_SPREADSHEET_NEEDED = "สำนักงานนี้ใช้ Google Sheets: ปีใหม่ต้องมีสเปรดชีตใหม่ ระบุด้วย --spreadsheet KEY"
NY_SPREADSHEET_NEEDED_HINT = ("สร้างสเปรดชีตเปล่า แชร์ให้อีเมลของบัญชีบริการ (client_email ในไฟล์คีย์) "
                              "เป็นผู้แก้ไข แล้วระบุรหัส (ส่วนระหว่าง /d/ กับ /edit ในที่อยู่ของสเปรดชีต)")
NY_SPREADSHEET_SAME = "สเปรดชีต {key} เป็นของปีงบประมาณ {fy}: ปีใหม่ต้องใช้สเปรดชีตใหม่ที่ว่างอยู่"
NY_SPREADSHEET_XLSX = ("--spreadsheet ใช้กับสำนักงานที่ใช้ Google Sheets เท่านั้น สำนักงานนี้ใช้ไฟล์ตาราง: "
                       "ปีใหม่จะสร้างไฟล์ {path}")
NY_CONFIG_FAILED = "การตั้งค่าของปีใหม่ที่เตรียมไว้ใช้ไม่ได้ ({problem}) จึงไม่ได้เปลี่ยนอะไร"
NY_CONFIG_PUT_BACK = "การตั้งค่าของปีใหม่ตรวจไม่ผ่าน จึงนำการตั้งค่าของปี {fy} กลับคืนแล้ว"
NY_CONFIRM = ("เริ่มปีงบประมาณ {new} จากปี {old} หรือไม่? (เก็บการตั้งค่าเดิมไว้ที่ {archive} "
              "แก้ office.yaml และ calendar.yaml และสร้างตารางของปีใหม่ที่ {where})")
NY_CANCELLED = "ยกเลิกแล้ว ไม่ได้เปลี่ยนอะไร"
NY_HEAD = "เริ่มปีงบประมาณ {new} จากปี {old} แล้ว: {office}"
NY_ARCHIVED = "เก็บการตั้งค่าของปี {fy} ไว้ที่ {path}: {files}"
NY_OFFICE = "office.yaml: ปีงบประมาณ {fy}, {where}"
NY_WHERE_XLSX = "ไฟล์ตาราง {path}"
NY_WHERE_GSHEETS = "สเปรดชีต {key}"
NY_CALENDAR = "calendar.yaml: เลื่อนวันที่ของทุกกำหนดการไปหนึ่งปี"
NY_MILESTONE = "{name}: {opens} ถึง {due}"
NY_NEW_SHEETS = "ตารางของปี {fy}: {where}"
NY_OLD_BOOK = "ไฟล์ตารางของปี {fy} ({path}) ไม่ได้แก้ไข เก็บไว้เป็นหลักฐานของปีนั้น"
NY_OLD_SHEET = "สเปรดชีตของปี {fy} ({key}) ไม่ได้แก้ไข เก็บไว้เป็นหลักฐานของปีนั้น"
NY_CARRIED = ("ยกเป้าหมายของปี {fy} มาเป็นร่าง {rows} แถว (ตามที่ประวัติบันทึกไว้ ณ วันที่ {day}) "
              "เป้าหมายและผลของปีก่อนอยู่ในคอลัมน์ “{target}” และ “{result}” ข้างเป้าหมาย")
NY_TODO = "สิ่งที่ต้องทำต่อ:"
NY_TODO_DRAFTS = "ให้แต่ละกลุ่มทบทวนเป้าหมายที่เป็นร่าง แล้วลบคำว่า “ร่าง:” ออก จึงจะนับว่ากำหนดเป้าหมายแล้ว"
NY_TODO_DAYS_OFF = ("วันหยุดของสำนักงาน (days_off) และวันทำการพิเศษ (working_days) เป็นของแต่ละปี: ลบของปี {old} "
                    "ออกจาก calendar.yaml แล้ว ({days_off} และ {working_days} วัน) ให้เพิ่มของปี {new} "
                    "(วันหยุดราชการมาจากปฏิทินของแพ็กเกจ holidays อยู่แล้ว)")
NY_TODO_ORDER = ("คำสั่งแต่งตั้งคณะทำงานใน committee.yaml (เลขที่ {number} ลงวันที่ {date}) เป็นของปี {old}: "
                 "เมื่อออกคำสั่งใหม่ ให้แก้ order_number และ order_date แล้วพิมพ์ด้วย sheetsync report order")
NY_TODO_GROUP_BOOKS = ("กลุ่ม {groups} มีสเปรดชีตของตนเองในปี {old}: ปีใหม่แท็บของกลุ่มอยู่ในสเปรดชีตหลัก "
                       "หากต้องการแยก ให้ใส่ spreadsheet ใหม่ของกลุ่มใน office.yaml แล้วรัน sheetsync setup")
NY_TODO_OPEN_ROUNDS = ("{rounds} ของปี {old} ยังไม่ได้ปิด จึงไม่มีผลของรอบนั้นบันทึกแยกไว้ในประวัติ "
                       "(การซิงก์ของปีใหม่ไม่ปิดรอบของปีก่อน)")
NY_TODO_CHECK = "ตรวจสอบด้วย sheetsync check และ sheetsync doctor แล้วแจ้งกลุ่มให้กรอกในตารางของปีใหม่"
NY_JUST_STARTED = ("ปีงบประมาณ {fy} เพิ่งเริ่มจากปี {previous} ด้วย sheetsync new-year (การตั้งค่าของปี {previous} "
                   "เก็บไว้ที่ {archive}) และยังไม่มีการซิงก์ของปี {fy}: ไม่เริ่มปีใหม่ซ้ำ")
NY_JUST_STARTED_HINT = "ปีใหม่เริ่มไว้แล้ว ใช้ sheetsync sync ตามปกติ และรัน new-year อีกครั้งเมื่อจะเริ่มปี {next}"
NY_TABS = "แท็บ: {tabs}"
NY_TODO_DAYS_OFF_NONE = ("calendar.yaml ไม่มีวันหยุดของสำนักงาน (days_off) และวันทำการพิเศษ (working_days): "
                         "เพิ่มของปี {new} หากมี (วันหยุดราชการมาจากปฏิทินของแพ็กเกจ holidays อยู่แล้ว)")
ROUND_WOULD_CLOSE = "การซิงก์จริงวันที่ {day} จะปิด{round}: รายงาน {reported} จาก {total} แถว (ทดลองซิงก์: ยังไม่ได้บันทึกผลของรอบ)"
PROGRESS_EDITED_AFTER_LAST = "[{closed}ปิดแล้วเมื่อ {day}: ค่าที่แก้หลังปิดรอบไม่เปลี่ยนผล{closed}]"
PROGRESS_NEXT_OPENS = "{round}เปิด {opens}"
ROUND_LIST_LATE = "(ไม่ได้รายงาน {missing} ส่งหลังกำหนด {late})"

# --- the example standards and what they assume (issue 19, point 1): check and doctor warn ------------
SCHEMA_STD_EXAMPLE = ("true = ไฟล์นี้ยังเป็นมาตรฐานตัวอย่างที่มากับ sheetsync: check และ doctor เตือนจนกว่าจะตรวจกับ"
                      "เกณฑ์การประเมินของ สพฐ. ปีนี้แล้วลบบรรทัดนี้ (หรือใส่ false)")
SCHEMA_STD_SOURCE = "ที่มาของมาตรฐานและเกณฑ์ในไฟล์นี้ สำหรับผู้ประสานงาน (ไม่พิมพ์ในเอกสารหรือตาราง)"
SCHEMA_STD_ASSUMPTIONS = ("สิ่งที่ยังต้องยืนยันกับเกณฑ์ของ สพฐ. ทั้งไฟล์ เช่น น้ำหนักของมาตรฐาน สำหรับผู้ประสานงาน "
                          "(ไม่พิมพ์ในเอกสารหรือตาราง) check และ doctor เตือนจนกว่าจะลบออก")
SCHEMA_IND_ASSUMPTIONS = ("สิ่งที่ยังต้องยืนยันของตัวบ่งชี้นี้ เช่น ชื่อตัวบ่งชี้หรือข้อความของประเด็น สำหรับผู้ประสานงาน "
                          "(ไม่พิมพ์ในเอกสารหรือตาราง) check และ doctor เตือนจนกว่าจะลบออก")
CFG_STD_EXAMPLE = ("standards.yaml ยังเป็นมาตรฐานตัวอย่างที่มากับ sheetsync (example: true) ให้ตรวจกับเกณฑ์การประเมิน"
                   "ของ สพฐ. ปีงบประมาณ {fy} ก่อนใช้จริง แล้วลบ example: true ออก")
CFG_STD_ASSUMED = "standards.yaml มี {count} เรื่องที่ยังต้องยืนยันกับเกณฑ์ของ สพฐ.:"
CFG_STD_ASSUMED_FILE = "ทั้งไฟล์: {note}"
CFG_STD_ASSUMED_INDICATOR = "ตัวบ่งชี้ {code}: {note}"
CFG_STD_ASSUMED_FIX = ("เมื่อยืนยันแล้ว ให้แก้ค่าใน standards.yaml ให้ตรงเกณฑ์ แล้วลบรายการนั้นออกจาก assumptions "
                       "(ข้อความใน assumptions ไม่พิมพ์ในเอกสาร)")
DR_STANDARDS = "มาตรฐานและเกณฑ์ (standards.yaml)"
DR_STANDARDS_OK = "ไม่มีเรื่องที่ต้องยืนยัน"

# --- the committee's kind: the role names printed in the order and the minutes (issue 19, point 6) ------
COMMITTEE_KIND_BOARD = "คณะกรรมการ"
COMMITTEE_KIND_WORKING = "คณะทำงาน"
# A working group's members are คณะทำงาน, not กรรมการ; ประธาน and รองประธาน stay as they are.
ROLE_NAMES_WORKING = {ROLE_MEMBER: "คณะทำงาน", ROLE_SECRETARY: "คณะทำงานและเลขานุการ",
                      ROLE_ASSISTANT_SECRETARY: "คณะทำงานและผู้ช่วยเลขานุการ"}
SCHEMA_COMMITTEE_KIND = ("คณะกรรมการ หรือ คณะทำงาน: ชื่อตำแหน่งที่พิมพ์ในคำสั่งและรายงานการประชุม (คณะทำงาน: "
                         "กรรมการ -> คณะทำงาน, กรรมการและเลขานุการ -> คณะทำงานและเลขานุการ, ผู้ช่วยเลขานุการ -> "
                         "คณะทำงานและผู้ช่วยเลขานุการ); ว่าง = คณะทำงานเมื่อ title ขึ้นต้นด้วย 'คณะทำงาน'")
SCHEMA_SHARE_PATH = ("ที่อยู่ไฟล์ตารางที่ทุกกลุ่มเปิดได้ เช่น \\\\server\\share\\office.xlsx หรือ URL "
                     "(พิมพ์ในใบมอบหมายงาน); ว่าง = ใบมอบหมายงานบอกให้สอบถามจากผู้ประสานงาน")
CFG_COMMITTEE_KIND = "kind ต้องเป็น 'คณะกรรมการ' หรือ 'คณะทำงาน' (พบ '{value}')"
COMMITTEE_KINDS = (COMMITTEE_KIND_BOARD, COMMITTEE_KIND_WORKING)

# --- issue 15, point 6 (first half): renamed headers and tabs, advice that belongs to the coordinator
# (core/headers.py, core/layout.py, app/tabs.py, backends/tabs.py)
SCHEMA_TAB_ALIASES = ("ชื่ออื่นหรือชื่อเดิมของแท็บของกลุ่ม: เมื่อไม่พบแท็บตาม tab การซิงก์และ setup อ่านแท็บชื่อนี้แทน "
                      "(ชื่อที่เป็นแท็บของกลุ่มอื่น แท็บผลงาน หรือแท็บสถานะ จะไม่ถูกใช้)")

# --- issue 15, point 6: the คะแนน column on one scale, numbers typed with a unit (core/status.py, core/rows.py)
# The score cell holds the level (1-5); the level cell says what it was reached by, in words.
LEVEL_WITH_BASIS = "{level} ({basis})"
BASIS_CRITERIA = "ผ่าน {met} จาก {count} ประเด็น"
BASIS_PERCENT = "ร้อยละ {percent} ของเป้าหมาย"
BASIS_BEYOND_TARGET = "ดีกว่าเป้าหมาย"
BASIS_SELF_RATED = "ประเมินตนเอง"

# --- issue 15, point 5: every count true, every run's log says why it ended, one timezone
# (app/sync.py, app/progress.py, store/lock.py, store/history.py)
MOMENT = "{date} {time} น."  # a moment in a sentence: ๕ เม.ย. ๒๕๗๐ ๐๑:๓๐ น. (core.thai.format_moment)
ROWS_COUNTED = "แถว {rows}: {states}"
ROW_STATE_COUNT = "{state} {count}"
ROW_STATE_DRAFT = "เป้าหมายร่าง"  # rows whose status is STATE_TARGET_DRAFT, in a count
RUN_STARTED = "เริ่มซิงก์ {folder} (pid {pid})"
RUN_STARTED_DRY = "เริ่มซิงก์แบบทดลอง (--dry-run: ไม่เขียนอะไร) {folder} (pid {pid})"
RUN_TODAY = "ตัดสินกำหนดส่งตามวันที่ {day} (--today)"
RUN_FAILED = "ไม่สำเร็จ: {message}"
RUN_REFUSED = "ไม่ได้ซิงก์: {message}"
RUN_IO_FAILED = "ไม่สำเร็จ: อ่านหรือเขียนไฟล์ไม่ได้: {problem}"
RUN_CRASHED = "ไม่สำเร็จ: ข้อผิดพลาดภายในของ sheetsync ({problem}) กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์บันทึกนี้"
RUN_INTERRUPTED = "ถูกยกเลิก: {how} ก่อนซิงก์เสร็จ"
RUN_INTERRUPTED_CTRL_C = "มีผู้กด Ctrl-C"
RUN_INTERRUPTED_SIGTERM = "ได้รับคำสั่งให้หยุด (SIGTERM)"
RUN_INTERRUPTED_HINT = "รัน sheetsync sync อีกครั้งเมื่อพร้อม การซิงก์ครั้งใหม่จะอ่านตารางและเขียนสถานะใหม่ทั้งหมด"
SETUP_HEADER_RENAMED = ("แท็บ {tab}: ไม่พบหัวคอลัมน์ '{label}' แต่พบ '{value}' ใน {cell} ซึ่งน่าจะเป็นคอลัมน์เดียวกันที่เปลี่ยนชื่อไป "
                        "จึงไม่ได้เพิ่มคอลัมน์ '{label}' ใหม่ และไม่ได้แก้หัวคอลัมน์ที่กลุ่มพิมพ์ไว้ "
                        "ถ้าเป็นคอลัมน์เดียวกัน ให้แก้หัวคอลัมน์ {cell} กลับเป็น '{label}' (หรือขอให้กลุ่มแก้) "
                        "ถ้าไม่ใช่ ให้พิมพ์ '{label}' ในช่องว่างของแถวที่ ๑ การซิงก์จะหาคอลัมน์จากหัวคอลัมน์เอง")
TAB_FOUND = ("ไม่พบแท็บ '{tab}' ของ{group} จึงอ่านและเขียนสถานะในแท็บ '{found}' แทน ({how}) "
             "ถ้าใช่แท็บของกลุ่มนี้ ให้แก้ tab: ของกลุ่ม {code} ใน office.yaml เป็น '{found}' ให้เป็นชื่อถาวร "
             "ถ้าไม่ใช่ ให้เปลี่ยนชื่อแท็บของกลุ่มกลับเป็น '{tab}'")
TAB_FOUND_BY_ALIAS = "เป็นชื่อหนึ่งใน tab_aliases ของกลุ่ม"
TAB_FOUND_BY_ROWS = "รหัสตัวบ่งชี้ในแท็บตรงกับของกลุ่มนี้"
TAB_FOUND_AMBIGUOUS = ("ไม่พบแท็บ '{tab}' ของ{group} และมีหลายแท็บที่อาจเป็นแท็บนี้ที่เปลี่ยนชื่อไป ({tabs}) "
                       "จึงไม่ได้ใช้แท็บใด ให้แก้ tab: ของกลุ่ม {code} ใน office.yaml เป็นชื่อแท็บที่ถูกต้อง")
ST_TABS_FOUND = "แท็บที่เปลี่ยนชื่อ (สำหรับผู้ประสานงาน)"
ST_TAB_FOUND_ROW = "อ่านแท็บ '{found}' แทน '{tab}'"
ST_TAB_FOUND_FIX = "ให้แก้ tab: ใน office.yaml เป็น '{found}'"

# --- issue 15, points 3 and 4: the command line in Thai, --json on failure too (sheetsync/cli) ------
# click's own texts, by its gettext message ids (click 8.1-8.5): cli/thaiclick.py hands them to click while
# a command runs, and tests/unit/test_cli.py checks that every text of the installed click has one here.
CLICK_TEXTS = {
    "Usage:": "วิธีใช้:",
    "Options": "ตัวเลือก",
    "Commands": "คำสั่ง",
    "Positional arguments": "อาร์กิวเมนต์",
    "Show this message and exit.": "แสดงวิธีใช้นี้แล้วจบ",
    "Show the version and exit.": "แสดงรุ่นของ sheetsync แล้วจบ",
    "%(prog)s, version %(version)s": "%(prog)s รุ่น %(version)s",
    "default: {default}": "ค่าเริ่มต้น: {default}",
    "env var: {var}": "ตัวแปรสภาพแวดล้อม: {var}",
    "required": "ต้องระบุ",
    "(dynamic)": "(กำหนดเมื่อรัน)",
    "deprecated": "เลิกใช้แล้ว",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "คำเตือน: คำสั่ง {name} เลิกใช้แล้ว{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "คำเตือน: {name} เลิกใช้แล้ว{extra_message}",
    "Error: {message}": "ผิดพลาด: {message}",
    "Try '{command} {option}' for help.": "ดูวิธีใช้: {command} {option}",
    "Aborted!": "ยกเลิกแล้ว ไม่ได้ทำอะไรต่อ",
    "Missing command.": "ยังไม่ได้ระบุคำสั่ง (ดูรายการคำสั่งด้วย sheetsync --help)",
    "No such option {name!r}.": "ไม่มีตัวเลือก {name}",
    "No such command {name!r}.": "ไม่มีคำสั่ง '{name}'",
    "Did you mean {possibility}?": "หมายถึง {possibility} ใช่หรือไม่",
    "(Did you mean one of: {possibilities}?)": "(หมายถึงคำใดคำหนึ่งต่อไปนี้หรือไม่: {possibilities})",
    "Got unexpected extra argument ({args})": "มีคำเกินมาท้ายคำสั่ง ({args}): คำสั่งนี้ไม่รับคำนี้ ถ้าเป็นค่าที่มีเว้นวรรค ให้ใส่เครื่องหมายคำพูดครอบ",
    "Got unexpected extra arguments ({args})": "มีคำเกินมาท้ายคำสั่ง ({args}): คำสั่งนี้ไม่รับคำเหล่านี้ ถ้าเป็นค่าที่มีเว้นวรรค ให้ใส่เครื่องหมายคำพูดครอบ",
    "Missing argument": "ยังไม่ได้ระบุ",
    "Missing option": "ยังไม่ได้ระบุตัวเลือก",
    "Missing parameter": "ยังไม่ได้ระบุค่า",
    "Missing {param_type}": "ยังไม่ได้ระบุ {param_type}",
    "Missing parameter: {param_name}": "ยังไม่ได้ระบุค่า {param_name}",
    "Invalid value: {message}": "ค่าไม่ถูกต้อง: {message}",
    "Invalid value for {param_hint}: {message}": "ค่าของ {param_hint} ไม่ถูกต้อง: {message}",
    "Choose from:\n\t{choices}": "เลือกได้จาก:\n\t{choices}",
    "{value!r} is not {choice}.": "'{value}' ใช้ไม่ได้ ต้องเป็น {choice}",
    "{value!r} is not one of {choices}.": "'{value}' ใช้ไม่ได้ เลือกได้จาก {choices}",
    "{value!r} does not match the format {format}.": "'{value}' ไม่ตรงรูปแบบ {format}",
    "{value!r} does not match the formats {formats}.": "'{value}' ไม่ตรงรูปแบบใดใน {formats}",
    "{value} is not in the range {range}.": "{value} อยู่นอกช่วง {range}",
    "{value!r} is not a valid boolean. Recognized values: {states}": "'{value}' ต้องเป็นใช่หรือไม่ใช่ ใช้ได้: {states}",
    "{value!r} is not a valid {number_type}.": "'{value}' ต้องเป็นตัวเลข",
    "{value!r} is not a valid UUID.": "'{value}' ไม่ใช่ UUID",
    "{len_type} values are required, but {len_value} was given.": "ต้องระบุ {len_type} ค่า แต่ระบุมา {len_value} ค่า",
    "{len_type} values are required, but {len_value} were given.": "ต้องระบุ {len_type} ค่า แต่ระบุมา {len_value} ค่า",
    "Takes {nargs} values but 1 was given.": "ต้องระบุ {nargs} ค่า แต่ระบุมา 1 ค่า",
    "Takes {nargs} values but {len} were given.": "ต้องระบุ {nargs} ค่า แต่ระบุมา {len} ค่า",
    "Value must be an iterable.": "ต้องเป็นรายการของค่า",
    "file": "ไฟล์",
    "directory": "โฟลเดอร์",
    "path": "ที่อยู่",
    "{name} {filename!r} does not exist.": "ไม่พบ{name} '{filename}'",
    "{name} {filename!r} is a file.": "'{filename}' เป็นไฟล์ ต้องเป็น{name}",
    "{name} {filename!r} is a directory.": "'{filename}' เป็นโฟลเดอร์ ต้องเป็น{name}",
    "{name} {filename!r} is not readable.": "ไม่มีสิทธิ์อ่าน{name} '{filename}'",
    "{name} {filename!r} is not writable.": "ไม่มีสิทธิ์เขียน{name} '{filename}'",
    "{name} {filename!r} is not executable.": "ไม่มีสิทธิ์รัน{name} '{filename}'",
    "Could not open file {filename!r}: {message}": "เปิดไฟล์ '{filename}' ไม่ได้: {message}",
    "unknown error": "ไม่ทราบสาเหตุ",
    "Option {name!r} does not take a value.": "ตัวเลือก {name} ไม่ต้องมีค่าตามหลัง",
    "Option {name!r} requires an argument.": "ตัวเลือก {name} ต้องมีค่าตามหลัง",
    "Option {name!r} requires {nargs} arguments.": "ตัวเลือก {name} ต้องมีค่าตามหลัง {nargs} ค่า",
    "Argument {name!r} takes {nargs} values.": "{name} ต้องมี {nargs} ค่า",
    "Invalid start character for option ({option})": "ตัวเลือกขึ้นต้นผิด ({option})",
    "Repeat for confirmation": "พิมพ์อีกครั้งเพื่อยืนยัน",
    "Error: The two entered values do not match.": "ผิดพลาด: ค่าที่พิมพ์ทั้งสองครั้งไม่ตรงกัน",
    "Error: invalid input": "ผิดพลาด: คำตอบนี้ใช้ไม่ได้",
    "Press any key to continue...": "กดปุ่มใดก็ได้เพื่อทำต่อ...",
    "Do you want to continue?": "ทำต่อหรือไม่",
    "Confirm the action without prompting.": "ยืนยันโดยไม่ต้องถาม",
    "{editor}: Editing failed": "{editor}: แก้ไขไม่สำเร็จ",
    "{editor}: Editing failed: {e}": "{editor}: แก้ไขไม่สำเร็จ: {e}",
}
# The usage line's and the options' placeholders (click's [OPTIONS], PATH, TEXT, INTEGER).
CLI_MV_OPTIONS = "[ตัวเลือก]"
CLI_MV_COMMAND = "คำสั่ง [ตัวเลือกของคำสั่ง]..."
CLI_MV_FOLDER = "โฟลเดอร์"
CLI_MV_DATE = "วันที่"
CLI_MV_TIME = "เวลา"
CLI_MV_TAB = "แท็บ"
CLI_MV_RANGE = "ช่วง"
CLI_MV_RUN = "ครั้งที่"
CLI_MV_RUN_A = "[ครั้งแรก]"
CLI_MV_RUN_B = "[ครั้งหลัง]"
CLI_MV_NAME = "ชื่อ"
CLI_MV_PLACE = "สถานที่"
CLI_MV_ROUND = "รหัสรอบ"
CLI_MV_DEMO_FOLDER = "[โฟลเดอร์]"
CLI_MV_DOCUMENT = "ชนิดเอกสาร"
# The last lines of every command's --help: each example as a coordinator would type it.
CLI_EXAMPLE = "ตัวอย่าง: "
_EX_CONFIG = "/srv/sheetsync/nst1"  # an office folder, as README sets one up
_EX_OFFICE = f"sheetsync --config {_EX_CONFIG}"
EX_CLI = (f"{_EX_OFFICE} sync --today 5/4/2570", f"{_EX_OFFICE} check", "sheetsync demo ./demo")
EX_CHECK = (f"{_EX_OFFICE} check", f"sheetsync check --config {_EX_CONFIG}")
EX_SCHEMA = ("sheetsync schema --out schemas",)
EX_SETUP = (f"{_EX_OFFICE} setup",)
EX_SYNC = (f"{_EX_OFFICE} sync --today 5/4/2570", f"{_EX_OFFICE} sync --dry-run --today '๕ เม.ย. ๒๕๗๐'",
           f"{_EX_OFFICE} sync --quiet --json")
EX_DEMO = ("sheetsync demo ./demo", "sheetsync demo ./demo --today 5/4/2570")
EX_REPORT = (f"{_EX_OFFICE} report sar", f"{_EX_OFFICE} report memo --format docx",
             f"{_EX_OFFICE} report briefing --date 20/10/2569 --time 09:30 --place 'ห้องประชุม ๑'")
EX_HISTORY = (f"{_EX_OFFICE} history",)
EX_DIFF = (f"{_EX_OFFICE} diff", f"{_EX_OFFICE} diff 3 4")
EX_RESTORE = (f"{_EX_OFFICE} restore 3 --tab นโยบายและแผน", f"{_EX_OFFICE} restore 3 --tab นโยบายและแผน --range F2:F9")
EX_STATUS = (f"{_EX_OFFICE} status", f"{_EX_OFFICE} status --json")
EX_DOCTOR = (f"{_EX_OFFICE} doctor",)
EX_SCHEDULE = (f"{_EX_OFFICE} schedule --at 01:30", f"{_EX_OFFICE} schedule --install")
EX_LINE = (f"{_EX_OFFICE} line pair",)
EX_LINE_PAIR = (f"{_EX_OFFICE} line pair --host 0.0.0.0 --port 8000", f"{_EX_OFFICE} line pair --once --timeout 300")
EX_ROUND = (f"{_EX_OFFICE} round list",)
EX_ROUND_LIST = (f"{_EX_OFFICE} round list", f"{_EX_OFFICE} round list --today 5/4/2570 --json")
EX_ROUND_CLOSE = (f"{_EX_OFFICE} round close round6", f"{_EX_OFFICE} round close round6 --by 'นางสาวสมศรี ใจดี' --yes")
EX_ROUND_REOPEN = (f"{_EX_OFFICE} round reopen round6 --until 30/4/2570",)
EX_NEW_YEAR = (f"{_EX_OFFICE} new-year",)
# Dates and times typed on the command line (--today, --date, --until, --time).
CLI_BAD_DATE = ("'{value}' อ่านเป็นวันที่ไม่ได้{reason} ใช้ได้สามแบบ: 2027-04-05 (ค.ศ. ปี-เดือน-วัน), "
                "5/4/2570 (พ.ศ. วัน/เดือน/ปี) หรือ '๕ เม.ย. ๒๕๗๐' (ชื่อเดือนไทย)")
CLI_BAD_TIME = "'{value}' อ่านเป็นเวลาไม่ได้ ใช้รูปแบบ ชั่วโมง:นาที เช่น 09:30 หรือ 13:00"
CLI_TIME_SUFFIX = "น."
# No office.yaml where a command looked.
CLI_NO_OFFICE_DEFAULT = "โฟลเดอร์ปัจจุบัน เพราะไม่ได้ระบุ --config"
CLI_NO_OFFICE_ENV = "ตามที่ SHEETSYNC_CONFIG กำหนด"
CLI_NO_OFFICE_OPTION = "ตามที่ระบุด้วย --config"
CLI_NO_OFFICE_FILE = "ไม่พบ office.yaml ในโฟลเดอร์ {folder} ({where})"
CLI_NO_OFFICE_FOLDER = "ไม่พบโฟลเดอร์การตั้งค่า {folder} ({where})"
CLI_NO_OFFICE_HINT = (f"ระบุโฟลเดอร์การตั้งค่าของสำนักงานด้วย --config โฟลเดอร์ (เช่น {_EX_OFFICE} check) "
                      f"หรือกำหนด SHEETSYNC_CONFIG=โฟลเดอร์ ถ้ายังไม่มี ให้คัดลอกโฟลเดอร์ตัวอย่าง (cp -r config {_EX_CONFIG}) "
                      "แล้วแก้ไฟล์ในนั้น")
# The yes/no question of restore, round close and new-year.
CLI_ASK_SUFFIX = " [y = ใช่ / n = ไม่ (ค่าเริ่มต้น)]: "
CLI_YES_WORDS = frozenset({"y", "yes", "ใช่", "ช", "ั"})  # "ั" is the y key with a Thai keyboard layout
CLI_NO_WORDS = frozenset({"", "n", "no", "ไม่", "ไม่ใช่", "ื"})  # "ื" is the n key with a Thai keyboard layout
CLI_ASK_AGAIN = "กรุณาตอบ y (ใช่) หรือ n (ไม่)"
CLI_NO_ANSWER = "ไม่ได้รับคำตอบ จึงยกเลิก ไม่ได้เขียนอะไร"
CLI_NO_ANSWER_HINT = "ตอบ y เพื่อยืนยัน หรือใส่ --yes เมื่อรันจากสคริปต์หรือ cron"
CLI_IO_PROBLEM = "อ่านหรือเขียนไฟล์ไม่ได้: {problem}"
# What history, diff and restore show of a cell.
CLI_ROW_HEADER = "แถวหัวตาราง"
CLI_ROW_AT = "แถว {row}"
CLI_COLUMN_AT = "คอลัมน์ {column}"
CLI_RUN_CRASHED = "ข้อผิดพลาดภายในของ sheetsync: {problem}"
CLI_STATUS_RUN = "จากการซิงก์ครั้งที่ {run} เมื่อ {when}"
TAB_FOUND_SHARED = ("ไม่พบแท็บ '{tab}' ของ{group} แท็บ '{found}' มีรหัสตัวบ่งชี้ของกลุ่มนี้ แต่ก็ตรงกับกลุ่มอื่นที่ไม่พบแท็บเช่นกัน "
                    "จึงไม่ได้ใช้ ถ้าเป็นแท็บของกลุ่มนี้ ให้แก้ tab: ของกลุ่ม {code} ใน office.yaml เป็น '{found}'")

# --- schedule: the crontab line made for this machine's cron (issue 15, point 7) ---
SCH_AT = "{at} น. ({tz})"
SCH_CONVERTED = "แปลงเวลา {at} เป็น {local} {zone} ของเครื่องแล้ว"
SCH_WHY_DEBIAN = "เครื่องนี้ใช้ cron ของ Debian ซึ่งไม่อ่าน CRON_TZ: {converted}"
SCH_WHY_BUSYBOX = "เครื่องนี้ใช้ crond ของ BusyBox ({path}) ซึ่งไม่อ่าน CRON_TZ: {converted}"
SCH_WHY_UNKNOWN = ("ไม่ทราบว่า cron ของเครื่องนี้ ({path}) อ่าน CRON_TZ หรือไม่ จึงไม่ใช้ CRON_TZ: {converted} "
                   "(เวลาของเครื่องใช้ได้กับ cron ทุกแบบ)")
SCH_WHY_NONE = ("ยังไม่พบ cron ในเครื่องนี้ (ติดตั้ง cron ก่อน หรือใช้ systemd timer ด้านล่างแทน) จึงไม่ใช้ CRON_TZ: "
                "{converted} (เวลาของเครื่องใช้ได้กับ cron ทุกแบบ)")
SCH_CRONIE = ("เครื่องนี้ใช้ cronie ({path}) ซึ่งอ่าน CRON_TZ: บรรทัด CRON_TZ={tz} ทำให้บรรทัดถัดไปทำงานเวลา {at} "
              "ตลอดปีโดยไม่ต้องแปลงเวลา (CRON_TZ มีผลกับทุกบรรทัดที่ตามมาใน crontab จึงควรวางสองบรรทัดนี้ไว้ท้ายสุด)")
SCH_SAME_ZONE = ("เครื่องนี้ใช้เวลา {zone} ซึ่งตรงกับเวลาของสำนักงานตลอดปี: บรรทัดนี้ทำงานเวลา {at} "
                 "โดยไม่ต้องแปลงเวลาและไม่ต้องใช้ CRON_TZ")
SCH_DST = ("คำเตือน: เขตเวลา {zone} ของเครื่องมีเวลาออมแสง (daylight saving time) เวลาของเครื่องที่ตรงกับ {at} "
           "จึงเปลี่ยนไปในรอบปี ({times}) บรรทัดนี้ถูกต้องเฉพาะช่วงนี้ของปี: กรุณารัน sheetsync schedule อีกครั้ง"
           "เมื่อเครื่องเปลี่ยนเวลา หรือใช้ systemd timer ด้านล่าง ซึ่งทำงานตามเวลา {tz} ตลอดปี")
SCH_TZ_ENV = ("ตัวแปร TZ ของ shell นี้ ({tz}) ไม่มีผลกับ cron ซึ่งเริ่มทำงานตอนเปิดเครื่องด้วยเขตเวลาของเครื่อง ({zone}): "
              "เวลาด้านล่างจึงคิดตาม {zone}")

# --- issue 15, points 1 and 2: the config files (store/config.py) ----------------------------------------
# A config file in another encoding than UTF-8: read as it is (never rewritten), and said by `check`.
CFG_SAVE_AS_UTF8 = ("เปิดไฟล์ด้วย Notepad เลือก ไฟล์ > บันทึกเป็น (File > Save As) ตั้งการเข้ารหัส (Encoding) "
                    "เป็น UTF-8 แล้วบันทึกทับไฟล์เดิม")
CFG_READ_AS = ("{file} บันทึกด้วยการเข้ารหัส {encoding} ไม่ใช่ UTF-8: sheetsync อ่านได้และไม่แก้ไฟล์นี้ "
               "แต่ควรบันทึกเป็น UTF-8 เพื่อให้โปรแกรมอื่นอ่านภาษาไทยได้ถูกต้อง")
CFG_ENCODING_NAMES = {
    "cp874": "ภาษาไทยแบบ Windows-874 (TIS-620 ที่ Notepad เรียกว่า ANSI)",
    "utf_16_le": "UTF-16 LE (ที่ Notepad เรียกว่า Unicode หรือ UTF-16 LE)",
    "utf_16_be": "UTF-16 BE (ที่ Notepad เรียกว่า Unicode big endian หรือ UTF-16 BE)",
}
CFG_CONTROL_CHAR = ("บรรทัดนี้มีอักขระควบคุม {char} ซึ่งไม่ใช่ตัวอักษร (มักติดมาจากการคัดลอกข้อความ): ลบอักขระนั้นออก "
                    "ถ้าทั้งไฟล์อ่านไม่ออก แสดงว่าไม่ใช่ไฟล์ข้อความ")
# A missing committee.yaml: `check` warns, the documents that list the committee refuse.
CFG_COMMITTEE_MISSING = ("ไม่มีไฟล์ committee.yaml (รายชื่อคณะทำงาน): การซิงก์ทำงานได้ แต่ยังสร้างคำสั่งแต่งตั้งคณะทำงาน "
                         "(report order) วาระการประชุม (report meeting) และหนังสือเชิญประชุมชี้แจง (report briefing) ไม่ได้")
CFG_COMMITTEE_MISSING_FIX = "คัดลอก committee.yaml จากไฟล์ตัวอย่าง ({example}) มาไว้ในโฟลเดอร์การตั้งค่า แล้วแก้รายชื่อ"
CFG_COMMITTEE_NEEDED = ("ไม่พบไฟล์ committee.yaml: เอกสาร {kind} ({what}) ต้องใช้รายชื่อคณะทำงานจากไฟล์นี้ "
                        "จึงไม่ได้สร้างเอกสาร ให้คัดลอก committee.yaml จากไฟล์ตัวอย่าง ({example}) "
                        "มาไว้ในโฟลเดอร์การตั้งค่า แล้วแก้รายชื่อ คำสั่ง และวันที่ให้เป็นของสำนักงาน")
CFG_COMMITTEE_DOCUMENTS = {
    "order": "คำสั่งแต่งตั้งคณะทำงาน",
    "meeting": "วาระและรายงานการประชุมคณะทำงาน",
    "briefing": "หนังสือเชิญประชุมชี้แจงและใบมอบหมายงาน",
}
# Key paths as a person reads them: list items named by their code or name, counted from 1.
CFG_PATH_SEPARATOR = " > "
CFG_ITEM_NOUNS = {
    "groups": "กลุ่ม",
    "standards": "มาตรฐาน",
    "indicators": "ตัวบ่งชี้",
    "milestones": "รอบ",
    "members": "กรรมการ",
    "days_off": "วันหยุด",
    "bands": "ช่วงคะแนน",
}
CFG_ITEM_MILESTONE = "กำหนดการ"  # a milestone that is no reporting round (requires: targets or office)
CFG_ITEM_NAMED = "{noun} {name}"
CFG_ITEM_NTH = "{noun}ที่ {n}"
CFG_ITEM_NTH_NAMED = "{noun}ที่ {n} ({name})"
CFG_LIST_ITEM = "รายการที่ {n}"
CFG_CRITERION_ITEM = "ประเด็นที่ {n}"
# pydantic's messages, worded for the coordinator: what was found, what is expected.
CFG_FOUND = " (พบ '{value}')"
CFG_OR = " หรือ "
CFG_QUOTE_CODE = " ใส่ค่าในเครื่องหมายคำพูด เช่น \"{value}\" (ตัวเลขที่ไม่มีเครื่องหมายคำพูด YAML อ่านเป็นจำนวน)"
CFG_DID_YOU_MEAN = ": หมายถึง {key} หรือไม่"
CFG_KEYS_HERE = " (คีย์ที่ใช้ได้ที่นี่: {keys})"
CFG_VALUE_NOUNS = {
    "method": "วิธีให้คะแนน",
    "requires": "สิ่งที่กำหนดการนี้ตรวจ (requires) ",
    "role": "บทบาทในคณะทำงาน",
    "direction": "ทิศทางของตัวบ่งชี้ (direction) ",
    "combine": "วิธีรวมผลของหลายกลุ่ม (combine) ",
    "security": "การเข้ารหัสการเชื่อมต่อ (security) ",
    "kind": "ชนิดของที่เก็บตาราง (kind) ",
}
CFG_VALUE_NOUN = "ค่านี้"
CFG_PATTERN_GROUP_CODE = "รหัสต้องเป็นตัวอักษรภาษาอังกฤษ ตัวเลข _ หรือ - เท่านั้น ไม่มีช่องว่าง (เช่น plan หรือ teacher_dev)"
CFG_PATTERN_INDICATOR_CODE = "รหัสตัวบ่งชี้ต้องเป็นตัวเลขคั่นด้วยจุด เช่น \"1.2\" (ใส่ในเครื่องหมายคำพูด)"
CFG_PATTERN_STANDARD_CODE = "รหัสมาตรฐานต้องเป็นตัวเลข เช่น \"1\" (ใส่ในเครื่องหมายคำพูด)"
CFG_PATTERN_ENV_NAME = ("ชื่อตัวแปรสภาพแวดล้อมต้องเป็นตัวอักษรภาษาอังกฤษ ตัวเลข หรือ _ และไม่ขึ้นต้นด้วยตัวเลข "
                        "เช่น SHEETSYNC_SMTP_PASSWORD")
CFG_BAD_VALUE = "ใช้ค่านี้ที่นี่ไม่ได้ (ชนิดของปัญหา: {type})"
CFG_DATE_WITH_TIME = "ต้องเป็นวันที่อย่างเดียว ไม่มีเวลา เช่น 2027-03-31"
CFG_ERROR_TYPES_THAI = {
    "too_long": "มีได้ไม่เกิน {max_length} รายการ",
    "less_than": "ต้องน้อยกว่า {lt}",
    "bool_type": "ต้องเป็น true หรือ false",
    "int_from_float": "ต้องเป็นจำนวนเต็ม ไม่มีทศนิยม",
    "date_from_datetime_inexact": CFG_DATE_WITH_TIME,
    "none_required": "ต้องเว้นว่าง",
}
# Problems between files and within one, read from what each file holds.
CFG_UNKNOWN_NEAR = ": หมายถึง '{code}' หรือไม่"
CFG_UNKNOWN_CHOICES = " (ที่มี: {codes})"
CFG_NO_OWNER = " ตัวบ่งชี้นี้จึงไม่มีกลุ่มรับผิดชอบ: ไม่มีแท็บของกลุ่มใดมีแถวของตัวบ่งชี้นี้"
CFG_SAME_AS_STATUS_TAB = ("'{code}' ซ้ำกับชื่อแท็บสถานะภาพรวม (status_tab: '{status}'; Excel ไม่แยกตัวพิมพ์เล็กและใหญ่): "
                          "ตั้งชื่ออื่น")
CFG_TAB_RESERVED = ("ชื่อแท็บ '{tab}' ซ้ำกับแท็บที่ sheetsync ใช้เอง ('{status}' หรือ '{outputs}'; "
                    "Excel ไม่แยกตัวพิมพ์เล็กและใหญ่): ตั้งชื่ออื่น")
# YAML that cannot be read, by what PyYAML (or libyaml) found: each at the line the mistake is on.
CFG_YAML_PROBLEMS = {
    "colon": ("มีเครื่องหมาย : ในที่ที่ใช้ไม่ได้: ถ้า : เป็นส่วนหนึ่งของข้อความ ให้ใส่ข้อความทั้งหมดในเครื่องหมายคำพูด "
              "(เช่น name: \"รอบที่ 1: กำหนดเป้าหมาย\") ถ้าไม่ใช่ ให้ตรวจว่าบรรทัดนี้ย่อหน้าเท่ากับคีย์อื่นในชุดเดียวกัน"),
    "no_colon": "ไม่พบเครื่องหมาย : หลังชื่อคีย์ในบรรทัดนี้ ให้เขียนเป็น คีย์: ค่า (เช่น name: กลุ่มอำนวยการ)",
    "tab": "ใช้ปุ่ม Tab ย่อหน้าหรือเว้นวรรค: YAML ใช้ได้เฉพาะช่องว่าง ให้ลบแท็บแล้วเว้นด้วยช่องว่างแทน",
    "char": "ค่าขึ้นต้นด้วย {char} ซึ่ง YAML สงวนไว้: ให้ใส่ค่าทั้งหมดในเครื่องหมายคำพูด (เช่น \"{char}...\")",
    "quote": "เครื่องหมายคำพูด {quote} ที่เปิดในบรรทัดนี้ไม่มีตัวปิด: ใส่ {quote} ปิดท้ายข้อความ",
    "bracket": "วงเล็บ {open} ที่เปิดในบรรทัดนี้ไม่มี {close} ปิด (หรือขาดเครื่องหมาย , คั่นระหว่างรายการ)",
    "indent": ("การย่อหน้าของบรรทัดนี้ไม่ตรงกับบรรทัดก่อนหน้า: คีย์ในชุดเดียวกันต้องย่อหน้าด้วยช่องว่างจำนวนเท่ากัน "
               "และรายการ (-) ในชุดเดียวกันต้องตรงกัน"),
    "dash": "เครื่องหมาย - ของรายการต้องตามด้วยช่องว่าง (เช่น - code: plan)",
    "sequence": "เครื่องหมาย - (รายการ) อยู่ในที่ที่ใช้ไม่ได้: ตรวจการย่อหน้าของบรรทัดนี้กับบรรทัดก่อนหน้า",
    "alias": "ไม่พบ anchor (&ชื่อ) ที่ {alias} อ้างถึง: ถ้าเป็นข้อความที่ขึ้นต้นด้วย * ให้ใส่ในเครื่องหมายคำพูด",
    "anchor": "ตั้งชื่อ anchor (&ชื่อ) ซ้ำกัน: ใช้ชื่ออื่น",
    "tag": "ไม่รู้จักแท็ก {tag} (การตั้งค่าไม่ใช้แท็กของ YAML): ลบ {tag} ออก หรือใส่ค่าทั้งหมดในเครื่องหมายคำพูด",
    "key": "ใช้รายการหรือชุดคีย์เป็นชื่อคีย์ไม่ได้: ชื่อคีย์ต้องเป็นข้อความ",
    "documents": "ไฟล์มีเนื้อหามากกว่าหนึ่งชุด (คั่นด้วย ---): ไฟล์การตั้งค่าใช้ได้ชุดเดียว ให้ลบ --- ที่อยู่กลางไฟล์ออก",
    "escape": ("มี \\ ตามด้วยอักขระที่ใช้ไม่ได้ในข้อความที่อยู่ในเครื่องหมายคำพูดคู่ (\"...\"): "
               "ใช้เครื่องหมายคำพูดเดี่ยว ('...') แทน หรือเขียน \\\\"),
    "end": "ไฟล์จบก่อนที่ค่าที่เริ่มในบรรทัดนี้จะครบ: ตรวจเครื่องหมายคำพูดและวงเล็บที่เปิดไว้",
    "other": "YAML อ่านบรรทัดนี้ไม่ได้: ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูด (ข้อความจาก YAML: {problem})",
    "value": "ค่าในไฟล์นี้อ่านไม่ได้ ({problem})",
}

# --- doctor: the groups can write, formulas without a value, example values (issue 15, point 7) ---
DR_MODE = "สิทธิ์แก้ไขไฟล์ตาราง"
DR_MODE_OK = "{mode} (การซิงก์คงสิทธิ์นี้ไว้ทุกครั้งที่บันทึก)"
DR_MODE_ATTRIBUTE = "ไฟล์ {path} ถูกตั้งให้อ่านอย่างเดียวด้วย attribute ของไฟล์: ไม่มีใครบันทึกได้ ทั้งกลุ่มและการซิงก์"
DR_MODE_ATTRIBUTE_FIX = "ยกเลิก attribute นั้น: {commands}"
DR_MODE_READONLY = ("ไฟล์ {path} เป็นแบบอ่านอย่างเดียว ({mode}): กลุ่มบันทึกงานลงไฟล์ไม่ได้ "
                    "และการซิงก์จะไม่เขียนไฟล์นี้")
DR_MODE_READONLY_FIX = ("ให้เขียนได้: chmod ug+w {path} (บน Windows: คลิกขวาที่ไฟล์ > Properties "
                        "> เอาเครื่องหมาย Read-only ออก)")
DR_MODE_NOT_WRITABLE = "ผู้ใช้ที่รันการซิงก์เขียนไฟล์ {path} ไม่ได้ ({mode})"
DR_MODE_OWNER_ONLY = ("ไฟล์แก้ได้เฉพาะเจ้าของ ({mode}): ถ้ากลุ่มบันทึกไฟล์ผ่านโฟลเดอร์ที่แชร์ด้วยบัญชีของตนเอง "
                      "จะบันทึกไม่ได้")
DR_MODE_OWNER_ONLY_FIX = ("ให้ไฟล์อยู่ในกลุ่มผู้ใช้ของเจ้าหน้าที่และแก้ได้ทั้งกลุ่ม: sudo chgrp ชื่อกลุ่มผู้ใช้ {path} "
                          "แล้ว chmod g+w {path} (การซิงก์คงสิทธิ์นี้ไว้) ถ้าโฟลเดอร์ที่แชร์ใช้บัญชีเดียวกันทุกคน "
                          "(เช่น force user ของ Samba) ไม่ต้องทำอะไร")
DR_EDITABLE = "คอลัมน์ที่กลุ่มพิมพ์"
DR_EDITABLE_XLSX_OK = "ไม่ถูกล็อกในแท็บของกลุ่มและแท็บผลงาน (ล็อกไว้เฉพาะคอลัมน์สถานะ)"
DR_EDITABLE_LOCKED = "แท็บ '{tab}': {columns} ถูกล็อกไว้ใต้การป้องกันแผ่นงาน กลุ่มพิมพ์ไม่ได้"
DR_EDITABLE_LOCKED_FIX = ("รัน sheetsync setup ซึ่งปลดล็อกคอลัมน์ของกลุ่มโดยไม่แก้สิ่งที่พิมพ์ไว้ (หรือใน Excel: "
                          "รีวิว > ยกเลิกการป้องกันแผ่นงาน เลือกคอลัมน์นั้น > จัดรูปแบบเซลล์ > การป้องกัน "
                          "> เอาเครื่องหมาย 'ล็อก' ออก แล้วป้องกันแผ่นงานอีกครั้ง)")
DR_EDITABLE_PROTECTED = "แท็บ '{tab}': ช่วงที่ป้องกัน '{name}' ไม่ได้ให้ {emails} แก้ไข {columns}"
DR_EDITABLE_PROTECTED_FIX = ("ถ้าเป็นช่วงของ sheetsync (ชื่อขึ้นต้นด้วย sheetsync:) รัน sheetsync setup ซึ่งตั้งผู้แก้ไข"
                             "ตาม emails: ของกลุ่มใน office.yaml ถ้าเป็นช่วงที่มีคนตั้งไว้ ใน Google Sheets เปิด "
                             "ข้อมูล > ชีตและช่วงที่ได้รับการป้องกัน แล้วเพิ่มอีเมลเหล่านี้ หรือลบช่วงนั้น")
DR_EDITABLE_HIDDEN = "ดูผู้แก้ไขของช่วงที่ป้องกัน '{name}' ในแท็บ '{tab}' ไม่ได้ (Google แสดงให้เฉพาะผู้แก้ไขช่วงนั้น)"
DR_EDITABLE_SHARING = ("(ตรวจไม่ได้ว่าแชร์ไฟล์ให้ใครบ้าง เพราะ Sheets API ไม่บอก: กรุณาดูที่ปุ่ม 'แชร์' "
                       "ว่าทุกอีเมลใน emails: เป็นผู้แก้ไข)")
DR_EDITABLE_GOOGLE_OK = "ทุกกลุ่มมีรายชื่อผู้แก้ไขใน office.yaml และช่วงที่ป้องกันไม่ได้กันคอลัมน์ของกลุ่ม"
DR_EDITABLE_NO_EMAILS = ("{groups} ไม่มีรายชื่อผู้แก้ไข (emails: ใน office.yaml): setup จึงไม่ได้ป้องกันแท็บของกลุ่ม"
                         "ไว้ให้เฉพาะกลุ่ม")
DR_EDITABLE_NO_EMAILS_FIX = ("ใส่อีเมลของเจ้าหน้าที่ที่แก้แท็บของกลุ่มใน emails: ของกลุ่มใน office.yaml แชร์ spreadsheet "
                             "ให้อีเมลเหล่านั้นเป็นผู้แก้ไข แล้วรัน sheetsync setup")
DR_FORMULAS = "สูตรที่ยังไม่มีค่า"
DR_FORMULAS_OK = "ไม่มี (ทุกสูตรมีค่าที่โปรแกรมตารางคำนวณไว้)"
DR_FORMULAS_TAB = "แท็บ '{tab}' {count} ช่อง ({cells})"
DR_FORMULAS_MORE = " และอีก {count}"
DR_FORMULAS_FIX = ("เปิดไฟล์ใน Excel หรือ LibreOffice แล้วบันทึกหนึ่งครั้ง (สูตรที่โปรแกรมอื่นเขียนไว้ยังไม่ได้คำนวณ) "
                   "จนกว่าจะทำ การซิงก์อ่านค่าในช่องเหล่านี้ไม่ได้และแจ้งเป็นข้อผิดพลาดของแถวนั้น")
DR_EXAMPLES = "ค่าตัวอย่างในการตั้งค่า"
DR_EXAMPLES_OK = "ไม่พบ (ชื่อ เลขที่หนังสือ และอีเมลเป็นของสำนักงานแล้ว)"
DR_EXAMPLE_VALUE = "{file} {key} ({value})"
DR_EXAMPLE_EMAILS = "อีเมลตัวอย่าง (.example) {count} ที่อยู่ เช่น {emails}"
DR_EXAMPLES_FOUND = "ยังเป็นค่าของสำนักงานตัวอย่าง: {values}"
DR_EXAMPLES_FIX = ("แก้เป็นของสำนักงานเองใน office.yaml และ committee.yaml: ชื่อสำนักงาน ผู้อำนวยการ ผู้ประสานงาน "
                   "เลขที่หนังสือ (doc_prefix และ documents.memo_prefix ตามทะเบียนหนังสือของสำนักงาน) "
                   "เลขที่คำสั่ง (order_number) และอีเมลจริงของแต่ละกลุ่ม เพราะคำสั่ง บันทึกข้อความ "
                   "และอีเมลแจ้งเตือนใช้ค่าเหล่านี้ (มาตรฐานตัวอย่าง: ดูบรรทัดมาตรฐานและเกณฑ์)")
DR_MODE_FOLDER_READONLY = ("โฟลเดอร์ {path} เป็นแบบอ่านอย่างเดียว ({mode}): Excel และ LibreOffice บันทึกไฟล์ตารางไม่ได้ "
                           "(ทั้งสองโปรแกรมบันทึกผ่านไฟล์ใหม่ในโฟลเดอร์เดียวกัน)")
# Why a config file could not be opened, by errno (the system's own words are English).
CFG_OS_ERRORS = {
    "EISDIR": "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
    "EACCES": "ไม่มีสิทธิ์อ่านไฟล์นี้: ตรวจสิทธิ์ของไฟล์ (chmod) หรือรันด้วยผู้ใช้ที่เป็นเจ้าของไฟล์",
    "EPERM": "ไม่มีสิทธิ์อ่านไฟล์นี้: ตรวจสิทธิ์ของไฟล์ (chmod) หรือรันด้วยผู้ใช้ที่เป็นเจ้าของไฟล์",
    "ENOENT": "ไม่พบไฟล์ (อาจเป็นลิงก์ที่ชี้ไปยังไฟล์ที่ไม่มีแล้ว)",
    "EIO": "อ่านจากดิสก์ไม่ได้ (ดิสก์หรือไดรฟ์เครือข่ายมีปัญหา)",
}
CFG_NO_OWNERS = ("ตัวบ่งชี้ต้องมีกลุ่มรับผิดชอบอย่างน้อยหนึ่งกลุ่ม: ใส่รหัสกลุ่มจาก office.yaml เช่น owners: [policy] "
                 "(ตัวบ่งชี้ที่ไม่มีกลุ่มรับผิดชอบไม่อยู่ในแท็บของกลุ่มใด จึงไม่มีใครรายงานผล)")
# --- issue 16, helper "core": status cells that stay the same from one night to the next -------------
# A row's progress names the due date rather than counting days (the count changed every night, so every
# late row was rewritten with nothing edited); the Status tab's group line keeps the count (one cell per
# group). The date to send anew by is the last day a report still counts for the round (its grace's end).
PROGRESS_OVERDUE_DUE = PROGRESS_OVERDUE + " ({milestone} กำหนดส่ง {due})"
PROGRESS_DUE_SOON_DUE = PROGRESS_DUE_SOON + " ({milestone} กำหนดส่ง {due})"
# The last day a late report still counts for the round (its grace): a date that stays put night after night;
# the follow-up memo gives each group its own new deadline within it.
PROGRESS_RESEND_BY = " รับรายงานรอบนี้ถึงวันที่ {day}"
ST_GROUP_OVERDUE_DAYS = PROGRESS_OVERDUE + " {days} วัน"
ST_GROUP_DUE_SOON_DAYS = PROGRESS_DUE_SOON + " อีก {days} วัน"
# --- issue 16, helper "documents": the memo rendered after the sync lets its lock go -------------------
HELP_NO_DOCUMENTS = ("ไม่สร้างเอกสารและไม่ส่งอีเมลแจ้งเตือนในคำสั่งนี้ (เลขที่และเนื้อหาบันทึกติดตามยังบันทึกไว้ในประวัติ): "
                     "ให้งานประจำคืนสั่ง sheetsync report memo ต่อจากนี้ เพื่อสร้างไฟล์บันทึกที่ค้างและส่งอีเมลที่ค้าง")
EX_SYNC_NO_DOCUMENTS = (f"{_EX_OFFICE} sync --no-documents --quiet",)
STEP_LOCK_RELEASED = "ปล่อยล็อกการซิงก์แล้ว (ซิงก์ครั้งอื่นเริ่มได้)"
STEP_DOCUMENTS_LATER = "ไม่สร้างเอกสารในคำสั่งนี้ (--no-documents): สั่ง sheetsync report memo เพื่อสร้างและส่งที่ค้าง"
REM_SEND_BUSY = ("ยังไม่ได้ส่งอีเมลแจ้งเตือน: อีกกระบวนการหนึ่งกำลังส่งอยู่นานเกินรอ "
                 "อีเมลที่ค้างจะส่งในการซิงก์ครั้งถัดไป (หรือสั่ง sheetsync report memo)")
