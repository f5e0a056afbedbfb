"""The demo office's sample data: what its groups typed into their tabs by early April 2570.

This is data, not sheetsync's wording: names, results and dates as people type them (Thai digits,
two-digit years and the typical mistakes included), so it is kept apart from the vocabulary modules.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

# group tab -> indicator code -> column key -> what the group typed
GROUP_ENTRIES: dict[str, dict[str, dict[str, Any]]] = {
    "อำนวยการ": {
        "1.1": {"target": "ผู้บริหารใช้ข้อมูลสารสนเทศและแผนในการบริหารครบทุกประเด็น", "result": "ดำเนินการตามประเด็นที่ ๑, ๒ และ ๔",
                "criteria_met": "๑,๒,๔", "owner": "นางวันเพ็ญ รักษ์ถิ่น", "reported_on": "๒๐ มี.ค. ๒๕๗๐",
                "evidence": "1: https://drive.example/nst1/1.1-plan\n2: https://drive.example/nst1/1.1-data\n"
                            "4: รายงานการประชุมผู้บริหาร ครั้งที่ ๒/๒๕๗๐"},
        "2.4": {"target": "ให้บริการแล้วเสร็จภายใน ๓ วันต่อเรื่อง", "target_value": "๓", "unit": "วัน",
                "result": "2.5", "evidence": "สรุปสถิติงานสารบรรณ ไตรมาส ๒", "owner": "นางวันเพ็ญ รักษ์ถิ่น",
                "reported_on": "25/3/2570"},
        "3.1": {"target": "มีผลงานที่เป็นแบบอย่าง ๕ ผลงาน", "result": "คัดเลือกผลงานเด่น ๕ ผลงาน",
                "self_level": "5", "justification": "ทุกผลงานผ่านการคัดกรองของคณะทำงาน",
                "evidence": "แท็บผลงานที่ประสบผลสำเร็จ", "owner": "นางสาวพิมพ์ชนก ศรีสุข", "reported_on": "2027-03-30"},
    },
    "นโยบายและแผน": {
        "1.1": {"target": "ใช้แผนเป็นเครื่องมือในการบริหาร", "result": "ดำเนินการครบประเด็น ๑-๓", "criteria_met": "1-3",
                "evidence": "๑: แผนปฏิบัติการประจำปี ๒๕๗๐\n๒: คำสั่งที่ ๑๒/๒๕๗๐\n๓: https://drive.example/nst1/policy-1.1",
                "owner": "นายประเสริฐ แก้วมณี", "reported_on": "18/03/2570"},
        "1.3": {"target": "สถานศึกษามีส่วนร่วมในการบริหาร", "result": "ประชุมเครือข่ายครบทุกอำเภอ", "criteria_met": "1,2",
                "owner": "นายประเสริฐ แก้วมณี", "reported_on": "๒๘ มีนาคม ๒๕๗๐"},  # evidence forgotten
    },
    "บริหารงานบุคคล": {
        "2.3": {"target": "บริหารงานบุคคลตามหลักคุณธรรมครบทุกประเด็น", "result": "ดำเนินการแล้ว ๔ ประเด็น",
                "criteria_met": "1,2,3,5", "evidence": "1-3: รายงาน ก.ค.ศ. ไตรมาส ๒\n5: https://drive.example/nst1/hr-5",
                "owner": "นางสุนีย์ ทองคำ", "reported_on": "15/3/2570"},  # reported, not signed by the head yet
    },
    "การเงินและสินทรัพย์": {
        "2.2": {"target": "เบิกจ่ายงบประมาณไม่น้อยกว่าร้อยละ ๙๕", "target_value": "ร้อยละ 95", "unit": "ร้อยละ",
                "result": "๙๒.๕", "evidence": "รายงานผลการเบิกจ่าย GFMIS", "owner": "นางอรุณี เพชรรัตน์",
                "reported_on": date(2027, 3, 29), "signed_by": "นางอรุณี เพชรรัตน์",
                "signed_on": date(2027, 3, 30)},
    },
    "ส่งเสริมการจัดการศึกษา": {
        "2.1": {"target": "ส่งเสริมงานวิชาการครบทุกประเด็น", "result": "ดำเนินการ ๕ ประเด็น", "criteria_met": "1,2,3,4,6",
                "evidence": "ข้อ 1-4: รายงานโครงการส่งเสริมวิชาการ", "owner": "นายวิชัย บุญมา", "reported_on": "๒๑/๓/๒๕๗๐"},  # criterion 6 met without its evidence
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
                "evidence": "3: https://drive.example/nst1/ict-dltv\n4: https://drive.example/nst1/ict-training\n"
                            "6: รายงานการนิเทศทางไกล", "owner": "นายอนุชา มีสุข", "reported_on": "2027-03-28"},  # level 2 and no explanation yet
    },
    "กฎหมายและคดี": {
        "1.3": {"target": "เผยแพร่ความรู้ด้านกฎหมายแก่สถานศึกษา", "result": "ดำเนินการครบทุกประเด็น",
                "criteria_met": "ผ่านทุกข้อ", "owner": "นายสุรชัย นิลวงศ์", "reported_on": datetime(2027, 3, 24),
                "evidence": "1: คู่มือกฎหมายสำหรับสถานศึกษา\n2: https://drive.example/nst1/legal-web\n3: รายงานการอบรม ครั้งที่ ๑/๒๕๗๐"},
    },
    "ตรวจสอบภายใน": {
        "2.4": {"target": "ตรวจสอบภายในแล้วเสร็จภายใน ๓ วัน", "target_value": 3, "unit": "วัน", "result": "2",
                "evidence": "รายงานผลการตรวจสอบ", "owner": "นางรัชนี ชูแก้ว", "reported_on": "3/3/70"},  # 2-digit year
    },
}
# What the demo's office.yaml says beyond the example's (app.demo): two groups' heads sign off the
# figures (one has, one has not yet), and two groups read their digests in a chat (the demo sends none: notify is off until a token is set).
DEMO_SETTINGS = """
# ตัวอย่างสำนักงาน (sheetsync demo): สองกลุ่มให้หัวหน้ากลุ่มรับรองข้อมูล (signoff ของกลุ่ม)
# และสองกลุ่มรับสรุปทาง LINE และ Google Chat
explain_below: 3
notify:
  enabled: false  # ใส่ SHEETSYNC_LINE_TOKEN และ SHEETSYNC_CHAT_TEACHER ใน sheetsync.env แล้วเปลี่ยนเป็น true
  email: always
  line: {token_env: SHEETSYNC_LINE_TOKEN}
