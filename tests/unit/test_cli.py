"""The command line in Thai: every text of click has its Thai, every command's help ends with examples,
and every example parses (sqlite-utils' docs tests do the same for its README).

The tree is walked from the root group, so a command added later without examples fails here.
"""

from __future__ import annotations

import ast
import json
import shlex
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sheetsync.cli.main import cli
from sheetsync.cli.overview import sections
from sheetsync.cli.texts import failure_text, value_text
from sheetsync.cli.thaiclick import DATE, TIME, thai_texts
from sheetsync.core import vocab
from tests.support.mistakes import LEAKS, THAI

CLICK = Path(click.__file__).parent
# click's texts that no user of sheetsync can meet: errors in how a program declares its options (raised
# when the module is imported, never at a prompt), Windows' console, shell completion (not set up),
# colours by name and the repr of a type.
NEVER_SHOWN = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean "
    "to pass '--{name}'?",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Choice({choices})",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Windows error: {error}",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.",
    "d",  # the progress bar's "days" (sheetsync shows none)
}


def click_texts() -> set[str]:
    """Every message id the installed click passes to gettext (`_()`) or ngettext (both forms)."""
    found: set[str] = set()
    for path in CLICK.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_every_text_of_click_has_its_thai() -> None:
    missing = sorted(click_texts() - set(vocab.CLICK_TEXTS) - NEVER_SHOWN)
    assert not missing, f"click texts without Thai (add them to vocab.CLICK_TEXTS): {missing}"


def test_the_thai_texts_keep_what_click_fills_in() -> None:
    """A Thai text names only placeholders its English one has (click formats it with those)."""
    import string

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for english, thai in vocab.CLICK_TEXTS.items():
        assert {f.split("!")[0] for f in fields(thai)} <= {f.split("!")[0] for f in fields(english)}, english
        assert THAI.search(thai) or "%(prog)s" in thai, english


def test_click_speaks_english_again_after_a_command() -> None:
    from click import core

    before = core._  # type: ignore[attr-defined]
    with thai_texts():
        assert core._("Options") == "ตัวเลือก"  # type: ignore[attr-defined]
    assert core._ is before  # type: ignore[attr-defined]


def commands(group: click.Group = cli, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


TREE = list(commands())


def help_of(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("path", [p for p, _ in TREE], ids=lambda p: " ".join(p) or "sheetsync")
def test_every_command_has_thai_help_that_ends_with_an_example(path: tuple[str, ...]) -> None:
    text = help_of(path)
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} in the help of {path}:\n{text}"
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[-1].startswith(vocab.CLI_EXAMPLE), f"{' '.join(path)}: the help does not end with an example:\n{text}"
    assert "Show this message" not in text and "[default:" not in text


def parse(args: list[str]) -> tuple[str, ...]:
    """The command an example runs, found as click finds it, every level's options and arguments parsed
    (types converted, required ones checked) and no command run. A usage error is raised as click's."""
    with thai_texts():
        ctx = cli.make_context("sheetsync", list(args))
        path: list[str] = []
        group: click.Command = cli
        while isinstance(group, click.Group):
            protected = ctx._protected_args if hasattr(ctx, "_protected_args") else ctx.protected_args
            rest = [*protected, *ctx.args]
            name, command, rest = group.resolve_command(ctx, rest)
            assert name is not None and command is not None
            path.append(name)
            ctx = command.make_context(name, rest, parent=ctx)
            group = command
    return tuple(path)


@pytest.mark.parametrize("path,command", TREE, ids=lambda p: " ".join(p) if isinstance(p, tuple) else "")
def test_every_example_parses(path: tuple[str, ...], command: click.Command) -> None:
    examples = getattr(command, "examples", ())
    assert examples, f"{' '.join(path) or 'sheetsync'} has no example"
    for example in examples:
        words = shlex.split(example)
        assert words[0] == "sheetsync", example
        ran = parse(words[1:])
        assert ran[:len(path)] == path, f"the example of {' '.join(path)} runs {' '.join(ran)}: {example}"


def without_root_config(words: list[str]) -> list[str]:
    return words[2:] if words[:1] == ["--config"] else words


@pytest.mark.parametrize("path,command", [(p, c) for p, c in TREE if getattr(c, "uses_config", False) and p],
                         ids=lambda p: " ".join(p) if isinstance(p, tuple) else "")
def test_config_is_taken_after_the_command_too(path: tuple[str, ...], command: click.Command, tmp_path: Path) -> None:
    """`sheetsync X --config DIR` names the office as `sheetsync --config DIR X` does (each command's first
    example, its folder given after the command): the message names DIR, not the current folder."""
    target = tmp_path / "office-here"
    args = [*without_root_config(shlex.split(command.examples[0])[1:]), "--config", str(target)]  # type: ignore[attr-defined]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert str(target) in result.output and vocab.CLI_NO_OFFICE_OPTION in result.output, result.output


@pytest.mark.parametrize("text", ["2027-04-05", "5/4/2570", "๕ เม.ย. ๒๕๗๐", "๕ เมษายน ๒๕๗๐", "5 เมษายน 2570"])
def test_dates_in_each_form(text: str) -> None:
    assert DATE.convert(text, None, None) == date(2027, 4, 5)


@pytest.mark.parametrize("text", ["5/4/70", "31/2/2570", "เมื่อวาน", "46000", "2027-13-01"])
def test_bad_dates_say_the_three_forms(text: str) -> None:
    with pytest.raises(click.BadParameter) as refused:
        DATE.convert(text, None, None)
    assert "2027-04-05" in refused.value.message and "5/4/2570" in refused.value.message
    assert "๕ เม.ย. ๒๕๗๐" in refused.value.message and text in refused.value.message


@pytest.mark.parametrize("text,time", [("09:30", "09:30"), ("9.30", "09:30"), ("๐๙:๓๐", "09:30"), ("13:00 น.", "13:00")])
def test_times(text: str, time: str) -> None:
    assert TIME.convert(text, None, None) == time


def test_what_history_shows_of_values_and_failures() -> None:
    from datetime import datetime

    assert value_text(datetime(2027, 3, 15)) == "๑๕ มี.ค. ๒๕๗๐"
    assert value_text(85.0) == "85" and value_text(None) == vocab.BLANK_VALUE and value_text("x") == "'x'"
    assert failure_text("WorkbookLocked: ไฟล์เปิดอยู่\nปิดก่อน") == "ไฟล์เปิดอยู่ ปิดก่อน"
    assert failure_text("ไฟล์เปิดอยู่") == "ไฟล์เปิดอยู่"
    assert "BrokenPipeError" not in failure_text("BrokenPipeError: [Errno 32] Broken pipe")


def test_the_status_grid_splits_into_its_sections() -> None:
    grid = [["หัว"], ["ปรับปรุงล่าสุด", "วันนี้"], [], ["ผลรายมาตรฐาน"],
            [vocab.ST_STANDARD, vocab.ST_INDICATOR, vocab.ST_WEIGHT], ["๑ ก", "", 30.0], ["", "๑.๑", 1.0], [],
            [vocab.ST_TABS_FOUND], ["กลุ่มอำนวยการ", "อ่านแท็บ", "แก้"]]
    parts = sections(grid)
    assert [(s.title, s.columns, len(s.rows)) for s in parts] == [
        ("หัว", [], 1), ("ผลรายมาตรฐาน", [vocab.ST_STANDARD, vocab.ST_INDICATOR, vocab.ST_WEIGHT], 2),
        (vocab.ST_TABS_FOUND, [], 1)]
    assert json.dumps([s.as_json() for s in parts], ensure_ascii=False)
