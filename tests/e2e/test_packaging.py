"""The wheel carries the example config, the schemas and the document templates, found with importlib.resources
outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.cli import REPO


def test_wheel_ships_config_schemas_and_templates(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels),
                    str(REPO)], check=True, capture_output=True, timeout=300)
    target = tmp_path / "site"
    wheel = next(wheels.glob("sheetsync-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    code = ("import sheetsync, sheetsync.resources as r, sheetsync.documents.render as rep; "
            "print(sheetsync.__file__); print(r.data_dir('config')); print(r.data_dir('schemas')); "
            "print(r.data_dir('templates')); print(rep.environment().get_template('sar.html').filename)")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True, timeout=60).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in out), out
    assert (Path(out[1]) / "standards.yaml").exists()
    assert (Path(out[2]) / "office.schema.json").exists()
    for template in ("base.html", "official.css", "sar.html", "memo.html", "order.html", "_order_body.html", "_chart.html"):
        assert (Path(out[3]) / template).exists(), template
