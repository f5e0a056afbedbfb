"""The config cache (issue 16) and the parse it saves: a hit gives the office a miss gives, with the same
warnings; any edit of any file misses; a cache that is corrupt, foreign or unreadable is ignored and
written anew; a folder where it cannot be written still loads, silently; a config with a problem is never
cached. All on real files, in a copy of the example office; read-only folders for real, in a process of
its own (as root, as tests run in CI, it first gives up its power to write anywhere).
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from sheetsync.cli.main import cli
from sheetsync.core import vocab
from sheetsync.core.errors import ConfigError
from sheetsync.core.models import Office
from sheetsync.store import config
from sheetsync.store.config import load_office, standards_warning
from sheetsync.store.folder import OfficeFolder
from tests.support.cli import edit_config as edit

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    target = tmp_path / "office"
    shutil.copytree(REPO / "config", target)
    return target


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders whose files were read and checked in full (a miss), load after load."""
    seen: list[Path] = []
    full = config._validated

    def counted(config_dir: Path, files: dict[str, Any]) -> Office:
        seen.append(config_dir)
        return full(config_dir, files)

    monkeypatch.setattr(config, "_validated", counted)
    return seen


def cache_of(folder: Path) -> Path:
    return OfficeFolder(folder).config_cache


def check(folder: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--config", str(folder), "check"])
    return result.exit_code, result.stdout, result.stderr


def _without_root_file_powers() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so
    that root's file access is checked like anyone's."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def check_process(folder: Path) -> subprocess.CompletedProcess[str]:
    """`sheetsync check` in a process of its own, with the file access of an ordinary account."""
    return subprocess.run([sys.executable, "-m", "sheetsync", "--config", str(folder), "check"],
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=_without_root_file_powers if os.geteuid() == 0 else None)


# --- a hit is the miss's office -------------------------------------------------------------------------

def test_a_hit_gives_the_office_a_full_load_gives_without_reading_the_yaml(cfg: Path, loads: list[Path]) -> None:
    fresh = load_office(cfg, cache="off")
    assert not cache_of(cfg).exists() and loads == [cfg]
    first = load_office(cfg)  # a miss: read, checked, cached
    assert cache_of(cfg).is_file() and loads == [cfg, cfg]
    again = load_office(cfg)  # a hit
    assert loads == [cfg, cfg]
    assert first == fresh and again == fresh
    assert _typed(again) == _typed(fresh) and again.file_encodings == fresh.file_encodings == {}


def test_check_says_the_same_from_the_cache(cfg: Path, loads: list[Path]) -> None:
    """check's summary and warnings (the example standards, a file in Windows-874, committee.yaml missing)."""
    path = cfg / "office.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp874"))
    (cfg / "committee.yaml").unlink()
    miss = check(cfg)
    assert len(loads) == 1 and cache_of(cfg).is_file()
    hit = check(cfg)
    assert len(loads) == 1
    assert hit == miss and miss[0] == 0
    assert vocab.CFG_READ_AS.format(file=path, encoding=vocab.CFG_ENCODING_NAMES["cp874"]) in hit[2]
    assert vocab.CFG_COMMITTEE_MISSING in hit[2]


def test_a_copied_folder_names_its_own_files(cfg: Path, tmp_path: Path, loads: list[Path]) -> None:
    """The folder's path is not in the key: the office does not depend on it, but for the files read in
    another encoding, which the cache names under the folder read."""
    path = cfg / "calendar.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp874"))
    load_office(cfg)
    copy = tmp_path / "elsewhere" / "office"
    shutil.copytree(cfg, copy)
    office = load_office(copy)
    assert loads == [cfg]  # the copy's cache matched
    assert office.file_encodings == {str(copy / "calendar.yaml"): "cp874"}
    assert standards_warning(office) == standards_warning(load_office(copy, cache="off"))


