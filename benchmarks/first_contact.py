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
    wrong = [f"{name} {lint_precision.finding_key(finding)}" for name, found in findings.items() for finding in found
             if judged.get(name, {}).get(lint_precision.finding_key(finding)) == "wrong"]
    return {"families": families, "unjudged": [f"{name} {key}" for name, key, _f in unjudged], "wrong": wrong}


def measure(corpus: Path, names: list[str] | None = None) -> dict:
    return {name: {"import": import_measures(which, corpus), "lint": lint_measures(which, corpus)}
            for name, which in SETS.items() if names is None or name in names}


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _lint_cell(family: str, result: dict) -> str:
    right, total = result["lint"]["families"][family]
    return f"{right / total:.0%} ({right} of {total})" if total else "no findings"


def rows(tuned: dict, first: dict, tuning: dict, check: dict) -> list[str]:
    """The README's table: each measure on the tuned corpus; at first contact (13–32, the code
    before these texts were read); on the unseen texts the rules were then written on (13–22, this
    checkout); and on the check set (23–32) scored once, by rules written on 13–22 before anyone
    looked at the check set's results. The gap between the last two is what tuning does not buy."""
    lines = ["| measure | tuned corpus | first contact (13–32) | 13–22 after tuning on them | check set (23–32), scored once | goal |",
             "|---|---|---|---|---|---|"]
    sets = (first, tuning, check)
    fi = [s["import"] for s in sets]
    lines += [
        f"| top-level section titles | {tuned['sections']:.0%} | " + " | ".join(f"{i['sections']:.0%}" for i in fi) + " | ≥ 95% |",
        f"| leaf counts within ±5 % | {tuned['leaves']:.0%} | " + " | ".join(f"{i['leaves']:.0%}" for i in fi) + " | ≥ 90% |",
        f"| schedule months exact (plans with a schedule) | {tuned['months']:.0%} | "
        + " | ".join(f"{i['months']:.0%}" for i in fi) + " | 100% |",
        f"| targets precision / recall | {tuned['precision']:.2f} / {tuned['recall']:.2f} | "
        + " | ".join(f"{i['precision']:.2f} / {i['recall']:.2f}" for i in fi) + " | ≥ 0.9 / ≥ 0.9 |",
    ]
    tuned_lint = tuned["lint"]
    for family, _prefixes in LINT_FAMILIES:
        right, total = tuned_lint.get(family, (0, 0))
        tuned_cell = f"{right / total:.0%} ({right} of {total})" if total else "no findings"
        lines.append(f"| lint strictly right, {family} | {tuned_cell} | "
                     + " | ".join(_lint_cell(family, s) for s in sets) + " | ≥ 90% |")
    return lines


def readme_rows(result: dict) -> list[str]:
    """The table with the kept first contact and the check set's one scoring (the live figures
    until it has been kept)."""
    kept = json.loads(RECORD.read_text(encoding="utf-8"))
    return rows(tuned_figures(), kept["all"], result["tuning"], kept.get("check_once", result["check"]))


def _kept_import(figures: dict) -> dict:
    return {k: v for k, v in figures["import"].items() if k != "differences"}


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
    parser.add_argument("--record-check", action="store_true",
                        help="keep the check set's figures as its one scoring (refused if it was scored before)")
    parser.add_argument("--readme", action="store_true", help="write the three-column table into README.md")
    parser.add_argument("--set", choices=list(SETS), help="measure this set only (work on rules with --set tuning: "
                        "the check set is scored once, at the end)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each plan's differences from its gold, "
                        "the findings judged wrong and those not judged yet")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.code:
        sys.path.insert(0, str(args.code.resolve() / "src"))
    import planforge

    if args.set and (args.record or args.readme or args.record_check):
        parser.error("--record, --record-check and --readme need every set")
    result = measure(args.corpus, [args.set] if args.set else None)
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
            for key in lint["wrong"]:
                print(f"    judged wrong: {key}")
            for key in lint["unjudged"]:
                print(f"    unjudged: {key}")
    if args.record:
        kept = {"commit": _commit(args.code or ROOT), "corpus": "shared/corpus/unseen 13–32",
                **{name: {"import": _kept_import(f),
                          "lint": {k: v for k, v in f["lint"].items() if k != "wrong"}} for name, f in result.items()}}
        if RECORD.exists() and "check_once" in (before := json.loads(RECORD.read_text(encoding="utf-8"))):
            kept["check_once"] = before["check_once"]  # the check set's one scoring outlives a new first contact
        RECORD.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"kept as first contact in {RECORD.relative_to(ROOT)}")
    if args.record_check:
        kept = json.loads(RECORD.read_text(encoding="utf-8"))
        if "check_once" in kept:
            print(f"the check set was scored once already (on the rules after {kept['check_once']['after']}): "
                  "a figure measured again after reading its results is no longer blind", file=sys.stderr)
            return 2
        kept["check_once"] = {"after": _commit(args.code or ROOT), "import": _kept_import(result["check"]),
                              "lint": {k: v for k, v in result["check"]["lint"].items() if k != "wrong"}}
        RECORD.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"kept the check set's one scoring in {RECORD.relative_to(ROOT)}")
    if args.readme:
        lines = readme_rows(result)
        print("\n".join(lines))
        _write_readme(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