"""
# group code -> the settings the demo adds to the group in office.yaml
DEMO_GROUP_SETTINGS = {
    "supervision": "    line_group: C4f1c2a7d9e8b6a5c3d2e1f0a9b8c7d6e\n",
    "teacher_dev": "    chat_webhook_env: SHEETSYNC_CHAT_TEACHER\n",
    "personnel": "    signoff: required\n",
    "finance": "    signoff: required\n",
}
EXTRA_ROWS = {
    "ศึกษาทางไกลและไอซีที": [{"code": "2.9", "title": "ตัวบ่งชี้ที่พิมพ์เพิ่มเอง", "result": "ทดลองระบบใหม่",
                               "evidence": "-", "reported_on": "๑ เม.ย. ๒๕๗๐"}],
}
OUTPUTS: list[dict[str, str | int]] = [
    {"no": 1, "group": "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา", "title": "ระบบนิเทศออนไลน์ NST1 Coaching",
     "description": "นิเทศ ติดตามสถานศึกษาผ่านระบบออนไลน์ครบทุกโรงเรียน", "indicators": "2.1, 3.1",
     "evidence": "https://drive.example/nst1/coaching"},
    {"no": 2, "group": "การเงินและสินทรัพย์", "title": "เบิกจ่ายงบประมาณทันเวลา",
     "description": "ใช้แดชบอร์ดติดตามการเบิกจ่ายรายสัปดาห์", "indicators": "2.2",
     "evidence": '=HYPERLINK("https://drive.example/nst1/budget")'},  # looks like a formula: stays text
    {"no": 3, "group": "กลุ่มพัฒนาครู", "title": "ชุมชนการเรียนรู้ทางวิชาชีพ",
     "description": "ครูแกนนำ ๑๒๐ คน", "indicators": "1.2"},  # unknown group name, no evidence
]
