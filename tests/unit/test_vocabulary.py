"""Every Thai word users see lives in the vocabulary modules.

An AST scan of every module of the package: a string constant (f-strings' parts included) with a Thai
character (U+0E00-U+0E7F) outside vocab.py, docvocab.py and problems.py fails, unless the allow-list
below names it with its reason. Docstrings are notes for developers and are not scanned, except in the
command line, where click would show a command's docstring as its --help text.
"""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

import pytest

from sheetsync.core import models, vocab

PACKAGE = Path(__file__).resolve().parents[2] / "sheetsync"
THAI = re.compile("[\u0e00-\u0e7f]")

# The vocabulary: messages, CLI, backends and status (vocab), the documents' wording (docvocab), the
# row problems' catalogue (problems).
VOCABULARY = {"sheetsync.core.vocab", "sheetsync.core.docvocab", "sheetsync.core.problems"}

# Modules whose Thai is not sheetsync's wording.
ALLOWED_MODULES = {
    # The demo office's sample rows: names, results and dates as its staff would type them (data, and
    # deliberately imperfect), not words sheetsync says.
    "sheetsync.app.demo_data",
    # The Thai language itself: its digits and month names, and the words people type that the parser
    # must recognise ("ร้อยละ", "ผ่านทุกข้อ", "ประเด็นที่", "พ.ศ." in patterns).
    "sheetsync.core.thai",
}
# Single literals, by module.
ALLOWED_LITERALS = {
    # committee.yaml's member roles as a typing.Literal, which takes only literal values; they are
    # vocab.COMMITTEE_ROLES, word for word (test_committee_roles_are_the_vocabulary below).
    **{("sheetsync.core.models", role): "Role" for role in vocab.COMMITTEE_ROLES},
    # What people type before a code ("ตัวบ่งชี้ที่ 1.1") or a group's name ("กลุ่มนิเทศ..."), which
    # parsing strips: input, like core.thai's words.
    ("sheetsync.core.rows", "ตัวบ่งชี้ที่"): "code prefix",
    ("sheetsync.core.rows", "ตัวบ่งชี้"): "code prefix",
    ("sheetsync.core.rows", "กลุ่ม"): "group-name prefix",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def thai_literals(name: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant with Thai in it (an f-string's literal parts are constants)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    skip = set() if name.startswith("sheetsync.cli") else docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and THAI.search(node.value)
            and id(node) not in skip]


def test_the_scan_sees_f_strings_and_skips_docstrings() -> None:
    source = 'def f(x):\n    """ตัวบ่งชี้ docstring"""\n    return f"แถว {x} ok" + "เขียน"\n'
    tree = ast.parse(source)
    skip = docstrings(tree)
    found = sorted(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                   and THAI.search(n.value) and id(n) not in skip)
    assert found == ["เขียน", "แถว "]


@pytest.mark.parametrize("name", sorted(set(MODULES) - VOCABULARY - ALLOWED_MODULES))
def test_thai_lives_in_the_vocabulary(name: str) -> None:
    stray = [f"line {line}: {text!r}" for line, text in thai_literals(name) if (name, text) not in ALLOWED_LITERALS]
    assert not stray, f"{name} has Thai outside the vocabulary modules (move it to core/vocab.py): {stray}"


def test_the_allow_list_is_still_needed() -> None:
    for module in ALLOWED_MODULES | VOCABULARY:
        assert module in MODULES, module
    for module, text in ALLOWED_LITERALS:
        assert text in {t for _, t in thai_literals(module)}, f"{module} no longer has {text!r}: drop it from the list"


def test_committee_roles_are_the_vocabulary() -> None:
    assert typing.get_args(models.Role) == vocab.COMMITTEE_ROLES
