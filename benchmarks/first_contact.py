"""How import and lint do on documents nobody tuned them on: ../shared/corpus/unseen/ (13–32).

    python benchmarks/first_contact.py                      # this checkout, tuning set and check set
    python benchmarks/first_contact.py --code DIR --record  # measure the code in DIR/src, keep it
    python benchmarks/first_contact.py --readme             # also write the three-column table

A user's first import and first lint run are on a document planforge has never seen, so the
honest figure is the one measured before any rule was written for these texts: "first contact",
taken once with the code of the commit before they were read (`--code` a worktree of that commit,
`--record` keeps it in benchmarks/first_contact.json). The texts are split: 13–22 may be tuned on
like the rest of the corpus; 23–32 are the check set that no rule is written for, and only measure.

Import is scored with benchmarks/fidelity.py against tests/readers/unseen_gold.yaml. Lint is judged
strictly against tests/lint/unseen_judged.yaml: a finding is right only if a careful reviewer would
change the document for it. A finding nobody has judged yet is counted apart and listed (`-v`): the
precision is then over the judged ones only, and the line says so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fidelity  # also puts this checkout's src/ first
import lint_precision

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT.parent / "shared" / "corpus" / "unseen"
GOLD = ROOT / "tests" / "readers" / "unseen_gold.yaml"
JUDGED = ROOT / "tests" / "lint" / "unseen_judged.yaml"
RECORD = Path(__file__).resolve().parent / "first_contact.json"
SETS = {"tuning": range(13, 23), "check": range(23, 33), "all": range(13, 33)}
LINT_FAMILIES = [("targets and time PF1xx/PF2xx", ("PF1", "PF2")), ("numbering PF5xx", ("PF5",)),
                 ("text hygiene PF4xx", ("PF4",)), ("document PF6xx", ("PF6",)), ("duplicates PF3xx", ("PF3",))]


def _number(name: str) -> int:
    return int(Path(name).name.split("_", 1)[0])


def import_measures(which: range, corpus: Path) -> dict:
    gold = [g for g in yaml.safe_load(GOLD.read_text(encoding="utf-8")) if _number(g["file"]) in which]
    scratch = ROOT / "build" / "first_contact_gold.yaml"  # fidelity reads a gold file
    scratch.parent.mkdir(exist_ok=True)
    scratch.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    scores, total, unselectable = fidelity.score_corpus(corpus.parent, scratch)
    return {**fidelity.measures(scores, total, unselectable),
            "differences": {s.name: s.differences for s in scores if s.differences}}


def lint_measures(which: range, corpus: Path) -> dict:
    from planforge.lint.engine import LintConfig, lint_file

    judged_data = yaml.safe_load(JUDGED.read_text(encoding="utf-8")) or {}
    judged = {name: {e["at"]: e["verdict"] for e in entries} for name, entries in judged_data.items()}
    findings = {f"unseen/{path.name}": lint_file(path, LintConfig()).findings
                for path in sorted(corpus.glob("*.txt")) if _number(path.name) in which}
    counts, unjudged = lint_precision.judge(findings, judged)
    families = {}
    for name, prefixes in LINT_FAMILIES:
        right = sum(c[0] for code, c in counts.items() if code.startswith(prefixes))
        total = sum(c[0] + c[1] for code, c in counts.items() if code.startswith(prefixes))
        families[name] = [right, total]
    return {"families": families, "unjudged": [f"{name} {key}" for name, key, _f in unjudged]}


def measure(corpus: Path) -> dict:
    return {name: {"import": import_measures(which, corpus), "lint": lint_measures(which, corpus)}
            for name, which in SETS.items()}


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _lint_cell(family: str, result: dict) -> str:
    right, total = result["lint"]["families"][family]
    return f"{right / total:.0%} ({right} of {total})" if total else "no findings"


def rows(tuned: dict, first: dict, check: dict) -> list[str]:
    """The README's table: each measure on the tuned corpus, at first contact (13–32, the code
    before these texts were read), and on the check set (23–32) with this checkout's code."""
    lines = ["| measure | tuned corpus | first contact (13–32) | check set (23–32), now | goal |", "|---|---|---|---|---|"]
    fi, ci = first["import"], check["import"]
    lines += [
        f"| top-level section titles | {tuned['sections']:.0%} | {fi['sections']:.0%} | {ci['sections']:.0%} | ≥ 95% |",
        f"| leaf counts within ±5 % | {tuned['leaves']:.0%} | {fi['leaves']:.0%} | {ci['leaves']:.0%} | ≥ 90% |",
        f"| schedule months exact (plans with a schedule) | {tuned['months']:.0%} | {fi['months']:.0%} | {ci['months']:.0%} | 100% |",
        f"| targets precision / recall | {tuned['precision']:.2f} / {tuned['recall']:.2f} | "
        f"{fi['precision']:.2f} / {fi['recall']:.2f} | {ci['precision']:.2f} / {ci['recall']:.2f} | ≥ 0.9 / ≥ 0.9 |",
    ]
    tuned_lint = tuned["lint"]
    for family, _prefixes in LINT_FAMILIES:
        right, total = tuned_lint.get(family, (0, 0))
        tuned_cell = f"{right / total:.0%} ({right} of {total})" if total else "no findings"
        lines.append(f"| lint strictly right, {family} | {tuned_cell} | {_lint_cell(family, first)} | "
                     f"{_lint_cell(family, check)} | ≥ 90% |")
    return lines


