"""How a config file's bytes become text and its mistakes Thai sentences (issue 15, points 1 and 2), in process:
the encodings an office's editor writes, YAML's errors of both PyYAML parsers at the line of the mistake, key
paths a person reads, Thai digits and B.E. dates, and the example config's comments in Thai.

The corpus (tests/e2e/mistakes/test_config_files.py) runs the same mistakes through the command line.
"""

from __future__ import annotations

import random
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from sheetsync.core import vocab
from sheetsync.core.errors import ConfigError, ConfigProblem
from sheetsync.core.models import Indicator, Milestone, OfficeInfo, config_date, thai_number
from sheetsync.store.config import (
    NotText,
    decode_config,
    load_office,
    read_config_text,
    standards_warning,
    yaml_problem,
)
from tests.support.cli import edit_config as edit

REPO = Path(__file__).resolve().parents[2]
THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    target = tmp_path / "config"
    shutil.copytree(REPO / "config", target)
    return target




def problems_of(folder: Path) -> list[ConfigProblem]:
    with pytest.raises(ConfigError) as info:
        load_office(folder)
    return info.value.problems


# --- encodings -------------------------------------------------------------------------------------------

SHORT = ["title: คณะทำงาน\n", "a: ก\n", "name: น้ำ “ผู้อำนวยการ” – ๒๕๗๐\r\n",
         (REPO / "config" / "committee.yaml").read_text(encoding="utf-8")]


@pytest.mark.parametrize("text", SHORT)
@pytest.mark.parametrize(("codec", "bom", "read_as"), [
    ("utf-8", b"", None), ("utf-8", b"\xef\xbb\xbf", None), ("cp874", b"", "cp874"),
    ("utf-16-le", b"\xff\xfe", "utf_16_le"), ("utf-16-be", b"\xfe\xff", "utf_16_be"),
    ("utf-16-le", b"", "utf_16_le"),  # no BOM: read when the reading is plausible Thai
])
def test_every_encoding_an_editor_writes_is_read(text: str, codec: str, bom: bytes, read_as: str | None) -> None:
    decoded = decode_config(bom + text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == read_as


def test_tis620_bytes_are_read_as_windows_874() -> None:
    assert decode_config("ปฏิทิน: ทดสอบ\n".encode("tis_620")).text == "ปฏิทิน: ทดสอบ\n"


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03\xff\xfe\xfd" * 10,  # binary
    b"title: \xdb\xdc\xfc\xfd\n",  # bytes that Windows-874 does not define
    "title: é ü ß\n".encode("cp1252"),  # Western European: no Thai office's editor
    "ชื่อ".encode() + b"\xe0\x41",  # UTF-8 broken in the middle
    b"\xef\xbb\xbftitle: \xff\n",  # a UTF-8 BOM before bytes that are no UTF-8
    b"\xff\xfe\x00\x00t\x00\x00\x00",  # UTF-32
])
def test_bytes_that_are_no_text_are_refused(data: bytes) -> None:
    with pytest.raises(NotText):
        decode_config(data)


def test_random_bytes_are_refused() -> None:
    rng = random.Random(15)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(8, 300)))
        with pytest.raises(NotText):
            decode_config(data)


def test_a_file_read_as_windows_874_is_said_and_left_as_it_is(cfg: Path) -> None:
    path = cfg / "office.yaml"
    data = path.read_text(encoding="utf-8").encode("cp874")
    path.write_bytes(data)
    office = load_office(cfg)
    assert office.office.name.startswith("สำนักงานเขตพื้นที่การศึกษา")
    assert office.file_encodings == {str(path): "cp874"}
    warning = standards_warning(office)
    assert warning is not None
    assert warning.lines[0] == vocab.CFG_READ_AS.format(file=path, encoding=vocab.CFG_ENCODING_NAMES["cp874"])
    assert warning.fix.startswith(vocab.CFG_SAVE_AS_UTF8)
    assert path.read_bytes() == data


