"""A backend that finds a group tab its group renamed (issue 15, point 6), for every command.

`open_backend` wraps each backend in `FoundTabs`. Its read reads the tabs asked for; when a group's tab
is not there, it asks the backend for the spreadsheet's other tabs (`tab_names`: the workbook's names,
or the titles Google already gave when the read missed a tab) and reads them all again with the tabs
asked for, in one read, so that values, markers and the write's checks are of one moment (a renamed
tab costs that one read more, each night until office.yaml names it; the workbook's is the same file
read again, Google's one request more). core.layout.find_renamed_tabs then takes, for each missing
group tab, the tab named in the group's `tab_aliases`, else the one whose indicator codes are the
group's.

From then on the tab taken is the group tab under the name office.yaml gives it: read as it, its
status written there, set up and protected as it (`take_tab`), its status columns marked there. So
everything above the backend (evaluation, status, history, documents) knows the tab by the config's
name, as before the rename, and nothing else changes; the backend's own messages name the tab as it
is now called. What was taken is said to the coordinator (`found`, `tab_warnings`, in the sync's
warnings and on the Status tab, in setup's output), with how to make it permanent: `tab:` in
office.yaml. Setup creates no empty tab for a group whose tab was taken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sheetsync.backends.base import Backend
from sheetsync.core.cells import ColumnMark, RawTable, WritePlan
from sheetsync.core.layout import TabFound, TabLayout, find_renamed_tabs, found_note, other_tabs
from sheetsync.core.models import Office


class FoundTabs:
    """`inner`, with the group tabs renamed by their groups found and known by their config names."""

    def __init__(self, inner: Backend, office: Office) -> None:
        self.inner = inner
        self.office = office
        self.found: list[TabFound] = []  # the tabs taken, in this backend's life
        self.undecided: list[str] = []  # tabs that could each be a group's: said, none taken (Thai)
        self._actual: dict[str, str] = {}  # group tab (config) -> the tab read in its place
        self._config: dict[str, str] = {}  # and back

    def __getattr__(self, name: str) -> Any:
        # What a backend has beyond the protocol (the workbook's path, formula_at, the key's e-mail, retries).
        if name == "inner":  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    @property
    def requests(self) -> int:
        return self.inner.requests

    @property
    def tab_warnings(self) -> list[str]:
        """The tabs taken and the ones that could not be decided, for the coordinator."""
        return [*(found_note(self.office, f) for f in self.found), *self.undecided]

    @property
    def warnings(self) -> list[str]:
        return [*getattr(self.inner, "warnings", []), *self.tab_warnings]

    def describe(self) -> str:
        return self.inner.describe()

    def check_writable(self) -> None:
        self.inner.check_writable()

    def _real(self, tab: str) -> str:
        return self._actual.get(tab, tab)

    def _named(self, tables: dict[str, RawTable]) -> dict[str, RawTable]:
        return {self._config.get(name, name): raw if name not in self._config else
                RawTable.model_construct(tab=self._config[name], values=raw.values, marks=raw.marks)
                for name, raw in tables.items()}

    def read(self, tabs: list[str], on_tab: Callable[[str], None] | None = None) -> dict[str, RawTable]:
        asked = [self._real(t) for t in tabs]
        tables = self.inner.read(asked, on_tab)
        missing = [g for g in self.office.groups if g.tab in tabs and self._real(g.tab) not in tables]
        if not missing:
            return self._named(tables)
        near = {g.code: other_tabs(self.office, self.inner.tab_names(g.tab)) for g in missing}
        extra = list(dict.fromkeys(n for names in near.values() for n in names if n not in asked))
        if not extra:
            return self._named(tables)
        # The tabs there are (a missing one asked again would make Google refuse the read, once more).
        every = self.inner.read([*(t for t in asked if t in tables), *extra], on_tab)
        found, self.undecided = find_renamed_tabs(self.office, every, near)
        for f in found:
            self._actual[f.tab], self._config[f.found] = f.found, f.tab
            self.inner.take_tab(f.found, f.tab)
        self.found += found
        return self._named({name: raw for name, raw in every.items() if name in asked or name in self._config})

    def write(self, plan: WritePlan) -> int:
        if not self._actual:  # no tab found renamed (nearly every night): the plan as it is, not copied cell by cell
            return self.inner.write(plan)
        return self.inner.write(plan.model_copy(update={
            "writes": [w.model_copy(update={"tab": self._real(w.tab)}) for w in plan.writes],
            "marks": [m.model_copy(update={"tab": self._real(m.tab)}) for m in plan.marks]}))

    def setup(self, layouts: list[TabLayout]) -> list[str]:
        return self.inner.setup([lay.model_copy(update={
            "tab": self._real(lay.tab), "writes": [w.model_copy(update={"tab": self._real(w.tab)}) for w in lay.writes]})
            for lay in layouts])

    def mark_columns(self, marks: list[ColumnMark]) -> None:
        self.inner.mark_columns([m.model_copy(update={"tab": self._real(m.tab)}) for m in marks])

    def tab_names(self, beside: str) -> list[str]:
        return self.inner.tab_names(self._real(beside))

    def take_tab(self, found: str, tab: str) -> None:
        self.inner.take_tab(found, tab)
