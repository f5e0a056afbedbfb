"""`sheetsync schedule`: the nightly sync as a crontab line and as a systemd user timer.

- Time: the office's (office.yaml office.timezone, Asia/Bangkok) whatever the machine's zone. For
  cron, one line made for the machine it is printed on, since crons differ: cronie reads CRON_TZ
  (so `CRON_TZ=Asia/Bangkok` and the office's time); Debian's cron and BusyBox's crond ignore it and
  run every line in the system's zone, where a CRON_TZ line pasted as it is would run the nightly
  sync at 08:30 in the office on a UTC machine. So the time is converted to the machine's zone
  wherever cron is not known to read CRON_TZ (Debian's, BusyBox's, one not recognised, none
  installed yet), and left alone when the machine's clock is the office's all year. Which cron it is
  comes from the files (`machine_facts`: the daemons installed, their package in dpkg/rpm/pacman, a
  link to busybox, a binary naming itself cronie); the decision is pure (`plan_cron`) and the
  crontab's comments say which it made and why, with a warning when the machine's zone keeps
  daylight saving time (the converted hour is then right for part of the year only). systemd reads
  the zone itself: `OnCalendar=*-*-* HH:MM:00 Asia/Bangkok`, with Persistent=true so a night the
  machine was off is caught up at boot.
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

Everything but `install` and `machine_facts` (which reads the machine) is pure.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sheetsync.core import thaifmt, vocab
from sheetsync.core.errors import UsageError
from sheetsync.core.models import DEFAULT_TIMEZONE, Office
from sheetsync.store import files
from sheetsync.store.folder import OfficeFolder

TIMEZONE = DEFAULT_TIMEZONE
DEFAULT_AT = "01:30"


@dataclass(frozen=True)
class Schedule:
    config: Path  # absolute
    command: tuple[str, ...]  # how to run sheetsync
    hour: int
    minute: int
    office: str  # the office's short name, for descriptions
    password_env: str | None = None  # set when reminders log in to SMTP
    timezone: str = TIMEZONE  # the office's (office.yaml office.timezone): the hour is the office's

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
                    minute=minute, office=office.office.short_name, password_env=password_env,
                    timezone=office.office.timezone)


# --- the machine's cron ----------------------------------------------------------------------------

CronKind = Literal["debian", "cronie", "busybox", "none", "unknown"]

# Where cron daemons live: Debian's and Ubuntu's cron (and openSUSE's cronie) are `cron`; Fedora's,
# RHEL's, Arch's cronie and Alpine's BusyBox (a link to busybox) are `crond`.
CRON_DAEMONS = ("/usr/sbin/cron", "/usr/sbin/crond", "/usr/bin/crond", "/sbin/crond", "/sbin/cron",
                "/usr/local/sbin/cron", "/usr/local/sbin/crond")
# Which packages are which cron. Debian's `cron` is Vixie cron 3.0 with Debian's patches: its crontab(5)
# says the daemon runs every job in the system's timezone and does not read CRON_TZ. cronie reads it.
DEBIAN_CRON = frozenset({"cron"})
CRONIE = "cronie"
BUSYBOX = "busybox"


@dataclass(frozen=True)
class CronDaemon:
    path: str  # where it was found
    target: str = ""  # what the path resolves to, when it is a link (Alpine's crond -> /bin/busybox)
    package: str = ""  # the package that installed it (dpkg, rpm or pacman), when one knows
    built_as: str = ""  # "cronie" when the program names itself so inside (read, never run), no package knowing it


@dataclass(frozen=True)
class MachineFacts:
    """What decides the crontab line, as read from the machine (`machine_facts`) or given by a test."""

    daemons: tuple[CronDaemon, ...]
    zone: tzinfo  # the zone cron keeps time in: the system's (/etc/localtime)
    zone_name: str  # its IANA name where one is known ("Etc/UTC"), else what the clock calls it
    shell_tz: str = ""  # the TZ of the shell that runs schedule, when it names another zone (cron ignores it)


def cron_kind(facts: MachineFacts) -> tuple[CronKind, CronDaemon | None]:
    """Which cron runs the crontab: the first daemon found that is recognised; "none" without any."""
    if not facts.daemons:
        return "none", None
    for daemon in facts.daemons:
        package = daemon.package.lower()
        if Path(daemon.target or daemon.path).name.startswith(BUSYBOX) or package.startswith(BUSYBOX):
            return "busybox", daemon
        if package.startswith(CRONIE) or daemon.built_as == CRONIE:
            return "cronie", daemon
        if package in DEBIAN_CRON:
            return "debian", daemon
    return "unknown", facts.daemons[0]


@dataclass(frozen=True)
class CronPlan:
    """The one crontab line for this machine: at what time of the machine's clock, with CRON_TZ or not,
    and the comment lines that say why."""

    kind: CronKind
    hour: int
    minute: int
    cron_tz: str | None  # the CRON_TZ line's zone, only for a cron that reads it
    notes: tuple[str, ...]


def zone_label(name: str) -> str:
    return name.removeprefix("Etc/")  # "Etc/UTC" is UTC to whoever reads it


def _times_in_year(hour: int, minute: int, office_zone: str, local: tzinfo, day: date) -> list[tuple[int, int]]:
    """The machine's clock time of the office's HH:MM on the first of every month and on `day`: one value
    when the two zones keep the same distance all year, two when either has daylight saving time."""
    days = [day, *(date(day.year, month, 1) for month in range(1, 13))]
    return list(dict.fromkeys(local_time(hour, minute, local, d, office_zone) for d in days))


def plan_cron(facts: MachineFacts, hour: int, minute: int, office_zone: str = TIMEZONE,
              day: date | None = None) -> CronPlan:
    """Pure: the line that runs at the office's HH:MM on the machine the facts describe. With the
    machine's clock at the office's time all year, the line as it is; with cronie, CRON_TZ; with any
    other cron (Debian's, BusyBox's, one not recognised, none yet), the time converted to the machine's
    clock, which every cron follows."""
    day = day or date.today()
    kind, daemon = cron_kind(facts)
    at = vocab.SCH_AT.format(at=thaifmt.digits(f"{hour:02d}:{minute:02d}"), tz=office_zone)
    machine = zone_label(facts.zone_name)
    times = _times_in_year(hour, minute, office_zone, facts.zone, day)
    notes: list[str] = []
    if facts.shell_tz:
        notes.append(vocab.SCH_TZ_ENV.format(tz=facts.shell_tz, zone=machine))
    if times == [(hour, minute)]:
        notes.append(vocab.SCH_SAME_ZONE.format(zone=machine, at=at))
        return CronPlan(kind, hour, minute, None, tuple(notes))
    if kind == "cronie":
        assert daemon is not None
        notes.append(vocab.SCH_CRONIE.format(path=daemon.path, tz=office_zone, at=at))
        return CronPlan(kind, hour, minute, office_zone, tuple(notes))
    local_hour, local_minute = local_time(hour, minute, facts.zone, day, office_zone)
    converted = vocab.SCH_CONVERTED.format(at=at, local=f"{local_hour:02d}:{local_minute:02d}", zone=machine)
    why = {"debian": vocab.SCH_WHY_DEBIAN, "busybox": vocab.SCH_WHY_BUSYBOX, "unknown": vocab.SCH_WHY_UNKNOWN,
           "none": vocab.SCH_WHY_NONE}[kind]
    notes.append(why.format(path=daemon.path if daemon else "", converted=converted))
    if len(times) > 1:
        shown = ", ".join(f"{h:02d}:{m:02d}" for h, m in sorted(set(times)))
        notes.append(vocab.SCH_DST.format(zone=machine, at=at, times=shown, tz=office_zone))
    return CronPlan(kind, local_hour, local_minute, None, tuple(notes))


def _zone_key(path: Path) -> str | None:
    """The IANA name a zoneinfo file's path ends in (/usr/share/zoneinfo/Asia/Bangkok -> Asia/Bangkok)."""
    parts = path.parts
    if "zoneinfo" not in parts:
        return None
    key = "/".join(parts[len(parts) - parts[::-1].index("zoneinfo"):])
    return key.removeprefix("posix/").removeprefix("right/") or None


