"""Cold start-up figures: `planforge --version`, linting an example and rendering one to Markdown.

Each run is a fresh process, as in a pre-commit hook. Prints the median and spread of N runs, then
what the lint path imports (`python -X importtime`): the packages by cumulative time, the modules
by their own time, and whether typer, click, Jinja2, python-docx or rich came in (none should).
Usage: python benchmarks/startup.py [--runs 15] [--top 15]
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
        subprocess.run(cmd, check=False, capture_output=True)
        samples.append(time.perf_counter() - start)
    return samples


def lint_imports(top: int) -> None:
    """`python -X importtime -m planforge lint EXAMPLE`, summed up."""
    cmd = [sys.executable, "-X", "importtime", "-m", "planforge", "lint", str(ROOT / "examples/bureau-union-2027.yaml")]
    err = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}).stderr
    rows = []  # (self µs, cumulative µs, depth, module)
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, cumulative, name = line[len("import time:"):].split("|")
            rows.append((int(own), int(cumulative), (len(name) - len(name.lstrip())) // 2, name.strip()))
    total = sum(cumulative for _own, cumulative, depth, _name in rows if depth == 0)
    print(f"\nlint path imports (-X importtime): {len(rows)} modules, {total / 1000:.1f} ms in all")
    packages: dict[str, int] = {}
    for own, _cumulative, _depth, name in rows:
        package = name.split(".")[0] if not name.startswith("planforge.") else ".".join(name.split(".")[:2])
        packages[package] = packages.get(package, 0) + own
    print("by package (own time summed):")
    for package, spent in sorted(packages.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {spent / 1000:7.1f} ms  {package}")
    print("modules by own time:")
    for own, _cumulative, _depth, name in sorted(rows, reverse=True)[:top]:
        print(f"  {own / 1000:7.1f} ms  {name}")
    heavy = sorted({name.split(".")[0] for *_rest, name in rows} & {"typer", "click", "jinja2", "docx", "rich"})
    print(f"imported that lint does not need: {', '.join(heavy) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    exe = [sys.executable, "-m", "planforge"]
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "planforge --version": exe + ["--version"],
            "lint bureau example": exe + ["lint", str(ROOT / "examples/bureau-union-2027.yaml")],
            "render bureau example → md": exe + ["render", str(ROOT / "examples/bureau-union-2027.yaml"), "-o", os.path.join(tmp, "out.md")],
        }
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, runs={args.runs}")
        for name, cmd in cases.items():
            samples = timed(cmd, args.runs)
            print(f"{name:32s} median {statistics.median(samples) * 1000:7.1f} ms   min {min(samples) * 1000:7.1f} ms   max {max(samples) * 1000:7.1f} ms")


    lint_imports(args.top)


if __name__ == "__main__":
    main()
