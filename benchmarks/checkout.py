"""Benchmarks measure this checkout: its `src/` goes first on the import path, for this process
and (through PYTHONPATH) for the `python -m planforge` children it times, whether or not the
interpreter has planforge installed. Import it before anything from planforge.

The checkout's code still needs its dependencies: an interpreter without them stops here with a
line saying which are missing and how to install them, not with a traceback from the middle of
a reader."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

# pyproject.toml's dependencies by the module each is imported as (a test keeps the two in step)
DEPENDENCY_MODULES = {"typer": "typer", "jinja2": "jinja2", "pyyaml": "yaml", "pydantic": "pydantic",
                      "rich": "rich", "python-docx": "docx", "lxml": "lxml", "markdown-it-py": "markdown_it",
                      "opencc-py": "opencc"}

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))

_missing = [name for name, module in DEPENDENCY_MODULES.items() if importlib.util.find_spec(module) is None]
if _missing:
    sys.exit(f"{sys.executable} lacks planforge's dependencies {', '.join(_missing)}: "
             f"run the benchmark with the project's environment, or `{sys.executable} -m pip install -e .`")
