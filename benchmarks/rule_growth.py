"""Each lint rule's own time on synthetic plans of 100, 1,000 and 10,000 items, and its growth per
10× (a linear rule grows about 10×; the issue's bound is 12×).

    python benchmarks/rule_growth.py [--runs 3] [--sizes 100 1000 10000] [--limit 12]

Each size is read in a fresh process (no memo warmed by a smaller size), as a spec and as the same
content written as a Markdown document (the document-only rules run there); the rules then run in
the engine's order over the one context (a synthetic plan is one plan), as `planforge lint` runs
them, each timed by CPU time; each figure is the least of `--runs` fresh processes. A last row,
`(walk)`, times a pass that only visits the items, made after every rule (its figure is their
median; so each rule after the first runs right after such a pass): linear by construction, its
growth is the machine's floor for any rule. A step whose larger figure is under 5 ms is not judged
(its growth is timer noise, and nobody waits for it). Exits 1 when a judged rule grows more than `--limit`× per 10×.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)
from synthetic import plan_markdown_like, plan_yaml

NOISE_SECONDS = 0.005


def rule_times(path: Path) -> dict[str, float]:
    """CPU seconds per rule code on `path`, read as `planforge lint` reads it; WALK's is the median
    of the passes made after each rule, in the state of the processor's caches each rule left."""
    from planforge.lint.engine import _read
    from planforge.lint.registry import RULES

    gc.set_threshold(100_000, 50, 100)  # as planforge.cli.main sets it
    times: dict[str, float] = {}
    walks: list[float] = []
    _source, plans, _findings = _read(path)
    for ctx in plans.contexts() if plans else []:
        for code, rule in RULES.items():
            if rule.check is None or (rule.documents_only and not ctx.is_document):
                continue
            times[code] = times.get(code, 0.0) + _cpu(_run_rule, rule, ctx)
            walks.append(_cpu(_walk, ctx))
    if walks:
        times[WALK] = statistics.median(walks)
    return times


def _cpu(work, *args) -> float:
    """CPU seconds `work(*args)` takes, with no collection the reading or an earlier step made due."""
    gc.collect()
    start = time.process_time()
    work(*args)
    return time.process_time() - start


def _run_rule(rule, ctx) -> int:
    return sum(1 for _finding in rule.check(ctx))


WALK = "(walk)"  # the reference: no rule, just a visit to every item


def _walk(ctx) -> int:
    """Three passes that only visit each item and read what every rule reads (its title, its
    children, its owner and its ancestors'): linear by construction, so its growth per 10× is
    the machine's, not an algorithm's (10,000 items' objects outgrow the processor's caches where
    1,000 fit), and the figure a rule's growth is read against."""
    count = 0
    for _ in range(3):
        for _level, item, ancestors in ctx.items():
            if not item.items and item.title and not item.owner:
                count += not any(a.owner for a in ancestors)
    return count


def measure(tmp: Path, sizes: list[int], runs: int) -> dict[str, dict[int, dict[str, float]]]:
    """Per kind and size, each rule's least time over `runs` fresh processes."""
    found: dict[str, dict[int, dict[str, float]]] = {"spec": {}, "document": {}}
    for size in sizes:
        spec, doc = tmp / f"plan-{size}.yaml", tmp / f"plan-{size}.md"
        spec.write_text(plan_yaml(size), encoding="utf-8")
        doc.write_text(plan_markdown_like(size), encoding="utf-8")
        for kind, path in (("spec", spec), ("document", doc)):
            best: dict[str, float] = {}
            for _ in range(runs):
                out = subprocess.run([sys.executable, __file__, "--child", str(path)],
                                     check=True, capture_output=True, text=True).stdout
                for code, spent in json.loads(out.strip().splitlines()[-1]).items():
                    best[code] = min(best.get(code, spent), spent)
            found[kind][size] = best
    return found


def report(found: dict[str, dict[int, dict[str, float]]], sizes: list[int], limit: float) -> int:
    """Print the table; return how many rules grew past `limit` per 10×."""
    over = 0
    for kind, by_size in found.items():
        codes = sorted({code for times in by_size.values() for code in times} - {WALK}) + [WALK]
        print(f"\n{kind}: ms per rule at " + ", ".join(f"{s:,}" for s in sizes) + " items; growth per 10×")
        for code in codes:
            cells = [by_size[s].get(code, 0.0) * 1000 for s in sizes]
            growth = []
            for small, b in zip(cells, cells[1:], strict=False):
                if b < NOISE_SECONDS * 1000 or small <= 0:
                    growth.append("   —  ")
                    continue
                ratio = b / small
                judged = code != WALK  # the reference is the floor, not a rule
                flag = " !" if judged and ratio > limit else "  "
                over += judged and ratio > limit
                growth.append(f"{ratio:5.1f}×{flag}")
            print(f"  {code:6s}" + "  ".join(f"{c:9.2f}" for c in cells) + "   " + "  ".join(growth))
    return over


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--limit", type=float, default=12.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(rule_times(Path(args.child))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        found = measure(Path(tmp), args.sizes, args.runs)
    over = report(found, args.sizes, args.limit)
    print(f"\n{over} rule(s) grew more than {args.limit:g}× per 10× (sizes 10× apart)" if over
          else f"\nno rule grew more than {args.limit:g}× per 10×")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
