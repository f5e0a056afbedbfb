"""`sheetsync schedule`: the crontab block and the systemd user timer, printed and installed; the crontab
line made for the machine's cron (Debian's, cronie, BusyBox's, unknown, none) and zone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sheetsync.app.schedule import (
    CronDaemon,
    MachineFacts,
    built_as,
    cron_command,
    cron_kind,
    cron_text,
    local_time,
    machine_facts,
    machine_zone,
    make_schedule,
    package_of,
    plan_cron,
    service_unit,
    sheetsync_command,
    system_zone,
    timer_unit,
    unit_name,
)
from sheetsync.core import vocab
from sheetsync.store.config import load_office
from tests.support.cli import invoke
from tests.support.mail import set_reminders

EXE = str(Path(sys.executable).parent / "sheetsync")


DEBIAN = CronDaemon("/usr/sbin/cron", package="cron")
CRONIE = CronDaemon("/usr/sbin/crond", package="cronie")
BUSYBOX = CronDaemon("/usr/sbin/crond", target="/bin/busybox")
UNKNOWN = CronDaemon("/usr/local/sbin/cron")
BANGKOK = ZoneInfo("Asia/Bangkok")
SUMMER = date(2027, 7, 1)  # a day of northern summer time


def facts(*daemons: CronDaemon, zone: str = "Etc/UTC", shell_tz: str = "") -> MachineFacts:
    return MachineFacts(daemons=daemons, zone=ZoneInfo(zone), zone_name=zone, shell_tz=shell_tz)


def cron_line(output: str) -> str:
    """The crontab's one line (after its comments and CRON_TZ, when there is one)."""
    block = output.split("\n\n")[0].splitlines()
    (line,) = [x for x in block if not x.startswith(("#", "CRON_TZ="))]
    return line


def this_machine(hour: int, minute: int) -> str:
    """What the line starts with on the machine the tests run on."""
    plan = plan_cron(machine_facts(), hour, minute)
    return f"{plan.minute} {plan.hour} * * * "


