"""Every Thai word and sentence of the documents (SAR, follow-up memo, appointment order), in one place.

Templates and the DOCX writer take their words from here (templates see this module as `v`), so that
the same sentence reads the same in the PDF and in the DOCX. Placeholders in {braces} are filled by
documents.py with numbers and dates already in Thai form.
"""

from __future__ import annotations

# --- shared ----------------------------------------------------------------------------------------
OBEC = "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"
MOE = "กระทรวงศึกษาธิการ"
STANDARDS_WORK = "การดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา"
INDICATOR = "ตัวบ่งชี้ที่"
STANDARD = "มาตรฐานที่"
DOTS = "................................................"
PHONE = "โทร."
AND = " และ "
GROUP_PREFIX = "กลุ่ม"  # a unit whose name starts so is a กลุ่ม; the others (หน่วยตรวจสอบภายใน) are หน่วย

# --- บันทึกข้อความ (the follow-up memo) -----------------------------------------------------------
MEMO_TITLE = "บันทึกข้อความ"
MEMO_UNIT = "ส่วนราชการ"
MEMO_NO = "ที่"
MEMO_DATE = "วันที่"
MEMO_SUBJECT = "เรื่อง"
MEMO_TO = "เรียน"
MEMO_SUBJECT_TEXT = "ติดตามการรายงานผลการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา {fy}"
MEMO_TO_MANY = "ผู้อำนวยการกลุ่มและหัวหน้าหน่วยที่เกี่ยวข้อง ตามรายชื่อในบันทึกนี้"
MEMO_HEAD_OF_GROUP = "ผู้อำนวยการ{name}"  # a กลุ่ม is led by its ผู้อำนวยการกลุ่ม
MEMO_HEAD_OF_UNIT = "หัวหน้า{name}"  # a หน่วย (internal audit) by its หัวหน้า
MEMO_INTRO = ("ตามที่ {office} ได้แต่งตั้ง{committee}{order} และกำหนดให้กลุ่มและหน่วยในสำนักงานรายงานผลการดำเนินงาน"
              "ตามตัวบ่งชี้ที่รับผิดชอบในตารางของกลุ่ม ตามปฏิทินการปฏิบัติงาน {fy} นั้น")
MEMO_ORDER_REF = " ตามคำสั่ง{office} ที่ {number}"
MEMO_ORDER_DATED = " ลงวันที่ {date}"
MEMO_NOW = ("บัดนี้ {milestones} จากการตรวจสอบข้อมูลในตารางของกลุ่ม ณ วันที่ {checked} พบว่ายังมีตัวบ่งชี้ที่ยังไม่ได้รายงาน "
            "รายงานไม่ครบถ้วน หรือมีข้อผิดพลาด จำนวน {items} รายการ ของ {groups} กลุ่ม ดังนี้")
MEMO_MILESTONE_OVERDUE = "{name} ครบกำหนดเมื่อวันที่ {due} (เลยกำหนดมาแล้ว {days} วัน)"
MEMO_MILESTONE_SOON = "{name} จะครบกำหนดในวันที่ {due} (อีก {days} วัน)"
MEMO_MILESTONE_JOIN = " และ"
MEMO_ASK = ("ขอให้กลุ่มและหน่วยข้างต้นมอบหมายผู้รับผิดชอบกรอกข้อมูลให้ครบถ้วนและถูกต้องในตารางของกลุ่ม{when} "
            "ทั้งนี้ ตรวจสอบสถานะล่าสุดได้ที่แท็บ \u201c{status_tab}\u201d หากมีข้อสงสัยโปรดติดต่อ {contact}")
MEMO_ASK_SOON = "โดยเร็ว"
MEMO_ASK_BY = "ภายในวันที่ {date}"
MEMO_CLOSE = "จึงเรียนมาเพื่อโปรดทราบและดำเนินการ"
MEMO_TABLE = ("ที่", "ตัวบ่งชี้", "สิ่งที่ต้องดำเนินการ", "กำหนดส่ง")
MEMO_GROUP_HEAD = "{no}. {name}"
MEMO_MANY = "ตัวบ่งชี้ที่ {codes} (รวม {count} ตัวบ่งชี้)"
MEMO_CELLS = "ช่องที่ต้องแก้ไข: {cells}"

# --- คำสั่ง (the appointment order) ---------------------------------------------------------------
ORDER_TITLE = "คำสั่ง{office}"
ORDER_NO = "ที่ {number}"
ORDER_NO_BLANK = "ที่ ........../{year}"
ORDER_SUBJECT = "เรื่อง แต่งตั้ง{title} {fy}"
ORDER_RULE = "-" * 36
ORDER_WHY = ("ด้วย{obec} กำหนดให้สำนักงานเขตพื้นที่การศึกษาดำเนินงานตาม{edition} ติดตาม ประเมินผล และรายงานผล"
             "การประเมินตนเองเป็นประจำทุกปี เพื่อให้{work} {fy} ของ{office} เป็นไปด้วยความเรียบร้อย มีประสิทธิภาพ "
             "และบรรลุเป้าหมาย")
