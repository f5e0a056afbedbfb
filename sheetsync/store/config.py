"""Load an office's config folder into an `Office`, finding every mistake before anything else runs.

A config folder holds four YAML files:

- office.yaml     the office, where the sheets live (`backend:`), the groups, optional column labels
- standards.yaml  level names and bands, the standards and their indicators
- calendar.yaml   the work calendar's milestones
- committee.yaml  the working committee (optional)

Every problem is reported as file:line, key path and a Thai sentence, all at once, so the coordinator
fixes them in one pass.

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
- Values nested deeper than MAX_DEPTH, a file larger than MAX_FILE_BYTES, one that is not UTF-8 or cannot
  be read are problems of that file.
- Tab names and codes that become file names are checked by the models (core/models.py); here, tab names
  are compared as Excel compares them (case-insensitively), the Status and outputs tabs included.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sheetsync.core import columns, thai, vocab
from sheetsync.core.errors import ConfigError, ConfigProblem
from sheetsync.core.models import CalendarFile, CommitteeFile, Office, OfficeFile, StandardsFile
from sheetsync.store.folder import OfficeFolder

FILES: dict[str, type[BaseModel]] = {
    "office.yaml": OfficeFile,
    "standards.yaml": StandardsFile,
    "calendar.yaml": CalendarFile,
    "committee.yaml": CommitteeFile,
}
OPTIONAL_FILES = {"committee.yaml"}

if TYPE_CHECKING:  # the C loader when PyYAML has libyaml; the checker sees the pure one (same interface)
    _BaseLoader = yaml.SafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """The safe loader, except that an impossible date (2027-02-30) stays text for the date check to
    report with its key path, instead of escaping as a ValueError, and a number that cannot be read
    (`!!int abc`) is a YAML problem with its line."""


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


def _number(construct: Any) -> Any:
    def constructor(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, vocab.CFG_YAML_BAD_NUMBER.format(value=_cut(node.value)), node.start_mark) from exc
    return constructor


INT_TAG = "tag:yaml.org,2002:int"
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor(INT_TAG, _number(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _number(yaml.SafeLoader.construct_yaml_float))

MAX_ALIASES = 100  # aliases in one file (a `<<: *defaults` per indicator stays far below)
MAX_ALIAS_EXPANSION = 10_000  # values the aliases of one file may add to it
MAX_INT_DIGITS = 15  # an integer's digits (years, counts, ports, memo numbers: a handful)
MAX_DEPTH = 64  # nesting of mappings and lists (the config's own is under 10)
MAX_FILE_BYTES = 5_000_000


def _cut(text: str, limit: int = 24) -> str:
    """A value as typed, cut for a message when it is long."""
    return text if len(text) <= limit else text[:limit] + "…"


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

# pydantic error types worded like one already translated.
_SAME_AS = {
    "int_from_float": "int_parsing",
    "bool_type": "bool_parsing",
    "model_attributes_type": "model_type",
    "date_from_datetime_inexact": "date_type",
}

Path_ = tuple[str | int, ...]


class _Source:
    """One parsed YAML file: its data and the line of every key path, for messages."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.problems: list[ConfigProblem] = []
        self.lines: dict[Path_, int] = {}
        self.data: Any = None
        loader = _Loader(text)
        try:
            # Parse once: the node tree gives every key's line, then the values are built from it.
            node = loader.get_single_node()
            if node is not None:
                refused = _alias_problem(node)  # before anything expands the aliases
                if refused is not None:
                    message, where = refused
                    self.problems.append(ConfigProblem(file=name, line=where.start_mark.line + 1, message=message))
                    return
                self._index(node, ())
                if self.problems:
                    return  # the values are not used, and an over-long number cannot be built
                # Building the values can fail too (an unknown !tag, a list used as a key).
                self.data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            self.problems.append(
                ConfigProblem(
                    file=name,
                    line=mark.line + 1 if mark else None,
                    message=vocab.CFG_YAML_SYNTAX.format(problem=problem),
                )
            )
        except RecursionError:  # the pure-Python composer on deep nesting (libyaml stops at 1,000 levels)
            self.problems.append(ConfigProblem(file=name, message=vocab.CFG_YAML_TOO_DEEP.format(limit=MAX_DEPTH)))
        except (ValueError, TypeError, OverflowError) as exc:  # a constructor's own failure
            self.problems.append(ConfigProblem(file=name, message=vocab.CFG_YAML_SYNTAX.format(problem=_cut(str(exc), 200))))
        finally:
            loader.dispose()

    def _number_problem(self, node: yaml.Node, path: Path_) -> bool:
        """An integer too long to be a setting (or to be read at all): a problem at its key path."""
        if not (isinstance(node, yaml.ScalarNode) and node.tag == INT_TAG):
            return False
        if len(node.value.replace("_", "").lstrip("+-")) <= MAX_INT_DIGITS:
            return False
        self.problems.append(ConfigProblem(
            file=self.name, line=node.start_mark.line + 1, path=_dotted(path),
            message=vocab.CFG_NUMBER_TOO_LONG.format(value=_cut(node.value), limit=MAX_INT_DIGITS)))
        return True

    def _index(self, node: yaml.Node, path: Path_) -> None:
        self.lines[path] = node.start_mark.line + 1
        if len(path) > MAX_DEPTH:  # said once, at the line where it goes too deep, with the path's start
            if not any(p.message == vocab.CFG_YAML_TOO_DEEP.format(limit=MAX_DEPTH) for p in self.problems):
                self.problems.append(ConfigProblem(file=self.name, line=node.start_mark.line + 1,
                                                   path=_dotted(path[:3]) + "…",
                                                   message=vocab.CFG_YAML_TOO_DEEP.format(limit=MAX_DEPTH)))
            return
        if self._number_problem(node, path):
            return
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue  # a list or mapping as a key: yaml.load reports it
                key = key_node.value
                if self._number_problem(key_node, (*path, _cut(key))):
                    continue
                line = key_node.start_mark.line + 1
                if key in seen:
                    self.problems.append(
                        ConfigProblem(
                            file=self.name,
                            line=line,
                            path=_dotted((*path, key)),
                            message=vocab.CFG_DUPLICATE_KEY.format(key=key, line=seen[key]),
                        )
                    )
                seen[key] = line
                # YAML reads `5:` as an int key; pydantic reports it as such, so index both spellings.
                self._index(value_node, (*path, key))
                if isinstance(key, str) and key.lstrip("-").isdigit():
                    self.lines[(*path, int(key))] = self.lines[(*path, key)]
                self.lines[(*path, key)] = line
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, (*path, i))

    def line(self, path: Iterable[str | int]) -> int | None:
        """The line of the deepest part of `path` that exists in the file."""
        parts = tuple(path)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get(())

    def problem(self, path: Path_, message: str) -> ConfigProblem:
        return ConfigProblem(file=self.name, line=self.line(path), path=_dotted(path), message=message)


