"""The engine must never load Django: checked in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import samskab.analysis

ROOT = Path(__file__).resolve().parents[3]


def test_import_loads_no_django_module() -> None:
    names = [
        f"samskab.analysis.{m.name}"
        for m in pkgutil.iter_modules(samskab.analysis.__path__)
        if m.name != "tests"
    ]
    assert "samskab.analysis.compare" in names
    code = (
        "import importlib, sys\n"
        "import samskab.analysis\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
