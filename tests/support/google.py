"""An office whose backend is a spreadsheet on the loopback Sheets fake."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.fakes.fake_sheets import FakeSheets
from tests.support.cli import REPO, set_backend

# Short backoffs keep retry tests quick; the timeout stays generous: a loopback answer on a 2-core machine
# running two test suites at once can take seconds, and a timeout there would be a retry nobody asked for.
FAST = {"backoff_seconds": 0.01, "max_backoff_seconds": 0.05, "timeout_seconds": 30}


def google_config(fake: FakeSheets, directory: Path, source: Path | None = None, **backend) -> tuple[Path, str]:
    """A config folder whose backend is a fresh spreadsheet on the fake, shared with a new service account."""
    if source is None:
        shutil.copytree(REPO / "config", directory)
    else:
        directory = source
    key = fake.service_account()
    sid = fake.create_spreadsheet("มาตรฐานสำนักงานเขตพื้นที่ สพป.นศ.๑", shared_with=[key["client_email"]])
    (directory / "service-account.json").write_text(json.dumps(key), encoding="utf-8")
    settings = {"kind": "gsheets", "credentials": "service-account.json", "spreadsheet": sid, **FAST, **backend}
    set_backend(directory, {k: v for k, v in settings.items() if v is not None})
    return directory, sid