def system_zone(etc: Path = Path("/etc")) -> tuple[tzinfo, str] | None:
    """The machine's own zone, as a cron started at boot has it: /etc/localtime (a link to the zone's
    file, or a copy of it named in /etc/timezone); None when neither tells."""
    localtime = etc / "localtime"
    names = [_zone_key(localtime.resolve())] if localtime.is_symlink() else []
    with contextlib.suppress(OSError, UnicodeDecodeError):
        names.append((etc / "timezone").read_text(encoding="utf-8").strip())
    for name in names:
        if name:
            with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
                return ZoneInfo(name), name
    if localtime.is_file():
        with contextlib.suppress(OSError, ValueError), localtime.open("rb") as fh:
            zone = ZoneInfo.from_file(fh, key="localtime")
            return zone, datetime.now(zone).tzname() or "localtime"
    return None


def _same_clock(a: tzinfo, b: tzinfo, year: int) -> bool:
    days = [datetime(year, month, 1, 12) for month in range(1, 13)]
    return all(a.utcoffset(d) == b.utcoffset(d) for d in days)


def machine_zone(environ: Mapping[str, str] | None = None, etc: Path = Path("/etc")) -> tuple[tzinfo, str, str]:
    """The zone cron keeps time in, its name, and the shell's TZ when that names another zone.

    A cron daemon started at boot has the system's zone (/etc/localtime), not the TZ of the shell that
    runs schedule; only where the system names none (a container given TZ for all its processes) is TZ
    the zone, and without either the C library's UTC."""
    env = os.environ if environ is None else environ
    tz_name = env.get("TZ", "").removeprefix(":")
    tz: tzinfo | None = None
    if tz_name:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            tz = ZoneInfo(tz_name)
    system = system_zone(etc)
    if system is None:
        return (tz, tz_name, "") if tz is not None else (ZoneInfo("Etc/UTC"), "Etc/UTC", "")
    zone, name = system
    differs = tz is not None and not _same_clock(tz, zone, date.today().year)
    return zone, name, tz_name if differs else ""