ORDER_EDITION_DEFAULT = "มาตรฐานสำนักงานเขตพื้นที่การศึกษา"
ORDER_APPOINT = "{authority}จึงแต่งตั้ง{title} ประกอบด้วย"
ORDER_AUTHORITY = "อาศัยอำนาจตามความใน{authority} "
ORDER_INDICATORS = "รับผิดชอบตัวบ่งชี้ที่ {codes}"
ORDER_DUTIES = "โดยให้คณะทำงานมีหน้าที่ ดังนี้"
ORDER_CLOSE = ("ให้คณะทำงานที่ได้รับการแต่งตั้ง ปฏิบัติหน้าที่ที่ได้รับมอบหมายอย่างเต็มกำลังความสามารถ "
               "เพื่อให้เกิดประโยชน์สูงสุดต่อทางราชการ")
ORDER_EFFECT = "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
ORDER_GIVEN = "สั่ง ณ วันที่ {date}"
ORDER_GIVEN_BLANK = "สั่ง ณ วันที่ ........ เดือน .................... พ.ศ. ........"

# --- รายงานการประเมินตนเอง (the SAR) ---------------------------------------------------------------
SAR_TITLE = "รายงานการประเมินตนเอง"
SAR_TITLE_EN = "(Self-Assessment Report : SAR)"
SAR_SUBTITLE = "ตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา"
SAR_DATA_AS_OF = "ข้อมูล ณ วันที่ {date}"
SAR_FOREWORD = "คำนำ"
SAR_FOREWORD_TEXT = (
    "รายงานการประเมินตนเอง (SAR) {fy} ฉบับนี้ จัดทำขึ้นตามกระบวนการ{work}ของ{office} "
    "เพื่อรายงานผลการดำเนินงานตาม{edition} ต่อ{obec} และใช้เป็นข้อมูลย้อนกลับในการพัฒนาการบริหารจัดการ"
    "และแผนพัฒนาสำนักงานเขตพื้นที่การศึกษา",
    "เนื้อหาประกอบด้วย ๔ ส่วน ได้แก่ ส่วนที่ ๑ ข้อมูลพื้นฐาน ส่วนที่ ๒ ผลการดำเนินงานตามมาตรฐานและตัวบ่งชี้ "
    "ส่วนที่ ๓ ผลงานที่ประสบผลสำเร็จ และส่วนที่ ๔ สรุปผล จุดเด่น จุดที่ควรพัฒนา และแนวทางการพัฒนา "
    "พร้อมภาคผนวก ผลการดำเนินงานรวบรวมจากตารางรายงานของทุกกลุ่มและหน่วยในสำนักงาน {as_of}",
    "ขอขอบคุณคณะทำงาน ผู้อำนวยการกลุ่ม หัวหน้าหน่วย และบุคลากรทุกท่านที่ร่วมกันดำเนินงานและจัดทำรายงานฉบับนี้ "
    "จนสำเร็จลุล่วงด้วยดี",
)
SAR_CONTENTS = "สารบัญ"
SAR_PAGE = "หน้า"
SAR_PART1 = "ส่วนที่ ๑ ข้อมูลพื้นฐาน"
SAR_PART2 = "ส่วนที่ ๒ ผลการดำเนินงานตามมาตรฐานและตัวบ่งชี้"
SAR_PART3 = "ส่วนที่ ๓ ผลงานที่ประสบผลสำเร็จ"
SAR_PART4 = "ส่วนที่ ๔ สรุปผล จุดเด่น จุดที่ควรพัฒนา และแนวทางการพัฒนา"
SAR_APPENDIX = "ภาคผนวก"
SAR_APPENDIX_ORDER = "ภาคผนวก ก คำสั่งแต่งตั้งคณะทำงาน"
SAR_APPENDIX_EVIDENCE = "ภาคผนวก ข บัญชีหลักฐานอ้างอิง"
SAR_OFFICE_NAME = "ชื่อหน่วยงาน"
SAR_ADDRESS = "ที่ตั้ง"
SAR_DIRECTOR = "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา"
SAR_COORDINATOR = "ผู้ประสานงาน"
SAR_EDITION = "มาตรฐานที่ใช้ประเมิน"
SAR_GROUPS = "กลุ่มและหน่วยในสำนักงาน และตัวบ่งชี้ที่รับผิดชอบ"
SAR_GROUP_TABLE = ("ที่", "กลุ่ม/หน่วย", "ผู้อำนวยการกลุ่ม/หัวหน้าหน่วย", "ตัวบ่งชี้ที่รับผิดชอบ")
SAR_OVERVIEW = "ผลการประเมินตนเองภาพรวม"
SAR_OVERVIEW_TABLE = ("มาตรฐาน", "น้ำหนัก", "คะแนนเฉลี่ย", "ระดับคุณภาพ", "ตัวบ่งชี้ที่รายงานแล้ว")
SAR_OVERALL_ROW = "ภาพรวมสำนักงาน"
SAR_CHART_LEVELS = "แผนภูมิที่ ๑ ระดับคุณภาพรายมาตรฐาน (คะแนนเต็ม ๕)"
SAR_CHART_PROGRESS = "แผนภูมิที่ ๒ ความก้าวหน้าการรายงานผลรายกลุ่ม (ร้อยละของตัวบ่งชี้ที่รายงานแล้ว)"
SAR_INDICATOR_TABLE = ("ผู้รับผิดชอบ", "เป้าหมาย", "ผลการดำเนินงาน", "ระดับ", "หลักฐานอ้างอิง")
SAR_INDICATOR_RESULT = "ผลการประเมินตัวบ่งชี้: {score}"
SAR_CRITERIA = "ประเด็นการพิจารณา"
SAR_METHOD = {
    "criteria": "ประเมินจากจำนวนประเด็นการพิจารณาที่ผ่าน",
    "target_percent": "ประเมินจากร้อยละของผลการดำเนินงานเทียบกับค่าเป้าหมาย",
    "self_rated": "ประเมินตนเองพร้อมเหตุผลประกอบ",
}
SAR_WEIGHT = "น้ำหนัก {weight}"
SAR_MEASURE_CRITERIA = "ผ่าน {count} จาก {total} ประเด็น (ประเด็นที่ {which})"
SAR_MEASURE_NONE_MET = "ไม่ผ่านประเด็นใด"
SAR_MEASURE_PERCENT = "ได้{result} จากเป้าหมาย{target} (ร้อยละ {percent} ของเป้าหมาย)"
SAR_MEASURE_PERCENT_ZERO = "ได้{result} จากเป้าหมาย{target}"
SAR_MEASURE_SELF = "ประเมินตนเองระดับ {level}: {why}"
SAR_ROW_NOT_REPORTED = "ยังไม่รายงานผล"
SAR_ROW_INVALID = "ข้อมูลไม่ครบถ้วนหรือไม่ถูกต้อง"
SAR_NO_SCORE = "ยังไม่มีผลการประเมิน"
SAR_OUTPUTS_INTRO = "ผลงานของกลุ่มในสำนักงานที่บรรลุเป้าหมายและประสบผลสำเร็จตามภารกิจ เรียงตามลำดับความโดดเด่น"
SAR_OUTPUTS_TABLE = ("ที่", "ชื่อผลงาน", "กลุ่ม", "รายละเอียด", "ตัวบ่งชี้ที่เกี่ยวข้อง", "หลักฐานอ้างอิง")
SAR_NO_OUTPUTS = "ยังไม่มีผลงานที่รายงานไว้ครบถ้วน"
SAR_SUMMARY = "สรุปผลการประเมินตนเอง"
SAR_SUMMARY_TEXT = ("ผลการประเมินตนเองของ{office} {fy} ภาพรวมอยู่ในระดับ{label} (คะแนนเฉลี่ย {score} จากคะแนนเต็ม ๕) "
                    "จากตัวบ่งชี้ที่รายงานผลแล้ว {reported} จาก {total} ตัวบ่งชี้")
