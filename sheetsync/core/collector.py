"""The cyclic garbage collector paused while the core builds an evaluation or a plan (issue 16).

The core makes tens of thousands of small objects (rows, outcomes, cell writes) and frees none of them
before it returns: every one of them lives as long as the evaluation or the plan. With the collector
on, each pass of it walks them all again and finds nothing to free (the core makes no reference cycle
that outlives a call), which cost about half the core's time at 5,000 rows. Paused, nothing is lost:
what the core drops is freed by reference counting as ever, and the collector runs again once the
caller resumes it. Nested pauses leave the outer one in charge; a caller that paused it already
(app.sync, for the whole sync: read, write and record too) keeps it paused.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block, and back on after it if it was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pauses_collector(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` run with the collector paused (collector_paused)."""

    @functools.wraps(fn)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return fn(*args, **kwargs)

    return paused
