"""What a sync costs as the office grows, side by side with the usual ways (issue 7). Not a test.

For an office of 10 groups and 50, 500 and 5,000 rows in all (tests/bigoffice.py builds it: the
example office's groups, every row filled, one row in 50 with a mistake), on the loopback Google
Sheets fake (tests/fake_sheets.py, real gspread and google-auth over 127.0.0.1) and on the workbook:

- sheetsync on Google Sheets: API requests per sync, request and answer body bytes (from the fake's
  log), the in-process sync time (read + evaluate + plan + write), a re-run with nothing edited, and
  the whole `sheetsync sync` command in a child process (start-up, history, follow-up memo).
- sheetsync on the workbook: the whole `sheetsync sync` command in a child process, and the same sync
  in-process split into phases (config, read, evaluate + plan, write, memo, history and the rest).
- the workbook write, before and after issue 18: the sync in-process with the surgical write (only the
  changed sheet parts rewritten, every other part copied as stored) and with the write as it was
  (openpyxl saving the whole workbook), each twice: a first sync writing every status cell, then a
  sync after one result was edited (a few cells); the write phase and the whole sync for each.
- parse + validate + score + plan (`evaluate` + `status.plan`) on tables already read, best of
  several repetitions, per 1,000 rows; and validation alone (`parse_group_tab`).
- the naive way: real gspread, `open_by_key`, per group `worksheet(tab).get_all_values()`, then one
  `worksheet.update(range, [[status cells]])` per row, writing the same status cells; its requests,
  bytes and time (its API calls only: the status values are computed beforehand and not timed).
- frictionless validating the same rows against a typed Table Schema (validation time only).
- the follow-up memo of 5,000 bad rows (bench/memobench.py, with the largest size only): its pages and the
  time to make its PDF and DOCX, beside the floor (a memo of one item).
- peak memory: the child process's maximum resident set size (`ru_maxrss`, the whole process, the
  memo's PDF rendering included) and the tracemalloc peak of an in-process workbook sync (Python
  allocations of read + evaluate + plan + write).

Run `make bench` (installs the `bench` extra), or `.venv/bin/python bench/syncbench.py
[--sizes 50,500,5000] [--reps N] [--out bench/results.json]`. It prints a table and the targets met
or missed, and writes every figure with the machine's details to bench/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import importlib.metadata
import json
import os
import pickle
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import gspread
import yaml
from google.oauth2.service_account import Credentials
from gspread.http_client import HTTPClient

from sheetsync.app.followup import follow_up
from sheetsync.app.sync import office_now, sync_office
from sheetsync.backends import open_backend, xlsxparts
from sheetsync.backends.gsheets import GSheetsBackend, quote_tab
from sheetsync.backends.xlsx import WorkbookBackend
from sheetsync.core.cells import RawTable, a1
from sheetsync.core.collector import collector_paused
from sheetsync.core.columns import INDICATOR_COLUMNS, STATUS_KEYS
from sheetsync.core.evaluate import Evaluation, evaluate
from sheetsync.core.layout import plan_setup, tabs_to_read
from sheetsync.core.models import Office
from sheetsync.core.rows import parse_group_tab, parse_outputs_tab
from sheetsync.core.status import Texts, plan, row_status
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the office generator and the Sheets fake are test utilities
sys.path.insert(0, str(REPO / "bench"))

import memobench  # noqa: E402  (bench/, beside this file)
import peer_fullsave  # noqa: E402  (bench/, beside this file)

from tests.fakes.bigoffice import fill, make_config  # noqa: E402
from tests.fakes.fake_sheets import GOOGLE_ROOT, FakeSheets  # noqa: E402

TODAY = date(2027, 4, 5)  # the demo day: just after the 6-month round was due
GROUPS = 10
SIZES = (50, 500, 5000)
SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]
QUOTA_PER_MINUTE = 60  # Sheets API default: 60 read and 60 write requests per minute per user per project
TARGET_CORE_MS = 40.0  # issue 16 (issue 7 asked 20; the floor prototype of issue 16 measured 35)
# Issue 16: the whole nightly command on the workbook, documents apart, against openpyxl's own full load of the
# same synced workbook in the same run (the ratios are the verdict, the seconds are this machine's).
TARGET_FIRST_SECONDS, TARGET_FIRST_RATIO = 2.5, 0.8
TARGET_NEXT_SECONDS, TARGET_NEXT_RATIO = 1.5, 0.5
TARGET_SMALL_SECONDS = 1.0  # 50 and 500 rows
TARGET_SCALE_RATIO, TARGET_SCALE_MIB = 12.0, 1024.0  # 50,000 rows against 5,000
TARGET_VALIDATE_RATIO = 5.0  # validation against frictionless
TARGET_SENT_BYTES, TARGET_WRITE_RECEIVED_BYTES = 2_700_000, 1024  # Google, 5,000 rows, bodies
TARGET_RSS_MIB = 150.0
TARGET_STARTUP_MS = 300.0
TARGET_RATIO = 10.0
TARGET_WRITE_RATIO = 5.0
TARGET_REQUESTS = 3  # "at most 2 per spreadsheet plus one metadata read", one spreadsheet
MIB = 1024 * 1024
CORE_WHY = (
    "Where the time goes (4 Dec): parsing a row (fields, about a quarter: its text cells, dates and numbers, "
    "the evidence cell read for criteria and links, the explanation and the sign-off cells), the group tabs' "
    "status cells (a sixth), the Status tab (a tenth), late items and progress; no single hot spot is left. "
    "What would cut it further: IndicatorRow as a slotted dataclass instead of a pydantic model built "
    "unvalidated (its dumps and loads in history would then need their own adapter), and the evidence "
    "reading kept per cell across nights.")

# --------------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------------
def per_1000(seconds: float, rows: int) -> float:
    return round(1000 * seconds * 1000 / rows, 2)


def best_time(fn: Callable[[], Any], reps: int, collect: bool = True) -> float:
    """The best wall time of `fn` over `reps` runs, each started after a full garbage collection.

    Every time in this benchmark is the best of its runs, ours and the peers' alike (timeit's advice):
    the work measured is the same each run, and on a shared 2-core machine a slower run measured what
    else the machine was doing; the median moved by 30 % from one run of the benchmark to the next here,
    the best by a few."""
    times = []
    for _ in range(reps):
        if collect:
            gc.collect()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def default_reps(rows: int) -> int:
    """Runs of each timed computation: at least 10 even at 5,000 rows (2 s of the core's): with 5, a
    benchmark started while the machine was still busy (load 1.6 on 2 cores) reported the core at 49 ms
    per 1,000 rows where it takes 30 once the machine is idle."""
    return max(10, min(30, 50000 // rows))


def trim(values: list[list[Any]]) -> list[list[Any]]:
    """A tab's values without the trailing empty rows (the workbook keeps styled spare rows)."""
    out = [list(r) for r in values]
    while out and all(v is None or v == "" for v in out[-1]):
        out.pop()
    return out


def request_kind(path: str, method: str) -> str:
    """The API method a request calls: values.batchGet, values.update, spreadsheets.get, ..."""
    tail = path.split("/spreadsheets/", 1)[-1]
    if "/values" in tail:
        rest = tail.split("/values", 1)[1]
        if rest.startswith(":"):
            return "values." + rest[1:]
        for verb in ("append", "clear"):
            if rest.endswith(":" + verb):
                return "values." + verb
        return "values." + {"GET": "get", "PUT": "update"}.get(method.upper(), method.lower())
    return "spreadsheets." + (tail.split(":", 1)[1] if ":" in tail else "get")


def count_wire_bytes(session: Any) -> dict[str, int]:
    """Bytes of every API exchange on `session` with the HTTP/1.1 request and status lines and headers
    (the bearer token included), not only the bodies; TLS and HTTP/2 framing left out."""
    counts = {"sent": 0, "received": 0}

    def hook(response: Any, *args: Any, **kwargs: Any) -> None:
        req = response.request
        body = req.body or b""
        counts["sent"] += len(f"{req.method} {req.path_url} HTTP/1.1\r\n\r\n".encode()) + len(
            body if isinstance(body, bytes) else body.encode()) + sum(
            len(f"{k}: {v}\r\n".encode()) for k, v in req.headers.items())
        counts["received"] += len(f"HTTP/1.1 {response.status_code} {response.reason}\r\n\r\n".encode()) + len(
            response.content or b"") + sum(len(f"{k}: {v}\r\n".encode()) for k, v in response.headers.items())

    session.hooks["response"].append(hook)
    return counts


def traffic(fake: FakeSheets) -> dict[str, Any]:
    """Sheets API requests in the fake's log since its last reset (the token exchange is not one)."""
    reqs = list(fake.requests)
    reads = sum(1 for r in reqs if r.method.upper() == "GET")
    return {
        "requests": len(reqs),
        "reads": reads,
        "writes": len(reqs) - reads,
        "bytes_sent": sum(r.bytes_in for r in reqs),
        "bytes_received": sum(r.bytes_out for r in reqs),
        "request_kinds": dict(sorted(Counter(request_kind(r.path, r.method) for r in reqs).items())),
        "bytes_by_kind": {kind: {"sent": sum(r.bytes_in for r in reqs if request_kind(r.path, r.method) == kind),
                                 "received": sum(r.bytes_out for r in reqs if request_kind(r.path, r.method) == kind)}
                          for kind in sorted({request_kind(r.path, r.method) for r in reqs})},
        "quota_minutes": round(max(reads, len(reqs) - reads) / QUOTA_PER_MINUTE, 2),
    }


def sheetsync_command() -> list[str]:
    """The `sheetsync` command as users run it (the venv's entry script), or the module when there is none."""
    script = Path(sys.executable).parent / "sheetsync"
    return [str(script)] if script.is_file() else [sys.executable, "-c", "from sheetsync.cli.main import main; main()"]


GNU_TIME = "/usr/bin/time"
RSS_BY_TIME = Path(GNU_TIME).is_file()  # else the child's ru_maxrss, which holds this process's pages too


def run_timed(cmd: list[str], env: dict[str, str] | None = None, as_installed: bool = False,
              ) -> tuple[float, int, str, str, int]:
    """A child process's wall time, maximum resident set size (KiB), output, errors and exit status
    (`as_installed`: with Python writing and reading its .pyc files, as on an office's machine, where pip
    compiles them at install, even if this shell sets PYTHONDONTWRITEBYTECODE)."""
    child_env = {**os.environ, **(env or {})}
    if as_installed:
        child_env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        # The child's own peak: Linux counts in a child's ru_maxrss the pages it had before exec, which
        # are this process's (forked or vforked alike: 245 MiB of the benchmark's own, whatever the child
        # used). GNU time's child starts from the small time process instead (`make bench` installs it).
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if RSS_BY_TIME else cmd
        started = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=err, env=child_env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        peak = usage.ru_maxrss
        if RSS_BY_TIME:
            lines = rss.read().split()
            peak = int(lines[-1]) if lines and lines[-1].isdigit() else peak
        return (seconds, peak, out.read().decode(), err.read().decode(), os.waitstatus_to_exitcode(status))


def run_cli(config: Path, env: dict[str, str] | None = None, peer: bool = False, today: date = TODAY,
            args: tuple[str, ...] = ()) -> dict[str, Any]:
    """`sheetsync sync --json` in a child process: its wall time and maximum resident set size (`peer`:
    with the workbook write as it was before issue 18, openpyxl's whole save; `args`: more options, e.g.
    --no-documents). Run as installed (.pyc files written and read): a shell that sets
    PYTHONDONTWRITEBYTECODE would otherwise have every run compile every module edited since the last
    .pyc, which no office's machine does."""
    cmd = sheetsync_command()
    if peer:
        code = "from sheetsync.cli.main import main; main()"
        cmd = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(REPO / 'bench')!r}); import peer_fullsave; "
                                     f"peer_fullsave.install(); {code}"]
    cmd += ["--config", str(config), "sync", "--json", "--today", today.isoformat(), *args]
    seconds, rss_kib, stdout, stderr, code = run_timed(cmd, env, as_installed=True)
    if code != 0:
        raise RuntimeError(f"sheetsync sync failed ({code}): {stderr[-2000:]}")
    summary = json.loads(stdout)
    usage_mib = rss_kib / 1024  # KiB on Linux
    return {"seconds": round(seconds, 3), "max_rss_mib": round(usage_mib, 1),
            "rows": summary["rows"], "cells_written": summary["cells_written"],
            "requests": summary["requests"], "documents": len(summary.get("documents", []))}


