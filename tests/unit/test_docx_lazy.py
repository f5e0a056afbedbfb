"""python-docx and Jinja are imported with the first document made, not by a sync that renders none
(issue 16: 0.15 s of its start-up); openpyxl only by setup and the reference read (0.14 s more). docxfile takes python-docx's names when a wrapped function is first
called (_with_docx): every function another module calls, and that uses one of those names, must be
wrapped, or its first call in a process would fail."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

from sheetsync.documents import docxfile

SOURCE = Path(docxfile.__file__).read_text(encoding="utf-8")
PACKAGE = Path(docxfile.__file__).parent.parent


def docx_names() -> set[str]:
    """The names _load_docx gives the module (what its imports bind)."""
    loader = next(n for n in ast.walk(ast.parse(SOURCE)) if isinstance(n, ast.FunctionDef) and n.name == "_load_docx")
    names = {a.asname or a.name for n in ast.walk(loader) if isinstance(n, ast.ImportFrom) for a in n.names}
    return names | {"PAGE_WIDTH", "PAGE_HEIGHT", "INDENT"}


def uses(node: ast.AST, names: set[str]) -> bool:
    body = node.body if isinstance(node, ast.FunctionDef | ast.ClassDef) else [node]
    return any(isinstance(n, ast.Name) and n.id in names for part in body for n in ast.walk(part))


def test_a_sync_imports_neither_python_docx_nor_jinja_nor_openpyxl() -> None:
    code = ("import sys; import sheetsync.app.sync, sheetsync.app.followup, sheetsync.cli.main, sheetsync.documents.memo, "
            "sheetsync.backends.xlsx; "
            "print(sorted(m for m in ('docx', 'jinja2', 'weasyprint', 'openpyxl', 'holidays') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_function_others_call_loads_python_docx_first() -> None:
    names = docx_names()
    assert {"Pt", "Cm", "qn", "OxmlElement", "WD_ALIGN_PARAGRAPH"} <= names
    tree = ast.parse(SOURCE)
    called_from_outside = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "docxfile.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "sheetsync.documents.docxfile":
                called_from_outside |= {a.name for a in node.names}
    assert {"memo_docx", "sar_docx", "office_meta"} <= called_from_outside
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in called_from_outside and uses(node, names):
            assert getattr(getattr(docxfile, node.name), "__with_docx__", False), f"{node.name} is not @_with_docx"
        if isinstance(node, ast.ClassDef) and node.name in called_from_outside:
            assert not uses(node, names), f"{node.name}, used outside docxfile, needs python-docx before it is loaded"
    # and nothing at the module's top level needs python-docx before it is loaded
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.Expr):
            assert not uses(node, names - {"PAGE_WIDTH", "PAGE_HEIGHT", "INDENT"}), ast.unparse(node)


def test_the_first_document_of_a_process_is_made(tmp_path: Path) -> None:
    """In a fresh interpreter, a memo's DOCX straight away: the names come in with the first call."""
    code = f"""
import sys
from datetime import date
from pathlib import Path
from sheetsync.core.contents import build_memo, memo_lines
from sheetsync.core.evaluate import evaluate
from sheetsync.documents.docxfile import memo_docx, office_meta
from sheetsync.store.config import load_office
from tests.support.cli import REPO
office = load_office(REPO / "config")
assert "docx" not in sys.modules
ev = evaluate(office, {{}}, date(2027, 4, 5))
memo = build_memo(office, ev, memo_lines(office, ev), date(2027, 4, 5))
path = memo_docx(memo, Path({str(tmp_path / "memo.docx")!r}), "TH Sarabun New", 16, None,
                 meta=office_meta(office, memo.subject, date(2027, 4, 5)))
print(path.stat().st_size > 5000, "docx" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True", "True"]
    assert inspect.isfunction(docxfile.memo_docx)
