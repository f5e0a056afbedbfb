"""Every file sheetsync writes goes through one helper, store/files.py (a temporary file beside the
target, flushed, renamed over it): this walks every module's calls and finds no other way of writing.

Allowed outside it: appending to a log line by line (open mode "a"), /dev/null, and saving into a
temporary path that `files.atomic_path` gave, into an in-memory buffer, or through a class of the
package whose own save is checked the same way (documents/docxfile.py's Writer).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sheetsync"
HELPER = PACKAGE / "store" / "files.py"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != HELPER)

WRITING_METHODS = {"write_text", "write_bytes", "touch", "rename", "symlink_to", "hardlink_to"}
WRITING_FUNCTIONS = {("os", "replace"), ("os", "rename"), ("shutil", "copy"), ("shutil", "copy2"),
                     ("shutil", "copyfile"), ("shutil", "move"), ("tempfile", "mkstemp"),
                     ("tempfile", "NamedTemporaryFile")}
SAVING_METHODS = {"save", "write_pdf"}  # openpyxl, python-docx, WeasyPrint: they write where they are told


def helper_aliases(tree: ast.Module) -> set[str]:
    """The names the module calls store/files.py by (`from sheetsync.store import files as atomic`)."""
    return {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module == "sheetsync.store" for a in node.names if a.name == "files"}


def unwrap(node: ast.expr) -> ast.expr:
    """`str(tmp)` is `tmp`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str" and node.args:
        return node.args[0]
    return node


def name_of(node: ast.expr) -> str:
    return f"{name_of(node.value)}.{node.attr}" if isinstance(node, ast.Attribute) else getattr(node, "id", "?")


def safe_targets(tree: ast.Module, aliases: set[str]) -> set[str]:
    """Names bound to a temporary path of `files.atomic_path(...)` or to an in-memory buffer."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                call = item.context_expr
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "atomic_path" and name_of(call.func.value) in aliases
                        and isinstance(item.optional_vars, ast.Name)):
                    out.add(item.optional_vars.id)
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and name_of(node.value.func) in {"io.BytesIO", "BytesIO"}):
            out.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return out


def checked_classes(tree: ast.Module) -> set[str]:
    """Classes of this module with a save method (itself checked by the rest of this test)."""
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any(isinstance(f, ast.FunctionDef) and f.name == "save" for f in node.body)}


def instances_of(tree: ast.Module, classes: set[str]) -> set[str]:
    return {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and name_of(node.value.func) in classes for t in node.targets if isinstance(t, ast.Name)}


def open_mode(call: ast.Call) -> str:
    mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
    return mode.value if isinstance(mode, ast.Constant) and isinstance(mode.value, str) else "r"


def path_open_mode(call: ast.Call) -> str:
    mode = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "mode"), None)
    return mode.value if isinstance(mode, ast.Constant) and isinstance(mode.value, str) else "r"


def writes_elsewhere(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = helper_aliases(tree)
    safe = safe_targets(tree, aliases)
    writers = instances_of(tree, checked_classes(tree))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, where = node.func, f"line {node.lineno:4d}: {ast.unparse(node)[:90]}"
        if isinstance(func, ast.Attribute):
            receiver = name_of(func.value)
            if (func.attr in WRITING_METHODS and receiver not in aliases) or (receiver, func.attr) in WRITING_FUNCTIONS:
                found.append(where)
            elif func.attr == "open" and receiver not in {"os", "io"} and any(m in path_open_mode(node) for m in "wx+"):
                found.append(where)  # Path.open("w")
            elif func.attr in SAVING_METHODS and receiver not in writers:
                target = unwrap(node.args[0]) if node.args else None
                if not (isinstance(target, ast.Name) and target.id in safe):
                    found.append(where)
        if name_of(func) in {"open", "os.fdopen", "io.open"}:
            first = node.args[0] if node.args else None
            mode = open_mode(node)
            if any(m in mode for m in "wx+") and not (first is not None and name_of(first) == "os.devnull"):
                found.append(where)
        if name_of(func) in {"zipfile.ZipFile", "ZipFile"} and open_mode(node) != "r":
            target = unwrap(node.args[0]) if node.args else None
            if not (isinstance(target, ast.Name) and target.id in safe):
                found.append(where)
    return sorted(found)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_file_is_written_through_the_one_helper(path: Path) -> None:
    assert writes_elsewhere(path) == []


def test_the_check_finds_a_write_by_hand(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import os, shutil, tempfile, zipfile\n"
                      "from sheetsync.store import files\n"
                      "def f(path, wb, tmp):\n"
                      "    path.write_text('x')\n"
                      "    os.replace(tmp, path)\n"
                      "    shutil.copy2(path, tmp)\n"
                      "    wb.save(path)\n"
                      "    open(path, 'w')\n"
                      "    zipfile.ZipFile(path, 'w')\n"
                      "    path.open('wb')\n"
                      "    files.write_text(path, 'x')\n"
                      "    open(path, 'a')\n"
                      "    with files.atomic_path(path) as ok:\n"
                      "        wb.save(ok)\n", encoding="utf-8")
    assert [int(w.split(":")[0].split()[1]) for w in writes_elsewhere(module)] == list(range(4, 11))
