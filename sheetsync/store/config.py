"""Load an office's config folder into an `Office`, finding every mistake before anything else runs.

A config folder holds four YAML files:

- office.yaml     the office, where the sheets live (`backend:`), the groups, optional column labels
- standards.yaml  level names and bands, the standards and their indicators
- calendar.yaml   the work calendar's milestones
- committee.yaml  the working committee (optional: without it `check` warns, and the documents that list
                  the committee, `report order|meeting|briefing`, refuse; the sync runs)

Every problem is reported as file:line, key path and a Thai sentence, all at once, so the coordinator
fixes them in one pass (issue 15):

- Each file is validated by its model; the rules between keys and files (owners naming unknown groups,
  covers, committee indicators, dates outside the fiscal year, duplicates, thresholds) are checked on what
  each file holds (its parsed data, each value read as its model reads it), whether or not another file
  or another key of the same file has mistakes. A rule runs only on values that are valid themselves, and a
  reference only against a list whose every item has a code, so one mistake is not reported twice.
- The key path is shown as a person reads it (`มาตรฐาน 1 > ตัวบ่งชี้ 1.2 > owners`: list items named by
  their code or name, counted from 1); ConfigProblem.path keeps the 0-based one for --json.
- YAML's own errors are worded in Thai at the line the mistake is on (PyYAML marks the next token: a
  missing colon is reported at the key's line, an unclosed quote or bracket where it opens).
- A file may be UTF-8 (with or without BOM), UTF-16 with a BOM, or Thai Windows-874 / TIS-620 (what an
  older Notepad saves as "ANSI"): BOMs first, then strict UTF-8, then charset-normalizer's guess, a Thai
  single-byte reading accepted only when the text is plausible Thai (short Thai texts are what detectors
  miss, so Windows-874 is tried last whatever the guess). Such a file is read as it is, never rewritten:
  `check` says which encoding it read. Anything else (binary, garbage) is refused with how to save as UTF-8.

A config file is read defensively (issue 13): whatever it holds ends in a Thai message and exit status 2,
never a traceback or an exhausted machine.

- Aliases: the node tree is composed first (an alias is a shared node there, so composing costs what the
  text costs) and walked once, without recursion, before anything expands it. It is refused when it has
  more than MAX_ALIASES aliases, when its aliases would add more than MAX_ALIAS_EXPANSION values (a
  "billion laughs": 9 levels of 9 aliases is 81 aliases but 10^9 values), or when an alias refers to
  the collection it is inside (a loop). The message names the line of the collection where it happens.
- Integers of more than MAX_INT_DIGITS digits are refused with their key path before they are built
  (Python refuses to read more than 4,300 digits, and no setting needs more than a few); floats that
  are infinite or NaN are refused by the models (`allow_inf_nan=False`), as are numbers beyond their bounds.
- Values nested deeper than MAX_DEPTH, a file larger than MAX_FILE_BYTES, one that is no text or cannot
  be read are problems of that file.
- Tab names and codes that become file names are checked by the models (core/models.py); here, tab names
  are compared as Excel compares them (case-insensitively), the Status and outputs tabs included.

Parsing (issue 16): each file is parsed once, by libyaml's composer when PyYAML has it (the pure one
otherwise), into the node tree that gives every key its line; one walk over that tree indexes the lines
and builds the values (with the loader's own constructors), PyYAML's constructor building them instead
when the tree is anything but plain (anchors, merge keys, tags of its own). The alias walk runs only
when the text may have an anchor (`&name`), and the cyclic collector is paused while the office is
built. At 5,000 indicators that is about 0.4 s instead of 0.8 s.

The cache (issue 16): an office that loads without a problem is kept in `state/cache/config.json`
(OfficeFolder.config_cache), and the next load whose key matches reads it instead of the YAML: about
35 ms instead of 0.4 s at 5,000 indicators, 4 ms for the example office (and PyYAML and
charset-normalizer are then not even imported: 30 ms of `check`'s start).

- The key is the SHA-256 of the cache's format version, of every config file's bytes (an absent
  committee.yaml too: any edit of any file, a comment or a BOM, misses), of the code that reads them
  (every module of sheetsync.core and this store's config, folder and resources modules, by content:
  finer than sheetsync's version, which a checkout's edits do not change) and of the libraries that
  parse and validate (Python, pydantic, PyYAML with or without libyaml, charset-normalizer) and of the
  `holidays` package, whose table of Thai public holidays the header keeps.
- Not in the key, as the office does not depend on it: the folder's path. The office holds the
  config's values as written (relative paths are resolved by OfficeFolder when used) except which files
  were read in another encoding, which the cache keeps by file name and names anew under the folder
  read. What the checks found outside the files is checked again on every hit: the files the documents
  and the mail name (font, emblem, CA file) exist, the timezone is known; if not, the files are read
  and checked in full, which says what is wrong. A copied office folder keeps a valid cache.
- What it holds: a header line (format, key, the encodings, the public holidays of the office's years
  as the `holidays` package gave them: importing it costs 0.15 s of every sync, so a hit hands the
  table to core.workdays instead) and the Office as pydantic's JSON, read
  back with `model_validate_json`: validated again, 28 ms at 5,000 indicators, where `model_construct`
  of the indicators alone takes 30 (and would leave their nested models as dicts), and pickle, at 24,
  would run whatever code a tampered file holds. An office is cached only when it reads back equal to
  itself and written the same. `check` and doctor print their warnings from the office (the encodings,
  committee.yaml missing, the standards' notes), so a hit shows the same warnings as a miss.
- Written atomically (store/files.py). A cache that is missing, unreadable, truncated, corrupt, of
  another format or another key is ignored and written anew, silently; a folder where it cannot be
  written (read-only, `state` not a folder, a full disk) loads as before, without a word. A config with
  a problem is never cached (the problem is reported on every load). Doctor reads a cache but writes
  none (`cache="read"`: it writes nothing), and the example config sheetsync ships (inside the
  installed package, or the checkout's config folder that the tests load) is never written into.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import errno
import functools
import hashlib
import importlib
import importlib.util
import itertools
import json
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pydantic
import pydantic_core
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from sheetsync.core import columns, models, thai, vocab
from sheetsync.core.collector import collector_paused
from sheetsync.core.errors import ConfigError, ConfigProblem
from sheetsync.core.models import (
    ENV_NAME,
    GROUP_CODE,
    INDICATOR_CODE,
    STANDARD_CODE,
    CalendarFile,
    CommitteeFile,
    Documents,
    Indicator,
    Levels,
    Milestone,
    Office,
    OfficeFile,
    OfficeInfo,
    Reminders,
    StandardsFile,
)
from sheetsync.core.workdays import holiday_years, remember_holidays, thai_holidays
from sheetsync.resources import data_dir
from sheetsync.store.files import remove_stale_temps, write_bytes
from sheetsync.store.folder import OfficeFolder

FILES: dict[str, type[BaseModel]] = {
    "office.yaml": OfficeFile,
    "standards.yaml": StandardsFile,
    "calendar.yaml": CalendarFile,
    "committee.yaml": CommitteeFile,
}
OPTIONAL_FILES = {"committee.yaml"}
# The documents that list the committee: refused without committee.yaml (app/report.py).
COMMITTEE_DOCUMENTS = tuple(vocab.CFG_COMMITTEE_DOCUMENTS)

class _OnFirstUse(types.ModuleType):
    """A library imported when one of its names is first asked for. PyYAML is needed only to parse a
    file, and charset-normalizer only for one that is not UTF-8: an office loaded from the cache does
    neither, and their imports would be a tenth of `sheetsync check`'s start."""

    def __getattr__(self, name: str) -> Any:
        # Asked only while the library's names are not yet copied in: once, then they are all in __dict__.
        self.__dict__.update(vars(importlib.import_module(self.__name__)))
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(name) from None


if TYPE_CHECKING:
    import charset_normalizer
    import yaml
else:
    charset_normalizer = _OnFirstUse("charset_normalizer")
    yaml = _OnFirstUse("yaml")


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):  # AttributeError: `!!timestamp` on a text that is no date at all
        return node.value