SAR_SUMMARY_NONE = "{office} ยังไม่มีตัวบ่งชี้ที่รายงานผลครบถ้วน จึงยังสรุปผลการประเมินภาพรวมไม่ได้ ({fy})"
SAR_SUMMARY_STANDARD = "{standard} {title} ระดับ{label} (คะแนนเฉลี่ย {score}, รายงานแล้ว {reported} จาก {total} ตัวบ่งชี้)"
SAR_STRENGTHS = "จุดเด่น"
SAR_IMPROVE = "จุดที่ควรพัฒนา"
SAR_GUIDELINES = "แนวทางการพัฒนา"
SAR_NONE = "ไม่มี"
SAR_STRENGTH = "{indicator} {title} ผลการประเมินระดับ{label} (คะแนน {score}) {groups}"
SAR_GROUP_SAID = "{group}: {text}"
SAR_IMPROVE_LOW = "{indicator} {title} ผลการประเมินระดับ{label} (คะแนน {score})"
SAR_IMPROVE_LOW_GROUP = "{group} ระดับ {level}: {text}"
SAR_IMPROVE_UNREPORTED = "{indicator} {title}: {groups} ยังไม่ได้รายงานผลการดำเนินงาน"
SAR_IMPROVE_INVALID = "{indicator} {title}: ข้อมูลของ{groups} ยังไม่ครบถ้วนหรือไม่ถูกต้อง"
SAR_GUIDE_CRITERIA = "{indicator} {groups} ดำเนินการให้ครอบคลุมประเด็นการพิจารณาที่ยังไม่ผ่าน ได้แก่ {criteria}"
SAR_GUIDE_PERCENT = "{indicator} {groups} เร่งรัดการดำเนินงานให้ผลการดำเนินงานถึงค่าเป้าหมาย ({target})"
SAR_GUIDE_SELF = "{indicator} {groups} ทบทวนกระบวนการดำเนินงานและกำหนดแนวทางยกระดับผลการดำเนินงานให้ถึงระดับ{label}"
SAR_GUIDE_REPORT = "{indicator} {groups} รายงานผลการดำเนินงานพร้อมหลักฐานอ้างอิงให้ครบถ้วนตามปฏิทินการปฏิบัติงาน"
SAR_GUIDE_FIX = "{indicator} {groups} แก้ไขข้อมูลในตารางรายงานให้ครบถ้วนและถูกต้อง ({count} จุด)"
SAR_GUIDE_COVERAGE = ("คณะทำงานกำกับ ติดตามการรายงานผลให้ครบทุกตัวบ่งชี้ (รายงานแล้ว {reported} จาก {total} ตัวบ่งชี้) "
                      "และนำผลการประเมินไปใช้ในการจัดทำแผนพัฒนาสำนักงานเขตพื้นที่การศึกษา")
