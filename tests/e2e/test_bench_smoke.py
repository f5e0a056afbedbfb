"""The benchmark (`make bench`, bench/syncbench.py) still runs, at its smallest size with one repetition.

Only the shape of its figures is checked, and that sheetsync needs fewer requests than the naive gspread
loop: times are measured by the benchmark, never asserted by a test.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def load_bench():
    spec = importlib.util.spec_from_file_location("syncbench", REPO / "bench" / "syncbench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs_at_the_smallest_size(tmp_path: Path) -> None:
    bench = load_bench()
    out = tmp_path / "results.json"
    data = bench.run([50], reps=1, out=out, work=tmp_path / "work")
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["table"] == data["table"] and "50 rows" in saved["table"]
    assert saved["machine"]["cores"] >= 1 and saved["machine"]["python"] and saved["machine"]["date"]
    assert saved["machine"]["packages"]["gspread"]

    (size,) = saved["sizes"]
    assert size["rows"] == 50 and size["groups"] == 10
    ours = size["sheetsync"]["gsheets"]["first_sync"]
    naive = size["naive_gspread"]
    # the read (values and the marker of the sync's columns), the re-check before the write, the write
    assert ours["request_kinds"] == {"values.batchGetByDataFilter": 1, "values.batchGet": 1, "values.batchUpdate": 1}
    # open_by_key, then per group one metadata read (worksheet()) and one values read, then a write per row
    assert naive["request_kinds"] == {"spreadsheets.get": 11, "values.get": 10, "values.update": 50}
    assert ours["requests"] < naive["requests"]
    for figures in (ours, naive):
        assert figures["bytes_sent"] > 0 and figures["bytes_received"] > 0 and figures["seconds"] > 0
        assert figures["wire_bytes_sent"] >= figures["bytes_sent"]
    assert ours["client_bytes_sent"] == ours["bytes_sent"]  # our client and the fake agree
    resync = size["sheetsync"]["gsheets"]["resync_unchanged"]
    assert resync["request_kinds"] == {"values.batchGetByDataFilter": 1, "values.batchUpdate": 1}
    assert resync["cells_written"] == 1  # only the time of sync
    assert size["sheetsync"]["gsheets"]["cli"]["requests"] == 3

    sheetsync = size["sheetsync"]
    assert set(sheetsync["core_ms_per_1000_rows"]) == {"workbook", "gsheets"}
    assert all(v > 0 for v in sheetsync["core_ms_per_1000_rows"].values())
    assert sheetsync["validate_ms_per_1000_rows"] > 0
    assert sheetsync["profile"]["top_self"]  # the largest size is profiled
    workbook = sheetsync["workbook"]
    assert workbook["cli"]["rows"] == 50 and workbook["cli"]["max_rss_mib"] > 0
    assert {"read", "evaluate_plan", "write"} <= set(workbook["phases_seconds"])
    assert workbook["tracemalloc_peak_mib"] > 0

    friction = size["frictionless"]
    if importlib.util.find_spec("frictionless") is not None:
        assert friction["available"] and friction["validate_ms_per_1000_rows"] > 0
    else:
        assert friction["available"] is False

    nightly = sheetsync["nightly"]
    for run in ("first", "next_day"):
        assert nightly[run]["rows"] == 50 and nightly[run]["seconds"] > 0 and nightly[run]["max_rss_mib"] > 0
    assert nightly["next_day"]["cells_written"] < nightly["first"]["cells_written"]
    assert nightly["peer"]["openpyxl_full_load_seconds"] > 0 and nightly["peer"]["calamine_read_seconds"] > 0
    assert saved["startup"]["help"]["ms"] > 0 and saved["startup"]["check"]["ms"] > 0
    assert saved["scale"] is None  # only with 5,000 among the sizes

    targets = {t["target"]: t for t in saved["targets"]}
    # requests, evaluate + plan, the workbook write, the small nightly sync, start-up, and validation against
    # frictionless when it is installed; the 500- and 5,000-row targets need those sizes
    assert len(targets) == 5 + (importlib.util.find_spec("frictionless") is not None)
    writes = sheetsync["workbook_write"]
    for writer in ("surgical", "openpyxl"):
        assert writes[writer]["cli_seconds"] > 0
        for run in ("all_cells", "few_cells"):
            assert writes[writer][run]["write_seconds"] > 0 and writes[writer][run]["cells_written"] > 0
    assert all(isinstance(t["met"], bool) and t["note"] for t in targets.values())
