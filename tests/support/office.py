"""A real office program for the tests: LibreOffice, without a screen, as `make test` installs it.

`libreoffice_save(book)` opens the workbook in LibreOffice Calc and saves it over itself as .xlsx, as a
group member does between two syncs (LibreOffice computes the formulas and stores their values, writes
its own styles, shared strings and settings). `libreoffice_pdf(book)` prints it to PDF.

Each call has a LibreOffice profile of its own (two test workers run side by side) and a long timeout:
a busy machine makes LibreOffice slow, never a test fail. One known difference from a desktop save:
LibreOffice without a window writes no view settings, so frozen panes do not survive it (a desktop
LibreOffice keeps them; `sheetsync setup` puts them back).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT_S = 300  # LibreOffice's first start with a new profile takes seconds; a loaded machine, more


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is not installed: `make test` installs it (libreoffice-calc-nogui)")
    return found


def _convert(book: Path, target_format: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        env = {**os.environ, "HOME": profile}
        result = subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
             "--convert-to", target_format, "--outdir", str(outdir), str(book)],
            capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    produced = outdir / f"{book.stem}.{target_format.split(':')[0]}"
    assert result.returncode == 0 and produced.exists(), (result.stdout, result.stderr)
    return produced


def libreoffice_save(book: Path) -> None:
    """Open `book` in LibreOffice Calc and save it over itself in the Excel 2007-365 format."""
    with tempfile.TemporaryDirectory(prefix="lo-out-") as out:
        produced = _convert(book, 'xlsx:Calc Office Open XML', Path(out))
        shutil.copyfile(produced, book)


def libreoffice_pdf(book: Path, outdir: Path) -> Path:
    """Print every tab of `book` to a PDF, as LibreOffice prints it (page setup, print titles)."""
    return _convert(book, "pdf", outdir)
