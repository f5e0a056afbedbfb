"""Issue 8: the rest of the cycle's documents, rendered from a demo office synced twice, read back."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from sheetsync.cli.main import cli
from tests.support.cli import DEMO_DAY, invoke, report
from tests.support.pdf import assert_in_pdf, pdf_text


def test_brief_is_one_page(office: Path) -> None:
    paths = report(office, "brief")
    assert sorted(p.suffix for p in paths) == [".docx", ".html", ".pdf"]
    pdf = next(p for p in paths if p.suffix == ".pdf")
    assert len(PdfReader(pdf).pages) == 1
    assert_in_pdf(
        pdf_text(pdf), "รายงานผู้อำนวยการ", "ข้อมูล ณ วันที่ ๕ เมษายน ๒๕๗๐", "ระดับคุณภาพของสำนักงาน",
        "๔.๓๐ ระดับดีมาก (รายงานแล้ว ๗/๙ ตัวบ่งชี้)", "คะแนนคงที่ เทียบกับการตรวจข้อมูลเมื่อวันที่ ๕ เมษายน ๒๕๗๐",
        "กลุ่มอำนวยการ", "๑๐๐% (๓/๓)", "๔.๖๗ ดีเยี่ยม", "กลุ่มนโยบายและแผน", "๕๐% (๑/๒)", "หน่วยตรวจสอบภายใน", "๐% (๐/๑)",
        "เรื่องเร่งด่วน", "[เลยกำหนด]", "ตัวบ่งชี้ที่ ๓.๒", "ยังไม่ได้กำหนดเป้าหมาย", "ตัวบ่งชี้ที่ ๒.๔",
        "รอบการรายงาน", "รอบ ๖ เดือน: รายงานแล้ว", "ครบกำหนดวันที่ ๓๑ มีนาคม ๒๕๗๐",
        # round 6 is past due and in its grace: its new deadline is what comes next, not round 12
        "กำหนดส่งถัดไป", "รายงานผลการดำเนินงานรอบ ๖ เดือน วันที่ ๒๐ เมษายน ๒๕๗๐", "(อีก ๑๕ วัน)",
        "(กำหนดส่งใหม่ เดิมครบกำหนด ๓๑ มี.ค. ๒๕๗๐)",
    )


def test_brief_without_previous_run_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "d"), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    (pdf,) = report(tmp_path / "d", "brief", "--format", "pdf")
    assert_in_pdf(pdf_text(pdf), "ยังไม่มีผลการตรวจข้อมูลครั้งก่อนให้เปรียบเทียบ")


def test_brief_trend_compares_real_runs_only(office: Path, tmp_path: Path) -> None:
    copy = tmp_path / "o"
    shutil.copytree(office, copy)
    dry = invoke(CliRunner(), copy, "sync", "--dry-run", "--today", DEMO_DAY)
    assert dry.exit_code == 0, dry.output
    (pdf,) = report(copy, "brief", "--format", "pdf")
    assert_in_pdf(pdf_text(pdf), "คะแนนคงที่")


HYPERLINK = '=HYPERLINK("http://evil.example","คลิก")'


def test_obec_package(office: Path, tmp_path: Path) -> None:
    import csv
    import hashlib
    import io
    import json
    import zipfile

    import openpyxl

    copy = tmp_path / "o"
    shutil.copytree(office, copy)
    book = copy / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["นโยบายและแผน"]
    header = {c.value: c.column for c in ws[1]}
    ws.cell(2, header["ผลการดำเนินงาน"]).value = "ดำเนินการครบประเด็น ๑-๓"
    cell = ws.cell(2, header["หลักฐานอ้างอิง"])
    cell.value = HYPERLINK
    cell.data_type = "s"  # typed as text
    wb.save(book)
    assert invoke(CliRunner(), copy, "sync", "--today", DEMO_DAY).exit_code == 0

    (path,) = report(copy, "package")
    assert path.name == "obec-package-2570.zip"
    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    manifest = json.loads(files.pop("manifest.json"))
    assert set(manifest["files"]) == set(files)
    for name, data in files.items():
        assert manifest["files"][name] == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    assert {"sar-2570.pdf", "sar-2570.html", "outputs.pdf", "evidence.csv", "scores.csv", "scores.xlsx"} <= set(files)
    # The e-MES files are those of the closed rounds (test_package_rounds reads them); the manifest lists them.
    assert set(manifest["rounds"]) == {"round6", "round12"}
    assert {n for n in files if n.startswith("e-MES/")} == {n for r in manifest["rounds"].values() for n in r["files"]}

    evidence = list(csv.reader(io.StringIO(files["evidence.csv"].decode("utf-8-sig"))))
    assert any(row[3] == "'" + HYPERLINK for row in evidence)  # (row[1]: the criterion, issue 17)
    assert not any(c.startswith(("=", "+", "-", "@")) for row in evidence for c in row)
    scores = list(csv.reader(io.StringIO(files["scores.csv"].decode("utf-8-sig"))))
    assert scores[0] == ["ประเภท", "รหัส", "ชื่อ", "ผู้รับผิดชอบ", "คะแนน", "ระดับคุณภาพ"]
    assert scores[1][:4] == ["ตัวบ่งชี้", "1.1", "การบริหารจัดการที่ดี", "กลุ่มอำนวยการ, กลุ่มนโยบายและแผน"]
    assert scores[-1][:3] == ["สำนักงาน", "", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต ๑"]

    xlsx = openpyxl.load_workbook(io.BytesIO(files["scores.xlsx"]))
    rows = [[c.value for c in row] for row in xlsx["คะแนน"].iter_rows()]
    # the scores are numbers (two decimals shown), every other cell the CSV's text
    assert rows == [[float(c) if i == 4 and c and r else c or None for i, c in enumerate(row)]
                    for r, row in enumerate(scores)]
    assert all(c.data_type == "n" and c.number_format == "0.00" for c in xlsx["คะแนน"]["E"][1:] if c.value is not None)
    linked = [c for row in xlsx["หลักฐาน"].iter_rows() for c in row if c.value == HYPERLINK]
    assert linked and all(c.data_type == "s" for c in linked)

    outputs = tmp_path / "outputs.pdf"
    outputs.write_bytes(files["outputs.pdf"])
    assert_in_pdf(pdf_text(outputs), "สรุปผลงานที่ประสบผลสำเร็จ ปีงบประมาณ พ.ศ. ๒๕๗๐")