class TimedBackend:
    """A backend whose read and write are timed; everything else is passed through."""

    def __init__(self, inner: Any, phases: dict[str, float]) -> None:
        self._inner = inner
        self._phases = phases

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def read(self, *args: Any, **kwargs: Any) -> Any:
        with timed(self._phases, "read"):
            return self._inner.read(*args, **kwargs)

    def write(self, *args: Any, **kwargs: Any) -> Any:
        with timed(self._phases, "write"):
            return self._inner.write(*args, **kwargs)


@contextlib.contextmanager
def timed(phases: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - started


@contextlib.contextmanager
def timing_attr(module: Any, name: str, phases: dict[str, float], phase: str) -> Iterator[None]:
    """Time every call of module.name for the duration (for the phase breakdown only)."""
    original = getattr(module, name, None)
    if original is None:
        yield
        return

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with timed(phases, phase):
            return original(*args, **kwargs)

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


# --------------------------------------------------------------------------------------------------
# the office, on both backends
# --------------------------------------------------------------------------------------------------
class BenchOffice:
    """One size: the workbook config, its tables, and the same rows in two spreadsheets on the fake."""

    def __init__(self, work: Path, rows: int, fake: FakeSheets, key: dict) -> None:
        self.rows = rows
        self.fake = fake
        self.base = make_config(work / f"workbook-{rows}", per_group=rows // GROUPS)
        self.mistakes = fill(self.base)
        self.office = load_office(self.base)
        self.now = office_now(self.office, TODAY)
        self.tables_wb = open_backend(self.office, self.base).read(tabs_to_read(self.office))
        self.grids = {tab: trim(t.values) for tab, t in self.tables_wb.items()}
        email = key["client_email"]
        self.sid = fake.create_spreadsheet(f"bench {rows}", tabs=self.grids, shared_with=[email])
        self.sid_naive = fake.create_spreadsheet(f"bench naive {rows}", tabs=self.grids, shared_with=[email])
        self.gdir = work / f"gsheets-{rows}"
        shutil.copytree(self.base, self.gdir, ignore=shutil.ignore_patterns("*.xlsx", "state", "out"))
        (self.gdir / "service-account.json").write_text(json.dumps(key), encoding="utf-8")
        data = yaml.safe_load((self.gdir / "office.yaml").read_text(encoding="utf-8"))
        data["backend"] = {"kind": "gsheets", "spreadsheet": self.sid, "credentials": "service-account.json"}
        (self.gdir / "office.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
        self.office_g = load_office(self.gdir)
        # Set up as an office's spreadsheet is (formats, protection, the markers of the sync's columns),
        # so that the sync measured is the nightly one; setup's requests are not measured.
        backend = self.gsheets_backend()
        backend.setup(plan_setup(self.office_g, backend.read(tabs_to_read(self.office_g))))
        self.tables_g = self.gsheets_backend().read(tabs_to_read(self.office_g))

    def gsheets_backend(self) -> GSheetsBackend:
        return GSheetsBackend(self.office_g, self.gdir, api_root=self.fake.root)

    def reset(self, sid: str) -> None:
        """The spreadsheet back to the rows as filled, before any sync."""
        for tab, grid in self.grids.items():
            self.fake.set_values(sid, tab, grid)

    def copy_workbook_config(self, name: str) -> Path:
        target = self.base.parent / f"{name}-{self.rows}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.base, target)
        return target


# --------------------------------------------------------------------------------------------------
# the measurements
# --------------------------------------------------------------------------------------------------
def core(office: Office, tables: dict[str, RawTable], now: datetime) -> Evaluation:
    """evaluate + plan as the sync runs them: the cyclic collector paused across both (app.sync pauses
    it for the whole sync). Paused only inside each, as until 3 Dec, the collector woke between them and
    walked everything evaluate had made: about 9 % of this figure, a pass no sync makes."""
    with collector_paused():
        ev = evaluate(office, tables, now.date())
        plan(office, ev, tables, now)
    return ev


def validate_only(office: Office, tables: dict[str, RawTable], today: date) -> None:
    for group in office.groups:
        if group.tab in tables:
            parse_group_tab(tables[group.tab], group, office, today)
    if office.outputs_tab in tables:
        parse_outputs_tab(tables[office.outputs_tab], office)


def run_child(job: dict[str, Any]) -> dict[str, Any]:
    """A measurement in a fresh interpreter (this script with --child), so that what this process holds
    (the fake's spreadsheets, the other sizes) does not slow the garbage collector of the measured code."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(job, f)
    try:
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", f.name],
                              capture_output=True, text=True, check=False)
    finally:
        os.unlink(f.name)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {job['kind']} failed: {proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def measure_core(o: BenchOffice, reps: int, profile: bool) -> dict[str, Any]:
    """evaluate + plan, and validation alone, in a child process holding the office and the tables."""
    tables = o.base.parent / f"tables-{o.rows}.pickle"
    tables.write_bytes(pickle.dumps({"workbook": o.tables_wb, "gsheets": o.tables_g}))
    try:
        return run_child({"kind": "core", "config": str(o.base), "tables": str(tables), "rows": o.rows,
                          "reps": reps, "profile": profile})
    finally:
        tables.unlink()


def time_core(office: Office, tables: dict[str, RawTable], now: datetime, reps: int) -> tuple[float, float]:
    """The best of `reps` runs of evaluate + plan as the sync runs them: the collector paused across both,
    the clock read inside the pause. Apart, the best of the collector's first pass once the pause ends.

    The pass and the freeing of what was made are not the core's work, and the sync does not pay them
    here: its pause holds through the write and the record, and the evaluation lives on to the
    follow-up; so each is paid once for the whole sync, inside the nightly command's time. Until 4 Dec
    both were charged to this figure: at 5,000 rows the pass took 12-25 ms and the freeing 7-10 ms of
    a core of about 150 (this machine, quiet)."""
    inside, resume = [], []
    for _ in range(reps):
        gc.collect()
        with collector_paused():
            started = time.perf_counter()
            ev = evaluate(office, tables, now.date())
            made = plan(office, ev, tables, now)
            stopped = time.perf_counter()
        resumed = time.perf_counter()
        inside.append(stopped - started)
        resume.append(resumed - stopped)
        del ev, made  # freed after the clock (see above)
    return min(inside), min(resume)


def child_core(job: dict[str, Any]) -> dict[str, Any]:
    office = load_office(Path(job["config"]))
    tables = pickle.loads(Path(job["tables"]).read_bytes())
    rows, reps = job["rows"], job["reps"]
    now = office_now(office, TODAY)
    ev = core(office, tables["workbook"], now)
    assert ev.row_count == rows, f"expected {rows} rows, evaluated {ev.row_count}"
    del ev
    wb, wb_resume = time_core(office, tables["workbook"], now, reps)
    gs, gs_resume = time_core(office, tables["gsheets"], now, reps)
    # Validation alone on the rows as Google returns them (no spare empty rows): what frictionless gets.
    val = best_time(lambda: validate_only(office, tables["gsheets"], TODAY), reps)
    prof = None
    if job["profile"]:
        gc.collect()
        gc.disable()
        try:
            prof = profile_core(office, tables["workbook"], now)
        finally:
            gc.enable()
    return {"reps": reps, "core_ms_per_1000_rows": {"workbook": per_1000(wb, rows), "gsheets": per_1000(gs, rows)},
            "core_seconds": {"workbook": round(wb, 4), "gsheets": round(gs, 4)},
            "collector_resume_ms": {"workbook": round(wb_resume * 1000, 1), "gsheets": round(gs_resume * 1000, 1)},
            "validate_ms_per_1000_rows": per_1000(val, rows), "profile": prof}


def best_core(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """measure_core's rounds as one: every figure the best of the rounds', the profile the first's."""
    out = dict(rounds[0])
    for key in ("core_ms_per_1000_rows", "core_seconds", "collector_resume_ms"):
        out[key] = {k: min(r[key][k] for r in rounds) for k in rounds[0][key]}
    out["validate_ms_per_1000_rows"] = min(r["validate_ms_per_1000_rows"] for r in rounds)
    out["reps"] = sum(r["reps"] for r in rounds)
    out["rounds"] = len(rounds)
    return out


def profile_core(office: Office, tables: dict[str, RawTable], now: datetime, top: int = 12) -> dict[str, Any]:
    """cProfile of one evaluate + plan, run with the garbage collector off so that its pauses are not
    charged to whatever function was running: the functions with the most own time, and sheetsync's
    own functions by cumulative time (cProfile's overhead inflates both)."""
    prof = cProfile.Profile()
    prof.enable()
    core(office, tables, now)
    prof.disable()
    stats = pstats.Stats(prof)
    entries = []
    for (path, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = path.split("site-packages/")[-1].replace(str(REPO) + "/", "")
        entries.append({"function": f"{where}:{line}({func})", "calls": ncalls,
                        "self_ms": round(tottime * 1000, 1), "cumulative_ms": round(cumtime * 1000, 1)})
    own = [e for e in entries if e["function"].startswith("sheetsync/")]
    return {"profiled_total_ms": round(sum(e["self_ms"] for e in entries), 1),
            "top_self": sorted(entries, key=lambda e: -e["self_ms"])[:top],
            "top_sheetsync_cumulative": sorted(own, key=lambda e: -e["cumulative_ms"])[:top]}


def measure_gsheets(o: BenchOffice) -> dict[str, Any]:
    fake = o.fake
    o.reset(o.sid)
    backend = o.gsheets_backend()
    wire = count_wire_bytes(backend.http.session)
    fake.reset_log()
    started = time.perf_counter()
    summary, _ = sync_office(o.office_g, backend, o.now)
    seconds = time.perf_counter() - started
    first = {**traffic(fake), "seconds": round(seconds, 3), "cells_written": summary.cells_written,
             "wire_bytes_sent": wire["sent"], "wire_bytes_received": wire["received"],
             "bytes_sent_status_tab": status_tab_bytes(fake, o.office_g.status_tab),
             "json_bytes_sent": json_bytes_sent(fake),
             "client_bytes_sent": backend.http.bytes_sent, "client_bytes_received": backend.http.bytes_received}
    assert summary.rows == o.rows
    # Run again an hour later with nothing edited: only the time of sync on the Status tab changes, a
    # write with no row to re-check, so one read and one write.
    fake.reset_log()
    backend = o.gsheets_backend()
    started = time.perf_counter()
    again, _ = sync_office(o.office_g, backend, o.now.replace(hour=(o.now.hour + 1) % 24))
    resync = {**traffic(fake), "seconds": round(time.perf_counter() - started, 3), "cells_written": again.cells_written}
    # The whole command, as cron runs it (a fresh history, the memo included).
    o.reset(o.sid)
    shutil.rmtree(o.gdir / "state", ignore_errors=True)
    shutil.rmtree(o.gdir / "out", ignore_errors=True)
    fake.reset_log()
    cli = run_cli(o.gdir, {"SHEETSYNC_SHEETS_API_ROOT": fake.root})
    cli["fake_requests"] = len(fake.requests)
    return {"first_sync": first, "resync_unchanged": resync, "cli": cli}


def status_tab_bytes(fake: FakeSheets, status_tab: str) -> int:
    """Bytes of the write's JSON that carry the director's Status tab (the naive loop has no such tab),
    as sheetsync encodes it (compact UTF-8), before the body is compressed."""
    prefix = (quote_tab(status_tab) + "!", status_tab + "!")
    return sum(len(compact(vr)) for r in fake.requests if r.method.upper() == "POST" and r.body
               for vr in r.body.get("data", []) if str(vr.get("range", "")).startswith(prefix))


def compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def json_bytes_sent(fake: FakeSheets) -> int:
    """The request bodies' JSON before compression (the fake logs the bytes as sent, and the body read)."""
    return sum(len(r.raw) for r in fake.requests)


def naive_blocks(office: Office, ev: Evaluation) -> dict[str, list[tuple[str, list[Any]]]]:
    """Per group tab, (range, status cells) for every row: what a hand-made loop writes row by row."""
    texts = Texts(office)
    blocks: dict[str, list[tuple[str, list[Any]]]] = {}
    for parse in ev.tabs:
        cols = [parse.columns[k] for k in STATUS_KEYS]
        if cols != list(range(cols[0], cols[0] + len(cols))):
            raise RuntimeError(f"status columns of {parse.tab} are not side by side: {cols}")
        out = []
        for outcome in ev.outcomes[parse.tab]:
            status = row_status(outcome, texts)
            values = ["" if status[k] is None else status[k] for k in STATUS_KEYS]
            out.append((f"{a1(outcome.row.row, cols[0])}:{a1(outcome.row.row, cols[-1])}", values))
        blocks[parse.tab] = out
    return blocks


def measure_naive(o: BenchOffice, key: dict) -> dict[str, Any]:
    """The loop people write with gspread (and meet 429 quota errors with): read each group's tab, then
    update its status one row at a time. Only its API calls are timed."""
    fake = o.fake
    root = fake.root

    class LoopbackClient(HTTPClient):
        def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> Any:
            if endpoint.startswith(GOOGLE_ROOT):
                endpoint = root + endpoint[len(GOOGLE_ROOT):]
            return super().request(method, endpoint, *args, **kwargs)

    blocks = naive_blocks(o.office_g, evaluate(o.office_g, o.tables_g, TODAY))
    o.reset(o.sid_naive)
    client = gspread.Client(auth=Credentials.from_service_account_info(key, scopes=SCOPES), http_client=LoopbackClient)
    wire = count_wire_bytes(client.http_client.session)
    fake.reset_log()
    started = time.perf_counter()
    sh = client.open_by_key(o.sid_naive)
    for group in o.office_g.groups:
        ws = sh.worksheet(group.tab)
        ws.get_all_values()
        for rng, values in blocks[group.tab]:
            ws.update(values=[values], range_name=rng)
    seconds = time.perf_counter() - started
    rows_written = sum(len(b) for b in blocks.values())
    return {**traffic(fake), "seconds": round(seconds, 3), "rows_written": rows_written,
            "wire_bytes_sent": wire["sent"], "wire_bytes_received": wire["received"]}


def frictionless_schema(header: list[Any]) -> dict[str, Any]:
    """The Table Schema a user would write for a group tab: the types and rules sheetsync checks."""
    kinds = {
        "code": {"type": "string", "constraints": {"required": True, "unique": True, "pattern": r"\d+(\.\d+)+"}},
        "title": {"type": "string", "constraints": {"required": True}},
        "target_value": {"type": "number"},
        "criteria_met": {"type": "string", "constraints": {"pattern": r"[0-9๐-๙ ,\-]+|ผ่านทุกข้อ"}},
        "self_level": {"type": "integer", "constraints": {"minimum": 1, "maximum": 5}},
        "reported_on": {"type": "date", "format": "%d/%m/%Y"},
        "score": {"type": "number"},
    }
    by_label = {c.label: c.key for c in INDICATOR_COLUMNS}
    fields = []
    for i, label in enumerate(header, start=1):
        name = str(label) if label not in (None, "") else f"column{i}"
        fields.append({"name": name, **kinds.get(by_label.get(name, ""), {"type": "string"})})
    return {"fields": fields}


def measure_frictionless(o: BenchOffice, reps: int) -> dict[str, Any]:
    try:
        import frictionless
    except ImportError:
        return {"available": False, "note": "frictionless is not installed (pip install -e '.[bench]')"}
    inputs = []
    for group in o.office.groups:
        grid = o.grids[group.tab]
        header = grid[0]
        width = len(header)
        data = [[str(v) if v is not None else None for v in header]] + [
            ([*row, *[None] * (width - len(row))])[:width] for row in grid[1:]]
        inputs.append((data, frictionless.Schema.from_descriptor(frictionless_schema(header))))
    errors: list[int] = []

    def run() -> None:
        errors.clear()
        for data, schema in inputs:
            report = frictionless.Resource(data=data, schema=schema).validate(limit_errors=10 ** 9)
            errors.append(report.stats["errors"])

    seconds = best_time(run, reps)
    return {"available": True, "version": frictionless.__version__, "reps": reps,
            "validate_ms_per_1000_rows": per_1000(seconds, o.rows), "seconds": round(seconds, 4),
            "errors_flagged": sum(errors), "sheetsync_errors": o.mistakes}


def measure_workbook(o: BenchOffice) -> dict[str, Any]:
    # The whole command in a child process, on a fresh copy (the copy is not timed).
    cli = run_cli(o.copy_workbook_config("workbook-cli"))
    phases = run_child({"kind": "phases", "config": str(o.copy_workbook_config("workbook-phases"))})
    memory = run_child({"kind": "memory", "config": str(o.copy_workbook_config("workbook-memory"))})
    for name in ("workbook-cli", "workbook-phases", "workbook-memory"):
        shutil.rmtree(o.base.parent / f"{name}-{o.rows}", ignore_errors=True)
    return {"cli": cli, **phases, **memory}


def child_phases(job: dict[str, Any]) -> dict[str, Any]:
    """The sync as `sheetsync sync` runs it (history, follow-up memo), in-process, phase by phase."""
    import sheetsync.app.followup
    import sheetsync.app.sync

    config = Path(job["config"])
    phases: dict[str, float] = {}
    started = time.perf_counter()
    with timed(phases, "config"):
        office = load_office(config)
    backend = TimedBackend(open_backend(office, config), phases)
    with contextlib.ExitStack() as stack:
        stack.enter_context(timing_attr(sheetsync.app.sync, "evaluate", phases, "evaluate_plan"))
        stack.enter_context(timing_attr(sheetsync.app.sync, "plan", phases, "evaluate_plan"))
        stack.enter_context(timing_attr(sheetsync.app.followup, "write_followup_memo", phases, "memo"))
        history = stack.enter_context(History(OfficeFolder(config).history))
        summary, ev = sync_office(office, backend, office_now(office, TODAY), history=history)
        follow_up(office, ev, history, summary.run_id, config)
    total = time.perf_counter() - started
    phases["history_and_rest"] = total - sum(phases.values())
    return {"in_process_seconds": round(total, 3), "cells_written": summary.cells_written,
            "phases_seconds": {k: round(v, 3) for k, v in phases.items()}}


def child_memory(job: dict[str, Any]) -> dict[str, Any]:
    """Python allocations of the sync itself (read, evaluate, plan, write; no history, no memo)."""
    config = Path(job["config"])
    office = load_office(config)
    backend = open_backend(office, config)
    gc.collect()
    tracemalloc.start()
    try:
        sync_office(office, backend, office_now(office, TODAY))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"tracemalloc_peak_mib": round(peak / MIB, 1)}


def _edit_one_result(book: Path) -> None:
    # Between the two syncs a group edits one result (through the surgical writer: the file as a group's
    # program leaves it, whichever write is measured next).
    with zipfile.ZipFile(book) as zf:
        part = xlsxparts.sheet_parts(zf)[sorted(xlsxparts.sheet_parts(zf))[0]]
        xml = xlsxparts.patch_sheet(zf.read(part), {(2, 6): "ประมาณแปดสิบ"})
    book.write_bytes(xlsxparts.rewrite(book, {part: xml}))


def child_writes(job: dict[str, Any]) -> dict[str, Any]:
    """The sync in-process, its write phase apart, with one writer: all status cells, then a few."""
    config = Path(job["config"])
    office = load_office(config)
    book = OfficeFolder(config).file(office.backend.path)
    out: dict[str, Any] = {}
    for run in ("all_cells", "few_cells"):
        if run == "few_cells":
            _edit_one_result(book)
        phases: dict[str, float] = {}
        inner = peer_fullsave.FullSaveBackend(book) if job["writer"] == "openpyxl" else WorkbookBackend(book)
        started = time.perf_counter()
        summary, _ = sync_office(office, TimedBackend(inner, phases), office_now(office, TODAY))
        total = time.perf_counter() - started
        out[run] = {"cells_written": summary.cells_written, "write_seconds": round(phases.get("write", 0.0), 4),
                    "sync_seconds": round(total, 3), "file_kib": round(book.stat().st_size / 1024, 1)}
    return out


def measure_writes(o: BenchOffice) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for writer in ("surgical", "openpyxl"):
        name = f"workbook-write-{writer}"
        out[writer] = run_child({"kind": "writes", "writer": writer, "config": str(o.copy_workbook_config(name))})
        shutil.rmtree(o.base.parent / f"{name}-{o.rows}", ignore_errors=True)
        # The whole `sheetsync sync` command with this write, on a fresh copy, as `cli` above.
        config = o.copy_workbook_config(f"{name}-cli")
        out[writer]["cli_seconds"] = run_cli(config, peer=writer == "openpyxl")["seconds"]
        shutil.rmtree(config, ignore_errors=True)
    return out


# --------------------------------------------------------------------------------------------------
# issue 16: the nightly command against openpyxl's own load, start-up, and ten times the rows
# --------------------------------------------------------------------------------------------------
NO_DOCUMENTS = ("--no-documents",)  # the documents are point 3's: rendered after the lock, measured apart


def nightly_runs(base: Path, work: Path, reps: int, today: date = TODAY) -> dict[str, Any]:
    """The whole `sheetsync sync` on the workbook in a child process, documents apart: the first sync of the
    office (a fresh copy each time), then the next day with nothing edited (a fresh copy of a synced office
    each time; the copies are not timed). Median wall time, and the largest max RSS seen."""
    first, synced = [], work / "synced"
    for i in range(reps):
        target = work / f"first-{i}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(base, target)
        first.append(run_cli(target, today=today, args=NO_DOCUMENTS))
        if i == 0:
            shutil.copytree(target, synced)
    following = []
    for i in range(reps):
        target = work / f"next-{i}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(synced, target)
        following.append(run_cli(target, today=today + timedelta(days=1), args=NO_DOCUMENTS))
    return {"reps": reps, "synced": str(synced),
            "first": _runs(first), "next_day": _runs(following)}


def _runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"seconds": round(min(r["seconds"] for r in runs), 3),
            "median_seconds": round(statistics.median(r["seconds"] for r in runs), 3),
            "all_seconds": [r["seconds"] for r in runs],
            "max_rss_mib": max(r["max_rss_mib"] for r in runs),
            "cells_written": runs[0]["cells_written"], "rows": runs[0]["rows"]}


def child_peer_load(job: dict[str, Any]) -> dict[str, Any]:
    """openpyxl's own full load (`load_workbook`, the default mode) of the synced workbook, and for
    comparison its read-only load and python-calamine reading every cell; the imports are not timed."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    book, reps = Path(job["book"]), job["reps"]

    def full() -> None:
        openpyxl.load_workbook(book)

    def read_only() -> None:
        wb = openpyxl.load_workbook(book, read_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()

    def calamine() -> None:
        wb = CalamineWorkbook.from_path(str(book))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()

    return {"openpyxl_full_load_seconds": round(best_time(full, reps), 3),
            "openpyxl_read_only_seconds": round(best_time(read_only, reps), 3),
            "calamine_read_seconds": round(best_time(calamine, reps), 3), "reps": reps,
            "file_kib": round(book.stat().st_size / 1024, 1)}


def measure_nightly(o: BenchOffice, reps: int) -> dict[str, Any]:
    work = o.base.parent / f"nightly-{o.rows}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    # Two rounds, ours then the peer's in each: a burst of the machine's other work (a shared 2-core VM:
    # the peer's best moved from 2.7 to 2.0 s between two runs of this benchmark) then weighs on both
    # sides of the ratio, not on whichever ran through it. Every time is the best of all its runs.
    try:
        rounds = []
        for k in range(2):
            runs = nightly_runs(o.base, work / f"round-{k}", reps)
            book = OfficeFolder(Path(runs["synced"])).file(o.office.backend.path)
            runs["peer"] = run_child({"kind": "peer_load", "book": str(book), "reps": reps})
            rounds.append(runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _best_of_rounds(rounds)


def _best_of_rounds(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """measure_nightly's rounds as one: each time the best of every round's, the runs all kept."""
    out = dict(rounds[0])
    for part in ("first", "next_day"):
        merged = dict(rounds[0][part])
        times = [t for r in rounds for t in r[part]["all_seconds"]]
        merged.update(seconds=round(min(times), 3), median_seconds=round(statistics.median(times), 3),
                      all_seconds=times, max_rss_mib=max(r[part]["max_rss_mib"] for r in rounds))
        out[part] = merged
    peer = dict(rounds[0]["peer"])
    for key in ("openpyxl_full_load_seconds", "openpyxl_read_only_seconds", "calamine_read_seconds"):
        peer[key] = min(r["peer"][key] for r in rounds)
    peer["reps"] = sum(r["peer"]["reps"] for r in rounds)
    out["peer"], out["reps"], out["rounds"] = peer, sum(r["reps"] for r in rounds), len(rounds)
    return out


def measure_scale(work: Path, rows: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Ten times the largest office: built (not timed), then the first and the next day's sync twice each (the best of two)."""
    base = make_config(work / f"scale-{rows}", per_group=rows // GROUPS)
    log(f"{rows:,} rows: building the office (a minute or two)")
    fill(base)
    runs_dir = work / f"scale-runs-{rows}"
    runs_dir.mkdir()
    log(f"{rows:,} rows: the nightly sync, first and next day")
    try:
        # Twice each, best of two: the 5,000-row time it is held against is a best of twelve, and one
        # run at 50,000 rows moved from 17.8 to 20.7 s between two runs of this benchmark on 3 Dec.
        return {"rows": rows, **nightly_runs(base, runs_dir, 2)}
    finally:
        shutil.rmtree(runs_dir, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)


def measure_startup(work: Path, reps: int = 7) -> dict[str, Any]:
    """`sheetsync --help` and `sheetsync check` on the example office, as a person types them: the best
    wall time of `reps` runs after one that fills the OS's file cache, the .pyc files and the config cache
    (`cold`)."""
    example = work / "example"
    shutil.rmtree(example, ignore_errors=True)
    shutil.copytree(REPO / "config", example)
    out: dict[str, Any] = {"reps": reps}
    for name, args in (("help", ["--help"]), ("check", ["--config", str(example), "check"])):
        cmd = sheetsync_command() + args
        cold, _, _, err, code = run_timed(cmd, as_installed=True)
        if code != 0:
            raise RuntimeError(f"sheetsync {' '.join(args)} failed ({code}): {err[-2000:]}")
        times = [run_timed(cmd, as_installed=True)[0] for _ in range(reps)]
        out[name] = {"cold_ms": round(cold * 1000, 1), "ms": round(min(times) * 1000, 1),
                     "median_ms": round(statistics.median(times) * 1000, 1)}
    return out


CHILDREN: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "core": child_core, "phases": child_phases, "memory": child_memory, "writes": child_writes,
    "peer_load": child_peer_load}


# --------------------------------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    packages = {}
    for name in ("sheetsync", "gspread", "google-auth", "openpyxl", "pydantic", "pydantic-core", "frictionless",
                 "weasyprint"):
        try:
            packages[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            packages[name] = None
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    load = None
    with contextlib.suppress(OSError):
        load = [round(x, 2) for x in os.getloadavg()]
    return {"cores": os.cpu_count(), "cpu": cpu or platform.processor(), "python": platform.python_version(),
            "platform": platform.platform(), "packages": packages,
            "load_average_at_start": load,
            "child_rss_by": "GNU time (%M)" if RSS_BY_TIME else "wait4 ru_maxrss (includes the benchmark's pages)",
            "date": datetime.now(ZoneInfo("Asia/Bangkok")).isoformat(timespec="seconds")}


def bench_size(rows: int, work: Path, fake: FakeSheets, key: dict, reps: int | None, profile: bool,
               log: Callable[[str], None]) -> dict[str, Any]:
    reps = reps or default_reps(rows)
    log(f"{rows} rows: building the office")
    o = BenchOffice(work, rows, fake, key)
    log(f"{rows} rows: evaluate + plan x {reps}" + (", profile" if profile else ""))
    result: dict[str, Any] = {"rows": rows, "groups": GROUPS, "mistakes": o.mistakes, "sheetsync": {}}
    first_core = measure_core(o, reps, profile)
    log(f"{rows} rows: Google Sheets (fake)")
    result["sheetsync"]["gsheets"] = measure_gsheets(o)
    log(f"{rows} rows: workbook")
    result["sheetsync"]["workbook"] = measure_workbook(o)
    log(f"{rows} rows: the nightly command, first and next day, beside openpyxl's full load")
    result["sheetsync"]["nightly"] = measure_nightly(o, min(reps, 3))
    log(f"{rows} rows: workbook write, surgical and openpyxl's whole save")
    result["sheetsync"]["workbook_write"] = measure_writes(o)
    log(f"{rows} rows: naive gspread loop")
    result["naive_gspread"] = measure_naive(o, key)
    log(f"{rows} rows: frictionless")
    result["frictionless"] = measure_frictionless(o, min(reps, 3))
    # The core once more, minutes after its first round: a burst of the shared machine's other work
    # (the same code moved 38.7 -> 43.5 ms per 1,000 rows between two runs of 3 Dec) seldom lasts
    # through both; each figure is the best of the two rounds, as every time here is a best of runs.
    log(f"{rows} rows: evaluate + plan x {reps}, second round")
    result["sheetsync"].update(best_core([first_core, measure_core(o, reps, False)]))
    return result


def verdicts(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_rows = {s["rows"]: s for s in sizes}
    out = []
    counts = {s["rows"]: s["sheetsync"]["gsheets"]["first_sync"]["requests"] for s in sizes}
    constant = len(set(counts.values())) == 1
    out.append({
        "target": "requests per sync constant in rows, at most 2 per spreadsheet plus one metadata read (= 3)",
        "value": counts, "met": constant and max(counts.values()) <= TARGET_REQUESTS,
        "note": ("3 requests for the one spreadsheet at every size: one values:batchGetByDataFilter of every tab "
                 "(with the developer metadata that marks the sync's own status columns), one "
                 "values:batchGet of the key columns just before writing (the identity re-check that keeps "
                 "status from landing beside a row that moved; not a metadata read), one values:batchUpdate. "
                 "No metadata read in the normal case (only when a configured tab is missing)."),
    })
    largest = max(by_rows)
    core_ms = by_rows[largest]["sheetsync"]["core_ms_per_1000_rows"]
    worst = max(core_ms.values())
    note = "met"
    if worst > TARGET_CORE_MS:
        sheetsync = by_rows[largest]["sheetsync"]
        resume = sheetsync["collector_resume_ms"]["workbook"]
        hot = ", ".join(f"{e['function']} {e['cumulative_ms']} ms" for e in (sheetsync.get("profile") or {}).get(
            "top_sheetsync_cumulative", [])[:8])
        note = (f"missed: {worst} ms per 1,000 rows at {largest:,} rows (the collector's pass once its pause "
                f"ends, not counted: {resume} ms in all). "
                f"Hot spots (cProfile, collector off, cumulative): {hot}. " + CORE_WHY)
    out.append({"target": f"parse + validate + score + plan at most {TARGET_CORE_MS:g} ms per 1,000 rows",
                "value": core_ms, "rows": largest, "met": worst <= TARGET_CORE_MS, "note": note})
    if 5000 in by_rows:
        out += nightly_verdicts(by_rows[5000])
    small = {rows: by_rows[rows]["sheetsync"]["nightly"]["first"]["seconds"] for rows in (50, 500) if rows in by_rows}
    if small:
        out.append({"target": f"the nightly sync of 50 and 500 rows under {TARGET_SMALL_SECONDS:g} s (first sync, "
                              "documents apart)", "value": small,
                    "met": max(small.values()) < TARGET_SMALL_SECONDS, "note": "whole command, wall time"})
    validate = {rows: round(s["frictionless"]["validate_ms_per_1000_rows"] / s["sheetsync"]["validate_ms_per_1000_rows"],
                            1) for rows, s in by_rows.items() if s["frictionless"].get("available")}
    if validate:
        big = by_rows[largest]
        out.append({"target": f"validation at least {TARGET_VALIDATE_RATIO:g}x faster than frictionless on the same "
                              "rows, and right where it is not", "value": validate,
                    "met": min(validate.values()) >= TARGET_VALIDATE_RATIO,
                    "note": (f"at {largest:,} rows frictionless flags {big['frictionless']['errors_flagged']:,} errors "
                             f"where there are {big['frictionless']['sheetsync_errors']:,} (it reads neither Thai "
                             "digits nor B.E. dates); sheetsync's own tests check those")})
    few = {rows: s["sheetsync"]["workbook_write"] for rows, s in by_rows.items()}
    if few:
        ratios = {rows: round(w["openpyxl"]["few_cells"]["write_seconds"]
                              / max(w["surgical"]["few_cells"]["write_seconds"], 1e-6), 1) for rows, w in few.items()}
        top = max(few)
        out.append({
            "target": f"the workbook write after one edit at least {TARGET_WRITE_RATIO:g}x faster than openpyxl's whole "
                      "save (the peer: the write before issue 18), at every size",
            "value": ratios, "met": min(ratios.values()) >= TARGET_WRITE_RATIO,
            "note": (f"at {top:,} rows: {few[top]['surgical']['few_cells']['write_seconds']} s surgical, "
                     f"{few[top]['openpyxl']['few_cells']['write_seconds']} s whole save, for "
                     f"{few[top]['surgical']['few_cells']['cells_written']} cells (every status cell: "
                     f"{few[top]['surgical']['all_cells']['write_seconds']} s surgical, "
                     f"{few[top]['openpyxl']['all_cells']['write_seconds']} s whole save, for "
                     f"{few[top]['surgical']['all_cells']['cells_written']} cells); the surgical write parses "
                     "and writes again only the rows it writes, and copies every other part as stored")})
    if 500 in by_rows:
        s = by_rows[500]
        ours, naive = s["sheetsync"]["gsheets"]["first_sync"]["requests"], s["naive_gspread"]["requests"]
        ratio = round(naive / ours, 1)
        out.append({"target": f"at least {TARGET_RATIO:g}x fewer requests than the naive way at 500 rows",
                    "value": ratio, "met": ratio >= TARGET_RATIO,
                    "note": f"{naive} requests for the naive loop, {ours} for sheetsync"})
    return out


def nightly_verdicts(size: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 16 points 1, 4 and 5 at 5,000 rows."""
    nightly = size["sheetsync"]["nightly"]
    peer = nightly["peer"]["openpyxl_full_load_seconds"]
    out = []
    for run, seconds_goal, ratio_goal, what in (("first", TARGET_FIRST_SECONDS, TARGET_FIRST_RATIO, "the first time"),
                                                ("next_day", TARGET_NEXT_SECONDS, TARGET_NEXT_RATIO,
                                                 "the next day, nothing edited")):
        seconds = nightly[run]["seconds"]
        ratio = round(seconds / peer, 2)
        out.append({"target": f"the 5,000-row nightly sync on the workbook {what} at most {ratio_goal:g}x openpyxl's "
                              f"own full load of the synced workbook (about {seconds_goal:g} s)",
                    "value": {"ratio": ratio, "seconds": seconds, "openpyxl_full_load_seconds": peer},
                    "met": ratio <= ratio_goal,
                    "note": (f"{seconds} s whole command (documents apart) against {peer} s for openpyxl's "
                             f"load_workbook alone; {nightly[run]['cells_written']:,} cells written")})
    first = size["sheetsync"]["gsheets"]["first_sync"]
    sent, received = first["bytes_sent"], first["bytes_by_kind"].get("values.batchUpdate", {}).get("received", 0)
    out.append({"target": f"Google Sheets at 5,000 rows: at most {TARGET_SENT_BYTES / 1e6:g} MB sent and under "
                          f"{TARGET_WRITE_RECEIVED_BYTES:,} bytes received for the write, still "
                          f"{TARGET_REQUESTS} requests", "value": {"sent": sent, "write_received": received,
                                                                    "requests": first["requests"]},
                "met": sent <= TARGET_SENT_BYTES and received < TARGET_WRITE_RECEIVED_BYTES
                and first["requests"] <= TARGET_REQUESTS,
                "note": (f"request bodies {sent:,} bytes, the write's answer {received:,} bytes; the naive loop "
                         f"sends {size['naive_gspread']['bytes_sent']:,} and receives "
                         f"{size['naive_gspread']['bytes_received']:,}")})
    rss = nightly["first"]["max_rss_mib"]
    out.append({"target": f"peak RSS of the 5,000-row sync at most {TARGET_RSS_MIB:g} MiB", "value": rss,
                "met": rss <= TARGET_RSS_MIB, "note": "max RSS of the whole command, documents apart"})
    return out


def scale_verdict(scale: dict[str, Any], sizes: dict[int, dict[str, Any]]) -> dict[str, Any]:
    base = sizes[5000]["sheetsync"]["nightly"]["first"]["seconds"]
    seconds, rss = scale["first"]["seconds"], scale["first"]["max_rss_mib"]
    ratio = round(seconds / base, 1)
    return {"target": f"{scale['rows']:,} rows within {TARGET_SCALE_RATIO:g}x the 5,000-row time and under "
                      f"{TARGET_SCALE_MIB:g} MiB", "value": {"ratio": ratio, "seconds": seconds, "max_rss_mib": rss},
            "met": ratio <= TARGET_SCALE_RATIO and rss < TARGET_SCALE_MIB,
            "note": f"{seconds} s and {rss} MiB first, {scale['next_day']['seconds']} s the next day"}


def startup_verdict(startup: dict[str, Any]) -> dict[str, Any]:
    value = {"help_ms": startup["help"]["ms"], "check_ms": startup["check"]["ms"]}
    return {"target": f"`sheetsync --help` and `check` on the example office under {TARGET_STARTUP_MS:g} ms",
            "value": value, "met": max(value.values()) < TARGET_STARTUP_MS,
            "note": (f"best of {startup['reps']} runs (median --help {startup['help']['median_ms']} ms, check "
                     f"{startup['check']['median_ms']} ms); the first runs (OS cache and config cache cold): "
                     f"--help {startup['help']['cold_ms']} ms, check {startup['check']['cold_ms']} ms")}


def kib(n: int) -> str:
    return f"{n / 1024:,.1f}"


def table(sizes: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table, one column per size."""
    cols = [f"{s['rows']:,} rows" for s in sizes]
    lines = ["| | " + " | ".join(cols) + " |", "| --- | " + " | ".join("---:" for _ in cols) + " |"]

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(s) for s in sizes) + " |")

    def g(s: dict) -> dict:
        return s["sheetsync"]["gsheets"]

    def w(s: dict) -> dict:
        return s["sheetsync"]["workbook"]

    def fr(s: dict) -> str:
        f = s["frictionless"]
        return f"{f['validate_ms_per_1000_rows']:.1f}" if f.get("available") else "n/a"

    row("Sheets requests per sync: sheetsync / naive gspread loop",
        lambda s: f"{g(s)['first_sync']['requests']} / {s['naive_gspread']['requests']:,}")
    row("KiB sent, bodies as sent (gzip above 1 KiB): sheetsync / naive",
        lambda s: f"{kib(g(s)['first_sync']['bytes_sent'])} / {kib(s['naive_gspread']['bytes_sent'])}")
    row("KiB of JSON sent before compression: sheetsync (of which Status tab)",
        lambda s: f"{kib(g(s)['first_sync']['json_bytes_sent'])} ({kib(g(s)['first_sync']['bytes_sent_status_tab'])})")
    row("KiB received, bodies: sheetsync / naive", lambda s: f"{kib(g(s)['first_sync']['bytes_received'])} / "
                                                             f"{kib(s['naive_gspread']['bytes_received'])}")
    row("KiB sent incl. HTTP headers: sheetsync / naive",
        lambda s: f"{kib(g(s)['first_sync']['wire_bytes_sent'])} / {kib(s['naive_gspread']['wire_bytes_sent'])}")
    row("Sheets sync time, s: sheetsync in-process / naive (its API calls only)",
        lambda s: f"{g(s)['first_sync']['seconds']:.2f} / {s['naive_gspread']['seconds']:.2f}")
    row("minutes of Google's default quota (60 writes/min/user): sheetsync / naive",
        lambda s: f"{g(s)['first_sync']['quota_minutes']:.2f} / {s['naive_gspread']['quota_minutes']:.1f}")
    row("sheetsync re-run with nothing edited: requests / cells written",
        lambda s: f"{g(s)['resync_unchanged']['requests']} / {g(s)['resync_unchanged']['cells_written']}")
    row("parse + validate + score + plan, ms per 1,000 rows (workbook / Sheets)",
        lambda s: f"{s['sheetsync']['core_ms_per_1000_rows']['workbook']:.1f} / "
                  f"{s['sheetsync']['core_ms_per_1000_rows']['gsheets']:.1f}")
    row("validation only, ms per 1,000 rows: sheetsync / frictionless",
        lambda s: f"{s['sheetsync']['validate_ms_per_1000_rows']:.1f} / {fr(s)}")
    def n(s: dict) -> dict:
        return s["sheetsync"]["nightly"]

    row("nightly `sheetsync sync` on the workbook (documents apart), s: first / next day",
        lambda s: f"{n(s)['first']['seconds']:.2f} / {n(s)['next_day']['seconds']:.2f}")
    row("openpyxl's own full load of the synced workbook, s (read-only mode / python-calamine)",
        lambda s: f"{n(s)['peer']['openpyxl_full_load_seconds']:.2f} ({n(s)['peer']['openpyxl_read_only_seconds']:.2f}"
                  f" / {n(s)['peer']['calamine_read_seconds']:.2f})")
    row("nightly sync against openpyxl's full load: first / next day",
        lambda s: f"{n(s)['first']['seconds'] / n(s)['peer']['openpyxl_full_load_seconds']:.2f}x / "
                  f"{n(s)['next_day']['seconds'] / n(s)['peer']['openpyxl_full_load_seconds']:.2f}x")
    row("max RSS of the nightly sync, MiB: first / next day",
        lambda s: f"{n(s)['first']['max_rss_mib']:.0f} / {n(s)['next_day']['max_rss_mib']:.0f}")
    row("cells written by the nightly sync: first / next day",
        lambda s: f"{n(s)['first']['cells_written']:,} / {n(s)['next_day']['cells_written']:,}")
    row("KiB received for the Sheets write (values.batchUpdate)",
        lambda s: kib(g(s)['first_sync']['bytes_by_kind'].get('values.batchUpdate', {}).get('received', 0)))
    row("`sheetsync sync`, whole command with its documents, s: workbook / Sheets",
        lambda s: f"{w(s)['cli']['seconds']:.2f} / {g(s)['cli']['seconds']:.2f}")
    row("peak memory, MiB: max RSS of `sheetsync sync` (workbook / Sheets)",
        lambda s: f"{w(s)['cli']['max_rss_mib']:.0f} / {g(s)['cli']['max_rss_mib']:.0f}")
    row("peak memory, MiB: tracemalloc of the workbook sync", lambda s: f"{w(s)['tracemalloc_peak_mib']:.1f}")

    def wr(s: dict, writer: str, run: str) -> dict:
        return s["sheetsync"]["workbook_write"][writer][run]

    for run, what in (("all_cells", "every status cell"), ("few_cells", "after one edit")):
        row(f"workbook write, {what}, s: surgical / openpyxl whole save (cells)",
            lambda s, run=run: f"{wr(s, 'surgical', run)['write_seconds']:.3f} / "
                               f"{wr(s, 'openpyxl', run)['write_seconds']:.3f} ({wr(s, 'surgical', run)['cells_written']:,})")
        row(f"workbook sync in-process, {what}, s: surgical / openpyxl whole save",
            lambda s, run=run: f"{wr(s, 'surgical', run)['sync_seconds']:.2f} / {wr(s, 'openpyxl', run)['sync_seconds']:.2f}")
    row("`sheetsync sync` on the workbook, whole command, s: surgical / openpyxl whole save",
        lambda s: f"{s['sheetsync']['workbook_write']['surgical']['cli_seconds']:.2f} / "
                  f"{s['sheetsync']['workbook_write']['openpyxl']['cli_seconds']:.2f}")
    return "\n".join(lines)


def run(sizes: list[int], reps: int | None = None, out: Path | None = None, work: Path | None = None,
        log: Callable[[str], None] = lambda m: None, scale: int = 0) -> dict[str, Any]:
    """Every size, then (with `scale`, and 5,000 among the sizes) the nightly sync of `scale` rows, and the
    start-up of `--help` and `check`."""
    started = time.perf_counter()
    info = machine()
    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="sheetsync-bench-")) if work is None else work
    results = []
    try:
        with FakeSheets() as fake:
            key = fake.service_account()
            for rows in sizes:
                results.append(bench_size(rows, work, fake, key, reps, rows == max(sizes), log))
            if fake.errors:
                raise RuntimeError(f"the Sheets fake failed: {fake.errors}")
        # The follow-up memo of 5,000 bad rows (issue 19, bench/memobench.py), with the largest size.
        log("start-up: --help and check on the example office")
        startup = measure_startup(work, reps or 7)
        scaled = None
        if scale and 5000 in sizes:
            scaled = measure_scale(work, scale, log)
        memo = None
        if max(sizes) >= memobench.BAD_ROWS:
            log(f"follow-up memo of {memobench.BAD_ROWS:,} bad rows")
            memo = memobench.measure(work / "memo", min(reps or 3, 3))
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
    targets = [*verdicts(results), startup_verdict(startup)]
    if scaled is not None:
        targets.append(scale_verdict(scaled, {r["rows"]: r for r in results}))
    targets += [memo["target"]] if memo else []
    data = {
        "issues": [7, 16],
        "machine": info,
        "settings": {"sizes": sizes, "groups": GROUPS, "reps": reps or {r: default_reps(r) for r in sizes},
                     "today": TODAY.isoformat(), "quota_per_minute": QUOTA_PER_MINUTE},
        "sizes": results,
        "memo": memo,
        "startup": startup,
        "scale": scaled,
        "targets": targets,
        "table": table(results),
        "seconds": round(time.perf_counter() - started, 1),
    }
    if out is not None:
        out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="total rows, comma-separated")
    parser.add_argument("--reps", type=int, default=None, help="repetitions of the timed computations")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument("--scale", type=int, default=50000,
                        help="rows of the scale run (with 5,000 among the sizes; 0: none)")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: one measurement in a fresh process
    args = parser.parse_args(argv)
    if args.child:
        job = json.loads(Path(args.child).read_text(encoding="utf-8"))
        print(json.dumps(CHILDREN[job["kind"]](job)))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if any(s % GROUPS for s in sizes):
        parser.error(f"each size must be a multiple of {GROUPS} (rows are spread over {GROUPS} groups)")

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    data = run(sizes, args.reps, args.out, log=log, scale=args.scale)
    m = data["machine"]
    print(f"\nsheetsync benchmark, {m['date']}: {m['cores']} cores ({m['cpu']}), Python {m['python']}\n")
    print(data["table"])
    print()
    if data["memo"]:
        print("\n".join(memobench.lines_of(data["memo"])) + "\n")
    for t in data["targets"]:
        print(f"[{'met' if t['met'] else 'MISSED'}] {t['target']}: {t['value']}")
        if not t["met"]:
            print(f"    {t['note']}")
    largest = data["sizes"][-1]
    profile = largest["sheetsync"]["profile"]
    print(f"\nprofile of one evaluate + plan at {largest['rows']:,} rows, garbage collector off "
          f"({profile['profiled_total_ms']} ms under cProfile):")
    print("    own ms   cumul. ms     calls  function")
    for e in profile["top_self"][:10]:
        print(f"    {e['self_ms']:6.1f}   {e['cumulative_ms']:9.1f}  {e['calls']:>8}  {e['function']}")
    print(f"\n{data['seconds']} s in all; figures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
