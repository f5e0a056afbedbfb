"""Load an office's config folder into an `Office`, finding every mistake before anything else runs.

A config folder holds four YAML files:

- office.yaml     the office, where the sheets live (`backend:`), the groups, optional column labels
- standards.yaml  level names and bands, the standards and their indicators
- calendar.yaml   the work calendar's milestones
- committee.yaml  the working committee (optional)

Every problem is reported as file:line, key path and a Thai sentence, all at once, so the coordinator
fixes them in one pass.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
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
    report with its key path, instead of escaping as a ValueError."""


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

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
                self._index(node, ())
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
        finally:
            loader.dispose()

    def _index(self, node: yaml.Node, path: Path_) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue  # a list or mapping as a key: yaml.load reports it
                key = key_node.value
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


def _translate(error: ErrorDetails) -> str:
    template = vocab.CONFIG_ERROR_TYPES.get(_SAME_AS.get(error["type"], error["type"]))
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
        source = _Source(str(path), path.read_text(encoding="utf-8"))
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
        levels=standards.levels,
        standards=standards.standards,
        milestones=calendar.milestones,
        committee=committee,
    )
    problems = check_office(office, sources) + check_files(office, config_dir, sources["office.yaml"])
    if problems:
        raise ConfigError(problems)
    return office


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
    problems += _duplicates(off, ("groups",), [g.tab for g in office.groups], "tab")
    group_codes = {g.code for g in office.groups}
    reserved = {office.status_tab, office.outputs_tab}
    for i, group in enumerate(office.groups):
        if group.tab in reserved:
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


def _duplicates(source: _Source, path: Path_, values: list[str], field: str) -> list[ConfigProblem]:
    first: dict[str, int] = {}
    problems = []
    for i, value in enumerate(values):
        if value in first:
            problems.append(source.problem((*path, i, field), vocab.CFG_DUPLICATE.format(
                code=value, first=_dotted((*path, first[value])))))
        else:
            first[value] = i
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
