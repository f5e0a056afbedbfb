"""Commands around history and the director's view: thin wrappers over sheetsync.app.operations."""

from __future__ import annotations

from typing import Any

import click

from sheetsync.app.operations import diff, director_view, list_runs, restore
from sheetsync.core import thai, vocab
from sheetsync.core.changes import RestorePlan

_STATUS = {"ok": "สำเร็จ", "failed": "ล้มเหลว", "running": "ไม่จบ (หยุดกลางคัน)", "restore": "กู้คืนค่า"}


def _show(value: Any) -> str:
    return "(ว่าง)" if thai.is_blank(value) else repr(value) if not isinstance(value, str) else f"'{value}'"


@click.command("history")
@click.pass_obj
def history_cmd(obj: Any) -> None:
    """รายการการซิงก์ที่ผ่านมา"""
    runs = list_runs(obj.config)
    if not runs:
        click.echo(vocab.NO_HISTORY)
        return
    for r in runs:
        kind = "ทดลอง" if r.dry_run else _STATUS.get(r.status, r.status)
        when = r.started_at.strftime("%Y-%m-%d %H:%M")
        figures = f"เขียน {r.cells_written or 0} ช่อง ข้อผิดพลาด {r.error_count or 0} คำขอ API {r.requests or 0}"
        click.echo(f"{r.id:>5}  {when}  วันที่ {r.today}  {kind:<12} {figures}" + (f"  ({r.failure})" if r.failure else ""))


@click.command("diff")
@click.argument("run_a", type=int, required=False)
@click.argument("run_b", type=int, required=False)
@click.pass_obj
def diff_cmd(obj: Any, run_a: int | None, run_b: int | None) -> None:
    """ช่องที่ผู้ใช้แก้ไขระหว่างการซิงก์สองครั้ง (ค่าเริ่มต้น: สองครั้งล่าสุด)"""
    a, b, changes = diff(obj.config, run_a, run_b)
    click.echo(f"การแก้ไขระหว่างครั้งที่ {a} และ {b}:")
    if not changes:
        click.echo(f"  {vocab.NO_CHANGES}")
    for c in changes:
        click.echo(f"  {c.tab}!{c.cell} [{c.row_key} / {c.column}]: {_show(c.old)} -> {_show(c.new)}")


def _confirm_with(yes: bool):
    def confirm(plan: RestorePlan) -> bool:
        for c in plan.shown:
            click.echo(f"  {c.tab}!{c.cell} [{c.row_key} / {c.column}]: {_show(c.old)} -> {_show(c.new)}")
        for key in plan.rows_gone:
            click.echo(f"  {vocab.RESTORE_ROW_GONE.format(key=key)}")
        return yes or click.confirm(vocab.RESTORE_CONFIRM.format(cells=len(plan.writes)), default=False)

    return confirm


@click.command("restore")
@click.argument("run", type=int)
@click.option("--tab", required=True, help="แท็บที่จะกู้คืน")
@click.option("--range", "cell_range", help="ช่วงเซลล์ในรูปแบบ A1 เช่น C2:M9 (ตามตำแหน่งในครั้งที่กู้คืน)")
@click.option("--yes", is_flag=True, help="ไม่ต้องถามยืนยัน (สำหรับสคริปต์)")
@click.pass_obj
def restore_cmd(obj: Any, run: int, tab: str, cell_range: str | None, yes: bool) -> None:
    """นำค่าที่ผู้ใช้กรอกไว้ในการซิงก์ครั้งหนึ่งกลับมา (แสดงรายการและถามยืนยันก่อน)"""
    plan, written = restore(obj.config, run, tab, cell_range, _confirm_with(yes))
    if not plan.writes:
        click.echo(vocab.RESTORE_NOTHING.format(run=run))
    elif written:
        click.echo(vocab.RESTORE_DONE.format(cells=written))
    else:
        click.echo("ยกเลิก ไม่ได้เขียนอะไร")


@click.command("status")
@click.pass_obj
def status_cmd(obj: Any) -> None:
    """ภาพรวมสำหรับผู้อำนวยการ (เหมือนแท็บสถานะภาพรวม) จากการซิงก์ครั้งล่าสุด"""
    run, grid = director_view(obj.config)
    for row in grid:
        cells = ["" if v is None else thai.format_number(v, thai=False) if isinstance(v, float) else str(v) for v in row]
        # One line per row of the tab, cells apart by " | ": Thai text wraps badly in fixed-width columns.
        click.echo(" | ".join(c for c in cells if c) if len(cells) > 1 else (cells[0] if cells else ""))
    click.echo(f"(จากการซิงก์ครั้งที่ {run.id})")


COMMANDS = (history_cmd, diff_cmd, restore_cmd, status_cmd)
