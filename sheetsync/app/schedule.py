"""`sheetsync schedule`: the nightly sync as a crontab line and as a systemd user timer.

- Time: Asia/Bangkok whatever the machine's zone (CRON_TZ=Asia/Bangkok for cron, with the same time
  in the machine's zone as a fallback line for a cron that ignores CRON_TZ, as Debian's does;
  `OnCalendar=*-*-* HH:MM:00 Asia/Bangkok` for systemd, with Persistent=true so a night the machine
  was off is caught up at boot).
- The command: the sheetsync executable beside the running Python (a venv's bin/), else the one on
  PATH, else `python -m sheetsync`; `--config` with the config folder's absolute path; `sync --quiet`
  (the steps go to the run's own log file in <config>/state/logs/).
- Output: the summary and any error are appended to <config>/state/logs/nightly.log.
- The lock: no flock. `sheetsync sync` takes its own lock (<config>/state/sync.lock): a run that finds
  another one still going stops at once, exit status 1, and says so in the log; a second lock in front
  of it could only disagree with it. systemd never starts a oneshot service that is still running.
- The SMTP password, when reminders log in: read from <config>/sheetsync.env (`NAME=value` lines,
  chmod 600), by systemd's EnvironmentFile= and by the cron line's shell.
- `--install` writes the .service and .timer under $XDG_CONFIG_HOME/systemd/user (~/.config/...)
  and creates the logs folder, and prints the systemctl commands to run; it runs none of them. The
  same config gives the same unit names and content, so running it again changes nothing.

Everything but `install` is pure.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from sheetsync.core import vocab
from sheetsync.core.errors import UsageError
from sheetsync.core.models import Office
from sheetsync.store import files
from sheetsync.store.folder import OfficeFolder

TIMEZONE = "Asia/Bangkok"
DEFAULT_AT = "01:30"


@dataclass(frozen=True)
class Schedule:
    config: Path  # absolute
    command: tuple[str, ...]  # how to run sheetsync
    hour: int
    minute: int
    office: str  # the office's short name, for descriptions
    password_env: str | None = None  # set when reminders log in to SMTP

    @property
    def at(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    @property
    def logs(self) -> Path:
        return OfficeFolder(self.config).logs

    @property
    def log_file(self) -> Path:
        return OfficeFolder(self.config).nightly_log

    @property
    def env_file(self) -> Path:
        return OfficeFolder(self.config).env_file

    @property
    def unit(self) -> str:
        return unit_name(self.config)

    @property
    def argv(self) -> tuple[str, ...]:
        return (*self.command, "--config", str(self.config), "sync", "--quiet")


def parse_at(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise UsageError(vocab.SCH_BAD_AT.format(value=text), vocab.SCH_BAD_AT_HINT)
    return int(match.group(1)), int(match.group(2))


def sheetsync_command(executable: str | None = None) -> tuple[str, ...]:
    """The sheetsync beside this Python (not resolved: a venv's python is a symlink), else on PATH."""
    python = Path(executable or sys.executable)
    beside = python.parent / "sheetsync"
    if beside.is_file() and os.access(beside, os.X_OK):
        return (str(beside.absolute()),)
    found = shutil.which("sheetsync")
    if found:
        return (str(Path(found).absolute()),)
    return (str(python.absolute()), "-m", "sheetsync")


def unit_name(config: Path) -> str:
    """sheetsync-<folder>-<hash of the path>: readable, and distinct for two offices on one machine."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", config.name).strip("-").lower()[:32]
    digest = hashlib.sha256(str(config).encode()).hexdigest()[:8]
    return f"sheetsync-{slug}-{digest}" if slug else f"sheetsync-{digest}"


def make_schedule(office: Office, config_dir: Path, at: str = DEFAULT_AT, executable: str | None = None) -> Schedule:
    hour, minute = parse_at(at)
    settings = office.reminders
    password_env = settings.password_env if settings and settings.enabled and settings.username else None
    return Schedule(config=Path(config_dir).resolve(), command=sheetsync_command(executable), hour=hour,
                    minute=minute, office=office.office.short_name, password_env=password_env)


# --- cron ------------------------------------------------------------------------------------------

def local_time(hour: int, minute: int, local: tzinfo, day: date | None = None) -> tuple[int, int]:
    """HH:MM in Bangkok as the machine's clock shows it (Thailand keeps no daylight saving time)."""
    when = datetime.combine(day or date.today(), time(hour, minute), ZoneInfo(TIMEZONE)).astimezone(local)
    return when.hour, when.minute


def _cron_escape(text: str) -> str:
    return text.replace("%", "\\%")  # cron reads % as a newline


def cron_command(s: Schedule) -> str:
    q = shlex.quote
    env = ""
    if s.password_env:
        env = f"set -a; [ ! -r {q(str(s.env_file))} ] || . {q(str(s.env_file))}; set +a; "
    run = " ".join(q(a) for a in s.argv)
    return _cron_escape(f"{env}mkdir -p {q(str(s.logs))} && {run} >> {q(str(s.log_file))} 2>&1")


def cron_text(s: Schedule, local: tzinfo | None = None) -> str:
    """The crontab block: CRON_TZ and the line, and the same line in the machine's time when it differs."""

    local = local or datetime.now().astimezone().tzinfo
    assert local is not None
    command = cron_command(s)
    lines = [vocab.SCH_CRON_HEAD.format(at=s.at, tz=TIMEZONE),
             vocab.SCH_LOCK_NOTE.format(lock=OfficeFolder(s.config).lock),
             vocab.SCH_LOG_NOTE.format(log=s.log_file, logs=s.logs)]
    if s.password_env:
        lines.append(vocab.SCH_ENV_NOTE.format(env_file=s.env_file, env=s.password_env))
    lines += [f"CRON_TZ={TIMEZONE}", f"{s.minute} {s.hour} * * * {command}"]
    hour, minute = local_time(s.hour, s.minute, local)
    if (hour, minute) != (s.hour, s.minute):
        name = datetime.now(local).tzname() or str(local)
        lines += [vocab.SCH_CRON_LOCAL.format(local=name), f"# {minute} {hour} * * * {command}"]
    return "\n".join(lines) + "\n"


# --- systemd ---------------------------------------------------------------------------------------

def _unit_escape(text: str) -> str:
    return text.replace("%", "%%")  # systemd expands %-specifiers in unit files


def _unit_arg(arg: str) -> str:
    """One word of an Exec line: quoted when it holds space, quotes, backslashes or $."""
    arg = _unit_escape(arg)
    if re.search(r'[\s"\'\\$;]', arg):
        return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$") + '"'
    return arg


def service_unit(s: Schedule) -> str:
    log = _unit_escape(str(s.log_file))
    return "\n".join([
        "[Unit]",
        f"Description=sheetsync nightly sync: {_unit_escape(s.office)} ({_unit_escape(str(s.config))})",
        "",
        "[Service]",
        "Type=oneshot",
        f"WorkingDirectory={_unit_arg(str(s.config))}",
        f"EnvironmentFile=-{_unit_escape(str(s.env_file))}",
        f"ExecStart={' '.join(_unit_arg(a) for a in s.argv)}",
        f"StandardOutput=append:{log}",
        f"StandardError=append:{log}",
        "Nice=10",
        "",
    ])


def timer_unit(s: Schedule) -> str:
    return "\n".join([
        "[Unit]",
        f"Description=sheetsync nightly sync at {s.at} {TIMEZONE}: {_unit_escape(s.office)}",
        "",
        "[Timer]",
        f"OnCalendar=*-*-* {s.at}:00 {TIMEZONE}",
        "Persistent=true",
        f"Unit={s.unit}.service",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ])


def unit_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(base) / "systemd" / "user"


def unit_files(s: Schedule, directory: Path) -> dict[Path, str]:
    return {directory / f"{s.unit}.service": service_unit(s), directory / f"{s.unit}.timer": timer_unit(s)}


def enable_commands(s: Schedule) -> list[str]:
    return ["systemctl --user daemon-reload", f"systemctl --user enable --now {s.unit}.timer"]


def schedule_text(s: Schedule, directory: Path, local: tzinfo | None = None) -> str:
    """What `sheetsync schedule` prints: the crontab block, then both unit files and how to enable them."""
    parts = [cron_text(s, local), vocab.SCH_SYSTEMD_HEAD]
    for path, text in unit_files(s, directory).items():
        parts += [vocab.SCH_FILE.format(path=path), text]
    parts += [f"# {vocab.SCH_ENABLE}"] + [f"#   {c}" for c in enable_commands(s)]
    parts += [f"# {vocab.SCH_LINGER}", "#   loginctl enable-linger $USER",
              f"# {vocab.SCH_CHECK}", f"#   systemctl --user list-timers {s.unit}.timer"]
    return "\n".join(parts) + "\n"


def install(s: Schedule, directory: Path) -> list[tuple[Path, bool]]:
    """Write the two unit files (atomically; untouched when already the same) and create the logs
    folder the units append to. Returns each file and whether it changed."""
    directory.mkdir(parents=True, exist_ok=True)
    s.logs.mkdir(parents=True, exist_ok=True)
    out = []
    for path, text in unit_files(s, directory).items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            out.append((path, False))
            continue
        files.write_text(path, text)
        out.append((path, True))
    return out