def _bool(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_bool(loader, node)
    except KeyError:  # `!!bool maybe`
        raise yaml.constructor.ConstructorError(None, None, vocab.CFG_YAML_PROBLEMS["value"].format(
            problem=_cut(node.value)), node.start_mark) from None


def _number(construct: Any) -> Any:
    def constructor(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, vocab.CFG_YAML_BAD_NUMBER.format(value=_cut(node.value)), node.start_mark) from exc
    return constructor


INT_TAG = "tag:yaml.org,2002:int"
STR_TAG, SEQ_TAG, MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# The scalars _Source._index builds itself with the loader's own constructors (text is its node's value).
_SCALAR_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", INT_TAG, "tag:yaml.org,2002:float",
                "tag:yaml.org,2002:timestamp")
# Keys the safe constructor rewrites (`<<` merges a mapping in, `=` is the value key): left to it.
_MERGE_TAGS = {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """The safe loader (libyaml's when PyYAML has it), except that an impossible date (2027-02-30) stays
    text for the date check to report with its key path, instead of escaping as a ValueError, and a
    number or yes/no that cannot be read (`!!int abc`, `!!bool maybe`) is a YAML problem with its line."""
    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same interface

    class Loader(base):  # type: ignore[valid-type,misc]
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    Loader.add_constructor("tag:yaml.org,2002:bool", _bool)
    Loader.add_constructor(INT_TAG, _number(yaml.SafeLoader.construct_yaml_int))
    Loader.add_constructor("tag:yaml.org,2002:float", _number(yaml.SafeLoader.construct_yaml_float))
    return Loader


MAX_ALIASES = 100  # aliases in one file (a `<<: *defaults` per indicator stays far below)
MAX_ALIAS_EXPANSION = 10_000  # values the aliases of one file may add to it
MAX_INT_DIGITS = 15  # an integer's digits (years, counts, ports, memo numbers: a handful)
MAX_DEPTH = 64  # nesting of mappings and lists (the config's own is under 10)
# A file larger than any office writes (50,000 indicators, ten times a big office, are about 9 MB: the scale
# run of `make bench`), yet far below what would hurt to read: a binary or a dump saved under the wrong name.
MAX_FILE_BYTES = 32_000_000


def _cut(text: str, limit: int = 24) -> str:
    """A value as typed, cut for a message when it is long."""
    return text if len(text) <= limit else text[:limit] + "…"


def _printable(text: str) -> str:
    """A name for a key path: a tab or other control character in it shown as U+XXXX."""
    return "".join(c if c.isprintable() or c == " " else f"U+{ord(c):04X}" for c in text)


# --- the bytes of a file as text -----------------------------------------------------------------------

THAI_CODECS = {"cp874", "tis_620", "iso8859_11"}  # Windows-874 is TIS-620's superset: read as cp874
UTF16_CODECS = {"utf_16": "utf_16_le", "utf_16_le": "utf_16_le", "utf_16_be": "utf_16_be"}
# What Windows-874 has besides ASCII and the Thai block: NBSP and its typographic punctuation.
_CP874_PUNCTUATION = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac")
# Thai script by code point (the characters themselves live in the vocabulary and core.thai only).
_THAI_MARKS = frozenset(map(chr, [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)]))


def _thai_consonant(c: str) -> bool:
    return 0x0E01 <= ord(c) <= 0x0E2E


class NotText(Exception):
    """The bytes of a config file are no text in any encoding an office's editor writes."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str | None  # the codec when it is not UTF-8 (the file is read as it is; `check` says so)


def _plausible_thai(text: str) -> bool:
    """Text that a Thai office could have typed: ASCII, Thai letters (at least one) and Windows-874's
    punctuation only, no control character, each vowel or tone mark written above or below a letter. A
    wrong encoding's reading of Thai bytes fails one of these within a few characters."""
    letters = 0
    previous = "\n"
    for c in text:
        if c < "\x80":
            if (c < " " and c not in "\t\n\r") or c == "\x7f":
                return False
        elif c in _THAI_MARKS:
            if not (_thai_consonant(previous) or previous in _THAI_MARKS):
                return False
        elif 0x0E01 <= ord(c) <= 0x0E5B:
            letters += _thai_consonant(c)
        elif c not in _CP874_PUNCTUATION:
            return False
        previous = c
    return letters > 0


def decode_config(data: bytes) -> Decoded:
    """The text of a config file, or NotText: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then
    charset-normalizer's guess, a Thai single-byte or BOM-less UTF-16 reading accepted only when
    `_plausible_thai`; Windows-874 is tried last whatever the guess, as short Thai texts are misread."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8"), None)
        except UnicodeDecodeError:
            raise NotText from None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf_16_le"), (codecs.BOM_UTF16_BE, "utf_16_be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise NotText from None
            if "\x00" in text:  # UTF-32 (FF FE 00 00) or binary behind a BOM-like start
                raise NotText
            return Decoded(text, codec)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" not in text:  # NULs in "valid UTF-8" are UTF-16 without a BOM, or binary
            return Decoded(text, None)
    best = charset_normalizer.from_bytes(data).best()
    guesses = [best.encoding] if best is not None else []
    for guess in dict.fromkeys([*guesses, "cp874"]):
        reading: str | None = "cp874" if guess in THAI_CODECS else UTF16_CODECS.get(guess)
        if reading is None:
            continue
        try:
            guessed = data.decode(reading)
        except UnicodeDecodeError:
            continue
        if _plausible_thai(guessed):
            return Decoded(guessed, reading)
    raise NotText


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|\r|\n|\u2028|\u2029")


def _control_char(text: str) -> tuple[int, str] | None:
    """The line and the U+XXXX of the first control character, which no YAML text may hold."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return len(_LINE_BREAK.findall(text, 0, found.start())) + 1, f"U+{ord(found.group()):04X}"


# --- YAML's errors in Thai ---------------------------------------------------------------------------

_DASH_WITHOUT_SPACE = re.compile(r"^\s*-[^\s\-]")
_THAI = re.compile(f"[{chr(0x0E01)}-{chr(0x0E5B)}]")


def _char_at(lines: list[str], mark: Any) -> str:
    if mark is None or not 0 <= mark.line < len(lines) or not 0 <= mark.column < len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _token_at(lines: list[str], mark: Any) -> str:
    words = lines[mark.line][mark.column:].split() if mark is not None and 0 <= mark.line < len(lines) else []
    return _cut(words[0]) if words else ""