def tuned_figures() -> dict:
    """The tuned corpus with this checkout: fidelity's measures and the judged set's precision
    (judged when the rules were written, by the looser standard "the fault is there")."""
    scores, total, unselectable = fidelity.score_corpus(fidelity.CORPUS)
    result = fidelity.measures(scores, total, unselectable)
    counts, _unjudged = lint_precision.judge(lint_precision.corpus_findings(lint_precision.CORPUS),
                                             lint_precision.load_judged())
    result["lint"] = {}
    for family, prefixes in LINT_FAMILIES:
        right = sum(c[0] for code, c in counts.items() if code.startswith(prefixes))
        result["lint"][family] = (right, sum(c[0] + c[1] for code, c in counts.items() if code.startswith(prefixes)))
    return result


def _write_readme(lines: list[str]) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index(lines[0])
    end = text.index("\n\n", start)
    readme.write_text(text[:start] + "\n".join(lines) + text[end:], encoding="utf-8")


def _commit(code: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(code), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=UNSEEN)
    parser.add_argument("--code", type=Path, help="a checkout whose src/ is measured instead of this one")
    parser.add_argument("--record", action="store_true", help="keep the figures as first contact")
    parser.add_argument("--readme", action="store_true", help="write the three-column table into README.md")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.code:
        sys.path.insert(0, str(args.code.resolve() / "src"))
    import planforge

    result = measure(args.corpus)
    print(f"measured {Path(planforge.__file__).parent} on {args.corpus}")
    for name, figures in result.items():
        imp, lint = figures["import"], figures["lint"]
        print(f"{name:>7} {SETS[name].start}–{SETS[name].stop - 1}: sections {imp['sections']:.0%}, leaves {imp['leaves']:.0%}, "
              f"months {imp['months']:.0%}, targets P/R {imp['precision']:.2f}/{imp['recall']:.2f}; lint "
              + ", ".join(f"{fam.split()[-1]} {_lint_cell(fam, figures)}" for fam, _p in LINT_FAMILIES)
              + (f"; {len(lint['unjudged'])} findings not judged yet" if lint["unjudged"] else ""))
        if args.verbose:
            for plan, differences in imp["differences"].items():
                print(f"    {plan}: {'; '.join(differences)}")
            for key in lint["unjudged"]:
                print(f"    unjudged: {key}")
    if args.record:
        kept = {"commit": _commit(args.code or ROOT), "corpus": "shared/corpus/unseen 13–32",
                **{name: {"import": {k: v for k, v in f["import"].items() if k != "differences"},
                          "lint": f["lint"]} for name, f in result.items()}}
        RECORD.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"kept as first contact in {RECORD.relative_to(ROOT)}")
    if args.readme:
        first = json.loads(RECORD.read_text(encoding="utf-8"))["all"]
        lines = rows(tuned_figures(), first, result["check"])
        print("\n".join(lines))
        _write_readme(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
