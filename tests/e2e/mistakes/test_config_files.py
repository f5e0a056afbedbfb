"""The corpus of mistakes, config files (issue 15, points 1 and 2): what a coordinator adopting another office
does to office.yaml, standards.yaml, calendar.yaml and committee.yaml, and what `check` (and `sync`, `doctor`,
`report`) answer.

- A file saved by an older Notepad as "ANSI" (Windows-874), as UTF-16 or as UTF-8 with a BOM is read as it is
  (never rewritten) and `check` says which encoding it read and how to save it as UTF-8; bytes that are no text
  are refused with the file and how to save it, exit 2, never a traceback.
- `check` lists every mistake of every file at once, references between files included, each with its file,
  line, a key path a person reads (`มาตรฐาน 1 > ตัวบ่งชี้ 1.2 > owners > รายการที่ 1`) and a Thai sentence.
- YAML's syntax errors are Thai, at the line the mistake is on; numbers take Thai digits; dates are said in
  B.E. and may be typed with a B.E. year; pydantic's English (patterns, literals) is a Thai sentence.
- Without committee.yaml, `check` warns and `report order|meeting|briefing` refuse, naming the file.

Each case copies the example config (tests.conftest.example_config), makes its mistakes with `edit`, and runs
one `sheetsync` subprocess.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sheetsync.core import vocab
from tests.support.cli import edit_config as edit
from tests.support.mistakes import Ran, assert_thai, run

DAY = "2027-04-05"




def line_of(folder: Path, name: str, needle: str) -> int:
    """The 1-based number of the one line of folder/name that contains `needle` (or, for "^...", that matches
    the regular expression), whatever the file's encoding."""
    lines = read(folder / name).splitlines()
    hits = [i for i, line in enumerate(lines, 1) if (re.match(needle, line) if needle.startswith("^") else needle in line)]
    assert len(hits) == 1, f"{needle!r} is on lines {hits} of {name}"
    return hits[0]


def read(path: Path) -> str:
    data = path.read_bytes()
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig")):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp874")


def save_as(path: Path, codec: str, bom: bytes = b"") -> bytes:
    """The file saved again by an editor in `codec` (CRLF line ends, as Windows editors write), its bytes."""
    data = bom + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode(codec)
    path.write_bytes(data)
    return data


def check(folder: Path) -> Ran:
    return run("--config", folder, "check")


def at(folder: Path, name: str, needle: str, where: str) -> str:
    """How a problem is placed in what the coordinator reads: `file:line [key path]`."""
    return f"{folder / name}:{line_of(folder, name, needle)} [{where}]"


# --- point 1: encodings ------------------------------------------------------------------------------

@pytest.mark.parametrize(("codec", "bom", "name"), [
    ("cp874", b"", "ภาษาไทยแบบ Windows-874"),
    ("utf-16-le", b"\xff\xfe", "UTF-16 LE"),
    ("utf-16-be", b"\xfe\xff", "UTF-16 BE"),
])
def test_a_file_saved_in_another_encoding_is_read_as_it_is_and_check_says_so(
        example_config: Path, codec: str, bom: bytes, name: str) -> None:
    saved = save_as(example_config / "office.yaml", codec, bom)
    ran = check(example_config)
    assert_thai(ran, 0, "การตั้งค่าถูกต้อง: สพป.นศ.๑", vocab.CFG_READ_AS.format(
        file=example_config / "office.yaml", encoding=vocab.CFG_ENCODING_NAMES[codec.replace("-", "_")]))
    assert name in ran.err and "การตั้งค่าถูกต้อง" not in ran.err  # a warning, on stderr
    assert vocab.CFG_SAVE_AS_UTF8 in ran.err  # how to save it as UTF-8
    assert (example_config / "office.yaml").read_bytes() == saved  # the coordinator's file, never rewritten


def test_a_short_thai_file_saved_as_ansi_is_read(example_config: Path) -> None:
    """A few Thai words in Windows-874 are what detectors miss (read as UTF-16 or Japanese): still read."""
    (example_config / "committee.yaml").write_bytes(
        "title: คณะทำงาน\nmembers:\n  - {name: นายสมชาย ใจดี, role: ประธาน}\n".encode("cp874"))
    ran = check(example_config)
    assert_thai(ran, 0, f"{example_config / 'committee.yaml'} บันทึกด้วยการเข้ารหัส ภาษาไทยแบบ Windows-874")


def test_utf8_with_a_bom_and_windows_line_ends_is_read_without_a_warning(example_config: Path) -> None:
    save_as(example_config / "calendar.yaml", "utf-8", b"\xef\xbb\xbf")
    ran = check(example_config)
    assert_thai(ran, 0, "การตั้งค่าถูกต้อง")
    assert "บันทึกด้วยการเข้ารหัส" not in ran.err


