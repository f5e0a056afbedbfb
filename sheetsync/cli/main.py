"""The command line: parse options, call one library function, print. Nothing else lives here.

Exit status: 0 done (a sync with row errors is still done), 1 the tool failed (backend, I/O),
2 bad usage or bad config.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from sheetsync.app.sync import SyncSummary
from sheetsync.cli.admin import doctor, schedule
from sheetsync.cli.history import COMMANDS as HISTORY_COMMANDS
from sheetsync.core import thai, vocab
from sheetsync.core.errors import SheetSyncError


class Context:
    def __init__(self, config: Path, debug: bool) -> None:
        self.config = config
        self.debug = debug


pass_ctx = click.make_pass_decorator(Context)


class SheetSyncGroup(click.Group):
    """Turns the tool's own failures into a Thai message and an exit status; --debug shows the traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SheetSyncError as exc:
            if _debug(ctx):
                raise
            click.echo(f"ผิดพลาด: {exc.message}", err=True)
            if exc.hint:
                click.echo(f"วิธีแก้: {exc.hint}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # Output piped into `head` and cut short: not a failure of the sync.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit on purpose
            ctx.exit(0)
        except OSError as exc:
            if _debug(ctx):
                raise
            click.echo(f"ผิดพลาด: อ่านหรือเขียนไฟล์ไม่ได้: {exc}", err=True)
            ctx.exit(1)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.debug) or "--debug" in sys.argv


@click.group(cls=SheetSyncGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", type=click.Path(path_type=Path), envvar="SHEETSYNC_CONFIG", default=".",
              show_default=True, help="โฟลเดอร์การตั้งค่าของสำนักงาน (หรือกำหนด SHEETSYNC_CONFIG)")
@click.option("--debug", is_flag=True, help="แสดง traceback เมื่อเกิดข้อผิดพลาด")
@click.pass_context
def cli(ctx: click.Context, config: Path, debug: bool) -> None:
    """sheetsync: ตรวจ ให้คะแนน และติดตามการรายงานมาตรฐานสำนักงานเขตพื้นที่การศึกษาจากตารางของแต่ละกลุ่ม"""
    ctx.obj = Context(config, debug)


@cli.command()
@pass_ctx
def check(ctx: Context) -> None:
    """ตรวจไฟล์การตั้งค่า (ออกด้วยสถานะ 2 ถ้ามีข้อผิดพลาด)"""
    from sheetsync.store.config import load_office

    office = load_office(ctx.config)
    click.echo(
        f"การตั้งค่าถูกต้อง: {office.office.short_name} ปีงบประมาณ {thai.to_thai_digits(office.office.fiscal_year)}, "
        f"{len(office.groups)} กลุ่ม, {len(office.standards)} มาตรฐาน, {len(office.indicators())} ตัวบ่งชี้, "
        f"{len(office.milestones)} กำหนดการ, backend {office.backend.kind}"
    )


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
def schema(out: Path) -> None:
    """เขียน JSON Schema ของไฟล์การตั้งค่าและแถวแต่ละชนิด"""
    from sheetsync.app.schemas import write_schemas

    for path in write_schemas(out):
        click.echo(str(path))


@cli.command()
@pass_ctx
def setup(ctx: Context) -> None:
    """สร้างหรือซ่อมแท็บของทุกกลุ่ม แท็บผลงาน และแท็บสถานะภาพรวม (ไม่แตะข้อมูลที่กรอกไว้)"""
    from sheetsync.app.provision import run_setup

    _, backend, changes = run_setup(ctx.config)
    if not changes:
        click.echo(f"{backend.describe()}: ครบถ้วนอยู่แล้ว ไม่มีอะไรต้องแก้ไข")
        return
    click.echo(f"{backend.describe()}:")
    for change in changes:
        click.echo(f"  - {change}")


@cli.command()
@click.option("--dry-run", is_flag=True, help="แสดงช่องที่จะเขียน โดยไม่เขียนจริง")
@click.option("--json", "as_json", is_flag=True, help="พิมพ์สรุปเป็น JSON หนึ่งออบเจ็กต์")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="วันที่ที่ใช้คำนวณกำหนดส่ง (YYYY-MM-DD)")
@click.option("--quiet", "-q", is_flag=True, help="ไม่แสดงความคืบหน้า (ยังบันทึกลงไฟล์ log)")
@pass_ctx
def sync(ctx: Context, dry_run: bool, as_json: bool, today: object, quiet: bool) -> None:
    """อ่านตารางทุกกลุ่ม ตรวจ ให้คะแนน แล้วเขียนสถานะและแท็บสถานะภาพรวม"""
    from sheetsync.app.sync import run_sync

    day = today.date() if today else None  # type: ignore[attr-defined]
    # With --json the output is for a program: progress goes to the run's log file only.
    summary = run_sync(ctx.config, today=day, dry_run=dry_run, quiet=quiet or as_json)
    for warning in summary.warnings:
        click.echo(f"คำเตือน: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(summary.model_dump(mode="json", exclude={"planned"} if not dry_run else set()),
                              ensure_ascii=False, indent=2))
    else:
        print_summary(summary)
    if summary.missing_tabs:
        # Every other tab was synced; the exit status still tells cron that something needs fixing.
        click.echo(f"ผิดพลาด: {vocab.missing_tabs(summary.missing_tabs)}", err=True)
        click.get_current_context().exit(1)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("demo"))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="วันที่จำลอง (ค่าเริ่มต้น 2027-04-05)")