SAR_CRITERION = "ประเด็นที่ {no} {text}"
SAR_EVIDENCE_TABLE = ("ตัวบ่งชี้/ผลงาน", "กลุ่ม", "หลักฐานอ้างอิง")
SAR_EVIDENCE_OUTPUT = "ผลงาน: {title}"
SAR_EVIDENCE_CRITERION = "ประเด็นที่ {n}"
# three lines: a name must begin a line, for LibreOffice breaks a Thai name between its words when a
# line begins before it, no-break space or not
SAR_SIGNED_BY = "รับรองข้อมูลโดย"
SAR_SIGNED_ON = "เมื่อ {date}"
SAR_EXPLANATION = "คำชี้แจง: {text}"
SAR_NO_EVIDENCE = "ยังไม่มีหลักฐานอ้างอิงที่รายงานไว้"
SAR_SIGN_OFF = "{office}"

# --- the SAR's comparison with last fiscal year ------------------------------------------------------
SAR_YEAR_TITLE = "เปรียบเทียบผลการประเมินกับปีงบประมาณ {fy}"
SAR_YEAR_NOTE = "ผลของปีงบประมาณ {fy} ตามที่บันทึกไว้เมื่อวันที่ {as_of} (ผลของรอบสุดท้ายที่ปิดแล้ว หรือการตรวจข้อมูลครั้งสุดท้ายของปีนั้น)"
SAR_YEAR_OVERALL = "ภาพรวมสำนักงาน"
SAR_YEAR_HEAD = ("รายการ", "ปีงบประมาณ {previous}", "ปีงบประมาณ {current}", "การเปลี่ยนแปลง")
SAR_YEAR_UP = "เพิ่มขึ้น"
SAR_YEAR_DOWN = "ลดลง"
SAR_YEAR_SAME = "คงเดิม"

# --- รายงานผู้อำนวยการ (the director's brief, monitoring 2) ---------------------------------------
BRIEF_TITLE = "รายงานผู้อำนวยการ: ความก้าวหน้าการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา {fy}"
BRIEF_AS_OF = "ข้อมูล ณ วันที่ {date}"
BRIEF_LEVEL = "ระดับคุณภาพของสำนักงาน"
BRIEF_LEVEL_TEXT = "{score} ระดับ{label} (รายงานแล้ว {reported}/{total} ตัวบ่งชี้)"
BRIEF_TREND = "แนวโน้ม"
BRIEF_TREND_TEXT = "{word} เทียบกับการตรวจข้อมูลเมื่อวันที่ {date} ({score})"
BRIEF_UP = "คะแนนสูงขึ้น"
BRIEF_DOWN = "คะแนนลดลง"
BRIEF_SAME = "คะแนนคงที่"
BRIEF_NO_TREND = "ยังไม่มีผลการตรวจข้อมูลครั้งก่อนให้เปรียบเทียบ"
BRIEF_GROUPS = "ความก้าวหน้ารายกลุ่ม (ร้อยละของตัวบ่งชี้ที่รายงานแล้ว) และระดับคุณภาพ"
BRIEF_GROUP_TABLE = ("กลุ่ม", "ความก้าวหน้า", "ระดับ")
BRIEF_URGENT = "เรื่องเร่งด่วน ๓ อันดับแรก"
BRIEF_NO_URGENT = "ไม่มีเรื่องเร่งด่วน"
BRIEF_URGENT_TEXT = "{group}: {indicator} {title} - {problem}"
BRIEF_URGENT_DUE = " (กำหนด {date})"
BRIEF_STATE = {"overdue": "เลยกำหนด", "invalid": "ต้องแก้ไขข้อมูล", "due_soon": "ใกล้กำหนด"}
BRIEF_NEXT = "กำหนดส่งถัดไป"
BRIEF_SIGNOFF = "รอหัวหน้ากลุ่มรับรอง"
BRIEF_SIGNOFF_TEXT = "{rows} แถว: {groups}"
BRIEF_SIGNOFF_NONE = "หัวหน้ากลุ่มรับรองข้อมูลที่รายงานแล้วครบทุกแถว"
BRIEF_NEXT_TEXT = "{name} วันที่ {date} (อีก {days} วัน)"
BRIEF_NO_NEXT = "ไม่มีกำหนดส่งที่เหลือในปีงบประมาณนี้"

# --- ชุดเอกสารส่ง สพฐ. (the OBEC package) ---------------------------------------------------------
PKG_SCORES_HEAD = ("ประเภท", "รหัส", "ชื่อ", "ผู้รับผิดชอบ", "คะแนน", "ระดับคุณภาพ")
PKG_KIND_INDICATOR = "ตัวบ่งชี้"
PKG_KIND_STANDARD = "มาตรฐาน"
PKG_KIND_OFFICE = "สำนักงาน"
PKG_EVIDENCE_HEAD = ("รายการ", "ประเด็น", "กลุ่ม", "หลักฐานอ้างอิง", "ลิงก์")
PKG_SCORES_SHEET = "คะแนน"
PKG_EVIDENCE_SHEET = "หลักฐาน"
PKG_OUTPUTS_TITLE = "สรุปผลงานที่ประสบผลสำเร็จ {fy}"
PKG_OUTPUTS_NONE = "ยังไม่มีผลงานที่ประสบผลสำเร็จที่ข้อมูลถูกต้อง"
PKG_OUTPUTS_HEAD = ("ที่", "ผลงาน", "กลุ่ม", "ตัวบ่งชี้", "หลักฐาน")
EMES_TITLE = "รายงานผลการดำเนินงาน{indicator} สำหรับระบบ e-MES"
EMES_ROUND = "รอบการรายงาน: {round}"
EMES_SCORE = "ผลการประเมินตัวบ่งชี้: {score} ระดับ{label}"
EMES_HEAD = ("กลุ่มที่รับผิดชอบ", "เป้าหมาย", "ผลการดำเนินงาน", "ระดับ", "หลักฐาน")