def test_prints_cron_and_systemd_for_the_office(example_config: Path, runner, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(example_config.parent)
    result = invoke(runner, Path(example_config.name), "schedule")  # a relative --config comes out absolute
    assert result.exit_code == 0, result.output
    out = result.stdout
    config = example_config.resolve()
    log = config / "state" / "logs" / "nightly.log"
    assert cron_line(out) == (f"{this_machine(1, 30)}mkdir -p {config}/state/logs && {EXE} --config {config} "
                              f"sync --quiet >> {log} 2>&1")
    assert "flock" in out and str(config / "state" / "sync.lock") in out  # the decision, said where it is used
    unit = unit_name(config)
    assert f"# ---- {tmp_path}/home/.config/systemd/user/{unit}.service ----" in out
    assert not (tmp_path / "home").exists()  # printing writes nothing
    for expected in ("Type=oneshot", f"ExecStart={EXE} --config {config} sync --quiet",
                     f"StandardOutput=append:{log}", f"StandardError=append:{log}",
                     f"EnvironmentFile=-{config}/sheetsync.env",
                     "OnCalendar=*-*-* 01:30:00 Asia/Bangkok", "Persistent=true", f"Unit={unit}.service",
                     "WantedBy=timers.target", f"systemctl --user enable --now {unit}.timer"):
        assert expected in out, expected


def test_at_and_bad_at(example_config: Path, runner) -> None:
    result = invoke(runner, example_config, "schedule", "--at", "23:05")
    assert result.exit_code == 0
    assert cron_line(result.stdout).startswith(this_machine(23, 5))
    assert "OnCalendar=*-*-* 23:05:00 Asia/Bangkok" in result.stdout
    bad = invoke(runner, example_config, "schedule", "--at", "25:00")
    assert bad.exit_code == 2
    assert vocab.SCH_BAD_AT.format(value="25:00") in bad.stderr and "HH:MM" in bad.stderr


def test_install_writes_the_units_and_is_idempotent(example_config: Path, runner, monkeypatch, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    result = invoke(runner, example_config, "schedule", "--install")
    assert result.exit_code == 0, result.output
    plan = make_schedule(load_office(example_config), example_config)
    service = xdg / "systemd" / "user" / f"{plan.unit}.service"
    timer = service.with_suffix(".timer")
    assert service.read_text(encoding="utf-8") == service_unit(plan)
    assert timer.read_text(encoding="utf-8") == timer_unit(plan)
    assert (example_config / "state" / "logs").is_dir()  # systemd appends there; it does not create folders
    assert vocab.SCH_WROTE.format(path=service) in result.stdout
    assert f"systemctl --user enable --now {plan.unit}.timer" in result.stdout
    assert "systemctl --user daemon-reload" in result.stdout
    stamps = (service.stat().st_mtime_ns, timer.stat().st_mtime_ns)
    again = invoke(runner, example_config, "schedule", "--install")
    assert again.exit_code == 0
    assert vocab.SCH_SAME.format(path=service) in again.stdout and vocab.SCH_SAME.format(path=timer) in again.stdout
    assert (service.stat().st_mtime_ns, timer.stat().st_mtime_ns) == stamps
    assert sorted(p.name for p in service.parent.iterdir()) == sorted([service.name, timer.name])
    # Another time rewrites the timer only.
    later = invoke(runner, example_config, "schedule", "--install", "--at", "02:15")
    assert vocab.SCH_WROTE.format(path=timer) in later.stdout and vocab.SCH_SAME.format(path=service) in later.stdout
    assert "OnCalendar=*-*-* 02:15:00 Asia/Bangkok" in timer.read_text(encoding="utf-8")
    if shutil.which("systemd-analyze"):
        check = subprocess.run(["systemd-analyze", "verify", str(service), str(timer)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_the_cron_command_runs_the_nightly_sync(demo_dir: Path) -> None:
    """The line cron would run, run by sh: the sync goes, its summary is appended to the nightly log."""
    plan = make_schedule(load_office(demo_dir), demo_dir)
    command = cron_command(plan).replace("\\%", "%")
    for _ in range(2):
        done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    log = (demo_dir / "state" / "logs" / "nightly.log").read_text(encoding="utf-8")
    assert log.count("ซิงก์เสร็จ") == 2  # appended, night after night


def test_escaping(example_config: Path, tmp_path: Path) -> None:
    assert local_time(1, 30, UTC) == (18, 30)
    assert local_time(1, 30, BANGKOK) == (1, 30)
    odd = tmp_path / "สำนักงาน 100%"
    shutil.copytree(example_config, odd)
    plan = make_schedule(load_office(odd), odd, "01:30")
    assert f"'{odd}/state/logs'".replace("%", "\\%") in cron_command(plan)  # quoted for sh, % escaped for cron
    assert unit_name(odd.resolve()).startswith("sheetsync-") and "%" not in unit_name(odd.resolve())
    service = service_unit(plan)
    assert f'"{odd}"'.replace("%", "%%") in service  # quoted for systemd, % doubled
    assert unit_name(tmp_path / "a" / "office") != unit_name(tmp_path / "b" / "office")


def test_reminder_password_file_is_wired(example_config: Path) -> None:
    set_reminders(example_config, host="mail.example", from_address="s@nst1.example", username="s@nst1.example",
                  password_env="SHEETSYNC_SMTP_PASSWORD")
    plan = make_schedule(load_office(example_config), example_config)
    env_file = example_config.resolve() / "sheetsync.env"
    assert cron_command(plan).startswith(f"set -a; [ ! -r {env_file} ] || . {env_file}; set +a; ")
    assert "SHEETSYNC_SMTP_PASSWORD" in cron_text(plan, facts(DEBIAN))


def test_which_sheetsync(tmp_path: Path, monkeypatch) -> None:
    assert sheetsync_command() == (EXE,)
    lonely = tmp_path / "bin" / "python3"
    lonely.parent.mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert sheetsync_command(str(lonely)) == (str(lonely), "-m", "sheetsync")


@pytest.mark.parametrize("at", ["1:30", "01:30", " 23:59 "])
def test_at_forms(example_config: Path, at: str) -> None:
    plan = make_schedule(load_office(example_config), example_config, at)
    assert plan.at in ("01:30", "23:59")


# --- the line for this machine's cron --------------------------------------------------------------

def test_which_cron_from_the_facts() -> None:
    assert cron_kind(facts(DEBIAN)) == ("debian", DEBIAN)
    assert cron_kind(facts(CRONIE)) == ("cronie", CRONIE)
    assert cron_kind(facts(CronDaemon("/usr/sbin/crond", package="cronie-1.5.7")))[0] == "cronie"  # rpm's name
    assert cron_kind(facts(CronDaemon("/usr/local/sbin/crond", built_as="cronie")))[0] == "cronie"  # from source
    assert cron_kind(facts(BUSYBOX)) == ("busybox", BUSYBOX)
    assert cron_kind(facts(UNKNOWN)) == ("unknown", UNKNOWN)
    assert cron_kind(facts(CronDaemon("/usr/sbin/cron", package="systemd-cron")))[0] == "unknown"
    assert cron_kind(facts()) == ("none", None)
    assert cron_kind(facts(UNKNOWN, DEBIAN)) == ("debian", DEBIAN)  # the one recognised


@pytest.mark.parametrize(("daemon", "why"), [(DEBIAN, "เครื่องนี้ใช้ cron ของ Debian ซึ่งไม่อ่าน CRON_TZ"),
                                             (BUSYBOX, "crond ของ BusyBox (/usr/sbin/crond) ซึ่งไม่อ่าน CRON_TZ"),
                                             (UNKNOWN, "ไม่ทราบว่า cron ของเครื่องนี้ (/usr/local/sbin/cron)"),
                                             (None, "ยังไม่พบ cron ในเครื่องนี้")])
def test_a_cron_that_ignores_cron_tz_gets_the_machine_time(example_config: Path, daemon, why: str) -> None:
    plan = make_schedule(load_office(example_config), example_config, "01:30")
    text = cron_text(plan, facts(*([daemon] if daemon else [])))
    assert "CRON_TZ=" not in text
    assert cron_line(text) == f"30 18 * * * {cron_command(plan)}"  # 01:30 in Bangkok is 18:30 UTC
    (note,) = [x for x in text.splitlines() if why in x]
    assert "แปลงเวลา ๐๑:๓๐ น. (Asia/Bangkok) เป็น 18:30 UTC ของเครื่องแล้ว" in note
    if daemon is DEBIAN:
        assert note == "# เครื่องนี้ใช้ cron ของ Debian ซึ่งไม่อ่าน CRON_TZ: แปลงเวลา ๐๑:๓๐ น. (Asia/Bangkok) เป็น 18:30 UTC ของเครื่องแล้ว"
    assert "เวลาออมแสง" not in text  # UTC and Bangkok keep the same distance all year


def test_cronie_reads_cron_tz(example_config: Path) -> None:
    plan = make_schedule(load_office(example_config), example_config, "01:30")
    text = cron_text(plan, facts(CRONIE, zone="America/New_York"))
    lines = text.splitlines()
    assert lines[-2:] == ["CRON_TZ=Asia/Bangkok", f"30 1 * * * {cron_command(plan)}"]
    assert any("เครื่องนี้ใช้ cronie (/usr/sbin/crond) ซึ่งอ่าน CRON_TZ" in x for x in lines)
    assert "เวลาออมแสง" not in text  # CRON_TZ keeps it right when New York changes its clocks


def test_a_machine_in_bangkok_needs_no_conversion(example_config: Path) -> None:
    plan = make_schedule(load_office(example_config), example_config, "01:30")
    for daemon in (DEBIAN, CRONIE, BUSYBOX, UNKNOWN):
        text = cron_text(plan, facts(daemon, zone="Asia/Bangkok"))
        assert "CRON_TZ=" not in text and cron_line(text) == f"30 1 * * * {cron_command(plan)}"
        assert "เครื่องนี้ใช้เวลา Asia/Bangkok ซึ่งตรงกับเวลาของสำนักงานตลอดปี" in text
    # Another name for the same clock (Indochina Time) is the same all year too.
    assert plan_cron(facts(DEBIAN, zone="Asia/Ho_Chi_Minh"), 1, 30).hour == 1


def test_daylight_saving_time_is_warned_of() -> None:
    winter = plan_cron(facts(DEBIAN, zone="Europe/London"), 1, 30, day=date(2027, 1, 15))
    summer = plan_cron(facts(DEBIAN, zone="Europe/London"), 1, 30, day=SUMMER)
    assert (winter.hour, winter.minute, summer.hour, summer.minute) == (18, 30, 19, 30)
    warning = summer.notes[-1]
    assert warning.startswith("คำเตือน: เขตเวลา Europe/London ของเครื่องมีเวลาออมแสง") and "(18:30, 19:30)" in warning
    assert "systemd timer" in warning and "sheetsync schedule อีกครั้ง" in warning
    assert "แปลงเวลา ๐๑:๓๐ น. (Asia/Bangkok) เป็น 19:30 Europe/London ของเครื่องแล้ว" in summer.notes[0]
    india = plan_cron(facts(BUSYBOX, zone="Asia/Kolkata"), 1, 30)  # half an hour off, no summer time
    assert (india.hour, india.minute, len(india.notes)) == (0, 0, 1)


def test_the_office_timezone_and_a_shell_tz(example_config: Path) -> None:
    plan = plan_cron(facts(DEBIAN, zone="Etc/UTC", shell_tz="Asia/Bangkok"), 1, 30)
    assert (plan.hour, plan.minute) == (18, 30)  # cron keeps the system's clock, not the shell's TZ
    assert plan.notes[0].startswith("ตัวแปร TZ ของ shell นี้ (Asia/Bangkok) ไม่มีผลกับ cron")
    tokyo = plan_cron(facts(DEBIAN), 1, 30, office_zone="Asia/Tokyo")
    assert (tokyo.hour, tokyo.notes[0].split(": ")[1]) == (16, "แปลงเวลา ๐๑:๓๐ น. (Asia/Tokyo) เป็น 16:30 UTC ของเครื่องแล้ว")


def test_the_system_zone_is_read_from_etc(tmp_path: Path) -> None:
    etc = tmp_path / "etc"
    etc.mkdir()
    assert system_zone(etc) is None
    assert machine_zone({"TZ": "Asia/Bangkok"}, etc)[1:] == ("Asia/Bangkok", "")  # a container given TZ alone
    assert machine_zone({}, etc)[1] == "Etc/UTC"  # nothing says: the C library's UTC
    zoneinfo = Path("/usr/share/zoneinfo/Asia/Bangkok")
    if not zoneinfo.is_file():
        pytest.skip("no system zoneinfo files")
    (etc / "localtime").symlink_to(zoneinfo)
    zone, name = system_zone(etc) or (None, "")
    assert name == "Asia/Bangkok" and zone == BANGKOK
    assert machine_zone({"TZ": "UTC"}, etc)[1:] == ("Asia/Bangkok", "UTC")
    assert machine_zone({"TZ": ":Asia/Bangkok"}, etc)[1:] == ("Asia/Bangkok", "")
    (etc / "localtime").unlink()
    shutil.copyfile(zoneinfo, etc / "localtime")  # a copy, named in /etc/timezone (Debian keeps both)
    (etc / "timezone").write_text("Asia/Bangkok\n", encoding="utf-8")
    assert system_zone(etc) == (BANGKOK, "Asia/Bangkok")
    (etc / "timezone").unlink()
    zone, _ = system_zone(etc) or (None, "")  # a copy alone: the file's rules, under no name
    assert zone is not None and local_time(1, 30, zone, SUMMER) == (1, 30)


def test_a_cronie_built_from_source_is_known_by_its_bytes(tmp_path: Path) -> None:
    crond = tmp_path / "crond"
    crond.write_bytes(b"\x7fELF...usage: %s [-h] ...cronie 1.7.2...")
    other = tmp_path / "cron"
    other.write_bytes(b"\x7fELF...usage: cron [-f] [-l] [-L loglevel] [-n]...")
    assert (built_as(str(crond)), built_as(str(other)), built_as(str(tmp_path / "gone"))) == ("cronie", "", "")


def test_the_daemons_on_path_are_found(tmp_path: Path, monkeypatch) -> None:
    """machine_facts' own loop, on programs of a folder put first on PATH (no package database there)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    busybox = folder / "busybox"
    busybox.write_bytes(b"\x7fELF...BusyBox v1.36.1 multi-call binary...")
    (folder / "crond").symlink_to(busybox)
    cron = folder / "cron"
    cron.write_bytes(b"\x7fELF...cronie 1.7.2...")
    for program in (busybox, cron):
        program.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    found = {d.path: d for d in machine_facts().daemons}
    assert found[str(cron)] == CronDaemon(str(cron), built_as="cronie")
    assert found[str(folder / "crond")].target == os.path.realpath(busybox)
    assert cron_kind(facts(found[str(folder / "crond")]))[0] == "busybox"


def test_this_machine(example_config: Path) -> None:
    """The real machine's facts: every daemon found is there, and the line is the office's hour on it."""
    found = machine_facts()
    assert all(Path(d.path).is_file() for d in found.daemons)
    kind, _ = cron_kind(found)
    plan = plan_cron(found, 1, 30)
    if kind == "cronie" and plan.cron_tz:
        assert (plan.hour, plan.minute) == (1, 30)
    else:
        assert plan.cron_tz is None and (plan.hour, plan.minute) == local_time(1, 30, found.zone)
    if shutil.which("dpkg-query"):
        assert package_of("/usr/bin/dpkg") == "dpkg" and package_of(str(Path.cwd())) == ""
    if Path("/etc/debian_version").is_file() and Path("/usr/sbin/cron").is_file() and shutil.which("dpkg-query"):
        owner = subprocess.run(["dpkg-query", "-S", "/usr/sbin/cron"], capture_output=True, text=True).stdout
        if owner.startswith("cron:"):
            assert kind == "debian"
