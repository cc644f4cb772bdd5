"""Benchmarks measure this checkout: its `src/` goes first on the import path, for this process
and (through PYTHONPATH) for the `python -m planforge` children it times, whether or not the
interpreter has planforge installed. Import it before anything from planforge."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