def test_a_command_that_writes_the_file_anew_reads_it_as_load_office_does(cfg: Path) -> None:
    """new-year rewrites office.yaml and calendar.yaml: an ANSI file is read, bytes that are no text refused."""
    path = cfg / "calendar.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp874"))
    assert read_config_text(path).text == text
    path.write_bytes(b"\xdb\xdc\x00")
    with pytest.raises(ConfigError) as info:
        read_config_text(path)
    assert info.value.problems[0].file == str(path) and "UTF-8" in info.value.problems[0].message


def test_an_indicator_no_group_owns_is_said(cfg: Path) -> None:
    edit(cfg, "standards.yaml", "owners: [teacher_dev]", "owners: []")
    (problem,) = problems_of(cfg)
    assert (problem.where, problem.message) == ("มาตรฐาน 1 > ตัวบ่งชี้ 1.2 > owners", vocab.CFG_NO_OWNERS)


def test_a_missing_committee_file_is_a_warning(cfg: Path) -> None:
    (cfg / "committee.yaml").unlink()
    warning = standards_warning(load_office(cfg))
    assert warning is not None and warning.lines[0] == vocab.CFG_COMMITTEE_MISSING
    assert "committee.yaml" in warning.fix


# --- YAML's errors, both parsers ------------------------------------------------------------------------

YAML_MISTAKES = [
    # (text, the line of the mistake, the kind of message)
    ("a:\n  b: รอบที่ 1: x\n", 2, "colon"),
    ("a:\n  b x\n  c: 1\n", 2, "no_colon"),  # PyYAML marks line 3
    ("a:\n  b: 1\n  c x\n", 3, "no_colon"),  # PyYAML marks the end of the file
    ("a:\n  b x\n  more\n  c: 1\n", 2, "no_colon"),
    ("a:\n  b: 1\n    c: 2\n", 3, "colon"),  # a key indented under another's value
    ("a:\n\tb: 1\n", 2, "tab"),
    ("a: 'x\nb: 1\nc: 2\n", 1, "quote"),  # PyYAML marks the end of the file
    ('a: "x\nb: 1\n', 1, "quote"),
    ("a: [x, y\nb: 1\n", 1, "bracket"),  # PyYAML marks line 2
    ("a: {x: 1\nb: 1\n", 1, "bracket"),
    ("a:\n  - b: 1\n    c: 2\n   d: 3\n", 4, "indent"),
    ("a:\n  -b: 1\n  - c: 2\n", 2, "dash"),
    ("a: *nope\n", 1, "alias"),
    ("a: `x`\n", 1, "char"),
    ("a: 1\n---\nb: 2\n", 2, "documents"),
    ('a: "x\\qy"\n', 1, "escape"),
]


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)],
                         ids=["python", "libyaml"])
@pytest.mark.parametrize(("text", "line", "kind"), YAML_MISTAKES)
def test_yaml_mistakes_are_thai_at_their_line(loader: type, text: str, line: int, kind: str) -> None:
    with pytest.raises(yaml.YAMLError) as info:
        yaml.load(text, Loader=loader)  # the safe loaders only
    at, message = yaml_problem(info.value, text)
    assert at == line, message
    template = vocab.CFG_YAML_PROBLEMS[kind]
    assert message.startswith(template.split("{")[0]), message
    assert THAI.search(message) and "YAML:" not in message  # not the untranslated fallback


# --- key paths, numbers, dates -------------------------------------------------------------------------

def test_key_paths_name_items_by_code_and_count_from_one(cfg: Path) -> None:
    edit(cfg, "office.yaml", "tab: นโยบายและแผน", "tab: นโยบาย:แผน")
    edit(cfg, "standards.yaml", "owners: [policy, legal]", "owners: [policy, legel]")
    edit(cfg, "calendar.yaml", "    due: 2027-03-31", "    due: 2027-02-28")
    edit(cfg, "standards.yaml", "{min: 2.50, name: ดี}", "{min: 2.50, name: ดี, max: 3}")
    where = {p.path: p.where for p in problems_of(cfg)}
    assert where == {
        "groups[1].tab": "กลุ่ม policy > tab",
        "standards[0].indicators[2].owners[1]": "มาตรฐาน 1 > ตัวบ่งชี้ 1.3 > owners > รายการที่ 2",
        "milestones[1].due": "รอบ round6 > due",
        "levels.bands[2].max": "levels > ช่วงคะแนน ดี > max",
    }


