"""The documents rendered for real from the demo office: PDFs read back with pypdf, DOCX read back as XML.

The demo office is built once for the module (it renders the SAR, the memo and the order); a person
then types markup and a formula into a cell, syncs, and the SAR is rendered again from history.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from sheetsync.cli.main import cli
from sheetsync.core import vocab
from sheetsync.documents import render as reports
from sheetsync.documents.order import render_order
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from tests.support.cli import DEMO_DAY, REPO, invoke
from tests.support.pdf import (
    MEMBERS,
    assert_in_pdf,
    docx_text,
    docx_xml,
    embedded_fonts,
    images_in,
    links_in,
    pdf_text,
    squash,
)

POLICY = "นโยบายและแผน"
SCRIPT = "<script>alert('x')</script>"
FORMULA = '=IMPORTXML("http://evil.example","//a")'


# --- reading documents back -------------------------------------------------------------------------


# --- the demo office, rendered once ----------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("reports") / "demo"
    result = CliRunner().invoke(cli, ["demo", str(directory), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    return directory


@pytest.fixture(scope="module")
def typed_sar(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo where a person typed markup and a formula, synced, then `report sar` from history."""
    directory = tmp_path_factory.mktemp("typed") / "office"
    shutil.copytree(demo, directory)
    book = directory / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[POLICY]
    header = {c.value: c.column for c in ws[1]}
    ws.cell(2, header["ผลการดำเนินงาน"]).value = f"ดำเนินการครบประเด็น ๑-๓ {SCRIPT}"
    evidence = ws.cell(2, header["หลักฐานอ้างอิง"])
    evidence.value = FORMULA
    evidence.data_type = "s"  # typed as text, with a leading apostrophe
    wb.save(book)
    runner = CliRunner()
    synced = invoke(runner, directory, "sync", "--today", DEMO_DAY)
    assert synced.exit_code == 0, synced.output
    report = invoke(runner, directory, "report", "sar", "--out", str(directory / "again"))
    assert report.exit_code == 0, report.output
    return directory / "again"


# --- what the demo writes ---------------------------------------------------------------------------

def test_demo_writes_all_three_documents(demo: Path) -> None:
    out = demo / "out"
    assert sorted(p.name for p in out.iterdir()) == ["memo-0001.docx", "memo-0001.pdf", "order-2570.docx",
                                                     "order-2570.pdf", "sar-2570.docx", "sar-2570.html",
                                                     "sar-2570.pdf", vocab.DEMO_DIGESTS_DIR]
    with History(OfficeFolder(demo).history) as h:
        (run,) = h.runs()
        assert run.documents == [str(out / "memo-0001.pdf"), str(out / "memo-0001.docx")]  # the sync's memo
        (memo,) = h.memos()
        assert memo.number == 1 and memo.data["number"] == "ศธ ๐๔๐๔๑/๑"


def test_demo_prints_its_documents(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "d"), "--today", DEMO_DAY])
    assert result.exit_code == 0, result.output
    for name in ("memo-0001.pdf", "memo-0001.docx", "sar-2570.html", "sar-2570.pdf", "order-2570.pdf",
                 "order-2570.docx"):
        assert str((tmp_path / "d" / "out" / name).resolve()) in result.output
    assert "sheetsync report" in result.output


@pytest.mark.parametrize("name", ["memo-0001.pdf", "order-2570.pdf", "sar-2570.pdf"])
def test_pdfs_embed_only_sarabun(demo: Path, name: str) -> None:
    fonts = embedded_fonts(demo / "out" / name)
    assert set(fonts) == {"Sarabun", "Sarabun-Bold"}, fonts  # no system fallback font anywhere
    assert all(families == {"Sarabun"} for families in fonts.values()), fonts  # and the files really are Sarabun


