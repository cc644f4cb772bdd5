from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOOD_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith("flawed"))
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed `planforge` exactly as a user would, in a subprocess."""
    full_env = {**os.environ, "PLANFORGE_LANG": "zh", **(env or {})}
    full_env.pop("PLANFORGE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "planforge", *args],
        cwd=cwd, env=full_env, input=input, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli


def synthetic():
    """benchmarks/synthetic.py, the generator of large plans shared with the benchmarks."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
