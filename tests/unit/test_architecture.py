"""The house: the package's layout, the direction of its imports, and one owner for each place.

The flow runs one way, cli -> app -> (documents, backends) -> store -> core, and this walks every
module's imports (at module level and inside functions) to keep it so.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sheetsync"

# A layer may import its own layer and the ones below it, never one above or beside it.
LAYERS = {"core": 0, "store": 1, "backends": 2, "documents": 2, "app": 3, "cli": 4}
# Modules at the package root that any layer may use (they import nothing of the package's layers).
SHARED_ROOT = {"sheetsync", "sheetsync.resources"}
# Where an import inside a function is allowed: the CLI defers its commands' modules for start-up time,
# and open_backend loads only the backend (and its heavy library) the office uses.
DEFERRED_OK = {"sheetsync.backends"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str) -> list[tuple[str, bool, int]]:
    """(imported sheetsync module, inside a function?, line) for every import in a module."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: list[tuple[str, bool, int]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("sheetsync"):
                for alias in child.names:
                    target = f"{child.module}.{alias.name}"
                    found.append((target if target in MODULES else child.module, in_function, child.lineno))
            elif isinstance(child, ast.Import):
                found.extend((a.name, in_function, child.lineno) for a in child.names if a.name.startswith("sheetsync"))
            visit(child, inner)

    visit(tree, False)
    return found


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_at_most_eight_modules_at_the_package_root() -> None:
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= 8, root
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} >= set(LAYERS)


def test_no_import_circles() -> None:
    graph = {name: {target for target, _, _ in imports_of(name) if target in MODULES and target != name}
             for name in MODULES}
    # A package's __init__ runs before its modules: an edge into a package is an edge into its __init__.
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt):], nxt]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_flow_one_way(name: str) -> None:
    mine = layer(name)
    for target, _, line in imports_of(name):
        theirs = layer(target)
        where = f"{name} line {line} imports {target}"
        if name.startswith("sheetsync.core"):
            assert target.startswith("sheetsync.core"), f"core must be pure: {where}"
        if mine is None or theirs is None:
            assert mine is not None or target in SHARED_ROOT or name in SHARED_ROOT or name == "sheetsync.__main__", where
            continue
        assert theirs == mine or LAYERS[theirs] < LAYERS[mine], f"against the flow: {where}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_hidden_in_a_function(name: str) -> None:
    if layer(name) == "cli" or name in DEFERRED_OK:
        return
    hidden = [f"line {line}: {target}" for target, in_function, line in imports_of(name) if in_function]
    assert not hidden, f"{name} imports inside a function: {hidden}"


PLACE_LITERALS = re.compile(r"""["'](sync\.lock|history\.sqlite|sheetsync\.env|nightly\.log)["']|/\s*["'](state|out|logs)["']""")
PATH_JOIN = re.compile(r"\b(config_dir|config)\)?\s*/\s*[\w\"'(]")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_place_is_asked_of_the_office_folder(name: str) -> None:
    if name == "sheetsync.store.folder":
        return
    text = MODULES[name].read_text(encoding="utf-8")
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert not PLACE_LITERALS.search(code), f"{name} names a place of the office folder itself"
    assert not PATH_JOIN.search(code), f"{name} joins a path under the office folder itself: {PATH_JOIN.search(code)}"