def test_memo_pdf(demo: Path) -> None:
    text = pdf_text(demo / "out" / "memo-0001.pdf")
    assert_in_pdf(
        text, "บันทึกข้อความ", "ส่วนราชการ", "สพป.นศ.๑ กลุ่มอำนวยการ โทร. ๐ ๗๕๓๔ ๐๐๐๐", "ที่", "ศธ ๐๔๐๔๑/๑",
        "วันที่", "๕ เมษายน ๒๕๗๐",
        "เรื่อง", "ติดตามการรายงานผลการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา ปีงบประมาณ พ.ศ. ๒๕๗๐",
        "เรียน", "ตามคำสั่งสพป.นศ.๑ ที่ ๓๒๑/๒๕๖๙ ลงวันที่ ๑๕ ตุลาคม ๒๕๖๙",
        "รายงานผลการดำเนินงานรอบ ๖ เดือน ครบกำหนดเมื่อวันที่ ๓๑ มีนาคม ๒๕๗๐ (เลยกำหนดมาแล้ว ๕ วัน)",
        "๑. กลุ่มนโยบายและแผน", "ตัวบ่งชี้ที่ ๑.๓", "หลักฐานอ้างอิง (J3) ยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย",
        "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา", "ตัวบ่งชี้ที่ ๒.๑ การบริหารงานด้านวิชาการ",
        "ยังไม่ได้รายงานผลรอบ ๖ เดือน", "ช่องที่ต้องกรอก: ผลการดำเนินงาน, ประเด็นที่ผ่าน, หลักฐานอ้างอิง และ วันที่รายงาน",
        "ยังไม่ได้กำหนดเป้าหมาย", "๒๐ เม.ย. ๒๕๗๐",  # the new deadline, not 30 Nov 2569 "หน่วยตรวจสอบภายใน",
        "วันที่รายงาน (L2) ที่กรอกไว้ '3/3/70' มีปีเป็นเลข ๒ หลัก",
        # a row of no indicator of the group's: summarised per tab, with its row and the code found
        "แท็บ “ศึกษาทางไกลและไอซีที”", "รหัสตัวบ่งชี้ที่ไม่รู้จัก ๑ แถว (แถว ๓) พบ '2.9'",
        "จึงเรียนมาเพื่อโปรดทราบและดำเนินการ", "(นายสมชาย ใจดี)",
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต ๑",
    )
    assert "ขอแสดงความนับถือ" not in text  # an internal memo has no closing phrase
    assert images_in(demo / "out" / "memo-0001.pdf") == 0  # no emblem configured: its place stays blank


def test_order_pdf(demo: Path) -> None:
    path = demo / "out" / "order-2570.pdf"
    text = pdf_text(path)
    assert_in_pdf(
        text, "คำสั่งสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต ๑", "ที่ ๓๒๑/๒๕๖๙",
        "เรื่อง แต่งตั้งคณะทำงานการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา ปีงบประมาณ พ.ศ. ๒๕๗๐",
        "อาศัยอำนาจตามความในมาตรา ๓๗ แห่งพระราชบัญญัติระเบียบบริหารราชการกระทรวงศึกษาธิการ พ.ศ. ๒๕๔๖",
        *MEMBERS, "ประธาน", "รองประธาน", "คณะทำงานและเลขานุการ", "คณะทำงานและผู้ช่วยเลขานุการ", "รับผิดชอบตัวบ่งชี้ที่ ๑.๑, ๑.๓",
        "๑๓.", "โดยให้คณะทำงานมีหน้าที่ ดังนี้", "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป", "สั่ง ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๙",
        "(นายสมชาย ใจดี)",
    )
    assert images_in(path) == 0