def demo(directory: Path, today: object) -> None:
    """สร้างสำนักงานตัวอย่างพร้อมข้อมูลสมจริง (มีข้อผิดพลาดบางจุด) แล้วซิงก์ให้ดู"""
    from sheetsync.app.demo import build_demo

    day = today.date() if today else None  # type: ignore[attr-defined]
    result = build_demo(directory, day)
    print_summary(result.summary)
    click.echo("")
    click.echo(f"สำนักงานตัวอย่างอยู่ที่ {result.directory}")
    click.echo(f"  ไฟล์ตาราง (เปิดด้วย Excel หรือ LibreOffice): {result.workbook}")
    click.echo(f"  การตั้งค่า: {result.directory}/*.yaml")
    click.echo(vocab.DOC_LIST)
    for path in result.documents:
        click.echo(f"    {path}")
    click.echo(f"  ซิงก์อีกครั้ง: sheetsync --config {result.directory} sync --today {result.summary.today}")


@cli.command()
@click.argument("document", type=click.Choice(["sar", "memo", "order", "brief", "package", "meeting", "briefing"]))
@click.option("--format", "formats", type=click.Choice(["html", "pdf", "docx"]), multiple=True,
              help="รูปแบบไฟล์ (ระบุซ้ำได้; ค่าเริ่มต้น sar: html+pdf, memo และ order: pdf+docx)")
@click.option("--out", type=click.Path(path_type=Path), help="โฟลเดอร์ที่เขียนเอกสาร (ค่าเริ่มต้น <config>/out)")
@click.option("--date", "when", type=click.DateTime(formats=["%Y-%m-%d"]), help="briefing: วันที่ประชุม (YYYY-MM-DD)")
@click.option("--time", "at", type=click.DateTime(formats=["%H:%M"]), help="briefing: เวลาประชุม (HH:MM)")
@click.option("--place", help="briefing: สถานที่ประชุม")
@pass_ctx
def report(ctx: Context, document: str, formats: tuple[str, ...], out: Path | None, when: object, at: object,
           place: str | None) -> None:
    """สร้างเอกสารจากการซิงก์ครั้งล่าสุดในประวัติ (ไม่อ่านตาราง): sar รายงานการประเมินตนเอง, memo บันทึกติดตาม, order คำสั่งแต่งตั้ง, brief รายงานผู้อำนวยการ, package ชุดเอกสารส่ง สพฐ. (zip), meeting ระเบียบวาระและรายงานการประชุมคณะทำงาน, briefing หนังสือเชิญประชุมชี้แจงและใบมอบหมายงานรายกลุ่ม"""
    from sheetsync.app.report import render_report

    briefing = {"when": when.date() if when else None,  # type: ignore[attr-defined]
                "at": at.strftime("%H:%M") if at else None, "place": place}  # type: ignore[attr-defined]
    paths = render_report(ctx.config, document, formats, out, briefing)
    if not paths:
        click.echo(vocab.DOC_NO_MEMO)
    for path in paths:
        click.echo(str(path))


for command in (*HISTORY_COMMANDS, doctor, schedule):
    cli.add_command(command)


def print_summary(s: SyncSummary) -> None:
    n = thai.to_thai_digits
    head = "ทดลองซิงก์ (ไม่ได้เขียนอะไร)" if s.dry_run else "ซิงก์เสร็จ"
    click.echo(f"{head}: {s.office} วันที่ {thai.format_date(s.today, 'long')} ({s.backend})")
    click.echo(f"  แถว {n(s.rows)} ถูกต้อง {n(s.valid_rows)} ข้อผิดพลาด {n(len(s.errors))} รายการ")
    score = thai.format_number(s.overall.score) if s.overall.score is not None else "-"
    click.echo(f"  ภาพรวมสำนักงาน: คะแนน {score} ระดับ {s.overall.level} "
               f"(รายงานแล้ว {n(s.overall.reported)}/{n(s.overall.total)} ตัวบ่งชี้)")
    if s.late_groups:
        click.echo(f"  กลุ่มที่เลยกำหนด: {', '.join(s.late_groups)}")
    for e in s.errors:
        click.echo(f"  - [{e.tab}!{e.cell}] {e.message}")
    if s.dry_run:
        click.echo(f"  ช่องที่จะเขียน {n(len(s.planned))} ช่อง:")
        for p in s.planned:
            click.echo(f"    {p.tab}!{p.cell} = {p.value!r}")
    else:
        click.echo(f"  เขียน {n(s.cells_written)} ช่อง")
    for path in s.documents:
        click.echo(vocab.DOC_WRITTEN.format(path=path))


def main() -> None:
    cli()

