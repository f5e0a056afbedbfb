"""The appointment order (คำสั่ง ... เรื่อง แต่งตั้งคณะทำงาน): PDF, DOCX and HTML."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sheetsync.core.contents import build_order
from sheetsync.core.deadlines import office_today
from sheetsync.core.models import Office
from sheetsync.documents.docxfile import office_meta, order_docx
from sheetsync.documents.render import garuda_path, render_formats


def order_stem(office: Office) -> str:
    return f"order-{office.office.fiscal_year}"


def render_order(office: Office, config_dir: Path, out_dir: Path, formats: Iterable[str] = ()) -> list[Path]:
    order = build_order(office)
    docs = office.documents
    committee = office.committee
    # dated the day it was signed (committee.yaml order_date); a draft without one, the day it is made
    day = committee.order_date if committee and committee.order_date else office_today(office.office.timezone)
    meta = office_meta(office, f"{order.title} {order.number}", day, order.subject)
    return render_formats(
        office, config_dir, "order", formats, Path(out_dir) / order_stem(office), "order.html", {"order": order},
        lambda path: order_docx(order, path, docs.docx_font, docs.font_size, garuda_path(office, config_dir), meta))
