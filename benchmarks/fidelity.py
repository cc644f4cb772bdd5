"""Import fidelity on the real corpus: the five measures of the import issue, scored against the
hand-written gold in tests/readers/corpus_gold.yaml.

    python benchmarks/fidelity.py [--corpus ../shared/corpus] [-v]

Prints each measure with its goal; -v adds one line per plan saying what differs. The scoring
functions are also used by tests/readers/test_corpus_gold.py, so the test and the figures in the
README are the same judgement.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "readers" / "corpus_gold.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"
GOALS = {"sections": 0.95, "leaves": 0.90, "months": 1.0, "precision": 0.9, "recall": 0.9}


def _norm(title: str) -> str:
    """Titles compared without punctuation, spaces or width: the recovered title may stop at
    another comma than the reader's."""
    from planforge.model.text import fold_width

    return re.sub(r"[\s\W_]+", "", fold_width(title))


def title_matches(found: str, gold: str) -> bool:
    a, b = _norm(found), _norm(gold)
    if not a or not b:
        return False
    short = min(len(a), len(b), 8)
    return a[:short] == b[:short] and (a.startswith(b) or b.startswith(a) or short == 8)


def target_label(target) -> str:
    value = target.value
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{shown}{target.unit or ''}"


@dataclass
class PlanScore:
    name: str
    sections_gold: int
    sections_found: int
    leaves_ok: bool
    months_ok: bool
    targets_gold: int
    targets_found: int
    targets_right: int
    differences: list[str] = field(default_factory=list)
    has_schedule: bool = False  # the gold lists months: only then is "months exact" a question


def score_plan(name: str, gold: dict, plan) -> PlanScore:
    found_titles = [s.title for s in plan.sections]
    matched = [g for g in gold["sections"] if any(title_matches(f, g) for f in found_titles)]
    leaves = sum(1 for _, item in plan.walk() if not item.items)
    leaves_ok = abs(leaves - gold["leaves"]) <= 0.05 * gold["leaves"]
    months = sorted({m for entry in plan.schedule for m in (entry.when.months or ())})
    months_ok = months == sorted(gold["months"])
    found_targets = Counter(target_label(t) for _, item in plan.walk() for t in item.targets)
    gold_targets = Counter(str(t) for t in gold["targets"])
    right = sum((found_targets & gold_targets).values())
    differences = []
    if len(matched) < len(gold["sections"]):
        differences.append(f"sections {len(matched)}/{len(gold['sections'])}: missed "
                           + "、".join(g[:12] for g in gold["sections"] if g not in matched))
    if not leaves_ok:
        differences.append(f"leaves {leaves} (gold {gold['leaves']})")
    if not months_ok:
        differences.append(f"months {months} (gold {gold['months']})")
    if found_targets != gold_targets:
        extra, missed = found_targets - gold_targets, gold_targets - found_targets
        differences.append(f"targets extra {sorted(extra.elements())} missed {sorted(missed.elements())}")
    return PlanScore(name, len(gold["sections"]), len(matched), leaves_ok, months_ok,
                     sum(gold_targets.values()), sum(found_targets.values()), right, differences,
                     has_schedule=bool(gold["months"]))


def score_corpus(corpus: Path, gold_file: Path = GOLD) -> tuple[list[PlanScore], int, int]:
    """(per-plan scores, gold plans, gold plans that import could not select)."""
    from planforge.readers import import_document

    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    by_file: dict[str, list[dict]] = {}
    for entry in gold:
        by_file.setdefault(entry["file"], []).append(entry)
    scores, unselectable = [], 0
    for file, entries in by_file.items():
        plans = import_document(corpus / file).plans
        for entry in entries:
            name = f"{file} #{entry['plan']}"
            if entry["plan"] > len(plans):
                unselectable += 1
                continue
            scores.append(score_plan(name, entry, plans[entry["plan"] - 1].plan))
    return scores, len(gold), unselectable


def measures(scores: list[PlanScore], total: int, unselectable: int) -> dict[str, float]:
    gold_sections = sum(s.sections_gold for s in scores) or 1
    found_targets = sum(s.targets_found for s in scores) or 1
    gold_targets = sum(s.targets_gold for s in scores) or 1
    return {
        "sections": sum(s.sections_found for s in scores) / gold_sections,
        "leaves": sum(s.leaves_ok for s in scores) / total,
        # Only plans that have a schedule: one without is not applicable, not "exact".
        "months": sum(s.months_ok for s in scores if s.has_schedule) / (sum(s.has_schedule for s in scores) or 1),
        "precision": sum(s.targets_right for s in scores) / found_targets,
        "recall": sum(s.targets_right for s in scores) / gold_targets,
        "unselectable": unselectable,
        "plans": total,
    }


def table(result: dict[str, float]) -> list[str]:
    """The Markdown table the README quotes, line by line (a test compares the two)."""
    return [
        "| measure | now | goal |",
        "|---|---|---|",
        f"| top-level section titles recovered | {result['sections']:.0%} | ≥ {GOALS['sections']:.0%} |",
        f"| plans whose leaf-item count is within ±5 % | {result['leaves']:.0%} | ≥ {GOALS['leaves']:.0%} |",
        f"| plans with a schedule whose months are exact | {result['months']:.0%} | {GOALS['months']:.0%} |",
        f"| targets: precision / recall | {result['precision']:.2f} / {result['recall']:.2f} | "
        f"≥ {GOALS['precision']} / ≥ {GOALS['recall']} |",
        f"| plans that cannot be selected at all | {result['unselectable']} of {result['plans']} | 0 |",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    scores, total, unselectable = score_corpus(args.corpus)
    result = measures(scores, total, unselectable)
    print(f"import fidelity on {total} plans in {args.corpus.name}/ (gold: {GOLD.relative_to(ROOT)})")
    print("\n".join(table(result)))
    if args.verbose:
        for score in scores:
            for difference in score.differences:
                print(f"  {score.name}: {difference}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