def _scalar_start(lines: list[str], mark: Any) -> int | None:
    """Where a key without its colon is, when YAML read it and the next lines as one text up to a colon: the
    marked colon is the first of its line, and the lines before it (back to a key, a list item, a blank or a
    comment line) have none. None when the colon is after another key on its line (a colon in a value)."""
    if mark is None or not 0 <= mark.line < len(lines):
        return None
    before = lines[mark.line][:mark.column].strip()
    if ":" in before or before.startswith("-"):
        return None
    first = None
    for number in range(mark.line - 1, -1, -1):
        text = lines[number].strip()
        if not text or text.startswith(("#", "-")) or ":" in text:
            if text.startswith("-") and ":" not in text:
                first = number
            break
        first = number
    return first + 1 if first is not None else None


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """The line a YAML error is on and what it is, in Thai. PyYAML (and libyaml, in its own words) mark
    where they noticed it, often the next token: a key without its colon is found on the next line, an
    unclosed quote at the end of the file, an unclosed bracket at the next key; those are reported where
    the mistake is, the mark of the context they give (the key, the quote, the bracket)."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None) or mark
    lines = _LINE_BREAK.split(text)
    said = vocab.CFG_YAML_PROBLEMS
    if _THAI.search(problem):  # our own constructor's, already worded (a number that cannot be read)
        return _line(mark), problem
    if "mapping values are not allowed" in problem:
        started = _scalar_start(lines, mark)
        if started is not None:  # `b x` then `c: 1`: YAML read "b x c" as one text, stopped at the colon
            return started, said["no_colon"]
        return _line(mark), said["colon"]
    if "could not find expected ':'" in problem:
        return _line(opened), said["no_colon"]
    if "tab" in problem and ("'\\t'" in problem or "tab character" in problem):
        return _line(mark), said["tab"]
    if "cannot start any token" in problem:
        char = _char_at(lines, mark)
        return _line(mark), said["tab"] if char == "\t" else said["char"].format(char=char or "?")
    if "end of stream" in problem and "quoted scalar" in context:
        return _line(opened), said["quote"].format(quote=_char_at(lines, opened) or '"')
    for open_, close in (("[", "]"), ("{", "}")):
        if f"',' or '{close}'" in problem:
            return _line(opened), said["bracket"].format(open=open_, close=close)
    if "end of stream" in problem:
        return _line(opened), said["end"]
    if any(words in problem for words in ("expected <block end>", "did not find expected key",
                                          "did not find expected '-'", "expected <block")):
        first = opened.line if opened is not None else 0
        last = mark.line if mark is not None else first
        for number in range(first, min(last + 1, len(lines))):
            if _DASH_WITHOUT_SPACE.match(lines[number]):
                return number + 1, said["dash"]
        return _line(mark), said["indent"]
    if "block sequence entries are not allowed" in problem:
        return _line(mark), said["sequence"]
    if "undefined alias" in problem:
        return _line(mark), said["alias"].format(alias=_token_at(lines, mark) or "*")
    if "duplicate anchor" in problem:
        return _line(mark), said["anchor"]
    if "constructor for the tag" in problem or "undefined tag handle" in problem:
        quoted = re.search(r"'([^']*)'", problem)
        return _line(mark), said["tag"].format(tag=quoted.group(1) if quoted else _token_at(lines, mark))
    if "unhashable key" in problem:
        return _line(mark), said["key"]
    if "single document" in problem or "another document" in problem:
        return _line(mark), said["documents"]
    if "escape character" in problem:
        return _line(mark), said["escape"]
    return _line(mark), said["other"].format(problem=_cut(problem, 120))


# --- the aliases ------------------------------------------------------------------------------------

def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _alias_problem(root: yaml.Node) -> tuple[str, yaml.Node] | None:
    """Whether the aliases of the tree at `root` are too many, expand too much or loop: the message and
    the collection where it happens. One walk over the composed tree, each node once, no recursion: an
    edge to a node already seen is an alias (it adds that node's expanded size), one to a node still
    being walked is a loop."""
    size: dict[int, int] = {}
    seen, active = {id(root)}, {id(root)}
    aliases = 0
    # Each frame: the node, its children still to walk, its expanded size so far, what aliases added to it.
    frames: list[list[Any]] = [[root, iter(_children(root)), 1, 0]]
    while frames:
        frame = frames[-1]
        child = next(frame[1], None)
        if child is None:
            frames.pop()
            active.discard(id(frame[0]))
            size[id(frame[0])] = frame[2]
            if frame[3] > MAX_ALIAS_EXPANSION:
                return vocab.CFG_YAML_ALIAS_EXPANSION.format(limit=f"{MAX_ALIAS_EXPANSION:,}"), frame[0]
            if frames:
                frames[-1][2] += frame[2]
                frames[-1][3] += frame[3]
        elif id(child) in seen:
            if id(child) in active:
                return vocab.CFG_YAML_ALIAS_RECURSIVE, frame[0]
            aliases += 1
            if aliases > MAX_ALIASES:
                return vocab.CFG_YAML_ALIASES.format(limit=MAX_ALIASES), frame[0]
            frame[2] += size[id(child)]
            frame[3] += size[id(child)]
        else:
            seen.add(id(child))
            active.add(id(child))
            frames.append([child, iter(_children(child)), 1, 0])
    return None


# --- one parsed file ---------------------------------------------------------------------------------

# Where an anchor could be: `&` and a letter of its name (libyaml and PyYAML take only these) where a
# token may start (the text's start, after a space or line break, a flow indicator, or `:` after a
# quoted key in a flow). Every anchor matches; so may some texts that have none (` &x` in a comment or a
# quoted value), which only take the longer way. `R&D` and the example's ` & ` do not.
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:\ufeff])&[0-9A-Za-z_-]")

Path_ = tuple[str | int, ...]
# The key that names the items of a list the coordinator knows by their code or name.
_ITEM_NAME_KEYS = {"groups": "code", "standards": "code", "indicators": "code", "milestones": "code",
                   "members": "name", "bands": "name", "days_off": ""}
_NOT_ROUNDS = {"targets", "office"}  # a milestone that requires these is no reporting round


@dataclass(frozen=True)
class _Item:
    noun: str
    name: str | None
    repeated: bool  # another item of the list has the same name: named by its number too


class _Source:
    """One parsed YAML file: its data, the line of every key path and the names of its list items."""

    def __init__(self, name: str, text: str, encoding: str | None = None) -> None:
        self.name = name
        self.encoding = encoding
        self.problems: list[ConfigProblem] = []
        self.lines: dict[Path_, int] = {}
        self.items: dict[Path_, _Item] = {}
        self.sequences: set[Path_] = set()
        self.data: Any = None
        control = _control_char(text)
        if control is not None:
            line, char = control
            self.problems.append(ConfigProblem(file=name, line=line, message=vocab.CFG_CONTROL_CHAR.format(char=char)))
            return
        loader = _loader()(text)
        # No anchor, no shared node: the walk that indexes the lines builds the values too (see _index).
        anchored = _ANCHOR.search(text) is not None
        self._building = not anchored
        try:
            # Parse once: the node tree gives every key's line, then the values are built from it.
            node = loader.get_single_node()
            if node is not None:
                # Before anything expands the aliases. A text without an anchor has no alias (an alias to
                # none is the composer's error) and shares no node: the walk (a fifth of a big file's
                # parse) is skipped.
                refused = _alias_problem(node) if anchored else None
                if refused is not None:
                    message, where = refused
                    self.problems.append(ConfigProblem(file=name, line=where.start_mark.line + 1, message=message))
                    return
                fatal, built = self._index(node, (), loader)
                if fatal:
                    return  # an over-long number cannot be built, a too deep tree is not walked further
                # Building the values can fail too (an unknown !tag, a list used as a key): what the walk
                # did not build, PyYAML's constructor builds, raising what it raises. Duplicate keys are
                # reported and the values built (the last one wins) so the rest is checked too.
                self.data = built if self._building else loader.construct_document(node)
        except yaml.YAMLError as exc:
            at, problem = yaml_problem(exc, text)
            self.problems.append(ConfigProblem(file=name, line=at, message=vocab.CFG_YAML_SYNTAX.format(problem=problem)))
        except RecursionError:  # the pure-Python composer on deep nesting (libyaml stops at 1,000 levels)
            self.problems.append(ConfigProblem(file=name, message=vocab.CFG_YAML_TOO_DEEP.format(limit=MAX_DEPTH)))
        except (ValueError, TypeError, OverflowError) as exc:  # a constructor's own failure
            self.problems.append(ConfigProblem(file=name, message=vocab.CFG_YAML_SYNTAX.format(
                problem=vocab.CFG_YAML_PROBLEMS["value"].format(problem=_cut(str(exc), 120)))))
        finally:
            loader.dispose()

    def _at(self, line: int, path: Path_, message: str, suffix: str = "") -> ConfigProblem:
        return ConfigProblem(file=self.name, line=line, path=_dotted(path) + suffix,
                             where=self.readable(path) + (vocab.CFG_PATH_SEPARATOR + suffix if suffix else ""),
                             message=message)

    def _number_problem(self, node: yaml.Node, path: Path_) -> bool:
        """An integer too long to be a setting (or to be read at all): a problem at its key path."""
        if not (isinstance(node, yaml.ScalarNode) and node.tag == INT_TAG):
            return False
        if len(node.value.replace("_", "").lstrip("+-")) <= MAX_INT_DIGITS:
            return False
        self.problems.append(self._at(node.start_mark.line + 1, path,
                                      vocab.CFG_NUMBER_TOO_LONG.format(value=_cut(node.value), limit=MAX_INT_DIGITS)))
        return True

    def _scalar(self, node: yaml.ScalarNode, loader: Any) -> Any:
        """A scalar's value as the loader's constructor builds it; anything unusual (a tag of its own, a
        value its constructor refuses) stops the building, and PyYAML's constructor says what it is."""
        tag = node.tag
        if tag == STR_TAG:
            return node.value
        construct = loader.yaml_constructors.get(tag) if tag in _SCALAR_TAGS else None
        if construct is None:
            self._building = False
            return None
        try:
            return construct(loader, node)
        except Exception:  # whatever it is, construct_document raises it again as it did
            self._building = False
            return None

    def _index(self, node: yaml.Node, path: Path_, loader: Any) -> tuple[bool, Any]:
        """Index the lines and list items under `node`, and build its value while `_building`: whether a
        value there cannot be built (an over-long number, too deep), and the value.

        The values are built here, in the walk the lines need anyway, as the safe loader builds them (the
        same constructors for every scalar but text, dicts where the last of a duplicate key wins), while
        the tree is plain: no anchor (so no node is shared), no merge key, no tag of its own, no list or
        mapping as a key. Anything else stops the building and construct_document builds the whole file."""
        self.lines[path] = node.start_mark.line + 1
        if len(path) > MAX_DEPTH:  # said once, at the line where it goes too deep, with the path's start
            message = vocab.CFG_YAML_TOO_DEEP.format(limit=MAX_DEPTH)
            if not any(p.message == message for p in self.problems):
                self.problems.append(self._at(node.start_mark.line + 1, path[:3], message, suffix="…"))
            return True, None
        if self._number_problem(node, path):
            return True, None
        fatal = False
        if isinstance(node, yaml.MappingNode):
            if node.tag != MAP_TAG:
                self._building = False
            mapping: dict[Any, Any] = {}
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._building = False
                    continue  # a list or mapping as a key: yaml.load reports it
                key = key_node.value
                if self._number_problem(key_node, (*path, _cut(key))):
                    fatal = True
                    continue
                built_key = None
                if self._building:
                    if key_node.tag in _MERGE_TAGS:
                        self._building = False
                    else:
                        built_key = self._scalar(key_node, loader)
                line = key_node.start_mark.line + 1
                if key in seen:
                    self.problems.append(self._at(line, (*path, key),
                                                  vocab.CFG_DUPLICATE_KEY.format(key=key, line=seen[key])))
                seen[key] = line
                # YAML reads `5:` as an int key; pydantic reports it as such, so index both spellings.
                child_fatal, value = self._index(value_node, (*path, key), loader)
                fatal |= child_fatal
                if isinstance(key, str) and key.lstrip("-").isdigit():
                    self.lines[(*path, int(key))] = self.lines[(*path, key)]
                self.lines[(*path, key)] = line
                if self._building:
                    mapping[built_key] = value
            return fatal, mapping
        if isinstance(node, yaml.SequenceNode):
            if node.tag != SEQ_TAG:
                self._building = False
            self.sequences.add(path)
            self._name_items(node, path)
            items: list[Any] = []
            for i, item in enumerate(node.value):
                child_fatal, value = self._index(item, (*path, i), loader)
                fatal |= child_fatal
                items.append(value)
            return fatal, items
        if not isinstance(node, yaml.ScalarNode):
            self._building = False
            return fatal, None
        return fatal, self._scalar(node, loader) if self._building else None

    def _name_items(self, node: yaml.SequenceNode, path: Path_) -> None:
        """How the items of the list at `path` are named in messages: by their code or name (by their
        number where two share one, or where they have none), when the list is one the coordinator knows."""
        key = path[-1] if path and isinstance(path[-1], str) else None
        if key not in _ITEM_NAME_KEYS:
            return
        found: list[tuple[str, str | None]] = []
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                found.append(("", None))
                continue
            values = {k.value: v.value for k, v in item.value
                      if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
            noun = vocab.CFG_ITEM_NOUNS[key]
            if key == "milestones" and values.get("requires") in _NOT_ROUNDS:
                noun = vocab.CFG_ITEM_MILESTONE
            name = values.get(_ITEM_NAME_KEYS[key]) if _ITEM_NAME_KEYS[key] else None
            found.append((noun, _cut(_printable(str(name))) if name not in (None, "") else None))
        names = [name for _, name in found if name is not None]
        for i, (noun, name) in enumerate(found):
            if noun:
                self.items[(*path, i)] = _Item(noun, name, names.count(name) > 1 if name is not None else False)

    def line(self, path: Iterable[str | int]) -> int | None:
        """The line of the deepest part of `path` that exists in the file."""
        parts = tuple(path)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get(())

    def readable(self, path: Iterable[str | int]) -> str:
        """The key path as the coordinator reads it: `มาตรฐาน 1 > ตัวบ่งชี้ 1.2 > owners`, `กลุ่ม plan > tab`,
        `รอบ round6 > due`; an item without a code is named by its number from 1 (`กลุ่มที่ 3`), an
        item of any other list too (`owners > รายการที่ 2`, `criteria > ประเด็นที่ 3`)."""
        parts = tuple(path)
        shown: list[str] = []
        for depth, part in enumerate(parts):
            prefix = parts[:depth]
            if not (isinstance(part, int) and prefix in self.sequences):
                shown.append(_cut(str(part)))
                continue
            item = self.items.get(parts[:depth + 1])
            if item is None:
                template = vocab.CFG_CRITERION_ITEM if prefix and prefix[-1] == "criteria" else vocab.CFG_LIST_ITEM
                shown.append(template.format(n=part + 1))
                continue
            if item.name is None:
                label = vocab.CFG_ITEM_NTH.format(noun=item.noun, n=part + 1)
            elif item.repeated:
                label = vocab.CFG_ITEM_NTH_NAMED.format(noun=item.noun, n=part + 1, name=item.name)
            else:
                label = vocab.CFG_ITEM_NAMED.format(noun=item.noun, name=item.name)
            if shown:
                shown[-1] = label  # the item's name says which list it is in
            else:
                shown.append(label)
        return vocab.CFG_PATH_SEPARATOR.join(shown)

    def problem(self, path: Path_, message: str) -> ConfigProblem:
        return ConfigProblem(file=self.name, line=self.line(path), path=_dotted(path), where=self.readable(path),
                             message=message)


def _dotted(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- the models' errors in Thai -----------------------------------------------------------------------

_ERROR_TYPES = {**vocab.CONFIG_ERROR_TYPES, **vocab.CFG_ERROR_TYPES_MORE, **vocab.CFG_ERROR_TYPES_THAI}
# pydantic error types worded like one already translated.
_SAME_AS = {"model_attributes_type": "model_type"}
_PATTERNS = {
    GROUP_CODE: vocab.CFG_PATTERN_GROUP_CODE,
    INDICATOR_CODE: vocab.CFG_PATTERN_INDICATOR_CODE,
    STANDARD_CODE: vocab.CFG_PATTERN_STANDARD_CODE,
    ENV_NAME: vocab.CFG_PATTERN_ENV_NAME,
}
# Errors whose message is clearer with the value that was found.
_SHOW_INPUT = {
    "int_parsing", "int_type", "float_parsing", "float_type", "int_from_float", "bool_parsing", "bool_type",
    "date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "literal_error",
    "string_pattern_mismatch", "union_tag_invalid", "string_type", "greater_than", "greater_than_equal",
    "less_than", "less_than_equal",
}
_BACKEND_TAGS = ("xlsx", "gsheets")


def _choices(expected: object) -> str:
    """pydantic's "'a', 'b' or 'c'" as the coordinator reads a list of choices: a, b หรือ c."""
    found = re.findall(r"'([^']*)'", str(expected))
    if not found:
        return str(expected)
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + vocab.CFG_OR + found[-1]


def _unwrap(annotation: Any) -> Any:
    """A field's type without Annotated and without None: the model or collection it holds."""
    while True:
        if typing.get_origin(annotation) is Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _model_at(model: type[BaseModel], loc: Iterable[str | int]) -> type[BaseModel] | None:
    """The model that holds the mapping at `loc` (pydantic's location), for the keys it knows."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not (isinstance(part, str) and part in current.model_fields):
                return None
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        elif typing.get_origin(current) in (typing.Union, types.UnionType):  # the backend: its tag names it
            current = next((m for m in typing.get_args(current) if isinstance(m, type) and issubclass(m, BaseModel)
                            and part in typing.get_args(m.model_fields["kind"].annotation)), None)
            if current is None:
                return None
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """What an unknown key may have meant: the nearest key the model knows there, or the keys it knows."""
    parent = _model_at(model, loc[:-1])
    if parent is None:
        return ""
    known = list(parent.model_fields)
    near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return vocab.CFG_DID_YOU_MEAN.format(key=near[0]) if near else vocab.CFG_KEYS_HERE.format(keys=", ".join(known))


def _translate(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    loc = tuple(error["loc"])
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    named = [part for part in loc if isinstance(part, str) and part not in _BACKEND_TAGS and part != "[key]"]
    if kind == "missing":
        ctx["key"] = loc[-1]
    if kind in ("literal_error", "union_tag_invalid"):
        ctx["choices"] = _choices(ctx.get("expected", ctx.get("expected_tags", "")))
        ctx["noun"] = vocab.CFG_VALUE_NOUNS.get(named[-1] if named else "", vocab.CFG_VALUE_NOUN)
    template = _ERROR_TYPES.get(_SAME_AS.get(kind, kind))
    if kind == "string_pattern_mismatch":
        template = _PATTERNS.get(str(ctx.get("pattern")), template)
    try:
        text = template.format(**ctx) if template is not None else vocab.CFG_BAD_VALUE.format(type=kind)
    except (KeyError, IndexError, ValueError):
        text = vocab.CFG_BAD_VALUE.format(type=kind)
    if kind == "extra_forbidden":
        text += _unknown_key(model, loc)
    if kind == "too_short" and named and named[-1] == "owners":  # an indicator no group owns
        return vocab.CFG_NO_OWNERS
    value = ctx.get("tag") if kind == "union_tag_invalid" else error.get("input")
    if kind in _SHOW_INPUT and isinstance(value, str | int | float | date) and value != "":
        text += vocab.CFG_FOUND.format(value=_cut(str(value)))
        if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
            text += vocab.CFG_QUOTE_CODE.format(value=value)
    return text


def _clean_loc(loc: tuple[str | int, ...], source: _Source) -> Path_:
    # A discriminated union puts its tag ("xlsx") into the location; drop parts the file lacks.
    out: list[str | int] = []
    for part in loc:
        if part in _BACKEND_TAGS and (*out, part) not in source.lines:
            continue
        if part == "[key]":  # pydantic's marker for "the key itself" of a dict entry
            continue
        out.append(part)
    return tuple(out)


def _validate(source: _Source, model: type[BaseModel]) -> BaseModel | None:
    if not isinstance(source.data, dict):
        source.problems.append(ConfigProblem(file=source.name, line=1, message=vocab.CFG_NOT_MAPPING))
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _clean_loc(tuple(error["loc"]), source)
            source.problems.append(source.problem(loc, _translate(error, model)))
        return None


@dataclass(frozen=True)
class _Unread:
    """A config file that could not be read (too big, or the OS refused): the one problem it gets."""

    problem: str


def _read_bytes(path: Path) -> bytes | _Unread:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        why = vocab.CFG_OS_ERRORS.get(errno.errorcode.get(exc.errno or 0, ""), exc.strerror or str(exc))
        return _Unread(vocab.CFG_UNREADABLE.format(problem=why))
    if len(data) > MAX_FILE_BYTES:
        return _Unread(vocab.CFG_FILE_TOO_BIG.format(limit=f"{MAX_FILE_BYTES:,}"))
    return data


def _source_of(path: Path, data: bytes | _Unread) -> _Source:
    """The file parsed, or a source holding the one problem that kept it from being read."""
    if isinstance(data, _Unread):
        problem = data.problem
    else:
        try:
            decoded = decode_config(data)
        except NotText:
            problem = vocab.CFG_NOT_UTF8.format(how=vocab.CFG_SAVE_AS_UTF8)
        else:
            return _Source(str(path), decoded.text, decoded.encoding)
    source = _Source(str(path), "")
    source.problems.append(ConfigProblem(file=str(path), message=problem))
    return source


def read_config_text(path: Path) -> Decoded:
    """A config file's text as load_office reads it (UTF-8, UTF-16 or Windows-874), for a command that
    writes the file anew (new-year); ConfigError naming the file when it is none of these."""
    try:
        return decode_config(Path(path).read_bytes())
    except NotText:
        raise ConfigError([ConfigProblem(file=str(path), message=vocab.CFG_NOT_UTF8.format(
            how=vocab.CFG_SAVE_AS_UTF8))]) from None


# --- load --------------------------------------------------------------------------------------------

CacheUse = Literal["on", "read", "off"]


def load_office(config_dir: Path, *, cache: CacheUse = "on") -> Office:
    """The office in `config_dir`, or ConfigError listing every problem found, every file's at once.

    From the cache when its key matches, else read and checked and the cache written (see the module's
    docstring). `cache="read"`: a command that writes nothing (doctor) uses a cache it finds but writes
    none; `"off"`: every file read and checked, the cache neither read nor written."""
    config_dir = Path(config_dir)
    if not config_dir.is_dir():
        raise ConfigError([ConfigProblem(file=str(config_dir), message=vocab.CFG_DIR_MISSING)])
    folder = OfficeFolder(config_dir)
    files = {name: _read_bytes(path) for name in FILES if (path := folder.config_file(name)).exists()}
    key = _cache_key(files) if cache != "off" else None
    # Parsing and validating a big config (or its cache) frees nothing until it is done: the collector
    # would only rescan it (a third of the time at 5,000 indicators).
    with collector_paused():
        cached = _cached(folder, key) if key is not None else None
        if cached is not None:
            return cached
        office = _validated(config_dir, files)
        if key is not None and cache == "on" and not _shipped_example(config_dir):
            _store(folder, key, office)
    return office


def _shipped_example(config_dir: Path) -> bool:
    """The example config sheetsync ships (inside the installed package; the checkout's config/, which
    the tests load): never written into by a load. It is small, so a cache would save nothing there."""
    try:
        return config_dir.resolve() == data_dir("config").resolve()
    except (FileNotFoundError, OSError):
        return False


def _validated(config_dir: Path, files: dict[str, bytes | _Unread]) -> Office:
    """The office the files' bytes describe (`files`: those that exist), or ConfigError."""
    sources: dict[str, _Source] = {}
    parsed: dict[str, BaseModel] = {}
    problems: list[ConfigProblem] = []
    for name, model in FILES.items():
        path = OfficeFolder(config_dir).config_file(name)
        if name not in files:
            if name not in OPTIONAL_FILES:
                problems.append(ConfigProblem(file=str(path), message=vocab.CFG_FILE_MISSING))
            continue
        source = _source_of(path, files[name])
        sources[name] = source
        if source.data is not None or not source.problems:
            result = _validate(source, model)
            if result is not None and not source.problems:
                parsed[name] = result
        problems.extend(source.problems)
    problems += check_office(sources, config_dir)
    if problems:
        raise ConfigError(_in_order(problems))

    # FILES says which model validated each file.
    office_file, standards, calendar = parsed["office.yaml"], parsed["standards.yaml"], parsed["calendar.yaml"]
    committee = parsed.get("committee.yaml")
    assert isinstance(office_file, OfficeFile) and isinstance(standards, StandardsFile)
    assert isinstance(calendar, CalendarFile) and (committee is None or isinstance(committee, CommitteeFile))
    return Office(
        **office_file.model_dump(),
        edition=standards.edition,
        standards_example=standards.example,
        standards_source=standards.source,
        standards_assumptions=standards.assumptions,
        levels=standards.levels,
        standards=standards.standards,
        milestones=calendar.milestones,
        public_holidays=calendar.public_holidays,
        days_off=calendar.days_off,
        working_days=calendar.working_days,
        committee=committee,
        file_encodings={s.name: s.encoding for s in sources.values() if s.encoding is not None},
    )


# --- the cache ------------------------------------------------------------------------------------------

CACHE_FORMAT = 2  # raised whenever the cache file's layout changes (2: the public holidays in the header)


@functools.cache
def _code_fingerprint() -> bytes:
    """What the office read from the same bytes depends on besides them: the code that reads and checks
    it (every module of sheetsync.core, where the models, their defaults and the vocabulary live, and the
    store's config, folder and resources modules: an edit in a checkout changes no version number, so
    this is finer than sheetsync's version) and the libraries that parse and validate: Python, pydantic,
    and PyYAML (with or without libyaml) and charset-normalizer by their installed files, which a cache
    hit does not import (_library)."""
    digest = hashlib.sha256()
    for name, version in (("python", sys.version), ("pydantic", pydantic.VERSION),
                          ("pydantic-core", pydantic_core.__version__),
                          ("pyyaml", _library("yaml")), ("charset-normalizer", _library("charset_normalizer")),
                          ("holidays", _library("holidays"))):
        digest.update(f"{name}={version}\0".encode())
    modules = sorted(Path(models.__file__).parent.glob("*.py"))
    modules += [Path(sys.modules[obj.__module__].__file__ or "") for obj in (_Source, OfficeFolder, data_dir)]
    for module in modules:
        data = module.read_bytes()
        digest.update(f"{module.name}:{len(data)}\0".encode() + data)
    return digest.digest()


def _library(name: str) -> str:
    """An installed library as it is without importing it: its modules' names (libyaml's extension or
    not) and its `__init__.py`'s size and time (an upgrade rewrites it)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return "absent"
    init = Path(spec.origin)
    stat = init.stat()
    files = sorted(p.name for p in init.parent.iterdir() if p.suffix in {".py", ".so", ".pyd"})
    return f"{files}:{stat.st_size}:{stat.st_mtime_ns}"


def _cache_key(files: dict[str, bytes | _Unread]) -> str | None:
    """The SHA-256 of everything the office depends on; None when a file could not be read (the load
    reports it) or the code cannot be read to fingerprint it (then no cache is used at all)."""
    if any(isinstance(data, _Unread) for data in files.values()):
        return None
    try:
        code = _code_fingerprint()
    except OSError:
        return None
    digest = hashlib.sha256(f"sheetsync-config-cache {CACHE_FORMAT}\0".encode() + code)
    for name in FILES:  # a file absent (committee.yaml) is part of the key too
        data = files.get(name)
        digest.update(name.encode() + b"\0" + (b"\1" + hashlib.sha256(data).digest() if isinstance(data, bytes) else b"\0"))
    return digest.hexdigest()


def _cached(folder: OfficeFolder, key: str) -> Office | None:
    """The office the cache holds for `key`; None when there is none for it, or it cannot be read as one
    (missing, unreadable, truncated, corrupt, another format or key), or what its check found outside the
    files has changed since: then the files are read and checked anew, silently."""
    try:
        blob = folder.config_cache.read_bytes()
    except OSError:
        return None
    head, _, body = blob.partition(b"\n")
    try:
        header = json.loads(head)
        if not (isinstance(header, dict) and header.get("format") == CACHE_FORMAT and header.get("key") == key):
            return None
        encodings = header.get("encodings")
        if not (isinstance(encodings, dict)
                and all(name in FILES and isinstance(codec, str) for name, codec in encodings.items())):
            return None
        office = Office.model_validate_json(body)
        holidays = _holidays_of(header.get("holidays"))
    except (ValueError, RecursionError):  # json's and pydantic's errors (ValidationError) are ValueErrors
        return None
    if not _outside_still_holds(office, folder):
        return None
    if holidays is not None and office.public_holidays:
        remember_holidays(holiday_years(office), holidays)
    if encodings:
        office = office.model_copy(update={"file_encodings": {str(folder.config_file(name)): codec
                                                              for name, codec in encodings.items()}})
    return office


def _holidays_of(value: object) -> dict[date, str] | None:
    """The holiday table a cache header holds ({ISO date: name}); None when there is none; a ValueError
    when it is not one (the cache is then not used)."""
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(name, str) for name in value.values()):
        raise ValueError("holidays")
    return {date.fromisoformat(day): name for day, name in value.items()}


def _outside_still_holds(office: Office, folder: OfficeFolder) -> bool:
    """What check_office found true outside the files, still true: the files the documents and the mail
    use exist, the timezone is known (tzdata). Otherwise the load runs in full and says what is wrong."""
    named = [getattr(office.documents, key) for key in DOCUMENT_FILES]
    named.append(office.reminders.ca_file if office.reminders is not None else None)
    return all(folder.file(name).is_file() for name in named if name is not None) and _zone_ok(office.office.timezone)


def _store(folder: OfficeFolder, key: str, office: Office) -> None:
    """Write the cache for `key`, atomically; a folder where it cannot be written (read-only, `state` not
    a folder, a full disk) keeps no cache, silently: the office loads as it did."""
    text = office.model_dump_json()
    body = text.encode()
    encodings = {Path(file).name: codec for file, codec in office.file_encodings.items()}
    # Only an office that reads back as itself is kept (a validator that does not read its own output
    # back the same would make the cache say something the files do not): equal, and written the same
    # (where == takes 16 for 16.0 or 1 for True, the JSON does not).
    again = Office.model_validate_json(body)
    if again.model_copy(update={"file_encodings": office.file_encodings}) != office or again.model_dump_json() != text:
        return
    head: dict[str, object] = {"format": CACHE_FORMAT, "key": key, "encodings": encodings}
    if office.public_holidays:  # the table the `holidays` package gives, kept so the next load need not import it
        # a shortcut only: a table the package cannot make is left out, and the sync asks it again itself
        with contextlib.suppress(Exception):
            head["holidays"] = {day.isoformat(): name for day, name in thai_holidays(holiday_years(office)).items()}
    header = json.dumps(head, ensure_ascii=False).encode()
    with contextlib.suppress(OSError):
        remove_stale_temps(folder.config_cache)
        write_bytes(folder.config_cache, header + b"\n" + body)


def _in_order(problems: list[ConfigProblem]) -> list[ConfigProblem]:
    """File by file (as FILES lists them), line by line; a problem found twice is said once."""
    order = {name: i for i, name in enumerate(FILES)}
    unique = list({(p.file, p.line, p.path, p.message): p for p in problems}.values())
    return sorted(unique, key=lambda p: (order.get(Path(p.file).name, len(order)), p.line or 0))


# --- warnings ------------------------------------------------------------------------------------------

def standards_to_confirm(office: Office) -> list[str]:
    """What standards.yaml says it assumes, one Thai line each: the file's own notes, then each
    indicator's. The notes live in fields of their own (never in a title or a criterion), so no document
    or sheet prints them; `check` and `doctor` list them instead."""
    lines = [vocab.CFG_STD_ASSUMED_FILE.format(note=note) for note in office.standards_assumptions]
    lines += [vocab.CFG_STD_ASSUMED_INDICATOR.format(code=ind.code, note=note)
              for ind in office.indicators() for note in ind.assumptions]
    return lines


@dataclass(frozen=True)
class StandardsWarning:
    """`check`'s and `doctor`'s warning about a config that loads: a file read in another encoding than
    UTF-8, a missing committee.yaml, standards still the example's (`example: true`) or assuming something
    not yet confirmed. A warning, not a problem: the office runs as it is."""

    lines: list[str]  # Thai sentences: the files', the example's, then how many things are to confirm
    items: list[str]  # standards_to_confirm
    fix: str


def committee_example() -> str:
    """Where the example committee.yaml is, for a coordinator who has none."""
    try:
        return str(data_dir("config").joinpath("committee.yaml"))
    except FileNotFoundError:
        return str(Path("config", "committee.yaml"))  # the repository's folder, named as README names it


def file_notes(office: Office) -> list[tuple[str, str]]:
    """What `check` says of the config files themselves, each with its fix: a file read in another
    encoding than UTF-8 (read as it is, never rewritten), a missing committee.yaml."""
    notes = [(vocab.CFG_READ_AS.format(file=file, encoding=vocab.CFG_ENCODING_NAMES.get(codec, codec)),
              vocab.CFG_SAVE_AS_UTF8) for file, codec in office.file_encodings.items()]
    if office.committee is None:
        notes.append((vocab.CFG_COMMITTEE_MISSING, vocab.CFG_COMMITTEE_MISSING_FIX.format(example=committee_example())))
    return notes


def standards_warning(office: Office, files: bool = True) -> StandardsWarning | None:
    """The warning `check` prints (and doctor shows): the files' notes first (`files`: a caller that shows
    file_notes on a line of its own passes False), then the standards'."""
    notes = file_notes(office) if files else []
    items = standards_to_confirm(office)
    lines = [line for line, _ in notes]
    fixes = [fix for _, fix in notes]
    if office.standards_example:
        lines.append(vocab.CFG_STD_EXAMPLE.format(fy=thai.to_thai_digits(office.office.fiscal_year)))
    if items:
        lines.append(vocab.CFG_STD_ASSUMED.format(count=thai.to_thai_digits(len(items))))
    if office.standards_example or items:
        fixes.append(vocab.CFG_STD_ASSUMED_FIX)
    if not lines:
        return None
    return StandardsWarning(lines=lines, items=items, fix=" / ".join(dict.fromkeys(fixes)))


def committee_needed(office: Office, config_dir: Path, kind: str) -> None:
    """ConfigError (exit status 2) naming committee.yaml when a document that lists the committee is asked
    of an office without one: the order would appoint nobody."""
    if kind in COMMITTEE_DOCUMENTS and office.committee is None:
        raise ConfigError([ConfigProblem(
            file=str(OfficeFolder(config_dir).config_file("committee.yaml")),
            message=vocab.CFG_COMMITTEE_NEEDED.format(kind=kind, what=vocab.CFG_COMMITTEE_DOCUMENTS[kind],
                                                      example=committee_example()))])


# --- the rules between keys and files, on what each file holds -----------------------------------------

@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    kind: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(kind)


def _read(model: type[BaseModel], raw: Any, name: str) -> Any:
    """`raw[name]` as `model` reads it (Thai digits, B.E. dates), its default when absent; None when it
    cannot be read, or has no default: the model's own validation says why."""
    if not isinstance(raw, dict):
        return None
    info = model.model_fields[name]
    if name not in raw:
        if info.is_required():
            return None
        try:
            return info.get_default(call_default_factory=True)
        except TypeError:  # a factory that needs the other fields (Levels.bands)
            return None
    try:
        return _adapter(model, name).validate_python(raw[name])
    except ValidationError:
        return None


def _mappings(value: Any) -> list[tuple[int, dict[Any, Any]]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _code(value: Any) -> str | None:
    """A code as typed: text, or a number YAML read from an unquoted code (`1.1`), which the model refuses."""
    if isinstance(value, bool):
        return None
    return str(value) if isinstance(value, str | int | float) else None


def _all_codes(items: Any) -> set[str] | None:
    """The codes of a list's items; None unless every item has one, as a reference to a list with an item
    whose code is wrong or missing would only repeat that mistake."""
    if not isinstance(items, list) or not all(isinstance(i, dict) and _code(i.get("code")) for i in items):
        return None
    return {code for i in items if (code := _code(i.get("code")))}


def _near(code: str, known: set[str]) -> str:
    near = difflib.get_close_matches(code, sorted(known), n=1, cutoff=0.6)
    if near:
        return vocab.CFG_UNKNOWN_NEAR.format(code=near[0])
    shown = sorted(known)
    return vocab.CFG_UNKNOWN_CHOICES.format(codes=", ".join(shown[:12]) + (" …" if len(shown) > 12 else ""))


def _zone_ok(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _be(day: date) -> str:
    # thaifmt.be_date(day, "short") is this; thaifmt (with markupsafe) is the documents' to import.
    return thai.format_date(day, "short")


class _Checks:
    """The rules that need more than one value, on the data of each file that could be parsed."""

    def __init__(self, sources: dict[str, _Source], config_dir: Path) -> None:
        self.config_dir = config_dir
        self.sources = sources
        self.problems: list[ConfigProblem] = []

        def data(name: str) -> dict[Any, Any] | None:
            source = sources.get(name)
            return source.data if source is not None and isinstance(source.data, dict) else None

        self.office, self.standards, self.calendar, self.committee = (data(name) for name in FILES)
        self.info = self.office.get("office") if self.office else None
        self.group_codes = _all_codes(self.office.get("groups")) if self.office else None
        self.indicator_codes: set[str] | None = None
        if self.standards and isinstance(self.standards.get("standards"), list):
            codes: set[str] | None = set()
            for standard in self.standards["standards"]:
                found = _all_codes(standard.get("indicators")) if isinstance(standard, dict) else None
                codes = codes | found if codes is not None and found is not None else None
            self.indicator_codes = codes

    def add(self, file: str, path: Path_, message: str) -> None:
        self.problems.append(self.sources[file].problem(path, message))

    def duplicates(self, file: str, path: Path_, items: Any, field: str,
                   fold: Callable[[str], str] | None = None) -> None:
        first: dict[str, int] = {}
        for i, item in _mappings(items):
            value = _code(item.get(field)) if field == "code" else item.get(field)
            if not isinstance(value, str):
                continue
            key = fold(value) if fold else value
            if key in first:
                where = (*path, first[key], field)
                self.add(file, (*path, i, field), vocab.CFG_DUPLICATE.format(
                    code=value, first=self.sources[file].readable(where), line=self.sources[file].line(where)))
            else:
                first[key] = i

    def run(self) -> list[ConfigProblem]:
        if self.office is not None:
            self.office_rules(self.office)
            self.files(self.office)
        if self.standards is not None:
            self.standards_rules(self.standards)
        if self.calendar is not None:
            self.calendar_rules(self.calendar)
        if self.committee is not None:
            self.committee_rules(self.committee)
        return self.problems

    def office_rules(self, office: dict[Any, Any]) -> None:
        timezone = _read(OfficeInfo, self.info, "timezone")
        if isinstance(timezone, str) and not _zone_ok(timezone):
            self.add("office.yaml", ("office", "timezone"), vocab.CFG_BAD_TIMEZONE.format(tz=timezone))
        groups = office.get("groups")
        self.duplicates("office.yaml", ("groups",), groups, "code")
        # Excel takes two names that differ only in case for the same tab: so does this check.
        self.duplicates("office.yaml", ("groups",), groups, "tab", fold=str.casefold)
        status, outputs = _read(OfficeFile, office, "status_tab"), _read(OfficeFile, office, "outputs_tab")
        if isinstance(status, str) and isinstance(outputs, str):
            if outputs.casefold() == status.casefold():
                self.add("office.yaml", ("outputs_tab",), vocab.CFG_SAME_AS_STATUS_TAB.format(code=outputs, status=status))
            reserved = {status.casefold(), outputs.casefold()}
            for i, group in _mappings(groups):
                tab = group.get("tab")
                if isinstance(tab, str) and tab.casefold() in reserved:
                    self.add("office.yaml", ("groups", i, "tab"),
                             vocab.CFG_TAB_RESERVED.format(tab=tab, status=status, outputs=outputs))
        self.column_rules(office.get("columns"))

    def column_rules(self, chosen: Any) -> None:
        if not isinstance(chosen, dict):
            return
        labels: dict[str, str] = {c.key: c.label for c in columns.group_columns(signoff=True)}
        for key, label in chosen.items():
            if key not in columns.ALL_KEYS:
                self.add("office.yaml", ("columns", key), vocab.CFG_UNKNOWN_COLUMN.format(
                    key=key, keys=", ".join(sorted(columns.ALL_KEYS))))
            elif isinstance(label, str):
                labels[key] = label
        by_label: dict[str, str] = {}
        for key, label in labels.items():
            label = " ".join(label.split())  # as the header row is read
            if label in by_label:
                # Point at the label the office set, not at a default it collides with.
                mine, other = (key, by_label[label]) if key in chosen else (by_label[label], key)
                self.add("office.yaml", ("columns", mine), vocab.CFG_DUPLICATE_LABEL.format(label=label, other=other))
            by_label[label] = key

    def files(self, office: dict[Any, Any]) -> None:
        """The files the documents use exist (a font or emblem missing is found now, not at 2 a.m.)."""
        places = OfficeFolder(self.config_dir)
        documents = office.get("documents")
        for key in DOCUMENT_FILES:
            value = _read(Documents, documents, key)
            if not isinstance(value, str):
                continue
            path = places.file(value)
            if not path.is_file():
                self.add("office.yaml", ("documents", key), vocab.CFG_FILE_NOT_FOUND.format(path=path))
            elif key == "garuda" and path.suffix.lower() not in GARUDA_SUFFIXES:
                # DOCX takes PNG or JPG only; one file must serve the PDF and the DOCX alike.
                self.add("office.yaml", ("documents", key), vocab.CFG_GARUDA_KIND.format(path=value))
        ca_file = _read(Reminders, office.get("reminders"), "ca_file")
        if isinstance(ca_file, str) and not places.file(ca_file).is_file():
            self.add("office.yaml", ("reminders", "ca_file"), vocab.CFG_FILE_NOT_FOUND.format(path=places.file(ca_file)))

    def standards_rules(self, standards: dict[Any, Any]) -> None:
        levels = standards.get("levels", {})
        names = _read(Levels, levels, "names")
        bands = _read(Levels, levels, "bands") if isinstance(levels, dict) and "bands" in levels else None
        if bands:
            minimums = [b.min for b in bands]
            if minimums != sorted(minimums, reverse=True):
                self.add("standards.yaml", ("levels", "bands"), vocab.CFG_BANDS_ORDER)
        self.duplicates("standards.yaml", ("standards",), standards.get("standards"), "code")
        seen: dict[str, Path_] = {}
        std = self.sources["standards.yaml"]
        for si, standard in _mappings(standards.get("standards")):
            for ii, indicator in _mappings(standard.get("indicators")):
                here: Path_ = ("standards", si, "indicators", ii)
                code = _code(indicator.get("code"))
                if code is not None and code in seen:
                    self.add("standards.yaml", (*here, "code"), vocab.CFG_DUPLICATE.format(
                        code=code, first=std.readable(seen[code]), line=std.line(seen[code])))
                elif code is not None:
                    seen[code] = here
                self.owner_rules(here, indicator.get("owners"))
                self.threshold_rules(here, indicator, names)

    def owner_rules(self, here: Path_, owners: Any) -> None:
        if self.group_codes is None or not isinstance(owners, list):
            return
        known = [o for o in owners if isinstance(o, str) and o in self.group_codes]
        none_left = not known and all(isinstance(o, str) for o in owners)
        for oi, owner in enumerate(owners):
            if isinstance(owner, str) and owner not in self.group_codes:
                message = vocab.CFG_UNKNOWN_GROUP.format(code=owner) + _near(owner, self.group_codes)
                self.add("standards.yaml", (*here, "owners", oi), message + (vocab.CFG_NO_OWNER if none_left else ""))

    def threshold_rules(self, here: Path_, indicator: dict[Any, Any], names: Any) -> None:
        method = indicator.get("method")
        criteria = _read(Indicator, indicator, "criteria")
        if method == "criteria" and criteria == []:
            self.add("standards.yaml", (*here, "criteria"), vocab.CFG_NO_CRITERIA)
        thresholds = _read(Indicator, indicator, "thresholds")
        if not thresholds or not isinstance(names, dict):
            return
        for level in thresholds:
            if level not in names:
                self.add("standards.yaml", (*here, "thresholds", level), vocab.CFG_THRESHOLD_LEVEL.format(
                    level=level, levels=", ".join(map(str, sorted(names)))))
        for (low, low_value), (high, high_value) in itertools.pairwise(sorted(thresholds.items())):
            if high_value <= low_value:
                self.add("standards.yaml", (*here, "thresholds", high), vocab.CFG_THRESHOLDS_ORDER.format(
                    high=high, high_value=high_value, low=low, low_value=low_value))
        if method == "criteria" and criteria:
            for level, value in thresholds.items():
                if value > len(criteria):
                    self.add("standards.yaml", (*here, "thresholds", level), vocab.CFG_CRITERIA_THRESHOLD.format(
                        level=level, value=value, count=len(criteria)))

    def calendar_rules(self, calendar: dict[Any, Any]) -> None:
        fiscal_year = _read(OfficeInfo, self.info, "fiscal_year")
        bounds = thai.fiscal_year_bounds(fiscal_year) if isinstance(fiscal_year, int) else None
        covers_known = (self.group_codes | self.indicator_codes
                        if self.group_codes is not None and self.indicator_codes is not None else None)
        milestones = calendar.get("milestones")
        self.duplicates("calendar.yaml", ("milestones",), milestones, "code")
        for mi, milestone in _mappings(milestones):
            here: Path_ = ("milestones", mi)
            opens, due = _read(Milestone, milestone, "opens"), _read(Milestone, milestone, "due")
            for field, value in (("opens", opens), ("due", due)):
                if bounds is not None and isinstance(value, date) and not bounds[0] <= value <= bounds[1]:
                    self.add("calendar.yaml", (*here, field), vocab.CFG_DATE_OUTSIDE_FY.format(
                        value=_be(value), fy=thai.to_thai_digits(fiscal_year), start=_be(bounds[0]), end=_be(bounds[1])))
            if isinstance(opens, date) and isinstance(due, date) and due < opens:
                self.add("calendar.yaml", (*here, "due"), vocab.CFG_DUE_BEFORE_OPEN.format(due=_be(due), opens=_be(opens)))
            covers = milestone.get("covers")
            if covers_known is None or not isinstance(covers, list):
                continue
            for ci, code in enumerate(covers):
                if isinstance(code, str) and code not in covers_known:
                    self.add("calendar.yaml", (*here, "covers", ci),
                             vocab.CFG_UNKNOWN_COVER.format(code=code) + _near(code, covers_known))

    def committee_rules(self, committee: dict[Any, Any]) -> None:
        members = committee.get("members")
        if not isinstance(members, list) or not members:
            return
        roles = [m.get("role") if isinstance(m, dict) else None for m in members]
        if all(role in vocab.COMMITTEE_ROLES for role in roles):  # a wrong role is the model's to report
            chairs = roles.count(vocab.ROLE_CHAIR)
            if chairs != 1:
                self.add("committee.yaml", ("members",), vocab.CFG_ONE_CHAIR.format(count=chairs))
        if self.indicator_codes is None:
            return
        for mi, member in _mappings(members):
            codes = member.get("indicators")
            for ii, code in enumerate(codes if isinstance(codes, list) else []):
                if isinstance(code, str) and code not in self.indicator_codes:
                    self.add("committee.yaml", ("members", mi, "indicators", ii),
                             vocab.CFG_UNKNOWN_INDICATOR.format(code=code) + _near(code, self.indicator_codes))


GARUDA_SUFFIXES = (".png", ".jpg", ".jpeg")
# The files the documents use, checked to exist (again on every cache hit: _outside_still_holds).
DOCUMENT_FILES = ("garuda", "font", "font_bold")


def check_office(sources: dict[str, _Source], config_dir: Path) -> list[ConfigProblem]:
    """The rules that need more than one key or file, each problem at its file and key, on what each file
    holds: they run whether or not the files (or other keys) have mistakes of their own."""
    return _Checks(sources, config_dir).run()
