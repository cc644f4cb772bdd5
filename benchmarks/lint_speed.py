"""Lint speed: synthetic plans of 100, 1,000 and 10,000 items, the corpus, and the corpus text
repeated (real text, growing), in fresh processes: median wall time and peak memory, with the
growth ratios (linear ≈ the size ratio, less while start-up dominates).

    python benchmarks/lint_speed.py [--runs 5] [--against REF]

`--against REF` times the same corpus lint with the planforge of a git commit (checked out into
a temporary worktree, run with this interpreter) in paired, alternating runs, and prints the
ratio now ÷ then: how a change moved the linter's speed on real documents.

Peers (markdownlint-cli, textlint, AutoCorrect) check other things and come from npm; they are
timed here when already on the PATH, on the same Markdown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)
from measure import median_run, run_once
from synthetic import plan_markdown_like, plan_yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PEERS = {"markdownlint": ["markdownlint"], "textlint": ["textlint"], "autocorrect": ["autocorrect", "--lint"]}
LINT = [sys.executable, "-m", "planforge", "lint", "--fail-on", "info"]


def synthetic(tmp: Path, runs: int) -> None:
    times = {}
    for size in (100, 1000, 10000):
        spec = tmp / f"plan-{size}.yaml"
        spec.write_text(plan_yaml(size), encoding="utf-8")
        md = tmp / f"plan-{size}.md"
        md.write_text(plan_markdown_like(size), encoding="utf-8")
        size_runs = runs if size < 10000 else max(1, runs // 2)
        times[size] = median_run(LINT + [str(spec)], size_runs, ok_codes=(0, 1))
        line = f"{size:>6} items  spec {times[size][0]:6.2f} s  {times[size][1]:5.0f} MiB"
        md_time = median_run(LINT + [str(md)], size_runs, ok_codes=(0, 1))
        line += f"   markdown {md_time[0]:6.2f} s"
        for peer, cmd in PEERS.items():
            if shutil.which(cmd[0]):
                peer_time = median_run(cmd + [str(md)], size_runs, ok_codes=(0, 1, 2))
                line += f"   {peer} {peer_time[0]:.2f} s (ratio {md_time[0] / peer_time[0]:.2f})"
        print(line)
    print(f"growth 1,000 → 10,000 items: {times[10000][0] / times[1000][0]:.1f}× (linear ≈ 10, less with start-up)")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("pages/*.txt"))


def corpus(tmp: Path, runs: int) -> None:
    files = corpus_files()
    size = sum(path.stat().st_size for path in files)
    t = median_run(LINT + [str(p) for p in files], runs, ok_codes=(0, 1))
    print(f"corpus ({len(files)} files, {size / 1024:.0f} KB)  {t[0]:.2f} s  {t[1]:.0f} MiB")
    # Real text growing: the corpus's text in one file, 1×, 4× and 16× (each copy a new plan).
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in files)
    grown = {}
    for times in (1, 4, 16):
        path = tmp / f"corpus-x{times}.txt"
        path.write_text("\n".join([text] * times), encoding="utf-8")
        grown[times] = median_run(LINT + [str(path)], runs, ok_codes=(0, 1))
        print(f"corpus text ×{times:<2} ({path.stat().st_size / 1024:5.0f} KB)  {grown[times][0]:.2f} s  {grown[times][1]:.0f} MiB")
    print(f"growth ×4 → ×16: {grown[16][0] / grown[4][0]:.1f}× (linear ≈ 4, less with start-up)")


def against(ref: str, tmp: Path, runs: int) -> None:
    """Paired, alternating runs of this planforge and the one at `ref` on the corpus."""
    worktree = tmp / "then"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(worktree), ref], check=True)
    try:
        files = [str(p) for p in corpus_files()]
        then_env = {**os.environ, "PYTHONPATH": str(worktree / "src")}
        now, then = [], []
        for _ in range(runs):
            now.append(run_once(LINT + files, ok_codes=(0, 1))[0])
            then.append(run_once(LINT + files, ok_codes=(0, 1), env=then_env)[0])
        ratio = statistics.median(a / b for a, b in zip(now, then, strict=True))
        print(f"corpus lint now {statistics.median(now):.2f} s, at {ref} {statistics.median(then):.2f} s: "
              f"ratio {ratio:.2f} (median of {runs} pairs)")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="REF", help="a git commit to compare the corpus lint with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            if not CORPUS.is_dir():
                sys.exit(f"no corpus at {CORPUS}")
            against(args.against, Path(tmp), args.runs)
            return
        synthetic(Path(tmp), args.runs)
        if CORPUS.is_dir():
            corpus(Path(tmp), args.runs)


if __name__ == "__main__":
    main()