def _dotted(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_ERROR_TYPES = {**vocab.CONFIG_ERROR_TYPES, **vocab.CFG_ERROR_TYPES_MORE}


def _translate(error: ErrorDetails) -> str:
    template = _ERROR_TYPES.get(_SAME_AS.get(error["type"], error["type"]))
    if error["type"] in ("value_error", "assertion_error"):
        return str(error["ctx"].get("error", error["msg"]))
    if template is None:
        return error["msg"]
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return error["msg"]


def _clean_loc(loc: tuple[str | int, ...], source: _Source) -> Path_:
    # A discriminated union puts its tag ("xlsx") into the location; drop parts the file lacks.
    out: list[str | int] = []
    for part in loc:
        if part in ("xlsx", "gsheets") and (*out, part) not in source.lines:
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
            source.problems.append(source.problem(loc, _translate(error)))
        return None


def _read_source(path: Path) -> _Source:
    """The file parsed, or a source holding the one problem that kept it from being read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            problem = vocab.CFG_FILE_TOO_BIG.format(limit=f"{MAX_FILE_BYTES:,}")
        else:
            return _Source(str(path), data.decode("utf-8"))
    except UnicodeDecodeError:
        problem = vocab.CFG_NOT_UTF8
    except OSError as exc:
        problem = vocab.CFG_UNREADABLE.format(problem=exc.strerror or exc)
    source = _Source(str(path), "")
    source.problems.append(ConfigProblem(file=str(path), message=problem))
    return source


def load_office(config_dir: Path) -> Office:
    """The office in `config_dir`, or ConfigError listing every problem found."""
    config_dir = Path(config_dir)
    if not config_dir.is_dir():
        raise ConfigError([ConfigProblem(file=str(config_dir), message=vocab.CFG_DIR_MISSING)])
    sources: dict[str, _Source] = {}
    parsed: dict[str, BaseModel] = {}
    problems: list[ConfigProblem] = []
    for name, model in FILES.items():
        path = OfficeFolder(config_dir).config_file(name)
        if not path.exists():
            if name not in OPTIONAL_FILES:
                problems.append(ConfigProblem(file=str(path), message=vocab.CFG_FILE_MISSING))
            continue
        source = _read_source(path)
        sources[name] = source
        if not source.problems:
            result = _validate(source, model)
            if result is not None:
                parsed[name] = result
        problems.extend(source.problems)
    if problems:
        raise ConfigError(problems)

    # FILES says which model validated each file.
    office_file, standards, calendar = parsed["office.yaml"], parsed["standards.yaml"], parsed["calendar.yaml"]
    committee = parsed.get("committee.yaml")
    assert isinstance(office_file, OfficeFile) and isinstance(standards, StandardsFile)
    assert isinstance(calendar, CalendarFile) and (committee is None or isinstance(committee, CommitteeFile))
    office = Office(
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
    )
    problems = check_office(office, sources) + check_files(office, config_dir, sources["office.yaml"])
    if problems:
        raise ConfigError(problems)
    return office


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
    """`check`'s and `doctor`'s warning while the standards are still the example's (`example: true`) or
    assume something not yet confirmed. A warning, not a problem: the example office runs as it is, and
    the coordinator confirms the standards against OBEC's rubric in time."""

    lines: list[str]  # Thai sentences: the example's, then how many things are to confirm
    items: list[str]  # standards_to_confirm
    fix: str


def standards_warning(office: Office) -> StandardsWarning | None:
    items = standards_to_confirm(office)
    lines = []
    if office.standards_example:
        lines.append(vocab.CFG_STD_EXAMPLE.format(fy=thai.to_thai_digits(office.office.fiscal_year)))
    if items:
        lines.append(vocab.CFG_STD_ASSUMED.format(count=thai.to_thai_digits(len(items))))
    if not lines:
        return None
    return StandardsWarning(lines=lines, items=items, fix=vocab.CFG_STD_ASSUMED_FIX)


GARUDA_SUFFIXES = (".png", ".jpg", ".jpeg")


def check_files(office: Office, config_dir: Path, off: _Source) -> list[ConfigProblem]:
    """The files the documents use exist (a font or emblem missing is found now, not at 2 a.m.)."""
    problems = []
    docs = office.documents
    for key in ("garuda", "font", "font_bold"):
        value = getattr(docs, key)
        if value is None:
            continue
        path = OfficeFolder(config_dir).file(value)
        if not path.is_file():
            problems.append(off.problem(("documents", key), vocab.CFG_FILE_NOT_FOUND.format(path=path)))
        elif key == "garuda" and path.suffix.lower() not in GARUDA_SUFFIXES:
            # DOCX takes PNG or JPG only; one file must serve the PDF and the DOCX alike.
            problems.append(off.problem(("documents", key), vocab.CFG_GARUDA_KIND.format(path=value)))
    ca_file = office.reminders.ca_file if office.reminders else None
    if ca_file and not OfficeFolder(config_dir).file(ca_file).is_file():
        problems.append(off.problem(("reminders", "ca_file"),
                                    vocab.CFG_FILE_NOT_FOUND.format(path=OfficeFolder(config_dir).file(ca_file))))
    return problems


def check_office(office: Office, sources: dict[str, _Source]) -> list[ConfigProblem]:
    """The rules that need more than one key or file; each problem points at its file and key."""
    off, std, cal, com = (sources.get(n) for n in FILES)
    assert off and std and cal
    problems: list[ConfigProblem] = []

    try:
        ZoneInfo(office.office.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(off.problem(("office", "timezone"), vocab.CFG_BAD_TIMEZONE.format(tz=office.office.timezone)))

    problems += _duplicates(off, ("groups",), [g.code for g in office.groups], "code")
    # Excel takes two names that differ only in case for the same tab: so does this check.
    problems += _duplicates(off, ("groups",), [g.tab for g in office.groups], "tab", fold=str.casefold)
    group_codes = {g.code for g in office.groups}
    if office.outputs_tab.casefold() == office.status_tab.casefold():
        problems.append(off.problem(("outputs_tab",), vocab.CFG_DUPLICATE.format(code=office.outputs_tab, first="status_tab")))
    reserved = {office.status_tab.casefold(), office.outputs_tab.casefold()}
    for i, group in enumerate(office.groups):
        if group.tab.casefold() in reserved:
            problems.append(off.problem(("groups", i, "tab"), vocab.CFG_DUPLICATE.format(code=group.tab, first="status/outputs")))

    known_keys = sorted(columns.ALL_KEYS)
    labels: dict[str, str] = {c.key: c.label for c in columns.INDICATOR_COLUMNS}
    for key, label in office.columns.items():
        if key not in columns.ALL_KEYS:
            problems.append(off.problem(("columns", key), vocab.CFG_UNKNOWN_COLUMN.format(key=key, keys=", ".join(known_keys))))
        else:
            labels[key] = label
    by_label: dict[str, str] = {}
    for key, label in labels.items():
        label = " ".join(label.split())  # as the header row is read
        if label in by_label:
            # Point at the label the office set, not at a default it collides with.
            mine, other = (key, by_label[label]) if key in office.columns else (by_label[label], key)
            problems.append(off.problem(("columns", mine), vocab.CFG_DUPLICATE_LABEL.format(label=label, other=other)))
        by_label[label] = key

    bands = [b.min for b in office.levels.bands]
    if bands != sorted(bands, reverse=True):
        problems.append(std.problem(("levels", "bands"), vocab.CFG_BANDS_ORDER))

    problems += _duplicates(std, ("standards",), [s.code for s in office.standards], "code")
    seen_codes: dict[str, str] = {}
    for si, standard in enumerate(office.standards):
        for ii, ind in enumerate(standard.indicators):
            here: Path_ = ("standards", si, "indicators", ii)
            if ind.code in seen_codes:
                problems.append(std.problem((*here, "code"), vocab.CFG_DUPLICATE.format(code=ind.code, first=seen_codes[ind.code])))
            else:
                seen_codes[ind.code] = _dotted(here)
            for oi, owner in enumerate(ind.owners):
                if owner not in group_codes:
                    problems.append(std.problem((*here, "owners", oi), vocab.CFG_UNKNOWN_GROUP.format(code=owner)))
            problems += _check_thresholds(std, here, ind, office)

    fy = office.office.fiscal_year
    start, end = thai.fiscal_year_bounds(fy)
    problems += _duplicates(cal, ("milestones",), [m.code for m in office.milestones], "code")
    cover_codes = set(seen_codes) | group_codes
    for mi, ms in enumerate(office.milestones):
        here = ("milestones", mi)
        for field in ("opens", "due"):
            value = getattr(ms, field)
            if not start <= value <= end:
                problems.append(cal.problem((*here, field), vocab.CFG_DATE_OUTSIDE_FY.format(
                    value=value.isoformat(), fy=fy, start=start.isoformat(), end=end.isoformat())))
        if ms.due < ms.opens:
            problems.append(cal.problem((*here, "due"), vocab.CFG_DUE_BEFORE_OPEN.format(due=ms.due, opens=ms.opens)))
        for ci, code in enumerate(ms.covers):
            if code not in cover_codes:
                problems.append(cal.problem((*here, "covers", ci), vocab.CFG_UNKNOWN_COVER.format(code=code)))

    if office.committee and com:
        chairs = sum(1 for m in office.committee.members if m.role == vocab.ROLE_CHAIR)
        if chairs != 1:
            problems.append(com.problem(("members",), vocab.CFG_ONE_CHAIR.format(count=chairs)))
        for mi, member in enumerate(office.committee.members):
            for ii, code in enumerate(member.indicators):
                if code not in seen_codes:
                    problems.append(com.problem(("members", mi, "indicators", ii), vocab.CFG_UNKNOWN_INDICATOR.format(code=code)))
    return problems


def _duplicates(source: _Source, path: Path_, values: list[str], field: str,
                fold: Callable[[str], str] | None = None) -> list[ConfigProblem]:
    first: dict[str, int] = {}
    problems = []
    for i, value in enumerate(values):
        key = fold(value) if fold else value
        if key in first:
            problems.append(source.problem((*path, i, field), vocab.CFG_DUPLICATE.format(
                code=value, first=_dotted((*path, first[key])))))
        else:
            first[key] = i
    return problems


def _check_thresholds(std: _Source, here: Path_, ind: Any, office: Office) -> list[ConfigProblem]:
    problems = []
    if ind.method == "criteria" and not ind.criteria:
        problems.append(std.problem((*here, "criteria"), vocab.CFG_NO_CRITERIA))
    if not ind.thresholds:
        return problems
    levels = sorted(office.levels.names)
    for level in ind.thresholds:
        if level not in office.levels.names:
            problems.append(std.problem((*here, "thresholds", level), vocab.CFG_THRESHOLD_LEVEL.format(
                level=level, levels=", ".join(map(str, levels)))))
    ordered = sorted(ind.thresholds.items())
    for (low, low_value), (high, high_value) in itertools.pairwise(ordered):
        if high_value <= low_value:
            problems.append(std.problem((*here, "thresholds", high), vocab.CFG_THRESHOLDS_ORDER.format(
                high=high, high_value=high_value, low=low, low_value=low_value)))
    if ind.method == "criteria" and ind.criteria:
        for level, value in ind.thresholds.items():
            if value > len(ind.criteria):
                problems.append(std.problem((*here, "thresholds", level), vocab.CFG_CRITERIA_THRESHOLD.format(
                    level=level, value=value, count=len(ind.criteria))))
    return problems
