"""click in Thai: its own texts, the command classes every sheetsync command is made of, the date and time
types of the options, and the yes/no question.

click marks each text it prints (usage, headings, every error, prompts) with gettext's `_()` and binds
that name in each of its modules. `thai_texts()` points those names at vocab.CLICK_TEXTS while a command
runs (the root group's `main` holds it), so nothing of click's English reaches a user, whichever path
click takes; tests/unit/test_cli.py checks that every text of the installed click has its Thai.

The classes add what every command has: `--config` after the command as well as before it, Thai usage
metavars, and the examples that end its help. Nothing here imports more than click and core's texts:
`sheetsync --help` stays quick.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import click

from sheetsync.core import thai, vocab

# click's modules that print a text through `_()` or `ngettext()`.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                  "shell_completion", "_termui_impl")


def thai_gettext(message: str) -> str:
    return vocab.CLICK_TEXTS.get(message, message)


def thai_ngettext(singular: str, plural: str, count: int) -> str:
    return thai_gettext(singular if count == 1 else plural)


def _click_modules() -> Iterator[ModuleType]:
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            try:
                module = __import__(f"click.{name}", fromlist=["_"])
            except ImportError:  # a module another click version does not have
                continue
        yield module


@contextmanager
def thai_texts() -> Iterator[None]:
    """click's texts in Thai while the block runs, its own gettext functions again after it."""
    saved: list[tuple[ModuleType, str, Any]] = []
    for module in _click_modules():
        for name, thai_fn in (("_", thai_gettext), ("ngettext", thai_ngettext)):
            if hasattr(module, name):
                saved.append((module, name, getattr(module, name)))
                setattr(module, name, thai_fn)
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


# --- the options' values ------------------------------------------------------------------------------

class Options:
    """The click context object: the office folder (and where it was named), --debug."""

    def __init__(self, config: Path, source: str, debug: bool) -> None:
        self.config = config
        self.source = source  # "option", "env" or "default": what a missing office.yaml's message says
        self.debug = debug


class ThaiDate(click.ParamType):
    """A date as a coordinator types it: ISO (2027-04-05), B.E. day/month/year (5/4/2570), or the day, a Thai
    month's name or abbreviation and the B.E. year in Thai digits, read by the parser the sheets use
    (core.thai.parse_date)."""

    name = "date"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return vocab.CLI_MV_DATE

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        # A bare number would be read as a spreadsheet's day count: nobody means that on a command line.
        if not re.fullmatch(r"[\d\u0e50-\u0e59]+", text):
            try:
                return thai.parse_date(text)
            except thai.ParseError as exc:
                reason = "" if exc.expectation == "date" else exc.message
                self.fail(vocab.CLI_BAD_DATE.format(value=text, reason=f" ({reason})" if reason else ""), param, ctx)
        self.fail(vocab.CLI_BAD_DATE.format(value=text, reason=""), param, ctx)


class ThaiTime(click.ParamType):
    """A time of day as HH:MM (Thai digits too, a dot for the colon, the Thai word for o'clock after it),
    given back as "09:30"."""

    name = "time"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return vocab.CLI_MV_TIME

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = thai.to_arabic_digits(str(value)).strip()
        m = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?:\s*" + re.escape(vocab.CLI_TIME_SUFFIX) + r")?", text)
        if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
            return f"{int(m.group(1)):02d}:{m.group(2)}"
        self.fail(vocab.CLI_BAD_TIME.format(value=value), param, ctx)


DATE = ThaiDate()
TIME = ThaiTime()


# --- the commands -------------------------------------------------------------------------------------

def _config_here(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    """`--config` given after the command: it names the office for this command (the last one wins)."""
    options = ctx.find_object(Options)
    if value is not None and options is not None:
        options.config, options.source = value, "option"


def config_option() -> click.Option:
    return click.Option(["--config"], type=click.Path(path_type=Path), metavar=vocab.CLI_MV_FOLDER,
                        expose_value=False, callback=_config_here, help=vocab.HELP_CONFIG)


class _Thai:
    """What every sheetsync command (and group) has beside click's: see the module's docstring."""

    examples: tuple[str, ...]
    uses_config: bool

    def _thai_init(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        self.examples = tuple(kwargs.pop("examples", ()))
        self.uses_config = kwargs.pop("uses_config", True)
        kwargs.setdefault("options_metavar", vocab.CLI_MV_OPTIONS)
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        return kwargs

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Written as they are (click would rewrap a long line and split the command in two).
        if self.examples:
            formatter.write_paragraph()
            for example in self.examples:
                formatter.write(f"{vocab.CLI_EXAMPLE}{example}\n")


class Command(_Thai, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **self._thai_init(kwargs))
        if self.uses_config:
            self.params.append(config_option())

    def invoke(self, ctx: click.Context) -> Any:
        options = ctx.find_object(Options)
        if self.uses_config and options is not None:
            require_office(options)
        return super().invoke(ctx)


class Group(_Thai, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs = self._thai_init(kwargs)
        kwargs.setdefault("subcommand_metavar", vocab.CLI_MV_COMMAND)
        root = kwargs.pop("root", False)
        super().__init__(*args, **kwargs)
        if self.uses_config and not root:
            self.params.append(config_option())


Group.group_class = Group


def require_office(options: Options) -> None:
    """The office folder holds office.yaml, or a Thai message saying which folder was looked in (absolute)
    and how to name another: before any command reads it, whatever the command."""
    from sheetsync.cli.failures import NoOffice
    from sheetsync.store.folder import OfficeFolder

    folder = Path(options.config).expanduser().absolute()
    if OfficeFolder(folder).config_file("office.yaml").is_file():
        return
    raise NoOffice(folder, options.source)


# --- questions ----------------------------------------------------------------------------------------

def ask(question: str) -> bool:
    """A yes/no question, no unless answered yes (vocab.CLI_YES_WORDS: y, yes, the Thai word, or the y key
    typed with a Thai keyboard layout); no answer at all (end of input, Ctrl+C) is refused with a Thai
    message, exit status 1."""
    from sheetsync.cli.failures import NoAnswer

    while True:
        try:
            answer = click.prompt(question, default="", show_default=False, prompt_suffix=vocab.CLI_ASK_SUFFIX)
        except click.Abort:
            click.echo("", err=True)
            raise NoAnswer() from None
        word = str(answer).strip().lower()
        if word in vocab.CLI_YES_WORDS:
            return True
        if word in vocab.CLI_NO_WORDS:
            return False
        click.echo(vocab.CLI_ASK_AGAIN, err=True)


def wants_json(args: Sequence[str]) -> bool:
    """`--json` among the command's own arguments (not after `--`)."""
    args = list(args)
    return "--json" in (args[:args.index("--")] if "--" in args else args)
