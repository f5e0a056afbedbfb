"""`sheetsync demo`: the example office with a workbook as the groups would have filled it by early
April 2570 (just after the 6-month round was due), typical mistakes included, then synced.

The demo's "today" is fixed (5 April 2027 = ๕ เม.ย. ๒๕๗๐) so that the story is the same on any day:
most groups reported, one forgot its evidence, one typed text in a number cell, one used a
two-digit year, one added an indicator code that does not exist, and one group is late.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from sheetsync.app.demo_data import DEMO_GROUP_SETTINGS, DEMO_SETTINGS, EXTRA_ROWS, GROUP_ENTRIES, OUTPUTS
from sheetsync.app.followup import follow_up
from sheetsync.app.notify import digest_previews
from sheetsync.app.provision import setup_office
from sheetsync.app.sync import SyncSummary, office_now, sync_office
from sheetsync.backends import open_backend
from sheetsync.backends.xlsx import backup_path
from sheetsync.core import vocab
from sheetsync.core.columns import OUTPUT_COLUMNS
from sheetsync.core.errors import UsageError
from sheetsync.core.models import XlsxBackend
from sheetsync.core.rows import indicator_columns, locate_columns, normalize_code
from sheetsync.documents.order import render_order
from sheetsync.documents.sar import render_sar
from sheetsync.resources import data_dir
from sheetsync.store import files
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History

DEMO_TODAY = date(2027, 4, 5)
MARKER = ".sheetsync-demo"


@dataclass
class DemoResult:
    directory: Path
    workbook: Path
    summary: SyncSummary
    documents: list[Path]


def build_demo(directory: Path, today: date | None = None) -> DemoResult:
    directory = Path(directory)
    places = OfficeFolder(directory)
    if directory.exists() and any(directory.iterdir()) and not places.file(MARKER).exists():
        raise UsageError(vocab.DEMO_NOT_EMPTY.format(path=directory), vocab.DEMO_NOT_EMPTY_HINT)
    directory.mkdir(parents=True, exist_ok=True)
    files.write_text(places.file(MARKER), "built by sheetsync demo\n")
    for source in sorted(data_dir("config").glob("*.yaml")):  # the coordinator's own copies, to edit
        content = source.read_bytes()
        if source.name == "office.yaml":
            content = demo_office_yaml(content.decode("utf-8")).encode("utf-8")
        files.write_bytes(places.config_file(source.name), content)
    office = load_office(directory)
    assert isinstance(office.backend, XlsxBackend)  # the example config is a workbook office
    workbook = places.file(office.backend.path)
    for stale in (workbook, backup_path(workbook)):
        stale.unlink(missing_ok=True)
    for folder in (places.state, places.out):
        shutil.rmtree(folder, ignore_errors=True)  # a rebuilt demo starts its history and memo numbers afresh
    backend = open_backend(office, directory)
    setup_office(office, backend)
    fill_workbook(workbook, office)
    with History(places.history) as history:
        summary, ev = sync_office(office, open_backend(office, directory), office_now(office, today or DEMO_TODAY),
                                  history=history)
        done = follow_up(office, ev, history, summary.run_id, directory)
        summary.documents += done.documents
        summary.warnings += done.warnings
        # the digests the memo's groups would get in their chats (notify is off in the demo: none is sent)
        for name, text in digest_previews(office, ev, history, directory).items():
            path = places.out / vocab.DEMO_DIGESTS_DIR / name
            files.write_text(path, text + "\n")
            summary.documents.append(str(path))
    # The sync wrote the follow-up memo (groups are late on the demo day); the SAR and the order are
    # what `sheetsync report sar` and `sheetsync report order` would write.
    out = places.out
    documents = [Path(p) for p in summary.documents]
    documents += render_sar(office, ev, directory, out) + render_order(office, directory, out)
    return DemoResult(directory=directory.resolve(), workbook=workbook.resolve(), summary=summary,
                      documents=[p.resolve() for p in documents])


def demo_office_yaml(text: str) -> str:
    """The example office.yaml with the demo's own settings (demo_data.DEMO_SETTINGS): sign-off
    required, and two groups with a chat each; the example's comments kept."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    pending = ""
    for line in lines:
        starts_group = line.startswith("  - code: ")
        if pending and (starts_group or not line.startswith("    ")):
            out.append(pending)  # the end of the group the settings belong to
            pending = ""
        if starts_group:
            pending = DEMO_GROUP_SETTINGS.get(line.removeprefix("  - code: ").strip(), "")
        out.append(line)
    if pending:
        out.append(pending)
    return "".join(out).rstrip("\n") + "\n" + DEMO_SETTINGS


def fill_workbook(path: Path, office: Any) -> None:
    """Type the demo data into the workbook the way group staff would: into their own cells only."""
    wb = openpyxl.load_workbook(path)
    codes = {g.tab: g.code for g in office.groups}
    for tab, entries in GROUP_ENTRIES.items():
        columns = indicator_columns(office, codes[tab])
        ws = wb[tab]
        found, _ = locate_columns([c.value for c in ws[1]], columns)
        rows = {normalize_code(ws.cell(r, found["code"]).value): r for r in range(2, ws.max_row + 1)
                if ws.cell(r, found["code"]).value is not None}
        for code, values in entries.items():
            for key, value in values.items():
                ws.cell(rows[code], found[key]).value = value
        next_row = max(rows.values()) + 1
        for extra in EXTRA_ROWS.get(tab, []):
            for key, value in extra.items():
                ws.cell(next_row, found[key]).value = value
            next_row += 1

    ws = wb[office.outputs_tab]
    found, _ = locate_columns([c.value for c in ws[1]], OUTPUT_COLUMNS)
    for i, output in enumerate(OUTPUTS, start=2):
        for key, value in output.items():
            cell = ws.cell(i, found[key])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # typed as text, as a person would with a leading apostrophe
    with files.atomic_path(path) as tmp:
        wb.save(tmp)
