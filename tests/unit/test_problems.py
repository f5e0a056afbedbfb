"""The catalogue of row problems (sheetsync.core.problems): defined once, formatted strictly, used
everywhere a problem is built, and listed in README exactly as the catalogue has it."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from string import Formatter

import pytest
from pydantic import ValidationError

from sheetsync.core import problems, thai
from sheetsync.core.rows import CellError, cell_error

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "sheetsync"
THAI_CHAR = re.compile(r"[\u0E00-\u0E7F]")

# The codes users' scripts and history rely on: renaming one is a breaking change, not a tidy-up.
STABLE_CODES = {
    "missing-tab", "missing-column", "duplicate-column", "unknown-code", "not-owned", "duplicate-code",
    "duplicate-title", "unknown-group", "missing-value", "type-error", "out-of-range", "invalid-date",
    "ambiguous-date", "formula-no-value", "unit-mismatch", "renamed-column",
    # what a valid row still lacks (issue 17): notices, the row stays valid
    "explanation-needed", "evidence-per-criterion", "unknown-criterion", "bad-link", "signoff-incomplete",
    "signoff-before-report", "signoff-edited",
}


# --- the catalogue ---------------------------------------------------------------------------------

def test_the_catalogue_has_the_stable_codes() -> None:
    assert problems.CODES == STABLE_CODES
    assert all(code == p.code for code, p in problems.PROBLEMS.items())


@pytest.mark.parametrize("code", sorted(problems.PROBLEMS))
def test_each_problem_is_described_in_thai(code: str) -> None:
    p = problems.problem(code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", p.code)
    for text in (p.name, p.expected):
        assert text.strip() == text and THAI_CHAR.search(text), (code, text)
    # The words of a template are Thai; a template may also be placeholders only ("{label}{expectation}").
    words = "".join(literal for literal, _, _, _ in Formatter().parse(p.template))
    assert not words.strip() or THAI_CHAR.search(words), (code, p.template)
    assert "|" not in p.name + p.expected, "README's table could not hold it"


@pytest.mark.parametrize("code", sorted(problems.PROBLEMS))
def test_each_template_formats_with_its_placeholders(code: str) -> None:
    p = problems.problem(code)
    values = {name: f"<{name}>" for name in p.fields}
    text = problems.message(code, **values)
    assert text == p.format(**values)
    for sample in values.values():
        assert sample in text
    assert "{" not in text and "}" not in text


@pytest.mark.parametrize("key", sorted(problems.EXPECTATIONS))
def test_each_expectation_formats_with_its_placeholders(key: str) -> None:
    names = {name for _, name, _, _ in Formatter().parse(problems.EXPECTATIONS[key]) if name}
    text = problems.expectation(key, **{n: 7 for n in names})
    assert "{" not in text and THAI_CHAR.search(text)


def test_an_unknown_code_raises() -> None:
    with pytest.raises(KeyError, match="unknown problem code 'type-eror'"):
        problems.message("type-eror", label="x", expectation="y", value="z")
    with pytest.raises(KeyError, match="unknown problem code"):
        problems.problem("")
    with pytest.raises(KeyError, match="unknown expectation 'numbr'"):
        problems.expectation("numbr")


def test_a_missing_or_unknown_placeholder_raises() -> None:
    with pytest.raises(ValueError, match=r"missing placeholders \['code'\]"):
        problems.message("unknown-code")
    with pytest.raises(ValueError, match=r"unknown placeholders \['cod'\]"):
        problems.message("unknown-code", code="1.1", cod="1.1")
    with pytest.raises(ValueError, match=r"missing placeholders \['first_row'\]"):
        problems.message("duplicate-code", code="1.1")
    with pytest.raises(ValueError, match=r"missing placeholders \['end', 'fy', 'start'\]"):
        problems.expectation("in-fiscal-year")
    with pytest.raises(ValueError, match=r"unknown placeholders \['count'\]"):
        problems.expectation("number", count=3)


# --- the wording (issue 15: what, where, and politely what is expected) -----------------------------

def test_messages_say_what_where_and_what_is_expected() -> None:
    assert problems.message("unknown-code", code="1.9") == \
        "ไม่พบรหัสตัวบ่งชี้ '1.9' ในมาตรฐานของปีนี้ กรุณากรอกรหัสตัวบ่งชี้ที่มีในมาตรฐาน เช่น 1.1 หรือ ๑.๑"
    assert problems.message("not-owned", code="2.2", group="กลุ่มอำนวยการ") == \
        "ตัวบ่งชี้ 2.2 ไม่ได้อยู่ในความรับผิดชอบของกลุ่มอำนวยการ กรุณาแก้เป็นรหัสตัวบ่งชี้ที่กลุ่มรับผิดชอบ หรือลบแถวนี้"
    assert problems.message("duplicate-code", code="2.2", first_row=2) == \
        "รหัสตัวบ่งชี้ 2.2 ซ้ำกับแถวที่ 2 (แต่ละตัวบ่งชี้กรอกได้แถวเดียว) กรุณารวมข้อมูลไว้ที่แถวที่ 2 แล้วลบแถวนี้"
    assert problems.message("duplicate-title", first_row=2) == \
        "ชื่อผลงานซ้ำกับแถวที่ 2 กรุณากรอกผลงานละหนึ่งแถว หรือตั้งชื่อผลงานให้ต่างกัน"
    assert problems.message("missing-column", label="หลักฐานอ้างอิง") == (
        "ไม่พบคอลัมน์ 'หลักฐานอ้างอิง' ในแถวหัวตาราง (แถวที่ 1) กรุณาพิมพ์หัวคอลัมน์ 'หลักฐานอ้างอิง' ให้ตรงตามเดิม "
        "หรือแจ้งผู้ประสานงานให้เพิ่มคอลัมน์")
    assert problems.message("duplicate-column", label="หลักฐานอ้างอิง") == (
        "มีคอลัมน์ 'หลักฐานอ้างอิง' มากกว่าหนึ่งคอลัมน์ในแถวหัวตาราง (แถวที่ 1) กรุณาเหลือไว้คอลัมน์เดียว "
        "โดยเปลี่ยนชื่อหรือลบคอลัมน์ที่ซ้ำ")
    assert problems.message("missing-tab", tab="นโยบายและแผน") == (
        "ไม่พบแท็บ 'นโยบายและแผน' ในไฟล์ตาราง หากกลุ่มเปลี่ยนชื่อแท็บ กรุณาเปลี่ยนกลับเป็นชื่อเดิม "
        "หรือรัน sheetsync setup เพื่อสร้างแท็บนี้")
    assert problems.message("type-error", label="ค่าเป้าหมาย", expectation=problems.expectation("number"),
                            value="ประมาณแปดสิบ") == \
        "ค่าเป้าหมายที่กรอกไว้ 'ประมาณแปดสิบ' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 85, ๘๕.๕ หรือ ร้อยละ 85"
    assert problems.message("out-of-range", label="วันที่รายงาน", value="30/9/2569", expectation=problems.expectation(
        "in-fiscal-year", fy="๒๕๗๐", start="๑ ต.ค. ๒๕๖๙", end="๓๐ ก.ย. ๒๕๗๐")) == \
        "วันที่รายงานที่กรอกไว้ '30/9/2569' อยู่นอกปีงบประมาณ ๒๕๗๐ กรุณากรอกวันที่ตั้งแต่ ๑ ต.ค. ๒๕๖๙ ถึง ๓๐ ก.ย. ๒๕๗๐"
    assert problems.message("unknown-group", label="กลุ่ม", value="กลุ่มการตลาด") == (
        "กลุ่มที่กรอกไว้ 'กลุ่มการตลาด' ไม่ตรงกับกลุ่มใดในสำนักงาน กรุณากรอกชื่อกลุ่มหรือชื่อแท็บของกลุ่ม "
        "เช่น กลุ่มนโยบายและแผน")
    assert problems.message("missing-value", label="หลักฐานอ้างอิง",
                            expectation=problems.expectation("required-when-reported")) == \
        "หลักฐานอ้างอิงยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย"
    assert problems.message("missing-value", label="รหัสตัวบ่งชี้", expectation=problems.expectation("required-code")) == \
        "รหัสตัวบ่งชี้ยังว่างอยู่ แต่แถวนี้มีข้อมูลกรอกไว้ กรุณากรอกรหัสตัวบ่งชี้ของแถว เช่น 1.1 หรือ ๑.๑"
    assert problems.message("unit-mismatch", label="ผลการดำเนินงาน", value="๓ วัน", unit="วัน", expected="คน",
                            example="๓") == \
        "ผลการดำเนินงานที่กรอกไว้ '๓ วัน': หน่วย 'วัน' ไม่ตรงกับหน่วยนับของตัวบ่งชี้ 'คน' กรุณากรอกเป็นตัวเลข เช่น ๓"


# The problems that carry an {expectation}: the expectation is the polite request; any other template is.
def _requests(code: str) -> list[str]:
    p = problems.problem(code)
    if "expectation" not in p.fields:
        return [p.template]
    return [p.template.replace("{expectation}", e) for e in problems.EXPECTATIONS.values()]


@pytest.mark.parametrize("code", sorted(problems.PROBLEMS))
def test_every_message_asks_politely(code: str) -> None:
    for text in _requests(code):
        assert "กรุณา" in text, (code, text)
        # "ต้อง..." orders; a message asks (กรุณา) and says why
        assert not re.search(r"(?<!ที่)ต้อง(?:เป็น|กรอก|มี|ระบุ|อยู่|ไม่)", text), (code, text)


@pytest.mark.parametrize("code", sorted(set(problems.PROBLEMS) - {"missing-tab"}))
def test_no_message_written_in_a_groups_tab_asks_it_to_run_a_command(code: str) -> None:
    # Only the coordinator runs sheetsync; a tab that is missing has nowhere to be written but their output.
    for text in _requests(code):
        assert "sheetsync" not in text and "รัน" not in text, (code, text)


@pytest.mark.parametrize("key", sorted(problems.EXPECTATIONS))
def test_every_expectation_says_what_is_wrong_then_asks(key: str) -> None:
    text = problems.EXPECTATIONS[key]
    assert "กรุณา" in text
    # what is wrong comes first (read on after the value found, or after "ยังว่างอยู่"), then the request
    assert not text.startswith("กรุณา") or key == "required", text


def test_the_value_found_is_cut_to_sixty_characters() -> None:
    number = problems.expectation("number")
    exactly = "ก" * 60
    assert problems.message("type-error", label="ผล", expectation=number, value=exactly).startswith(
        f"ผลที่กรอกไว้ '{exactly}' ไม่ใช่ตัวเลข")
    long = "ก" * 61
    assert problems.message("type-error", label="ผล", expectation=number, value=long).startswith(
        "ผลที่กรอกไว้ '" + "ก" * 57 + "...' ไม่ใช่ตัวเลข")
    assert problems.message("unit-mismatch", label="ผล", value="1", unit="ว" * 61, expected="วัน", example="๑") \
        .startswith("ผลที่กรอกไว้ '1': หน่วย '" + "ว" * 57 + "...'")
    assert problems.shorten(12.5) == "12.5"


# --- built through the catalogue, everywhere --------------------------------------------------------

def test_a_parse_error_and_a_cell_error_refuse_a_code_the_catalogue_lacks() -> None:
    with pytest.raises(KeyError):
        thai.ParseError("type-eror", "number")
    with pytest.raises(KeyError):
        thai.ParseError("type-error", "numbr")
    err = thai.ParseError("out-of-range", "criteria-range", count=4)
    assert (err.code, err.expectation, err.message) == ("out-of-range", "criteria-range",
                                                       "มีหมายเลขประเด็นที่ตัวบ่งชี้นี้ไม่มี กรุณากรอกหมายเลขประเด็น 1 ถึง 4")
    with pytest.raises(ValidationError):
        CellError(tab="t", cell="A1", row=1, column="code", value="", code="not-a-code", message="ข้อความ")
    built = cell_error("t", 3, 2, "code", "9.9", "unknown-code", code="9.9")
    assert (built.cell, built.row, built.column, built.value, built.code) == ("B3", 3, "code", "9.9", "unknown-code")
    assert built.message.startswith("ไม่พบรหัสตัวบ่งชี้ '9.9' ในมาตรฐานของปีนี้ กรุณา")


# Where a code or an expectation key is the literal argument of a call: (function name, argument index).
CODE_ARGS = {("cell_error", 5), ("bad", 1), ("ParseError", 0), ("message", 0), ("problem", 0)}
EXPECTATION_ARGS = {("ParseError", 1), ("expectation", 0)}


def _calls() -> list[tuple[str, str, int, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                found.append((str(path.relative_to(REPO)), name, node.lineno, node))
    return found


def _literals(args: set[tuple[str, int]]) -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for where, name, line, call in _calls():
        for fname, index in args:
            if name == fname and len(call.args) > index:
                arg = call.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    used.setdefault(arg.value, []).append(f"{where}:{line}")
    return used


def test_every_code_the_package_uses_is_in_the_catalogue_and_every_one_is_used() -> None:
    used = _literals(CODE_ARGS)
    unknown = {code: places for code, places in used.items() if code not in problems.CODES}
    assert not unknown, f"codes the catalogue lacks: {unknown}"
    assert set(used) == problems.CODES, f"never raised: {problems.CODES - set(used)}"


def test_every_expectation_the_package_uses_is_in_the_catalogue_and_every_one_is_used() -> None:
    used = _literals(EXPECTATION_ARGS)
    unknown = {key: places for key, places in used.items() if key not in problems.EXPECTATIONS}
    assert not unknown, f"expectations the catalogue lacks: {unknown}"
    assert set(used) == set(problems.EXPECTATIONS), f"never used: {set(problems.EXPECTATIONS) - set(used)}"


def test_cell_errors_are_built_only_through_the_catalogue() -> None:
    # Only rows.cell_error constructs a CellError: no free-form code and message anywhere else.
    builders: set[tuple[str, str]] = set()

    def visit(node: ast.AST, where: str, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            # CellError(...), and CellError.model_construct(...) or the like
            if isinstance(child, ast.Call) and "CellError" in {n.id for n in ast.walk(child.func) if isinstance(n, ast.Name)}:
                builders.add((where, f"{function or '<module>'} line {child.lineno}"))
            visit(child, where, inner)

    for path in sorted(PACKAGE.rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8")), str(path.relative_to(REPO)), "")
    outside = {b for b in builders if not (b[0] == "sheetsync/core/rows.py" and b[1].startswith("cell_error "))}
    assert not outside, f"CellError built outside rows.cell_error: {sorted(outside)}"
    assert any(b[1].startswith("cell_error ") for b in builders)


# --- README lists them ------------------------------------------------------------------------------

def readme_table() -> list[tuple[str, str, str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Row problems\n(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README has no '## Row problems' section"
    rows = []
    for line in match.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) == 3 and cells[0].startswith("`"):
            rows.append((cells[0].strip("`"), cells[1], cells[2]))
    return rows


def test_readme_lists_every_problem_as_the_catalogue_has_it() -> None:
    catalogue = [(p.code, p.name, p.expected) for p in problems.PROBLEMS.values()]
    listed = readme_table()
    assert [r[0] for r in listed] == [c[0] for c in catalogue], "README's codes and the catalogue's differ"
    for row, entry in zip(listed, catalogue, strict=True):
        assert row == entry, f"README's row for {entry[0]} differs from the catalogue"
