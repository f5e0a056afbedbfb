"""The appointment order (คำสั่ง ... เรื่อง แต่งตั้งคณะทำงาน): PDF, DOCX and HTML."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sheetsync.core.contents import build_order
from sheetsync.core.models import Office
from sheetsync.documents.docxfile import order_docx
from sheetsync.documents.render import garuda_path, render_formats


def order_stem(office: Office) -> str:
    return f"order-{office.office.fiscal_year}"


def render_order(office: Office, config_dir: Path, out_dir: Path, formats: Iterable[str] = ()) -> list[Path]:
    order = build_order(office)
    docs = office.documents
    return render_formats(
        office, config_dir, "order", formats, Path(out_dir) / order_stem(office), "order.html", {"order": order},
        lambda path: order_docx(order, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir)))