def test_str_of_a_problem_shows_the_readable_path() -> None:
    problem = ConfigProblem(file="office.yaml", line=3, path="groups[0].tab", where="กลุ่ม plan > tab", message="x")
    assert str(problem) == "office.yaml:3 [กลุ่ม plan > tab]: x"
    assert str(ConfigProblem(file="office.yaml", line=3, path="groups[0].tab", message="x")) == "office.yaml:3 [groups[0].tab]: x"


@pytest.mark.parametrize(("typed", "read"), [("๓๐", 30), ("๒๕๗๐", 2570), ("๔.๕๐", 4.5), ("-๑", -1), ("๑,๐๐๐", 1000),
                                             ("30", "30"), ("๓๐ คะแนน", "๓๐ คะแนน"), ("๙" * 40, "๙" * 40), (30, 30)])
def test_thai_digits_are_read_as_the_number_they_write(typed: object, read: object) -> None:
    assert thai_number(typed) == read


def test_models_take_thai_digits_where_a_number_is_expected() -> None:
    ind = Indicator.model_validate({"code": "1.1", "title": "x", "owners": ["a"], "weight": "๒", "method": "criteria",
                                    "criteria": ["a"], "thresholds": {"๕": "๑", "๔": "๐.๕"}})
    assert ind.weight == 2 and ind.thresholds == {5: 1.0, 4: 0.5}
    info = OfficeInfo.model_validate({"name": "x", "short_name": "x", "director": {"name": "x"},
                                      "coordinator": {"name": "x"}, "fiscal_year": "๒๕๗๐"})
    assert info.fiscal_year == 2570


@pytest.mark.parametrize(("typed", "read"), [
    (date(2027, 3, 31), date(2027, 3, 31)),
    (date(2570, 3, 31), date(2027, 3, 31)),  # YAML's 2570-03-31: a year above 2400 is B.E.
    ("2570-03-31", date(2027, 3, 31)),
    ("๒๕๗๐-๐๓-๓๑", date(2027, 3, 31)),
    ("31 มี.ค. 2570", date(2027, 3, 31)),
])
def test_config_dates_take_be_years(typed: object, read: date) -> None:
    assert config_date(typed) == read
    ms = Milestone.model_validate({"code": "r", "name": "x", "opens": typed, "due": typed})
    assert ms.due == read


def test_a_be_date_that_does_not_exist_is_refused_in_thai() -> None:
    with pytest.raises(ValueError, match="ไม่ใช่วันที่ที่มีอยู่จริง"):
        config_date(date(2572, 2, 29))  # 2029 is no leap year


# --- the example config's comments ----------------------------------------------------------------------

ENGLISH_PROSE = re.compile(r"\b(the|and|of|is|are|with|when|without|this|that|each|every)\b", re.I)


@pytest.mark.parametrize("name", ["office.yaml", "standards.yaml", "calendar.yaml", "committee.yaml"])
def test_the_example_configs_comments_are_thai(name: str) -> None:
    """The coordinator edits these files: every comment is in Thai (keys, values and commands stay as typed)."""
    lines = (REPO / "config" / name).read_text(encoding="utf-8").splitlines()
    comments = [line.split("#", 1)[1] for line in lines if "#" in line and not line.strip().startswith("- {")]
    prose = [c for c in comments if re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}", c) or THAI.search(c)]
    english = [c for c in prose if ENGLISH_PROSE.search(re.sub(r"`[^`]*`", "", c))]
    assert not english, english
    blocks = "\n".join(lines).split("\n\n")
    for block in blocks:
        text = " ".join(line.split("#", 1)[1] for line in block.splitlines() if line.lstrip().startswith("#"))
        if re.search("[A-Za-z]{4,} [a-z]{4,} [a-z]{4,}", text):
            assert THAI.search(text), block
