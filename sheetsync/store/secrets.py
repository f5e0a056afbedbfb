"""The office's secrets (SMTP password, LINE token and secret, Google Chat webhook URLs): read from the
environment, else from the office folder's `sheetsync.env` (the file the nightly job sources), and
never from a config file, never written anywhere by sheetsync.

`sheetsync.env` holds `NAME=value` lines as a shell reads them with `set -a; . sheetsync.env`:
`export ` before the name is allowed, a value may be wrapped in single or double quotes, blank lines
and lines starting with # are skipped. Reading it here too means a command run by hand (`sheetsync
sync`, `doctor`) finds what the nightly job finds, without the coordinator exporting anything.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sheetsync.store.folder import OfficeFolder

_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


def parse_env_file(text: str) -> dict[str, str]:
    """The NAME=value pairs of an env file's text (see the module docstring); the last one of a name wins."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            continue
        name, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name] = value
    return values


def read_secret(name: str, config_dir: Path, environ: dict[str, str] | None = None) -> str:
    """The value of the variable `name`: the environment's, else sheetsync.env's; "" when neither has it
    (or the file cannot be read: the caller says what is missing and where to put it)."""
    value = (os.environ if environ is None else environ).get(name, "")
    if value:
        return value
    env_file = OfficeFolder(config_dir).env_file
    try:
        text = env_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return parse_env_file(text).get(name, "")
