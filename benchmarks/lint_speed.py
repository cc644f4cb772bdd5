"""Lint speed: synthetic plans of 100, 1,000 and 10,000 items and the corpus, fresh processes,
median wall time and peak memory, with the growth from 1,000 to 10,000 items (linear ≈ 10).

    python benchmarks/lint_speed.py [--runs 5]

Peers (markdownlint-cli, textlint, AutoCorrect) check other things and come from npm; they are
timed here when already on the PATH, on the same Markdown.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import median_run
from synthetic import plan_markdown_like, plan_yaml

ROOT = Path(__file__).resolve().parents[1]
PEERS = {"markdownlint": ["markdownlint"], "textlint": ["textlint"], "autocorrect": ["autocorrect", "--lint"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    lint = [sys.executable, "-m", "planforge", "lint", "--fail-on", "info"]
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (100, 1000, 10000):
            spec = Path(tmp) / f"plan-{size}.yaml"
            spec.write_text(plan_yaml(size), encoding="utf-8")
            md = Path(tmp) / f"plan-{size}.md"
            md.write_text(plan_markdown_like(size), encoding="utf-8")
            runs = args.runs if size < 10000 else max(1, args.runs // 2)
            times[size] = median_run(lint + [str(spec)], runs, ok_codes=(0, 1))
            line = f"{size:>6} items  spec {times[size][0]:6.2f} s  {times[size][1]:5.0f} MiB"
            md_time = median_run(lint + [str(md)], runs, ok_codes=(0, 1))
            line += f"   markdown {md_time[0]:6.2f} s"
            for peer, cmd in PEERS.items():
                if shutil.which(cmd[0]):
                    peer_time = median_run(cmd + [str(md)], runs, ok_codes=(0, 1, 2))
                    line += f"   {peer} {peer_time[0]:.2f} s (ratio {md_time[0] / peer_time[0]:.2f})"
            print(line)
        corpus = ROOT.parent / "shared" / "corpus"
        if corpus.is_dir():
            t = median_run(lint + [str(p) for p in sorted(corpus.glob("*.txt"))], args.runs, ok_codes=(0, 1))
            print(f"corpus (3 files, 70 KB)  {t[0]:.2f} s  {t[1]:.0f} MiB")
    print(f"growth 1,000 → 10,000 items: {times[10000][0] / times[1000][0]:.1f}× (linear ≈ 10, less with start-up)")


if __name__ == "__main__":
    main()
