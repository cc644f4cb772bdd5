"""DOCX rendering of synthetic plans of 100 and 1,000 items, against pandoc on the same content.

    python benchmarks/docx_render.py [--runs 5]

Each figure is a fresh process (what a user waits for), median wall time and peak memory. pandoc
(Debian's package) converts a Markdown file with the same headings and paragraphs to DOCX; it
does none of the 公文 layout, so it is a floor for "turn this much text into a Word file".
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)
from measure import median_run
from synthetic import plan_markdown_like, plan_yaml


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0] if pandoc else "absent"
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, pandoc: {version}, runs={args.runs}")
    print(f"{'items':>6} {'planforge s':>12} {'MiB':>7} {'pandoc s':>9} {'MiB':>7} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            spec = Path(tmp) / f"plan-{size}.yaml"
            spec.write_text(plan_yaml(size), encoding="utf-8")
            md = Path(tmp) / f"plan-{size}.md"
            md.write_text(plan_markdown_like(size), encoding="utf-8")
            ours, ours_mem = median_run([sys.executable, "-m", "planforge", "render", str(spec), "--to", "docx",
                                         "-o", str(Path(tmp) / "ours.docx")], args.runs)
            if pandoc:
                theirs, theirs_mem = median_run([pandoc, str(md), "-o", str(Path(tmp) / "pandoc.docx")], args.runs)
                print(f"{size:>6} {ours:>12.2f} {ours_mem:>7.0f} {theirs:>9.2f} {theirs_mem:>7.0f} {ours / theirs:>6.2f}")
            else:
                print(f"{size:>6} {ours:>12.2f} {ours_mem:>7.0f} {'-':>9} {'-':>7} {'-':>6}")


if __name__ == "__main__":
    main()
