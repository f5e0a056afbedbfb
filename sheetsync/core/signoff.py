"""The group head's sign-off of a row (issue 17, point 2), and the explanation a low result needs
(point 3). Pure: what history remembers of each sign-off is handed in, and what it should remember
next is handed back.

With `signoff: required` in office.yaml a group tab has two more columns, รับรองข้อมูลโดย (who) and
วันที่รับรอง (when). A reported, valid row counts as submitted (for a round, the Status tab, the SAR and
e-MES) only once both are filled; until then it "awaits sign-off". The figures signed are the row's
fingerprint when the sync first sees that sign-off (that signer and that date); history keeps it
(store.history, table signoffs). A later night that finds the same sign-off over different figures
says the sign-off is void (the row was edited after it was signed) and the row stops counting as
submitted until the head signs again, by typing the new date (or their name) in the sign-off columns.
The sync never clears the sign-off cells itself: a cell a person typed is never changed, so "the
edit clears the sign-off" means it stops counting, and the status cell says why. A sign-off dated
before the row's report date is void as well (the head cannot have signed what was not yet there).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date

from sheetsync.core import thai
from sheetsync.core.rounds import fingerprint
from sheetsync.core.rows import SIGNED, UNSIGNED, VOID, CellError, IndicatorRow, cell_error

__all__ = ["SIGNED", "UNSIGNED", "VOID", "Seen", "explanation_notice", "figures", "judge", "needs_explanation"]

# (tab, code) -> (signer, signed_on ISO date, fingerprint): a sign-off as history first saw it.
Seen = Mapping[tuple[str, str], tuple[str, str, str]]


def figures(row: IndicatorRow) -> str:
    """A short hash of what the head signs: the row's values as a round freezes them (rounds.fingerprint,
    kept as it is: closed rounds in history hold it) and the explanation."""
    return hashlib.blake2b(json.dumps([fingerprint(row), row.explanation], ensure_ascii=False).encode(),
                           digest_size=8).hexdigest()


def signer_key(name: str) -> str:
    """A signer's name as sign-offs are compared (spacing and Thai's typing variants aside)."""
    return " ".join(thai.thai_normal_form(name).split())


def judge(row: IndicatorRow, seen: Seen, columns: Mapping[str, int], labels: Mapping[str, str]
          ) -> tuple[str, list[CellError], tuple[str, str, str] | None]:
    """A reported, valid row's sign-off state, what to say of it, and the sign-off for history to keep
    when it is one not seen before (None otherwise)."""
    signer, on = signer_key(row.signed_by), row.signed_on
    if not signer and on is None:
        return UNSIGNED, [], None
    if not signer or on is None:
        key = "signed_by" if not signer else "signed_on"
        if key not in columns:
            return UNSIGNED, [], None
        return UNSIGNED, [cell_error(row.tab, row.row, columns[key], key, "", "signoff-incomplete",
                                     label=labels[key])], None
    col = columns.get("signed_on", 1)
    if row.reported_on is not None and on < row.reported_on:
        return VOID, [cell_error(row.tab, row.row, col, "signed_on", on, "signoff-before-report",
                                 label=labels["signed_on"], reported_on=_day(row.reported_on))], None
    now = figures(row)
    known = seen.get((row.tab, row.code))
    if known is None or (known[0], known[1]) != (signer, on.isoformat()):
        return SIGNED, [], (signer, on.isoformat(), now)  # a new sign-off: these are the figures signed
    if known[2] != now:
        return VOID, [cell_error(row.tab, row.row, col, "signed_on", on, "signoff-edited", label=labels["signed_on"],
                                 signer=row.signed_by.strip(), signed_on=_day(on))], None
    return SIGNED, [], None


def _day(day: date) -> str:
    return thai.format_date(day, "short")


def needs_explanation(row: IndicatorRow, level: int | None, below: int) -> bool:
    """A scored row under the level that asks for an explanation, without one."""
    return level is not None and level < below and not row.explanation


def explanation_notice(row: IndicatorRow, level: int, below: int, columns: Mapping[str, int],
                       labels: Mapping[str, str]) -> CellError:
    """Said at the explanation cell (or, on a tab without the column, at the result's, the row's first
    cell otherwise: the message names the column to add)."""
    col = columns.get("explanation") or columns.get("result") or columns.get("code", 1)
    return cell_error(row.tab, row.row, col, "explanation", "", "explanation-needed",
                      level=thai.to_thai_digits(level), below=thai.to_thai_digits(below), label=labels["explanation"])