def _ask(argv: list[str]) -> list[str]:
    """What one short local command prints when it succeeds, line by line ([] when it is not there,
    fails or hangs)."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10, stdin=subprocess.DEVNULL,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in done.stdout.splitlines() if line.strip()] if done.returncode == 0 else []


def package_of(path: str) -> str:
    """The package that installed `path`, asked of the machine's package database (dpkg, rpm, pacman)."""
    for candidate in dict.fromkeys([path, os.path.realpath(path)]):
        if shutil.which("dpkg-query"):
            # "cron: /usr/sbin/cron"; a diverted file's lines first say who diverted it
            owners = [line for line in _ask(["dpkg-query", "-S", candidate])
                      if ":" in line and not line.startswith("diversion ")]
            if owners:
                return owners[0].split(":", 1)[0].split(",")[0].strip()
        for argv in (["rpm", "-qf", "--qf", "%{NAME}\n", candidate], ["pacman", "-Qqo", candidate]):
            if shutil.which(argv[0]):
                names = _ask(argv)
                if names and " " not in names[0]:
                    return names[0]
    return ""


def built_as(path: str, limit: int = 8 << 20) -> str:
    """ "cronie" when the program's own bytes name it (its version string), read from the file."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit)
    except OSError:
        return ""
    return CRONIE if CRONIE.encode() in data else ""


def machine_facts(environ: Mapping[str, str] | None = None) -> MachineFacts:
    """This machine's cron daemons (found where they are installed and on PATH, each with its package)
    and its zone. Reads files and asks the package database; runs no cron program (an unknown one given
    an option it does not know might start a second daemon rather than print its version)."""
    paths = [p for p in CRON_DAEMONS if os.path.isfile(p)]
    paths += [found for name in ("cron", "crond") if (found := shutil.which(name))]
    daemons: list[CronDaemon] = []
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        package = package_of(path)
        inside = "" if package else built_as(real)
        daemons.append(CronDaemon(path=path, target=real if real != path else "", package=package, built_as=inside))
    zone, name, shell_tz = machine_zone(environ)
    return MachineFacts(daemons=tuple(daemons), zone=zone, zone_name=name, shell_tz=shell_tz)


# --- cron ------------------------------------------------------------------------------------------

def local_time(hour: int, minute: int, local: tzinfo, day: date | None = None,
               office_zone: str = TIMEZONE) -> tuple[int, int]:
    """The office's HH:MM on `day` as the machine's clock shows it."""
    when = datetime.combine(day or date.today(), time(hour, minute), ZoneInfo(office_zone)).astimezone(local)
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


def cron_line(s: Schedule, plan: CronPlan) -> str:
    return f"{plan.minute} {plan.hour} * * * {cron_command(s)}"


def cron_text(s: Schedule, facts: MachineFacts | None = None, day: date | None = None) -> str:
    """The crontab block for this machine: why the line is as it is, then the line (after CRON_TZ only
    where cron reads it)."""
    plan = plan_cron(facts or machine_facts(), s.hour, s.minute, s.timezone, day)
    lines = [vocab.SCH_CRON_HEAD.format(at=s.at, tz=s.timezone)]
    lines += [f"# {note}" for note in plan.notes]
    lines += [vocab.SCH_LOCK_NOTE.format(lock=OfficeFolder(s.config).lock),
              vocab.SCH_LOG_NOTE.format(log=s.log_file, logs=s.logs)]
    if s.password_env:
        lines.append(vocab.SCH_ENV_NOTE.format(env_file=s.env_file, env=s.password_env))
    if plan.cron_tz:
        lines.append(f"CRON_TZ={plan.cron_tz}")
    lines.append(cron_line(s, plan))
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
        f"Description=sheetsync nightly sync at {s.at} {s.timezone}: {_unit_escape(s.office)}",
        "",
        "[Timer]",
        f"OnCalendar=*-*-* {s.at}:00 {s.timezone}",  # systemd reads the zone itself: right all year
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


def schedule_text(s: Schedule, directory: Path, facts: MachineFacts | None = None, day: date | None = None) -> str:
    """What `sheetsync schedule` prints: the crontab block for this machine (or the one `facts`
    describe), then both unit files and how to enable them."""
    parts = [cron_text(s, facts, day), vocab.SCH_SYSTEMD_HEAD]
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