@pytest.mark.parametrize("command", [("check",), ("sync", "--today", DAY), ("doctor",)])
def test_a_file_that_is_no_text_is_refused_with_how_to_save_it(example_config: Path, command: tuple[str, ...]) -> None:
    (example_config / "standards.yaml").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\xdb\xdc\xfc\xfd\xff" * 20)  # a .docx
    ran = run("--config", example_config, *command)
    assert_thai(ran, 2, f"{example_config / 'standards.yaml'}: {vocab.CFG_NOT_UTF8.format(how=vocab.CFG_SAVE_AS_UTF8)}")


def test_sync_reads_an_office_whose_files_are_ansi_and_utf16(demo_dir: Path) -> None:
    save_as(demo_dir / "office.yaml", "cp874")
    save_as(demo_dir / "standards.yaml", "utf-16-le", b"\xff\xfe")
    ran = run("--config", demo_dir, "sync", "--today", DAY)
    assert_thai(ran, 0)


def test_a_control_character_pasted_into_a_file_is_reported_at_its_line(example_config: Path) -> None:
    edit(example_config, "office.yaml", "  phone: ", "  phone: \x1b")
    ran = check(example_config)
    assert_thai(ran, 2, f"{example_config / 'office.yaml'}:{line_of(example_config, 'office.yaml', 'phone:')}: "
                        + vocab.CFG_CONTROL_CHAR.format(char="U+001B"))


# --- point 2: every mistake at once --------------------------------------------------------------------

def test_four_mistakes_in_three_files_are_all_listed(example_config: Path) -> None:
    """The misspelt group code used to show only after the rest was fixed."""
    cfg = example_config
    edit(cfg, "office.yaml", "  timezone: Asia/Bangkok", "  time_zone: Asia/Bangkok")  # a key misspelt
    edit(cfg, "standards.yaml", "owners: [teacher_dev]", "owners: [teachers]")  # a group code misspelt
    edit(cfg, "standards.yaml", "method: target_percent\n        unit: ร้อยละของงบ",
         "method: target\n        unit: ร้อยละของงบ")  # a scoring method misspelt
    edit(cfg, "calendar.yaml", "    due: 2027-03-31", "    due: 2027-02-28")  # due before it opens
    ran = check(cfg)
    assert_thai(ran, 2, "การตั้งค่าไม่ถูกต้อง ๔ จุด:",
                at(cfg, "office.yaml", "time_zone", "office > time_zone") + ": ไม่รู้จักคีย์นี้: หมายถึง timezone หรือไม่",
                at(cfg, "standards.yaml", "teachers", "มาตรฐาน 1 > ตัวบ่งชี้ 1.2 > owners > รายการที่ 1")
                + ": ไม่พบกลุ่ม 'teachers' ในรายชื่อกลุ่ม (office.yaml: groups): หมายถึง 'teacher_dev' หรือไม่",
                at(cfg, "standards.yaml", "^ +method: target$", "มาตรฐาน 2 > ตัวบ่งชี้ 2.2 > method")
                + ": วิธีให้คะแนนต้องเป็น criteria, target_percent หรือ self_rated (พบ 'target')",
                at(cfg, "calendar.yaml", "due: 2027-02-28", "รอบ round6 > due")
                + ": วันครบกำหนด (๒๘ ก.พ. ๒๕๗๐) อยู่ก่อนวันเปิดรับรายงาน (๑ มี.ค. ๒๕๗๐)")
    # file by file, line by line
    places = re.findall(r"^  - (\S+?):(\d+) ", ran.err, re.M)
    assert [Path(f).name for f, _ in places] == ["office.yaml", "standards.yaml", "standards.yaml", "calendar.yaml"]


def test_references_are_checked_while_another_file_has_a_syntax_error(example_config: Path) -> None:
    """A YAML mistake in calendar.yaml and a missing key in office.yaml do not hide the committee's and the
    standards' references to codes that do not exist."""
    cfg = example_config
    edit(cfg, "calendar.yaml", "    name: รายงานผลการดำเนินงานรอบ ๖ เดือน", "    name รายงานผลการดำเนินงานรอบ ๖ เดือน")
    edit(cfg, "office.yaml", "  short_name: สพป.นศ.๑\n", "")
    edit(cfg, "standards.yaml", "owners: [policy, legal]", "owners: [policy, legel]")
    edit(cfg, "committee.yaml", 'indicators: ["2.4"]', 'indicators: ["2.5"]')
    ran = check(cfg)
    assert_thai(ran, 2, "การตั้งค่าไม่ถูกต้อง ๔ จุด:",
                at(cfg, "office.yaml", "office:", "office > short_name") + ": ขาดคีย์ที่ต้องมี: short_name",
                at(cfg, "standards.yaml", "legel", "มาตรฐาน 1 > ตัวบ่งชี้ 1.3 > owners > รายการที่ 2")
                + ": ไม่พบกลุ่ม 'legel'",
                # the key without its colon, at its own line (PyYAML marks the next one)
                f"{cfg / 'calendar.yaml'}:{line_of(cfg, 'calendar.yaml', 'name รายงานผล')}: "
                + vocab.CFG_YAML_SYNTAX.format(problem=vocab.CFG_YAML_PROBLEMS["no_colon"]),
                at(cfg, "committee.yaml", '"2.5"', "กรรมการ นางรัชนี ชูแก้ว > indicators > รายการที่ 1")
                + ": ไม่พบตัวบ่งชี้ '2.5': หมายถึง '2.4' หรือไม่")