# --- ประชุมคณะทำงาน ติดตามงานเป็นระยะ (the committee meeting pack, monitoring 1) -------------------
MTG_AGENDA_TITLE = "ระเบียบวาระการประชุม{committee}"
MTG_MINUTES_TITLE = "รายงานการประชุม{committee}"
MTG_NO = "ครั้งที่ ........../{year}"
MTG_WHEN = "วันที่ ...................................... เวลา .................. น."
MTG_WHERE = "ณ ......................................................................"
MTG_ITEM = "ระเบียบวาระที่ {no}"
MTG_ITEMS = (
    "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
    "เรื่องรับรองรายงานการประชุมครั้งที่แล้ว",
    "เรื่องสืบเนื่อง",
    "เรื่องเพื่อพิจารณา",
    "เรื่องอื่น ๆ (ถ้ามี)",
)
MTG_CHAIR_NOTE = "ประธานแจ้งให้ที่ประชุมทราบ"
MTG_CONFIRM = "ฝ่ายเลขานุการได้จัดทำรายงานการประชุมครั้งที่แล้ว เสนอที่ประชุมเพื่อพิจารณารับรอง"
MTG_CHANGES_HEAD = "ความก้าวหน้าการรายงานผลตั้งแต่การตรวจข้อมูลวันที่ {before} ถึงวันที่ {after}"
MTG_CHANGES_NONE_BEFORE = "ยังไม่มีผลการตรวจข้อมูลครั้งก่อนให้เปรียบเทียบ"
MTG_CHANGES_TABLE = ("กลุ่ม", "ช่องที่แก้ไข", "ตัวบ่งชี้ที่รายงานผลถูกต้องเพิ่มขึ้น")
MTG_CELLS = "{count} ช่อง"
MTG_NEW_VALID = "{count} ตัวบ่งชี้ ({codes})"
MTG_NEW_NONE = "-"
MTG_STATUS_HEAD = "สถานะการรายงานผล ณ วันที่ {date}"
MTG_GROUP_TABLE = ("กลุ่ม", "ความก้าวหน้า", "ระดับ")
MTG_STANDARD_TABLE = ("มาตรฐาน", "ผลการประเมิน", "รายงานแล้ว")
MTG_OFFICE_LINE = "ภาพรวมสำนักงาน: {level}"
MTG_OPEN_HEAD = "เรื่องที่ค้างดำเนินการ ({count} รายการ)"
MTG_OPEN_NONE = "ไม่มีเรื่องที่ค้างดำเนินการ"
MTG_OPEN_ITEM = "{group}: {indicator} {title} - {problem}"
MTG_OTHER = "........................................................................................"
MTG_PRESENT = "ผู้มาประชุม"
MTG_ABSENT = "ผู้ไม่มาประชุม"
MTG_GUESTS = "ผู้เข้าร่วมประชุม"
MTG_ATTENDEE_TABLE = ("ที่", "ชื่อ - สกุล", "ตำแหน่ง", "ตำแหน่งในคณะทำงาน", "ลายมือชื่อ")
MTG_START = "เริ่มประชุมเวลา .................. น."
MTG_END = "เลิกประชุมเวลา .................. น."
MTG_RESOLUTION = "มติที่ประชุม"
MTG_LINE = "........................................................................................................................"
MTG_SIGN = "ลงชื่อ ........................................... {role}"
MTG_RECORDER = "ผู้จดรายงานการประชุม"
MTG_CHECKER = "ผู้ตรวจรายงานการประชุม"
MTG_BLANK_NAME = "(...........................................)"

# --- ประชุมชี้แจงแนวทางการดำเนินงาน (the briefing pack, step 3) ------------------------------------
BRF_SUBJECT = "ขอเชิญประชุมชี้แจงแนวทางการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา {fy}"
BRF_TO = "คณะทำงาน ผู้อำนวยการกลุ่ม และหัวหน้าหน่วยทุกกลุ่ม"
BRF_INTRO = "ตามที่ {office} ได้แต่งตั้ง{committee}{order} เพื่อดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา {fy} นั้น"
BRF_INVITE = ("เพื่อให้การดำเนินงานเป็นไปในทิศทางเดียวกันและทันตามปฏิทินการปฏิบัติงาน จึงขอเชิญคณะทำงานและผู้รับผิดชอบ"
              "ตัวบ่งชี้ของแต่ละกลุ่มเข้าร่วมประชุมชี้แจงแนวทางการดำเนินงาน การกรอกข้อมูลในตารางของกลุ่ม "
              "และเกณฑ์การประเมิน ใน{date} เวลา {time} ณ {place} "
              "ทั้งนี้ ตัวบ่งชี้ เกณฑ์ และกำหนดส่งงานของแต่ละกลุ่มปรากฏตามใบมอบหมายงานที่แนบมาพร้อมนี้")
