"""The corpus of mistakes (issue 15): every mistake a coordinator or a group can make, each driven through the
real command line (a subprocess, so nothing of click's test runner hides a traceback or an English text), each
giving its Thai message and its exit status.

Each module here covers one area (config files, command line, counts, sheet messages, schedule and doctor);
`run` and `assert_thai` are what every case uses.
"""

from __future__ import annotations

from tests.support.mistakes import assert_thai, run  # noqa: F401 - re-exported for the corpus' modules