def test_sar_pdf(demo: Path) -> None:
    path = demo / "out" / "sar-2570.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) >= 12
    assert reader.metadata.title == "รายงานการประเมินตนเอง ปีงบประมาณ พ.ศ. ๒๕๗๐ สพป.นศ.๑"
    text = pdf_text(path)
    assert_in_pdf(
        text, "รายงานการประเมินตนเอง", "(Self-Assessment Report : SAR)", "ปีงบประมาณ พ.ศ. ๒๕๗๐",
        "ข้อมูล ณ วันที่ ๕ เมษายน ๒๕๗๐", "คำนำ", "สารบัญ",
        "ส่วนที่ ๑ ข้อมูลพื้นฐาน", "ส่วนที่ ๒ ผลการดำเนินงานตามมาตรฐานและตัวบ่งชี้", "ส่วนที่ ๓ ผลงานที่ประสบผลสำเร็จ",
        "ส่วนที่ ๔ สรุปผล จุดเด่น จุดที่ควรพัฒนา และแนวทางการพัฒนา", "ภาคผนวก ก คำสั่งแต่งตั้งคณะทำงาน",
        "ภาคผนวก ข บัญชีหลักฐานอ้างอิง",
        # part 2: the overview, the charts (SVG text), an indicator's table
        "ภาพรวมสำนักงาน", "๔.๓๐", "ยังไม่สรุป", "๔/๙", "แผนภูมิที่ ๑ ระดับคุณภาพรายมาตรฐาน", "๕.๐๐ ดีเยี่ยม",
        "แผนภูมิที่ ๒ ความก้าวหน้าการรายงานผลรายกลุ่ม", "นิเทศ ติดตามและประเมินผล", "๑๐๐% (๓/๓)",
        "ตัวบ่งชี้ที่ ๒.๒ การบริหารงานด้านงบประมาณ", "เบิกจ่ายงบประมาณไม่น้อยกว่าร้อยละ ๙๕",
        "ได้ร้อยละ ๙๒.๕ จากเป้าหมายร้อยละ ๙๕ (ร้อยละ ๙๗.๓๗ ของเป้าหมาย)", "รายงานผลการเบิกจ่าย GFMIS",
        "กลุ่มบริหารงานการเงินและสินทรัพย์", "ผลการประเมินตัวบ่งชี้: ๔.๐๐ ดีมาก",
        # part 3, part 4, the appendices
        "ระบบนิเทศออนไลน์ NST1 Coaching", "จุดเด่น", "จุดที่ควรพัฒนา", "แนวทางการพัฒนา",
        "ประเด็นที่ ๕ ส่งเสริมการวิจัยเพื่อพัฒนาคุณภาพการศึกษา", "สั่ง ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๙",
        '=HYPERLINK("https://drive.example/nst1/budget")',  # a formula-looking cell, printed as text
    )
    # Thai page numbers, and the contents page points at them
    assert "๑๒" in text
    assert {"https://drive.example/nst1/1.1-plan", "https://drive.example/nst1/coaching"} <= links_in(path)
    assert not any(link.startswith("javascript") for link in links_in(path))


def test_sar_html_is_self_contained_and_escaped(demo: Path) -> None:
    html = (demo / "out" / "sar-2570.html").read_text(encoding="utf-8")
    style = html[html.index("<style>"):html.index("</style>")]
    # The @font-face rule survived as CSS: an autoescaped value (&#34;) would silently drop the font.
    assert '@font-face { font-family: "Sarabun"; src: url("data:font/ttf;base64,' in style
    assert "&#34;" not in style and "&quot;" not in style
    assert 'html { font-family: "Sarabun"; font-size: 16pt; }' in style
    assert "file://" not in html  # fonts embedded: the file opens anywhere
    assert "&#34;https://drive.example/nst1/budget&#34;" in html or "&quot;https://drive.example/nst1/budget" in html
    assert '<a href="https://drive.example/nst1/1.1-plan">' in html
    assert 'class="kw"' not in html  # keep-together spans are for the PDF only