BRF_CLOSE = "จึงเรียนมาเพื่อโปรดทราบและเข้าร่วมประชุมตามวัน เวลา และสถานที่ดังกล่าว"
BRF_BLANK_DATE = "..............................."
BRF_BLANK_TIME = "............."
BRF_BLANK_PLACE = "................................................"
BRF_TIME = "{time} น."
BRF_SHEET_TITLE = "ใบมอบหมายงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา {fy}"
BRF_GROUP = "กลุ่ม/หน่วย: {name}"
BRF_HEAD = "ผู้รับผิดชอบ: {name} {position}"
BRF_INDICATORS = "ตัวบ่งชี้ที่รับผิดชอบ ประเด็นการพิจารณา และเกณฑ์การให้คะแนน"
BRF_RULE = "เกณฑ์การให้คะแนน: {rule}"
BRF_RULE_CRITERIA_COUNT = "ระดับคุณภาพเท่ากับจำนวนประเด็นที่ผ่าน (ผ่าน ๕ ประเด็นขึ้นไป = ระดับ ๕, ไม่ผ่านหรือผ่าน ๑ ประเด็น = ระดับ ๑)"
BRF_RULE_CRITERIA_STEP = "ผ่าน {min} ประเด็นขึ้นไป = ระดับ {level}"
BRF_RULE_PERCENT_STEP = "ร้อยละ {min} ขึ้นไป = ระดับ {level}"
BRF_RULE_PERCENT = "ร้อยละของผลการดำเนินงานเทียบกับค่าเป้าหมาย: {steps}, ต่ำกว่านั้น = ระดับ ๑"
BRF_RULE_PERCENT_LOWER = "ร้อยละของค่าเป้าหมายเทียบกับผลการดำเนินงาน (ค่ายิ่งน้อยยิ่งดี): {steps}, ต่ำกว่านั้น = ระดับ ๑"
BRF_RULE_LOWEST = "ระดับต่ำสุด = ระดับ ๑"
BRF_RULE_SELF = "กลุ่มประเมินระดับคุณภาพ ๑-๕ ด้วยตนเอง พร้อมเหตุผลประกอบและหลักฐานอ้างอิง"
BRF_COLUMNS = "สิ่งที่ต้องกรอกในแท็บของกลุ่ม (คอลัมน์ที่มีเครื่องหมาย * ต้องกรอกทุกครั้งที่รายงานผล)"
BRF_REQUIRED = " *"
BRF_MILESTONES = "กำหนดการ"
BRF_MILESTONE = "{name}: {opens} ถึง {due}"
BRF_WHERE = "ที่กรอกข้อมูล"
BRF_TAB_XLSX = "แท็บ \u201c{tab}\u201d ในไฟล์ {path}"
BRF_TAB_GSHEETS = "แท็บ \u201c{tab}\u201d ใน {url}"

# --- numbers and dates as thaifmt writes them --------------------------------------------------------
FMT_FISCAL_YEAR = "ปีงบประมาณ พ.ศ. {year}"
FMT_PERCENT = "ร้อยละ {value}"
FMT_DATE_OFFICIAL = "{day} {month} พ.ศ. {year}"

# --- the OBEC package's e-MES files by round (issue 14) -------------------------------------------
EMES_CLOSED = "ปิดรอบเมื่อ {date}"
EMES_FROZEN = "ผลตามที่บันทึกไว้เมื่อปิดรอบ ค่าที่แก้ไขหลังปิดรอบนับเป็นผลของรอบถัดไป"
EMES_ROUND_HEAD = ("กลุ่มที่รับผิดชอบ", "เป้าหมาย", "ผลการดำเนินงาน", "ระดับ", "หลักฐาน", "ผู้รายงาน")
EMES_REPORTED_ON = "รายงานเมื่อ {date}"
EMES_NOT_REPORTED = "ไม่ได้รายงานผลในรอบนี้"
PKG_ROUND_NOT_CLOSED = ("{round} ยังไม่ปิดรอบ (ครบกำหนด {due} ปิดรอบเองเมื่อซิงก์หลังวันที่ {after}) "
                        "ในชุดเอกสารจึงยังไม่มีไฟล์ e-MES ของรอบนี้")
PKG_ROUND_COVERAGE = "{round} รายงาน {reported} จาก {total} แถว ({percent})"
PKG_ROUND_MISSING = "{round} ไม่มีไฟล์ e-MES ของตัวบ่งชี้ {codes} เพราะไม่มีผลที่รายงานในรอบนี้"

