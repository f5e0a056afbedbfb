"""An evidence cell read line by line: which criterion each piece of evidence is for, and the links in it
checked for form (issue 17, point 4). Pure: no link is ever fetched.

A criteria-scored indicator's evidence cell (หลักฐานอ้างอิง) takes one line per criterion, the criterion's
number first and a colon or a closing parenthesis after it:

    1: https://drive.google.com/file/d/...
    ๒: คำสั่งที่ ๑๒/๒๕๗๐
    3) รายงานการประชุม ครั้งที่ ๒/๒๕๗๐
    ข้อ 4: ภาพกิจกรรม
    1-2: แผนปฏิบัติการ ปี ๒๕๗๐     (one piece for criteria 1 and 2)

A number must be followed by ":" or ")" (or "." and a space), so "1.1 รายงาน" is text, not criterion 1;
and a number the indicator does not have is said (`unknown`), not taken as text. A line without a
number is evidence for the row as a whole (for no criterion in particular): an indicator scored some
other way keeps its free text as ever. A link is a word that starts like one (http, htp, www., or letters
and "//" as in "https//"); it is well formed when it is http(s)://host.domain with no space in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sheetsync.core import thai

# "ข้อ 1:", "1:", "๑)", "1-3:", "1, 2:", "1. " (a dot only before a space: "1.1" is a code, not a criterion)
_LINE_RE = re.compile(rf"^\s*(?:{thai.CRITERIA_PREFIX})?\s*(\d[\d\s,\-–]*?)\s*(?::|\)|\.(?=\s))\s*(.*)$", re.S)
_WORD_RE = re.compile(r"\S+")
_HOST_RE = re.compile(r"^[\w.-]+\.[a-z]{2,}(?::\d+)?$|^localhost(?::\d+)?$", re.I)
_SCHEME_LIKE = re.compile(r"^[a-z]{2,6}:?//")  # "https//", "htps://", "ftp://": meant as a link
_TRAILING = ".,;)]}>\"'"  # punctuation a sentence puts after a link, not part of it


@dataclass(frozen=True, slots=True)
class Piece:
    """A line of an evidence cell: the criteria it is for (none: the row as a whole) and its text."""

    criteria: tuple[int, ...]
    text: str


@dataclass(frozen=True, slots=True)
class EvidenceReading:
    pieces: tuple[Piece, ...]
    unknown: tuple[int, ...]  # criterion numbers written that the indicator does not have
    bad_links: tuple[str, ...]  # links not well formed, as written

    def covered(self) -> frozenset[int]:
        return frozenset(c for p in self.pieces for c in p.criteria)


_PART_SPLIT = re.compile(r"\s*,\s*|\s+")
_PART = re.compile(r"(\d{1,3})(?:\s*-\s*(\d{1,3}))?")
# what a line naming its criteria begins with: a digit (either script) or a word of CRITERIA_PREFIX
_STARTS = tuple("0123456789" + thai.THAI_DIGITS) + tuple(thai.CRITERIA_PREFIX.split("|"))


def _numbers(text: str) -> tuple[int, ...] | None:
    """"1", "1-3", "1, 2" as the criterion numbers they name; None for anything else."""
    whole = _PART.fullmatch(text)  # the common case, one number or one range: no split
    if whole is not None:
        lo = int(whole.group(1))
        hi = int(whole.group(2)) if whole.group(2) else lo
        return tuple(range(lo, hi + 1)) if hi >= lo else None
    out: list[int] = []
    for part in _PART_SPLIT.split(text.replace("–", "-").strip()):
        if not part:
            continue
        m = _PART.fullmatch(part)
        if m is None:
            return None
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if hi < lo:
            return None
        out.extend(range(lo, hi + 1))
    return tuple(dict.fromkeys(out)) or None


def read_evidence(text: str, count: int = 0) -> EvidenceReading:
    """The cell's lines (`count`: the indicator's criteria; 0: no line is read as a criterion's). Every
    row's evidence cell is read each night: a line is matched only when it can name a criterion (it
    begins with a digit or a prefix word) and searched for links only when it holds a hint of one."""
    pieces: list[Piece] = []
    unknown: list[int] = []
    bad: list[str] = []
    for line in text.splitlines():
        body = line.strip()
        if not body:
            continue
        criteria: tuple[int, ...] = ()
        if count and body.startswith(_STARTS):
            # \d is any decimal digit, Thai ones too, and int() reads them: no translation first
            m = _LINE_RE.match(line)
            numbers = _numbers(m.group(1)) if m else None
            if m is not None and numbers is not None:
                criteria = tuple(n for n in numbers if 1 <= n <= count)
                unknown += [n for n in numbers if not 1 <= n <= count]
                body = line[m.start(2):].strip()
        pieces.append(Piece(criteria, body))
        if may_hold_link(line):
            bad += [w for w in links(line) if not well_formed(w)]
    return EvidenceReading(tuple(pieces), tuple(dict.fromkeys(unknown)) if unknown else (),
                           tuple(dict.fromkeys(bad)) if bad else ())


def may_hold_link(text: str) -> bool:
    """False when `text` holds nothing `links` would take (no http, htp, www. or //): most cells, told
    without splitting them into words."""
    lowered = text.lower()
    return "http" in lowered or "htp" in lowered or "www." in lowered or "//" in lowered


def links(text: str) -> list[str]:
    """The words of `text` that are meant as links (their trailing punctuation aside)."""
    out = []
    for word in _WORD_RE.findall(text):
        lowered = word.lower()
        if lowered.startswith(("http", "htp", "www.")) or _SCHEME_LIKE.match(lowered):
            out.append(word.rstrip(_TRAILING) or word)
    return out


def well_formed(link: str) -> bool:
    """http(s)://host.domain/..., with nothing a browser would refuse; the form only, never fetched."""
    try:
        parts = urlsplit(link)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(_HOST_RE.match(parts.netloc.rsplit("@", 1)[-1]))
