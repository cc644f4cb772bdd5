"""Cold start-up figures: `planforge --version` and rendering an example to Markdown.

Each run is a fresh process, as in a pre-commit hook. Prints the median and spread of N runs.
Usage: python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = [sys.executable, "-m", "planforge"]
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "planforge --version": exe + ["--version"],
            "render bureau example → md": exe + ["render", str(ROOT / "examples/bureau-union-2027.yaml"), "-o", os.path.join(tmp, "out.md")],
        }
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, runs={args.runs}")
        for name, cmd in cases.items():
            samples = timed(cmd, args.runs)
            print(f"{name:32s} median {statistics.median(samples) * 1000:7.1f} ms   min {min(samples) * 1000:7.1f} ms   max {max(samples) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