# --- reporting rounds, working days (issue 14) -----------------------------------------------------
DATE_MOVED = "(เลื่อนจากวันที่ {day} ซึ่งตรงกับ{reason})"
DEADLINE_NEW = "ขอให้ส่งภายในวันที่ {date} (กำหนดส่งใหม่ เดิมครบกำหนด {due})"
BRIEF_ROUND = "รอบการรายงาน"
BRIEF_ROUND_TEXT = "{round}: รายงานแล้ว {reported} จาก {total} รายการ (ร้อยละ {percent}) {state}"
BRIEF_ROUND_OPEN = "ครบกำหนดวันที่ {due}"
BRIEF_ROUND_CLOSED = "ปิดรอบแล้วเมื่อวันที่ {day}"
BRIEF_ROUND_NOT_OPEN = "เปิดรับรายงานวันที่ {opens}"
BRIEF_GROUPS_ROUND = "ความก้าวหน้ารายกลุ่ม{round} (ร้อยละของตัวบ่งชี้ที่รายงานผล{round}แล้ว) และระดับคุณภาพ"
BRIEF_URGENT_NEW_DUE = " (ส่งภายใน {date})"
MTG_STATUS_HEAD_ROUND = "สถานะการรายงานผล{round} ณ วันที่ {date}"
PKG_ROUND_REOPENED = ("{round} เปิดรอบอีกครั้งแล้ว ยังไม่ได้ปิดรอบใหม่ (ครบกำหนด {due}) "
                      "ในชุดเอกสารจึงยังไม่มีไฟล์ e-MES ของรอบนี้")

# --- issue 19, point 6: the invitation's date and number, e-MES signatures, where a group types ------
FMT_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")  # date.weekday(): Monday is 0
FMT_DATE_WEEKDAY = "วัน{weekday}ที่ {date}"
BRF_BLANK_DAY = "วันที่ ..............................."
BRF_NUMBER_BLANK = "........"
BRF_TAB_XLSX_ASK = "แท็บ \u201c{tab}\u201d ในไฟล์ {name} ที่ใช้ร่วมกันในสำนักงาน (สอบถามที่อยู่ของไฟล์ได้ที่ {contact})"
EMES_MADE = "จัดทำเมื่อวันที่ {date}"
EMES_SIGN = "ลงชื่อ ................................ {role}"
EMES_REPORTER = "ผู้รายงาน"
EMES_CERTIFIER = "ผู้รับรองข้อมูล"

# --- the follow-up memo, short and actionable (issue 19) -------------------------------------------
MEMO_NOT_REPORTED = "ยังไม่ได้รายงานผล{round}"
MEMO_FIX = "แก้ไขข้อมูลให้ครบถ้วนและถูกต้อง"
MEMO_SIGNOFF = "ให้หัวหน้ากลุ่มตรวจสอบและรับรองข้อมูลที่รายงานแล้ว"
MEMO_SIGNOFF_AGAIN = "ข้อมูลถูกแก้ไขหลังรับรอง ให้หัวหน้ากลุ่มตรวจสอบและรับรองใหม่ (แก้วันที่รับรอง)"
MEMO_FIX_FOR = "แก้ไขข้อมูลผล{round}ให้ครบถ้วนและถูกต้อง"
MEMO_NO_ROW = "ยังไม่มีแถวของตัวบ่งชี้นี้ในแท็บ \u201c{tab}\u201d ให้เพิ่มแถวที่มีรหัสตัวบ่งชี้ {code}"
MEMO_FILL = "ช่องที่ต้องกรอก: {columns}"
MEMO_CELL = "{label} ({cell}) {text}"
MEMO_CELL_OTHER = "{label} ({cell}): {text}"
MEMO_CELL_AT = "{cell}: {text}"
MEMO_FOUND = "{label} ({cell}) ที่กรอกไว้: {value}"
MEMO_TAB = "แท็บ \u201c{tab}\u201d"
MEMO_ROW_PROBLEMS = {
    "unknown-code": "รหัสตัวบ่งชี้ที่ไม่รู้จัก",
    "duplicate-code": "รหัสตัวบ่งชี้ซ้ำกับแถวก่อนหน้า",
    "not-owned": "รหัสตัวบ่งชี้ของกลุ่มอื่น",
    "missing-code": "แถวที่ไม่มีรหัสตัวบ่งชี้",
}
MEMO_ROWS_COUNT = "{what} {count} แถว (แถว {rows})"
MEMO_ROWS_FOUND = " พบ {codes}"
MEMO_ROWS_MORE = " และอีก {count} แถว"
MEMO_ROWS_FIX = "แก้รหัสตัวบ่งชี้ให้เป็นรหัสที่กลุ่มรับผิดชอบ หรือลบแถวที่ไม่ใช้ (ดูคอลัมน์ \u201c{errors}\u201d ของแต่ละแถว)"
MEMO_MANY_MORE = "ตัวบ่งชี้ที่ {codes} และอีก {more} ตัวบ่งชี้ (รวม {count} ตัวบ่งชี้)"
MEMO_COLUMN_ROWS = "{column} {count} แถว (แถว {rows})"

# --- the SAR's part 4 from the results, the draft and what it lacks (issue 19) ----------------------
SAR_LEVEL_PENDING = "ยังไม่สรุป"
SAR_BASIS_ROUND = "ผลการดำเนินงาน{round} ตามที่บันทึกไว้เมื่อปิดรอบวันที่ {closed}"
SAR_BASIS_OPEN = "ข้อมูล ณ วันที่ {date} ({round} ยังไม่ปิดรอบ)"
SAR_DRAFT = "ฉบับร่าง"
SAR_DRAFT_NOTE = "ฉบับร่าง: ยังไม่มีผลการประเมิน {count} รายการ (ดูรายการที่ยังขาดในส่วนที่ ๔) จึงยังสรุประดับภาพรวมไม่ได้"
SAR_TABLE_NOTE = ("ตัวบ่งชี้นับว่ารายงานแล้วเมื่อทุกกลุ่มที่รับผิดชอบรายงานผลครบ มาตรฐานหรือภาพรวมที่ยังรายงานไม่ครบ"
                  "แสดงคะแนนเฉลี่ยเบื้องต้นจากตัวบ่งชี้ที่มีผลแล้ว และยังไม่สรุประดับคุณภาพ")
