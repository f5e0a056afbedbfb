"""`sheetsync round list | close | reopen`: the reporting rounds of the fiscal year (core.rounds).

- list: each round's dates (due date moved off a day off, the last day of its grace), whether it is
  closed (when, by whom) or reopened, and its coverage: frozen for a closed round, from the last sync
  for the round in focus. Reads history only, never the sheets.
- close CODE: a sync that closes the round (app.sync.run_sync with `close`): the sheets are read now,
  each row frozen as it is, the status cells say the round is closed, all under the sync's lock.
- reopen CODE [--until DATE]: recorded in history with who and when, under the lock; the next sync
  judges the round open again. Without `--until` it stays open until `round close`; with it, the
  first sync after that day closes it again on its own.

Who: `--by NAME` or, without it, the coordinator named in office.yaml, with the login of the
computer's user, so that the record says who pressed the key.
"""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from sheetsync.app.sync import SyncSummary, office_now, run_sync
from sheetsync.core import thai, vocab
from sheetsync.core.errors import UsageError
from sheetsync.core.evaluate import load_evaluation, round_name
from sheetsync.core.models import Office
from sheetsync.core.workdays import Dates
from sheetsync.store.config import load_office
from sheetsync.store.folder import OfficeFolder
from sheetsync.store.history import History
from sheetsync.store.lock import SyncLock


class RoundLine(BaseModel):
    code: str
    name: str
    opens: date
    due: date
    due_moved_from: date | None = None
    due_moved_reason: str = ""
    closes_after: date  # the last day of its grace
    state: str  # not_open, open, closed, reopened
    closed_on: date | None = None
    closed_by: str = ""
    reopened_by: str = ""
    reopened_until: date | None = None
    reported: int | None = None
    total: int | None = None
    not_reported: int | None = None  # a closed round: rows without a report at the close
    reported_late: int | None = None  # a closed round: rows reported after the due date


def who(office: Office, by: str | None) -> str:
    """The person a close or reopen is recorded under."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        login = ""
    name = (by or office.office.coordinator.name).strip()
    return vocab.ROUND_WHO.format(name=name, login=login) if login else name


def _known(office: Office, code: str) -> None:
    milestone = office.milestone(code)
    if milestone is None or not milestone.is_round:
        raise UsageError(vocab.ROUND_UNKNOWN.format(code=code),
                         vocab.ROUND_UNKNOWN_HINT.format(codes=", ".join(m.code for m in office.rounds())))


def list_rounds(config_dir: Path, today: date | None = None) -> list[RoundLine]:
    office = load_office(config_dir)
    today = today or office_now(office).date()
    dates = Dates(office)
    places = OfficeFolder(config_dir)
    fy = office.office.fiscal_year
    lines = []
    with History(places.history) as history:
        book = history.round_book(fy)
        run = history.last_real_sync(fiscal_year=fy)
        live = {}
        if run is not None and (data := history.evaluation(run.id)):
            live = {r.code: r for r in load_evaluation(data).rounds}
        for m in office.rounds():
            due = dates.due(m)
            line = RoundLine(code=m.code, name=m.name, opens=m.opens, due=due.day, due_moved_from=due.moved_from,
                             due_moved_reason=due.reason, closes_after=dates.closes_after(m),
                             state="not_open" if m.opens > today else "open")
            closed, reopened = book.closed.get(m.code), book.reopened.get(m.code)
            if closed is not None:
                line.state, line.closed_on, line.closed_by = "closed", closed.closed_on, closed.by
                line.reported, line.total = closed.reported, closed.total
                frozen = history.frozen_round(fy, m.code)
                if frozen is not None:
                    line.not_reported = sum(1 for e in frozen.late if e.why == "not_reported")
                    line.reported_late = sum(1 for e in frozen.late if e.why == "reported_late")
            elif reopened is not None:
                line.state, line.reopened_by, line.reopened_until = "reopened", reopened.by, reopened.until
            if closed is None and m.code in live and live[m.code].reported is not None:
                line.reported, line.total = live[m.code].reported, live[m.code].total
            lines.append(line)
    return lines


def close_round(config_dir: Path, code: str, by: str | None = None, today: date | None = None,
                quiet: bool = False) -> SyncSummary:
    office = load_office(config_dir)
    _known(office, code)
    with History(OfficeFolder(config_dir).history) as history:
        if history.round_book(office.office.fiscal_year).is_closed(code):
            frozen = history.frozen_round(office.office.fiscal_year, code)
            day = thai.format_date(frozen.closed_on, "long") if frozen else ""
            raise UsageError(vocab.ROUND_ALREADY_CLOSED.format(round=round_name(office.milestone(code)),  # type: ignore[arg-type]
                                                               day=day),
                             vocab.ROUND_ALREADY_CLOSED_HINT.format(code=code))
    return run_sync(config_dir, today=today, quiet=quiet, close=(code,), closed_by=who(office, by))


def reopen_round(config_dir: Path, code: str, by: str | None = None, until: date | None = None,
                 today: date | None = None) -> str:
    """Record the reopen; returns the Thai line that says what happens next."""
    office = load_office(config_dir)
    _known(office, code)
    milestone = office.milestone(code)
    assert milestone is not None
    today = today or office_now(office).date()
    if until is not None and until < today:
        raise UsageError(vocab.ROUND_UNTIL_PAST.format(until=thai.format_date(until, "long")), vocab.ROUND_UNTIL_HINT)
    places = OfficeFolder(config_dir)
    lock = SyncLock(places.lock, what="round")
    lock.acquire()
    try:
        with History(places.history) as history:
            if not history.round_book(office.office.fiscal_year).is_closed(code):
                raise UsageError(vocab.ROUND_NOT_CLOSED.format(round=round_name(milestone)),
                                 vocab.ROUND_NOT_CLOSED_HINT.format(code=code))
            history.reopen_round(office.office.fiscal_year, code, today, who(office, by), until)
    finally:
        lock.release()
    if until is None:
        return vocab.ROUND_REOPENED.format(round=round_name(milestone), code=code)
    return vocab.ROUND_REOPENED_UNTIL.format(round=round_name(milestone), until=thai.format_date(until, "long"))