def test_the_cache_is_json_with_a_header_line(cfg: Path) -> None:
    load_office(cfg)
    head, body = cache_of(cfg).read_bytes().split(b"\n", 1)
    header = json.loads(head)
    assert header["format"] == config.CACHE_FORMAT and len(header["key"]) == 64 and header["encodings"] == {}
    assert Office.model_validate_json(body) == load_office(cfg, cache="off")


# --- what misses ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(config.FILES))
def test_any_edit_of_any_file_misses_even_a_comment(cfg: Path, loads: list[Path], name: str) -> None:
    load_office(cfg)
    path = cfg / name
    path.write_bytes(path.read_bytes() + b"# \n")
    load_office(cfg)
    assert len(loads) == 2
    load_office(cfg)
    assert len(loads) == 2  # cached anew under the new key


def test_an_edit_that_changes_the_office_is_seen(cfg: Path) -> None:
    load_office(cfg)
    edit(cfg, "office.yaml", "  docx_font: TH SarabunPSK", "  docx_font: Angsana New")
    assert load_office(cfg).documents.docx_font == "Angsana New"


def test_a_file_removed_or_added_misses(cfg: Path, loads: list[Path]) -> None:
    committee = (cfg / "committee.yaml").read_bytes()
    assert load_office(cfg).committee is not None
    (cfg / "committee.yaml").unlink()
    assert load_office(cfg).committee is None and len(loads) == 2
    (cfg / "committee.yaml").write_bytes(committee)
    assert load_office(cfg).committee is not None and len(loads) == 3