SAR_INDICATOR_PARTIAL = " (ผลเบื้องต้น: รายงานแล้ว {reported} จาก {total} กลุ่ม)"
SAR_SUMMARY_FULL = ("ผลการประเมินตนเองของ{office} {fy} ภาพรวมอยู่ในระดับ{label} (คะแนนเฉลี่ย {score} จากคะแนนเต็ม ๕) "
                    "จากการรายงานครบทั้ง {total} ตัวบ่งชี้")
SAR_SUMMARY_PARTIAL = ("ผลการประเมินตนเองของ{office} {fy} ยังสรุประดับภาพรวมไม่ได้: รายงานแล้ว {reported} จาก {total} "
                       "ตัวบ่งชี้ (ดูรายการที่ยังขาดท้ายส่วนนี้)")
SAR_SUMMARY_STD_FULL = "{standard} {title} อยู่ในระดับ{label} (คะแนนเฉลี่ย {score}) รายงานครบทั้ง {total} ตัวบ่งชี้"
SAR_SUMMARY_STD_PARTIAL = ("{standard} {title} ยังสรุประดับไม่ได้: รายงานแล้ว {reported} จาก {total} ตัวบ่งชี้ "
                           "(คะแนนเฉลี่ยเบื้องต้น {score})")
SAR_SUMMARY_STD_NONE = "{standard} {title} ยังไม่มีผลการประเมิน: รายงานแล้ว {reported} จาก {total} ตัวบ่งชี้"
SAR_POINT_HEAD = "{indicator} {title} ผลการประเมินระดับ{label} (คะแนน {score})"
SAR_PARTIAL_OWNERS = " เป็นผลเบื้องต้นจาก {reported} ใน {total} กลุ่มที่รับผิดชอบ"
SAR_SAY_AT = " อยู่ในระดับ {level} {name}"
SAR_SAY_CRITERIA = "{group}: ผ่านประเด็นการพิจารณา {met} จาก {count} ประเด็น (ประเด็นที่ {which})"
SAR_SAY_CRITERIA_NONE = "{group}: ยังไม่ผ่านประเด็นการพิจารณา (จาก {count} ประเด็น)"
SAR_SAY_REACHED = "{group}: ผลการดำเนินงาน{result} บรรลุเป้าหมาย{target}"
SAR_SAY_REACHED_LOWER = "{group}: ผลการดำเนินงาน{result} ไม่เกินเป้าหมาย{target}"
SAR_SAY_SHORT = "{group}: ผลการดำเนินงาน{result} จากเป้าหมาย{target} (ร้อยละ {percent} ของเป้าหมาย)"
SAR_SAY_SELF = "{group}: ประเมินตนเองระดับ {level} {name}"
SAR_SAY_RESULT = " ({text})"
SAR_SAY_WHY = " เหตุผลประกอบ: {why}"
SAR_GAP = "{group}: ผลการดำเนินงาน{result} ต่ำกว่าเป้าหมาย{target} อยู่ {gap}"
SAR_GAP_LOWER = "{group}: ผลการดำเนินงาน{result} สูงกว่าเป้าหมาย{target} อยู่ {gap}"
SAR_GUIDE_WHY = " (เหตุผลประกอบของกลุ่ม: {why})"
SAR_STRENGTH_OUTPUT = "ผลงานที่ประสบผลสำเร็จ \u201c{title}\u201d{group}"
SAR_OUTPUT_BY = " ของ{group}"
SAR_OUTPUT_WHAT = ": {description}"
SAR_OUTPUT_INDICATORS = " (ตัวบ่งชี้ที่ {codes})"
SAR_EVIDENCE_LABEL = "หลักฐาน: "
SAR_MISSING = "รายการที่ยังขาด"
SAR_MISSING_INTRO = ("ตัวบ่งชี้และกลุ่มที่รับผิดชอบต่อไปนี้ยังไม่มีผลการประเมิน เมื่อได้รับผลครบแล้วจึงจะสรุประดับคุณภาพ"
                     "ภาพรวมและจัดทำรายงานฉบับสมบูรณ์ได้")
SAR_MISSING_TABLE = ("ที่", "ตัวบ่งชี้", "กลุ่ม/หน่วยที่รับผิดชอบ")
SAR_AT_LEVEL = " (ระดับ {level} {name})"
BE_ABBR = "พ.ศ."  # พุทธศักราช: kept with its year on one line (thaifmt, docxfile)
# The titles a person's name starts with: "นางสาวพิมพ์ชนก ศรีสุข" is kept on one line in the PDFs (thaifmt).
NAME_TITLES = ("นางสาว", "นาย", "นาง", "ว่าที่ร้อยตรี", "ดร.")