def test_an_indicator_no_group_owns_is_said(example_config: Path) -> None:
    edit(example_config, "standards.yaml", "owners: [teacher_dev]", "owners: [teacherdev]")
    ran = check(example_config)
    assert_thai(ran, 2, at(example_config, "standards.yaml", "teacherdev", "มาตรฐาน 1 > ตัวบ่งชี้ 1.2 > owners > รายการที่ 1"),
                vocab.CFG_NO_OWNER.strip())


@pytest.mark.parametrize("command", [("sync", "--today", DAY), ("doctor",)])
def test_sync_and_doctor_list_the_same_mistakes(example_config: Path, command: tuple[str, ...]) -> None:
    edit(example_config, "office.yaml", "tab: นโยบายและแผน", "tab: นโยบาย/แผน")
    edit(example_config, "standards.yaml", "owners: [finance]", "owners: [finanse]")
    ran = run("--config", example_config, *command)
    assert_thai(ran, 2, at(example_config, "office.yaml", "นโยบาย/แผน", "กลุ่ม policy > tab"),
                at(example_config, "standards.yaml", "finanse", "มาตรฐาน 2 > ตัวบ่งชี้ 2.2 > owners > รายการที่ 1"))


# --- committee.yaml missing ------------------------------------------------------------------------------

def test_check_warns_when_committee_yaml_is_missing(example_config: Path) -> None:
    (example_config / "committee.yaml").unlink()
    ran = check(example_config)
    assert_thai(ran, 0, "การตั้งค่าถูกต้อง", vocab.CLI_WARNING.format(warning=vocab.CFG_COMMITTEE_MISSING))


@pytest.mark.parametrize("kind", ["order", "meeting", "briefing"])
def test_documents_that_list_the_committee_refuse_without_it(example_config: Path, kind: str) -> None:
    (example_config / "committee.yaml").unlink()
    ran = run("--config", example_config, "report", kind)
    assert_thai(ran, 2, f"{example_config / 'committee.yaml'}: ไม่พบไฟล์ committee.yaml: เอกสาร {kind} "
                        f"({vocab.CFG_COMMITTEE_DOCUMENTS[kind]})")
    assert not (example_config / "out").exists() or not any((example_config / "out").iterdir())  # no empty order


# --- YAML syntax, at the line the mistake is on --------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "needle", "kind"), [
    # a colon inside an unquoted Thai name
    ("name: รายงานผลการดำเนินงานรอบ ๖ เดือน", "name: รอบที่ 1: รายงานผล", "รอบที่ 1:", "colon"),
    # a key without its colon: PyYAML stops at the next line, the message is at this one
    ("    requires: office\n", "    requires office\n", "requires office", "no_colon"),
    # the Tab key used to indent
    ("    grace_days: 10\n    followup_days: 7\n  - code: round12",
     "    grace_days: 10\n\tfollowup_days: 7\n  - code: round12", "\tfollowup_days", "tab"),
    # a quote opened and never closed: reported where it opens, not at the end of the file
    ("name: ส่งรายงานการประเมินตนเอง (SAR) ต่อ สพฐ.", 'name: "ส่งรายงานการประเมินตนเอง (SAR) ต่อ สพฐ.',
     '"ส่งรายงาน', "quote"),
    # a list's bracket never closed
    ("    requires: targets\n", "    requires: targets\n    covers: [admin, policy\n", "covers: [admin", "bracket"),
    # a key indented one space short
    ("    due: 2027-08-31\n", "   due: 2027-08-31\n", "   due: 2027-08-31", "indent"),
])
def test_a_yaml_syntax_error_is_thai_at_the_line_of_the_mistake(example_config: Path, old: str, new: str,
                                                               needle: str, kind: str) -> None:
    edit(example_config, "calendar.yaml", old, new)
    message = vocab.CFG_YAML_PROBLEMS[kind]
    if kind == "quote":
        message = message.format(quote='"')
    elif kind == "bracket":
        message = message.format(open="[", close="]")
    ran = check(example_config)
    assert_thai(ran, 2, f"{example_config / 'calendar.yaml'}:{line_of(example_config, 'calendar.yaml', needle)}: "
                        + vocab.CFG_YAML_SYNTAX.format(problem=message))
    assert "mapping values" not in ran.err and "could not find" not in ran.err and "found character" not in ran.err