def test_other_code_misses(cfg: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    load_office(cfg)
    monkeypatch.setattr(config, "_code_fingerprint", lambda: b"another version of sheetsync")
    load_office(cfg)
    assert len(loads) == 2


def test_the_code_fingerprint_covers_the_vocabulary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit of a core module (here a Thai word the models default to) is another fingerprint, with no
    version number changed."""
    core = tmp_path / "core"
    shutil.copytree(Path(config.models.__file__).parent, core)
    monkeypatch.setattr(config.models, "__file__", str(core / "models.py"))
    fingerprint = config._code_fingerprint.__wrapped__
    before = fingerprint()
    assert fingerprint() == before
    vocab_file = core / "vocab.py"
    vocab_file.write_text(vocab_file.read_text(encoding="utf-8") + "\nSTATUS_TAB = 'x'\n", encoding="utf-8")
    assert fingerprint() != before
    assert config._library("yaml") != "absent" and config._library("no_such_library_here") == "absent"


# --- a cache that cannot be used ------------------------------------------------------------------------

def _key_changed(data: bytes) -> bytes:
    head, body = data.split(b"\n", 1)
    header = json.loads(head)
    header["key"] = "0" * 64
    return json.dumps(header).encode() + b"\n" + body


def _format_changed(data: bytes) -> bytes:
    head, body = data.split(b"\n", 1)
    header = json.loads(head)
    header["format"] = config.CACHE_FORMAT + 1
    return json.dumps(header).encode() + b"\n" + body


def _office_changed(data: bytes) -> bytes:
    head, body = data.split(b"\n", 1)
    office = json.loads(body)
    office["office"]["fiscal_year"] = "not a year"
    return head + b"\n" + json.dumps(office).encode()


def _encodings_changed(data: bytes) -> bytes:
    head, body = data.split(b"\n", 1)
    header = json.loads(head)
    header["encodings"] = {"../../etc/passwd": "cp874"}
    return json.dumps(header).encode() + b"\n" + body


def _holidays_changed(data: bytes) -> bytes:
    head, body = data.split(b"\n", 1)
    header = json.loads(head)
    header["holidays"] = {"2027-13-40": "วันที่ไม่มีจริง"}
    return json.dumps(header).encode() + b"\n" + body


BROKEN = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "header only": lambda data: data.split(b"\n", 1)[0],
    "garbage": lambda data: os.urandom(4096),
    "not UTF-8": lambda data: b"\xff\xfe\x00" + data,
    "deeply nested": lambda data: b"[" * 100_000 + b"\n" + b"{" * 100_000,
    "another key": _key_changed,
    "another format": _format_changed,
    "an office that does not validate": _office_changed,
    "encodings of files it has not": _encodings_changed,
    "holidays that are not dates": _holidays_changed,
    "holidays that are not a table": lambda data: data.replace(b'"holidays": {', b'"holidays": [{', 1),
    "JSON of another shape": lambda data: b'["format", 1]\n{"a": 1}',
}


@pytest.mark.parametrize("how", list(BROKEN))
def test_a_broken_cache_is_ignored_and_written_anew(cfg: Path, loads: list[Path], how: str) -> None:
    expected = load_office(cfg)
    cache = cache_of(cfg)
    good = cache.read_bytes()
    cache.write_bytes(BROKEN[how](good))
    assert load_office(cfg) == expected and len(loads) == 2
    assert cache.read_bytes() == good  # written anew
    assert load_office(cfg) == expected and len(loads) == 2


def test_a_cache_that_is_a_folder_is_left_and_the_office_loads(cfg: Path, loads: list[Path]) -> None:
    cache = cache_of(cfg)
    cache.mkdir(parents=True)
    assert load_office(cfg) == load_office(cfg, cache="off")
    assert cache.is_dir() and list(cache.parent.iterdir()) == [cache]  # no temporary file left


def test_a_state_that_is_a_file_loads_silently(cfg: Path) -> None:
    state = OfficeFolder(cfg).state
    state.write_text("not a folder")
    code, out, err = check(cfg)
    assert code == 0 and state.read_text() == "not a folder"
    assert (code, out, err) == check(cfg)


def test_an_unreadable_cache_is_ignored(cfg: Path) -> None:
    expected = check(cfg)
    cache = cache_of(cfg)
    cache.chmod(0o000)
    try:
        result = check_process(cfg)
    finally:
        cache.chmod(0o644)
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == expected[1:]  # no word about the cache
    assert load_office(cfg) == load_office(cfg, cache="off")


@pytest.mark.parametrize("read_only", ["office folder", "state folder", "cache folder"])
def test_a_folder_where_the_cache_cannot_be_written_loads_silently(cfg: Path, read_only: str) -> None:
    places = OfficeFolder(cfg)
    expected = check(cfg)
    shutil.rmtree(places.state)
    folder = {"office folder": cfg, "state folder": places.state, "cache folder": places.cache}[read_only]
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o555)
    try:
        first, second = check_process(cfg), check_process(cfg)
    finally:
        folder.chmod(0o755)
    for result in (first, second):
        assert result.returncode == 0, result.stderr
        assert (result.stdout, result.stderr) == expected[1:]
    assert not places.config_cache.exists()
    assert not [p for p in cfg.rglob("*") if p.name.endswith(".tmp")]


# --- what is never cached, or never written ---------------------------------------------------------------

def test_a_config_with_a_problem_is_never_cached(cfg: Path) -> None:
    good = (cfg / "office.yaml").read_bytes()
    edit(cfg, "office.yaml", "  fiscal_year: 2570", "  fiscal_year: สองพัน")
    for _ in range(2):
        with pytest.raises(ConfigError):
            load_office(cfg)
    assert not cache_of(cfg).exists()
    (cfg / "office.yaml").write_bytes(good)
    cached = load_office(cfg)
    edit(cfg, "office.yaml", "  fiscal_year: 2570", "  fiscal_year: สองพัน")
    with pytest.raises(ConfigError):  # the office cached before says nothing of it
        load_office(cfg)
    (cfg / "office.yaml").write_bytes(good)
    assert load_office(cfg) == cached


def test_a_file_the_office_names_gone_since_the_cache_is_said(cfg: Path, loads: list[Path]) -> None:
    """The documents' files and the timezone are outside the config files: checked on every hit."""
    (cfg / "garuda.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(cfg, "office.yaml", "  # garuda: garuda.png", "  garuda: garuda.png")
    load_office(cfg)
    load_office(cfg)
    assert len(loads) == 1
    (cfg / "garuda.png").unlink()
    with pytest.raises(ConfigError) as info:
        load_office(cfg)
    assert [p.path for p in info.value.problems] == ["documents.garuda"]


def test_a_timezone_no_longer_known_is_said(cfg: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    load_office(cfg)
    monkeypatch.setattr(config, "_zone_ok", lambda name: False)  # tzdata without it
    with pytest.raises(ConfigError) as info:
        load_office(cfg)
    assert [p.path for p in info.value.problems] == ["office.timezone"]


def _another_year(data: dict[str, Any]) -> None:
    data["office"]["fiscal_year"] += 1


def _a_size_written_as_an_int(data: dict[str, Any]) -> None:
    """Read back as 16.0, equal to the office's 16.0 (==), but not written the same."""
    assert data["documents"]["font_size"] == 16.0
    data["documents"]["font_size"] = 16


@pytest.mark.parametrize("change", [_another_year, _a_size_written_as_an_int])
def test_an_office_that_does_not_read_back_as_itself_is_not_cached(cfg: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   change: Any) -> None:
    dump = Office.model_dump_json
    calls: list[Office] = []

    def changed(self: Office, **kwargs: Any) -> str:
        """The office's JSON changed (the one to write), the one it reads back as written as it is."""
        calls.append(self)
        data = json.loads(dump(self, **kwargs))
        if len(calls) == 1:
            change(data)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    monkeypatch.setattr(Office, "model_dump_json", changed)
    load_office(cfg)
    assert calls and not cache_of(cfg).exists()


def test_read_uses_a_cache_and_writes_none_off_neither(cfg: Path, loads: list[Path]) -> None:
    load_office(cfg, cache="read")
    assert not OfficeFolder(cfg).state.exists()
    load_office(cfg)
    load_office(cfg, cache="read")
    assert len(loads) == 2  # the second read hit
    load_office(cfg, cache="off")
    assert len(loads) == 3


def test_the_shipped_example_is_never_written_into() -> None:
    example = REPO / "config"
    load_office(example)
    assert not OfficeFolder(example).config_cache.exists()


def test_the_collector_is_left_as_it_was(cfg: Path) -> None:
    assert gc.isenabled()
    load_office(cfg, cache="off")
    assert gc.isenabled()
    gc.disable()
    try:
        load_office(cfg, cache="off")
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- the walk that builds the values, as PyYAML's constructor builds them ---------------------------------

def _typed(value: Any) -> Any:
    """A value with the type of everything in it (1, 1.0 and True differ), a model's field by field."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, [(name, _typed(getattr(value, name))) for name in type(value).model_fields])
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


YAML_TEXTS = [
    "a: 1\nb: yes\nc: ~\nd: 2026-01-01\ne: 2027-02-30\nf: 1.5\ng: .inf\nh: 0x1F\n5: x\n'6': y\na: 2\n",
    "- [1, 2]\n- {a: b}\n- !!str 3\n- !!int '7'\n- !!float '1'\n- null\n- ''\n- 1_000\n- 0o17\n- +12\n- 1:30\n",
    "x: 2020-01-01 10:00:00\ny: 2020-01-01T10:00:00+07:00\nTrue: 1\nnull: 2\n1.5: 3\n",
    "<<: {a: 1}\nb: 2\n",  # a merge key: PyYAML's constructor
    "=: 1\n",  # the value key: PyYAML's constructor
    "x: !!set {a, b}\n",  # a tag of its own
    "x: !!binary aGk=\n",
    "a: &x [1, 2]\nb: *x\n",  # an alias: one list, shared
    "!!map {a: 1}\n",
    "x: !!timestamp not a date\n",
    "ชื่อ: สำนักงาน # ความเห็น\nรายการ:\n  - ก\n  - 'ข'\n  - \"ค\\tง\"\n",
]


@pytest.mark.parametrize("text", YAML_TEXTS)
def test_the_walk_builds_what_pyyaml_builds(text: str) -> None:
    source = config._Source("x.yaml", text)
    assert source.data is not None
    assert [p.message for p in source.problems] in ([], [vocab.CFG_DUPLICATE_KEY.format(key="a", line=1)])
    expected = yaml.load(text, Loader=config._loader())  # the safe loader, ours
    assert _typed(source.data) == _typed(expected)


def test_the_walk_builds_the_example_and_a_shared_alias_stays_shared() -> None:
    for name in config.FILES:
        text = (REPO / "config" / name).read_text(encoding="utf-8")
        source = config._Source(name, text)
        assert source._building  # the example is plain YAML: the walk built it
        assert _typed(source.data) == _typed(yaml.load(text, Loader=config._loader()))
    shared = config._Source("x.yaml", "a: &x [1, 2]\nb: *x\n").data
    assert shared["a"] is shared["b"]


@pytest.mark.parametrize(("text", "line", "value"), [
    ("a: 1\nx: !!bool maybe\n", 2, "maybe"),  # was a KeyError's traceback
    ("a: 1\nb: 2\nx: !!int abc\n", 3, None),
])
def test_a_tagged_value_that_cannot_be_read_is_said_at_its_line(text: str, line: int, value: str | None) -> None:
    (problem,) = config._Source("x.yaml", text).problems
    assert problem.line == line
    if value is not None:
        assert problem.message == vocab.CFG_YAML_SYNTAX.format(
            problem=vocab.CFG_YAML_PROBLEMS["value"].format(problem=value))


def test_a_cache_hit_imports_no_yaml_library(cfg: Path) -> None:
    load_office(cfg)
    code = ("import sys; from sheetsync.store.config import load_office; load_office(sys.argv[1]); "
            "print('yaml' in sys.modules, 'charset_normalizer' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(cfg)], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False", "False"], result.stderr


ANCHORED = ["a: &x 1\nb: *x\n", "&a k: 1\nb: *a\n", "[&a 1, *a]\n", '{"a":&x 1, "b": *x}\n', "- &a\n  b: 1\n- *a\n",
            "a:\t&t 1\nb: *t\n", "? &k a\n: 1\nb: *k\n", "--- &d\na: 1\n", "a: !!str &s x\nb: *s\n",
            "a: [1, &e2 2]\nb: *e2\n", "a: {x: &m-1_ y}\nb: *m-1_\n", "\ufeff&a x\n"]


@pytest.mark.parametrize("text", ANCHORED)
def test_every_anchor_is_seen(text: str) -> None:
    """The alias walk and PyYAML's constructor are skipped only where no anchor can be."""
    yaml.compose(text, Loader=config._loader())
    assert config._ANCHOR.search(text) is not None
    assert not config._Source("x.yaml", text)._building


@pytest.mark.parametrize("text", ["a: R&D\n", "# ' * & ! in quotes\na: 1\n", "a: 'x & y'\n", "a: b&c\n"])
def test_an_ampersand_that_is_no_anchor_keeps_the_walk(text: str) -> None:
    assert config._Source("x.yaml", text)._building


def test_a_hit_gives_the_holidays_without_the_holidays_package(cfg: Path) -> None:
    """The cache keeps the holiday table (issue 16: the package's import is 0.15 s of every sync): a load
    from it gives the calendar the package gives, and the package is never imported."""
    from sheetsync.core import workdays

    office = load_office(cfg)  # writes the cache
    assert office.public_holidays
    header = json.loads(cache_of(cfg).read_bytes().split(b"\n", 1)[0])
    expected = workdays._thai_holidays(workdays.holiday_years(office))
    assert header["holidays"] == {day.isoformat(): name for day, name in expected.items()} and len(expected) > 40
    code = ("import sys; from pathlib import Path; from sheetsync.store.config import load_office; "
            "from sheetsync.core.workdays import WorkCalendar; "
            f"cal = WorkCalendar.of(load_office(Path({str(cfg)!r}))); "
            "import json; print(json.dumps(['holidays' in sys.modules, {d.isoformat(): n for d, n in cal._off.items()}]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    imported, theirs = json.loads(out)
    assert imported is False
    assert all(theirs[day.isoformat()] == name for day, name in expected.items())
