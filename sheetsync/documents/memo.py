"""The follow-up memo (บันทึกข้อความ): numbered once per situation, then PDF, DOCX and HTML."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sheetsync.core import docvocab as v
from sheetsync.core.contents import MemoData, build_memo, memo_identity, memo_lines, memo_number
from sheetsync.core.evaluate import Evaluation
from sheetsync.core.models import Office
from sheetsync.documents.docxfile import memo_docx, office_meta
from sheetsync.documents.render import DEFAULT_FORMATS, garuda_path, render_formats
from sheetsync.documents.safe import cut_cells
from sheetsync.store.history import History


def memo_stem(number: int) -> str:
    return f"memo-{number:04d}"


def memo_files(out_dir: Path, number: int, formats: Iterable[str] = ()) -> list[Path]:
    """Where a memo's files are (by default, its PDF and DOCX)."""
    return [Path(out_dir) / f"{memo_stem(number)}.{fmt}" for fmt in (tuple(formats) or DEFAULT_FORMATS["memo"])]


def render_memo(office: Office, memo: MemoData, number: int, config_dir: Path, out_dir: Path,
                formats: Iterable[str] = ()) -> list[Path]:
    docs = office.documents
    meta = office_meta(office, f"{v.MEMO_TITLE} {memo.number}", memo.issued_on, memo.subject)
    return render_formats(
        office, config_dir, "memo", formats, Path(out_dir) / memo_stem(number), "memo.html", {"memo": memo},
        lambda path: memo_docx(memo, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir), meta))


def issue_memo(office: Office, ev: Evaluation, history: History, run_id: int | None) -> tuple[MemoData, int, bool] | None:
    """The memo this evaluation calls for, numbered: (memo, number, new). None when no memo is due.

    The same situation gives back the memo first issued for it, word for word, with its number and date.
    The memo is built from the evaluation with its cell values cut (safe.cut_cells): its identity too, as
    app.reminders computes it. Only the parts the memo reads are cut, and the lines are worded only for a
    memo not issued yet (the nights after, its identity is all that is needed: issue 16)."""
    key = memo_identity(office, ev, cut_cells)
    if key is None:
        return None
    known = history.memo(key)
    if known is not None:
        return MemoData.model_validate(known.data), known.number, False
    lines = memo_lines(office, ev, cut_cells)

    def make(number: int) -> dict[str, Any]:
        memo = build_memo(office, ev, lines, issued_on=ev.today, cut=cut_cells)
        return memo.model_copy(update={"number": memo_number(office, number)}).model_dump(mode="json")

    record = history.issue_memo(key, office.documents.memo_start, ev.today, run_id, make)
    return MemoData.model_validate(record.data), record.number, True