def test_markup_and_formulas_typed_in_cells_come_out_as_text(typed_sar: Path) -> None:
    html = (typed_sar / "sar-2570.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "=IMPORTXML(&#34;http://evil.example&#34;,&#34;//a&#34;)" in html
    assert 'href="http://evil.example' not in html
    text = pdf_text(typed_sar / "sar-2570.pdf")
    assert_in_pdf(text, SCRIPT, FORMULA, "ดำเนินการครบประเด็น ๑-๓")
    assert "http://evil.example" not in links_in(typed_sar / "sar-2570.pdf")


# --- DOCX -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["memo-0001.docx", "order-2570.docx"])
def test_docx_sets_the_thai_font_for_complex_script(demo: Path, name: str) -> None:
    path = demo / "out" / name
    styles = docx_xml(path, "word/styles.xml")
    normal = styles[styles.index('w:styleId="Normal"'):]
    normal = normal[:normal.index("</w:style>")]
    for attr in ('w:cs="TH SarabunPSK"', 'w:ascii="TH SarabunPSK"', 'w:hAnsi="TH SarabunPSK"', 'w:bidi="th-TH"'):
        assert attr in normal, attr
    assert '<w:szCs w:val="32"/>' in normal and '<w:sz w:val="32"/>' in normal  # 16 pt
    body = docx_xml(path)
    runs = re.findall(r"<w:r>(.*?)</w:r>", body, flags=re.S)
    thai = [r for r in runs if re.search("[\u0e00-\u0e7f]", r)]
    assert thai and all('w:cs="TH SarabunPSK"' in r and "<w:szCs " in r and 'w:bidi="th-TH"' in r for r in thai)
    bold = [r for r in thai if "<w:b/>" in r]
    assert bold and all("<w:bCs/>" in r for r in bold)  # bold Thai needs the complex-script bold too
    assert '<w:pgMar w:top="850" w:right="1134" w:bottom="1134" w:left="1701"' in body  # left 3 cm, right 2 cm


def test_memo_docx_content(demo: Path) -> None:
    path = demo / "out" / "memo-0001.docx"
    text = docx_text(path)
    for expected in ("บันทึกข้อความ", "ส่วนราชการ", "ศธ ๐๔๐๔๑/๑", "๕ เมษายน ๒๕๗๐", "เรื่อง", "เรียน",
                     "ตัวบ่งชี้ที่ ๑.๓", "หลักฐานอ้างอิง (J3) ยังว่างอยู่ แถวนี้รายงานผลแล้ว กรุณากรอกช่องนี้ด้วย", "(นายสมชาย ใจดี)"):
        assert expected in text, expected
    body = docx_xml(path)
    assert 'w:val="thaiDistribute"' in body  # Word's Thai justification for body paragraphs
    assert '<w:u w:val="dotted"/>' in body  # the header lines' dotted fill
    assert "word/media/" not in "".join(zipfile.ZipFile(path).namelist())  # no emblem configured


def test_order_docx_content(demo: Path) -> None:
    text = docx_text(demo / "out" / "order-2570.docx")
    for expected in ("ที่ ๓๒๑/๒๕๖๙", "สั่ง ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๙", *MEMBERS):
        assert expected in text, expected


# --- configuration: emblem and font -----------------------------------------------------------------

def _office_with(tmp_path: Path, documents: str) -> Path:
    config = tmp_path / "office"
    shutil.copytree(REPO / "config", config)
    yaml = config / "office.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("documents:\n", "documents:\n" + documents, 1), encoding="utf-8")
    return config


def test_configured_emblem_is_placed(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    emblem = tmp_path / "office" / "emblem.png"
    config = _office_with(tmp_path, "  garuda: emblem.png\n")
    image = Image.new("RGB", (120, 140), "white")  # a test picture: sheetsync never draws one itself
    ImageDraw.Draw(image).ellipse((10, 10, 110, 130), fill="black")
    image.save(emblem)
    office = load_office(config)
    paths = render_order(office, config, tmp_path / "out")
    pdf, docx = paths
    assert images_in(pdf) == 1
    assert any(n.startswith("word/media/") for n in zipfile.ZipFile(docx).namelist())
    html = render_order(office, config, tmp_path / "out", ["html"])[0].read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html


def test_configured_font_is_embedded(tmp_path: Path) -> None:
    font = TTFont(str(reports.bundled_sarabun()[0]))
    for record in font["name"].names:  # the office's own font file, under its own name
        if record.nameID in (1, 4, 16):
            record.string = "Office Test Sarabun"
        elif record.nameID == 6:
            record.string = "OfficeTestSarabun"
    config = _office_with(tmp_path, "  font: fonts/office.ttf\n")
    (config / "fonts").mkdir()
    font.save(str(config / "fonts" / "office.ttf"))
    office = load_office(config)
    (pdf,) = render_order(office, config, tmp_path / "out", ["pdf"])
    fonts = embedded_fonts(pdf)
    # Regular and bold both come from the one file given (the bold synthesized from it).
    assert set(fonts) == {"Office-Test-Sarabun", "Office-Test-Sarabun-Bold"}, fonts
    assert all(families == {"Office Test Sarabun"} for families in fonts.values()), fonts


def test_missing_font_or_emblem_is_a_config_error(tmp_path: Path) -> None:
    config = _office_with(tmp_path, "  font: nope.ttf\n  garuda: garuda.svg\n")
    (config / "garuda.svg").write_text("<svg/>")
    result = invoke(CliRunner(), config, "check")
    assert result.exit_code == 2
    assert "office.yaml" in result.output and "[documents > font]" in result.output and "nope.ttf" in result.output
    assert "[documents > garuda]" in result.output and "PNG หรือ JPG" in result.output


def test_css_string_cannot_break_out() -> None:
    assert reports.css_string('TH "Sarabun" New') == '"TH \\"Sarabun\\" New"'
    assert "</style>" not in reports.css_string("x</style><script>")


# --- Thai line breaking -----------------------------------------------------------------------------

# Words without SARA AM, which pypdf cannot read back exactly (see squash).
WORDS = ["ครู", "เด็ก", "กิน", "ข้าว", "ไป", "เรียน", "ที่", "บ้าน", "สวย", "มาก", "ดี", "ใจ", "นก", "ปลา"]


def test_thai_lines_break_between_words(tmp_path: Path) -> None:
    """Pango with libthai: a Thai paragraph without spaces wraps, and only between words."""
    sequence = [WORDS[(i * 5) % len(WORDS)] for i in range(60)]
    text = "".join(sequence)
    office = load_office(REPO / "config")
    env = reports.environment(for_pdf=True)
    page = env.from_string('{% extends "base.html" %}{% block body %}<p style="width: 5cm">{{ t }}</p>'
                           '<p style="width: 2.2cm">{{ k }}</p>{% endblock %}')
    html = page.render(font_css=reports.font_css(reports.office_fonts(office, REPO / "config"), 16, False),
                       t=text, k="ระดับดีเยี่ยม ระดับดีมาก")
    pdf = reports.write_pdf(html, tmp_path / "lines.pdf", REPO / "config")
    lines = [line for line in PdfReader(pdf).pages[0].extract_text().split("\n") if line.strip()]
    body, levels = lines[:-4], lines[-4:]
    assert len(body) > 5  # it wrapped
    boundaries = {sum(len(w) for w in sequence[:i]) for i in range(len(sequence) + 1)}
    offset = 0
    for line in body:
        offset += len(line.strip())
        assert offset in boundaries, f"line broke inside a word: {line!r}"
    assert "".join(body).replace(" ", "") == text
    # A level's name is never split (libthai alone would break ดี|เยี่ยม); the line breaks before it.
    assert levels == ["ระดับ", "ดีเยี่ยม", "ระดับ", "ดีมาก"]


# --- `sheetsync report` -------------------------------------------------------------------------------

def test_report_commands_render_from_history_without_the_sheets(demo_dir: Path, runner, tmp_path: Path) -> None:
    (demo_dir / "office.xlsx").rename(demo_dir / "elsewhere.xlsx")  # the sheets are not read
    out = tmp_path / "docs"
    sar = invoke(runner, demo_dir, "report", "sar", "--format", "pdf", "--out", str(out))
    assert sar.exit_code == 0, sar.output
    assert sar.output.split() == [str(out / "sar-2570.pdf")]
    memo = invoke(runner, demo_dir, "report", "memo", "--out", str(out))
    assert memo.exit_code == 0, memo.output
    assert sorted(p.name for p in out.iterdir()) == ["memo-0001.docx", "memo-0001.pdf", "sar-2570.pdf"]
    assert_in_pdf(pdf_text(out / "memo-0001.pdf"), "ศธ ๐๔๐๔๑/๑")  # the number the sync issued
    order = invoke(runner, demo_dir, "report", "order", "--format", "docx", "--format", "html")
    assert order.exit_code == 0, order.output
    assert (demo_dir / "out" / "order-2570.html").exists()
    bad = invoke(runner, demo_dir, "report", "package", "--format", "docx")  # the package is a zip
    assert bad.exit_code == 2 and "docx" in bad.output and "Traceback" not in bad.output


def test_report_before_any_sync(example_config: Path, runner) -> None:
    result = invoke(runner, example_config, "report", "sar")
    assert result.exit_code == 2 and "sheetsync sync" in result.output and "Traceback" not in result.output
    order = invoke(runner, example_config, "report", "order", "--format", "pdf")  # the order needs no sync
    assert order.exit_code == 0, order.output
    assert (example_config / "out" / "order-2570.pdf").exists()


# --- the memo from the nightly sync -------------------------------------------------------------------

def sync(runner, config: Path, *args: str) -> dict:
    result = invoke(runner, config, "sync", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_same_situation_same_memo_new_situation_next_number(demo_dir: Path, runner) -> None:
    out = demo_dir / "out"
    first = (out / "memo-0001.pdf").stat().st_mtime_ns
    # Same day, same situation: nothing written, no new number.
    assert sync(runner, demo_dir, "--today", DEMO_DAY)["documents"] == []
    # The next night: one more day late, but the same items: still the same memo, not re-sent.
    assert sync(runner, demo_dir, "--today", "2027-04-06")["documents"] == []
    assert (out / "memo-0001.pdf").stat().st_mtime_ns == first
    # A dry run never writes a memo, even when the situation changed.
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["นิเทศ ติดตามและประเมินผล"]
    header = {c.value: c.column for c in ws[1]}
    for key, value in {"ผลการดำเนินงาน": "นิเทศครบทุกโรงเรียน", "ประเด็นที่ผ่าน": "1-6", "หลักฐานอ้างอิง": "รายงานการนิเทศ",
                       "วันที่รายงาน": "๓ เม.ย. ๒๕๗๐"}.items():
        ws.cell(2, header[key]).value = value
    wb.save(book)
    assert sync(runner, demo_dir, "--dry-run", "--today", "2027-04-06")["documents"] == []
    assert not (out / "memo-0002.pdf").exists()
    # The situation changed (supervision reported 2.1): a new memo with the next number.
    written = sync(runner, demo_dir, "--today", "2027-04-06")["documents"]
    assert written == [str(out / "memo-0002.pdf"), str(out / "memo-0002.docx")]
    text = pdf_text(out / "memo-0002.pdf")
    assert_in_pdf(text, "ศธ ๐๔๐๔๑/๒", "๖ เมษายน ๒๕๗๐", "ตัวบ่งชี้ที่ ๓.๒")
    assert squash("ตัวบ่งชี้ที่ ๒.๑ การบริหารงานด้านวิชาการ") not in text.split(squash("กลุ่มนิเทศ"))[-1]
    # A deleted memo file is written again, word for word the memo first issued for that situation.
    (out / "memo-0002.pdf").unlink()
    assert sync(runner, demo_dir, "--today", "2027-04-07")["documents"] == [str(out / "memo-0002.pdf"),
                                                                              str(out / "memo-0002.docx")]
    assert_in_pdf(pdf_text(out / "memo-0002.pdf"), "๖ เมษายน ๒๕๗๐")
    with History(OfficeFolder(demo_dir).history) as h:
        assert [m.number for m in h.memos()] == [1, 2]


def test_no_memo_when_nobody_is_behind(demo_dir: Path, runner) -> None:
    # Before the 6-month round's reminder window the demo office has only the targets milestone behind
    # (one group never set a target); once it has, nothing calls for a memo.
    book = demo_dir / "office.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["นิเทศ ติดตามและประเมินผล"]
    header = {c.value: c.column for c in ws[1]}
    ws.cell(3, header["เป้าหมาย"]).value = "สถานศึกษาผ่านเกณฑ์ร้อยละ ๘๐"
    wb.save(book)
    shutil.rmtree(demo_dir / "out")
    summary = sync(runner, demo_dir, "--today", "2027-03-10")
    assert summary["documents"] == [] and not (demo_dir / "out").exists()
    assert date.fromisoformat(summary["today"]) == date(2027, 3, 10)
    report = invoke(runner, demo_dir, "report", "memo")  # asked for anyway: says why there is none
    assert report.exit_code == 0 and "ไม่ต้องออกบันทึกติดตาม" in report.output
    assert not (demo_dir / "out").exists()