# --- numbers, dates, and pydantic's English -------------------------------------------------------------

def test_numbers_take_thai_digits(example_config: Path) -> None:
    cfg = example_config
    edit(cfg, "office.yaml", "fiscal_year: 2570", "fiscal_year: ๒๕๗๐")
    edit(cfg, "standards.yaml", "    weight: 40\n", "    weight: ๔๐\n")
    edit(cfg, "standards.yaml", "thresholds: {5: 100, 4: 90, 3: 80, 2: 70}", "thresholds: {๕: ๑๐๐, ๔: ๙๐, ๓: ๘๐, ๒: ๗๐}")
    edit(cfg, "standards.yaml", "{min: 4.50, name: ดีเยี่ยม}", "{min: ๔.๕๐, name: ดีเยี่ยม}")
    edit(cfg, "calendar.yaml", "remind_days: 10", "remind_days: ๑๐")
    assert_thai(check(cfg), 0, "การตั้งค่าถูกต้อง: สพป.นศ.๑ ปีงบประมาณ ๒๕๗๐")


def test_a_number_with_a_word_says_what_it_found(example_config: Path) -> None:
    edit(example_config, "standards.yaml", "    weight: 40\n", "    weight: ๔๐ คะแนน\n")
    assert_thai(check(example_config), 2, at(example_config, "standards.yaml", "๔๐ คะแนน", "มาตรฐาน 2 > weight")
                + ": ต้องเป็นตัวเลข (พบ '๔๐ คะแนน')")


def test_a_date_outside_the_fiscal_year_is_said_in_be(example_config: Path) -> None:
    edit(example_config, "calendar.yaml", "due: 2027-09-15", "due: 2027-10-15")
    assert_thai(check(example_config), 2, at(example_config, "calendar.yaml", "2027-10-15", "กำหนดการ sar > due")
                + ": วันที่ ๑๕ ต.ค. ๒๕๗๐ อยู่นอกปีงบประมาณ ๒๕๗๐ (๑ ต.ค. ๒๕๖๙ ถึง ๓๐ ก.ย. ๒๕๗๐)")


def test_a_date_typed_with_a_be_year_is_read_as_be(example_config: Path) -> None:
    """A year above 2400 is B.E., as the sheets read it: 2570-03-31 is 31 March 2027."""
    edit(example_config, "calendar.yaml", "due: 2027-03-31", "due: 2570-03-31")
    edit(example_config, "calendar.yaml", "opens: 2027-03-01", "opens: ๒๕๗๐-๐๓-๐๑")
    assert_thai(check(example_config), 0, "การตั้งค่าถูกต้อง")


@pytest.mark.parametrize(("file", "old", "new", "needle", "where", "message"), [  # needle: the line reported
    ("office.yaml", "code: policy", "code: plan team", "plan team", "กลุ่ม plan team > code",
     vocab.CFG_PATTERN_GROUP_CODE + " (พบ 'plan team')"),
    ("standards.yaml", 'code: "2.3"', "code: 2.3", "code: 2.3", "มาตรฐาน 2 > ตัวบ่งชี้ 2.3 > code",
     "ต้องเป็นข้อความ (พบ '2.3') ใส่ค่าในเครื่องหมายคำพูด เช่น \"2.3\""),
    ("committee.yaml", "role: รองประธาน}", "role: รองประธานกรรมการ}", "รองประธานกรรมการ",
     "กรรมการ นางสาวจันทร์เพ็ญ ศรีทอง > role",
     "บทบาทในคณะทำงานต้องเป็น ประธาน, รองประธาน, กรรมการ, กรรมการและเลขานุการ หรือ ผู้ช่วยเลขานุการ"),
    ("office.yaml", "  kind: xlsx", "  kind: excel", "^backend:", "backend", "kind ต้องเป็น xlsx หรือ gsheets (พบ 'excel')"),
])
def test_pydantic_english_becomes_a_thai_sentence(example_config: Path, file: str, old: str, new: str, needle: str,
                                                  where: str, message: str) -> None:
    edit(example_config, file, old, new)
    ran = check(example_config)
    assert_thai(ran, 2, at(example_config, file, needle, where) + ": " + message)
    assert "^[" not in ran.err and "Input should" not in ran.err and "' or '" not in ran.err
