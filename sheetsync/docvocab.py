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
SAR_MEASURE_CRITERIA = "ผ่าน {count} ประเด็น (ประเด็นที่ {which})"
SAR_MEASURE_NONE_MET = "ไม่ผ่านประเด็นใด"
SAR_MEASURE_PERCENT = "ได้ {result} จากเป้าหมาย {target} (ร้อยละ {percent} ของเป้าหมาย)"
SAR_MEASURE_PERCENT_ZERO = "ได้ {result} จากเป้าหมาย {target}"
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
SAR_NO_EVIDENCE = "ยังไม่มีหลักฐานอ้างอิงที่รายงานไว้"
SAR_SIGN_OFF = "{office}"

# --- the SAR's comparison with last fiscal year ------------------------------------------------------
SAR_YEAR_TITLE = "เปรียบเทียบผลการประเมินกับปีงบประมาณ {fy}"
SAR_YEAR_NOTE = "ผลของปีงบประมาณ {fy} จากการซิงก์ครั้งสุดท้ายของปีนั้น (วันที่ {as_of})"
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
BRIEF_TREND_TEXT = "{word} เทียบกับการซิงก์เมื่อวันที่ {date} ({score})"
BRIEF_UP = "คะแนนสูงขึ้น"
BRIEF_DOWN = "คะแนนลดลง"
BRIEF_SAME = "คะแนนคงที่"
BRIEF_NO_TREND = "ยังไม่มีการซิงก์ครั้งก่อนให้เปรียบเทียบ"
BRIEF_GROUPS = "ความก้าวหน้ารายกลุ่ม (ร้อยละของตัวบ่งชี้ที่รายงานแล้ว) และระดับคุณภาพ"
BRIEF_GROUP_TABLE = ("กลุ่ม", "ความก้าวหน้า", "ระดับ")
BRIEF_URGENT = "เรื่องเร่งด่วน ๓ อันดับแรก"
BRIEF_NO_URGENT = "ไม่มีเรื่องเร่งด่วน"
BRIEF_URGENT_TEXT = "{group}: {indicator} {title} - {problem}"
BRIEF_URGENT_DUE = " (กำหนด {date})"
BRIEF_STATE = {"overdue": "เลยกำหนด", "invalid": "ต้องแก้ไขข้อมูล", "due_soon": "ใกล้กำหนด"}
BRIEF_NEXT = "กำหนดส่งถัดไป"
BRIEF_NEXT_TEXT = "{name} วันที่ {date} (อีก {days} วัน)"
BRIEF_NO_NEXT = "ไม่มีกำหนดส่งที่เหลือในปีงบประมาณนี้"

# --- ชุดเอกสารส่ง สพฐ. (the OBEC package) ---------------------------------------------------------
PKG_SCORES_HEAD = ("ประเภท", "รหัส", "ชื่อ", "ผู้รับผิดชอบ", "คะแนน", "ระดับคุณภาพ")
PKG_KIND_INDICATOR = "ตัวบ่งชี้"
PKG_KIND_STANDARD = "มาตรฐาน"
PKG_KIND_OFFICE = "สำนักงาน"
PKG_EVIDENCE_HEAD = ("รายการ", "กลุ่ม", "หลักฐานอ้างอิง", "ลิงก์")
PKG_SCORES_SHEET = "คะแนน"
PKG_EVIDENCE_SHEET = "หลักฐาน"
PKG_OUTPUTS_TITLE = "สรุปผลงานที่ประสบผลสำเร็จ {fy}"
PKG_OUTPUTS_NONE = "ยังไม่มีผลงานที่ประสบผลสำเร็จที่ข้อมูลถูกต้อง"
PKG_OUTPUTS_HEAD = ("ที่", "ผลงาน", "กลุ่ม", "ตัวบ่งชี้", "หลักฐาน")
EMES_TITLE = "รายงานผลการดำเนินงาน{indicator} สำหรับระบบ e-MES"
EMES_ROUND = "รอบการรายงาน: {round}"
EMES_SCORE = "ผลการประเมินตัวบ่งชี้: {score} ระดับ{label}"
EMES_HEAD = ("กลุ่มที่รับผิดชอบ", "เป้าหมาย", "ผลการดำเนินงาน", "ระดับ", "หลักฐาน")
