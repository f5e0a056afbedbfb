"""`sheetsync schedule`: the crontab block and the systemd user timer, printed and installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sheetsync.app.schedule import (
    cron_command,
    cron_text,
    local_time,
    make_schedule,
    service_unit,
    sheetsync_command,
    timer_unit,
    unit_name,
)
from sheetsync.core import vocab
from sheetsync.store.config import load_office
from tests.support.cli import invoke
from tests.support.mail import set_reminders

EXE = str(Path(sys.executable).parent / "sheetsync")


def cron_line(output: str) -> str:
    lines = output.splitlines()
    return lines[lines.index("CRON_TZ=Asia/Bangkok") + 1]


def test_prints_cron_and_systemd_for_the_office(example_config: Path, runner, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(example_config.parent)
    result = invoke(runner, Path(example_config.name), "schedule")  # a relative --config comes out absolute
    assert result.exit_code == 0, result.output
    out = result.stdout
    config = example_config.resolve()
    log = config / "state" / "logs" / "nightly.log"
    assert cron_line(out) == (f"30 1 * * * mkdir -p {config}/state/logs && {EXE} --config {config} sync --quiet "
                              f">> {log} 2>&1")
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
    assert cron_line(result.stdout).startswith("5 23 * * * ")
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


def test_machine_time_fallback_and_escaping(example_config: Path, tmp_path: Path) -> None:
    assert local_time(1, 30, UTC) == (18, 30)
    assert local_time(1, 30, ZoneInfo("Asia/Bangkok")) == (1, 30)
    odd = tmp_path / "สำนักงาน 100%"
    shutil.copytree(example_config, odd)
    plan = make_schedule(load_office(odd), odd, "01:30")
    text = cron_text(plan, UTC)
    assert text.splitlines()[-1].startswith("# 30 18 * * * ")  # for a cron without CRON_TZ, in UTC
    assert "# 30 18" not in cron_text(plan, ZoneInfo("Asia/Bangkok"))
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
    assert "SHEETSYNC_SMTP_PASSWORD" in cron_text(plan, UTC)


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
