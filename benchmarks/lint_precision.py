"""Is the linter right? Precision on real documents, recall on planted defects.

    python benchmarks/lint_precision.py [--corpus ../shared/corpus] [-v]
    python benchmarks/lint_precision.py --draft > new.yaml   # findings not judged yet, to be judged
    python benchmarks/lint_precision.py --readme             # also write the table into README.md

- Precision: every finding on the corpus files is looked up in tests/lint/corpus_judged.yaml,
  where a person marked it right or wrong by reading the source line. A finding is right when the
  fault it names is there, at the place it names. Findings not in the judged set are listed: they
  must be judged before the figures mean anything (a test fails until they are).
- Recall: tests/lint/planted/ holds a spec and documents with defects planted on purpose, listed
  in expected.yaml; a defect is found when a finding of its code is on its line (or, for a
  document's per-section finding, lists its line).
- Half-width marks: of the ASCII , ; : ? ! ( ) touching a Chinese character anywhere in the corpus,
  the share PF403 reports (its per-paragraph count included), which zhlint and lint-md report
  95–100 % of.

The functions are also used by tests/lint/test_lint_precision.py, so the test and the README's
figures are one judgement.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
JUDGED = ROOT / "tests" / "lint" / "corpus_judged.yaml"
PLANTED = ROOT / "tests" / "lint" / "planted"
FAMILIES = [  # (name, codes, precision goal)
    ("text hygiene PF401–PF409", ("PF4",), 0.97),
    ("targets and time PF1xx/PF2xx", ("PF1", "PF2"), 0.90),
    ("duplicates PF3xx", ("PF3",), 0.90),
    ("numbering PF5xx", ("PF5",), 0.95),
    ("document PF6xx", ("PF6",), 0.90),
]
RECALL_GOALS = {"spec": 1.0, "document": 33 / 35}  # the goal: 33 of 35 found
HALF_WIDTH_GOAL = 0.98
_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》]"
_HALF_NEXT_TO_CJK = re.compile(rf"(?<={_CJK})[,;:?!()]|[,;:?!()](?={_CJK})")


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt")) + sorted(corpus.glob("pages/*.txt"))


def _lint(path: Path):
    from planforge.lint.engine import LintConfig, lint_file

    return lint_file(path, LintConfig()).findings


def finding_key(finding) -> str:
    """How the judged set names a finding: `line[:col] CODE` (unique within a file)."""
    at = f"{finding.line}" + (f":{finding.col}" if finding.col is not None else "")
    return f"{at} {finding.code}"


def corpus_findings(corpus: Path) -> dict[str, list]:
    return {str(path.relative_to(corpus)): _lint(path) for path in corpus_files(corpus)}


def load_judged() -> dict[str, dict[str, str]]:
    """{file: {key: "right" | "wrong"}} from the judged set."""
    data = yaml.safe_load(JUDGED.read_text(encoding="utf-8")) or {}
    return {name: {entry["at"]: entry["verdict"] for entry in entries} for name, entries in data.items()}


def judge(findings: dict[str, list], judged: dict[str, dict[str, str]]):
    """(per-code [right, wrong], the findings no one has judged yet as (file, key, finding))."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unjudged = []
    for name, found in findings.items():
        verdicts = judged.get(name, {})
        for finding in found:
            verdict = verdicts.get(finding_key(finding))
            if verdict is None:
                unjudged.append((name, finding_key(finding), finding))
            else:
                counts[finding.code][0 if verdict == "right" else 1] += 1
    return counts, unjudged


def family_precision(counts: dict[str, list[int]]) -> list[tuple[str, int, int, float | None, float]]:
    """(family, right, judged, precision or None when it found nothing, goal)."""
    rows = []
    for name, prefixes, goal in FAMILIES:
        right = sum(c[0] for code, c in counts.items() if code.startswith(prefixes))
        total = sum(c[0] + c[1] for code, c in counts.items() if code.startswith(prefixes))
        rows.append((name, right, total, right / total if total else None, goal))
    return rows


def planted_recall() -> dict[str, tuple[int, int, list[str]]]:
    """{"spec" | "document": (found, planted, the missed as `file line CODE`)}."""
    expected = yaml.safe_load((PLANTED / "expected.yaml").read_text(encoding="utf-8"))
    result: dict[str, list] = {"spec": [0, 0, []], "document": [0, 0, []]}
    for name, marks in expected.items():
        kind = "spec" if name.endswith((".yaml", ".yml")) else "document"
        findings = _lint(PLANTED / name)
        for mark in marks:
            line_text, code = str(mark).split()[:2]
            line = int(line_text)
            hit = any(f.code == code and (f.line == line or line in _listed_lines(f)) for f in findings)
            result[kind][1] += 1
            if hit:
                result[kind][0] += 1
            else:
                result[kind][2].append(f"{name} {line} {code}")
    return {kind: (found, total, missed) for kind, (found, total, missed) in result.items()}


def _listed_lines(finding) -> set[int]:
    """The item lines a per-section finding names (PF101/PF201 on documents)."""
    listed = finding.args.get("lines") if isinstance(finding.args, dict) else None
    if isinstance(listed, str):
        return {int(n) for n in re.findall(r"(?<![:\d])(\d+)", listed)}  # 15、145:3 → 15, 145
    return set(listed or ())


def half_width_coverage(corpus: Path, findings: dict[str, list]) -> tuple[int, int]:
    """(marks PF403 reports, ASCII marks touching Chinese in the corpus' prose): per line,
    PF403's count for that line (one finding per paragraph, with its count) against the marks
    there. Page residue (the lines PF604 reports as a whole) is not prose and is not counted."""
    from planforge.readers.cleanup import is_noise_line

    reported: dict[tuple[str, int], int] = defaultdict(int)
    for name, found in findings.items():
        for f in found:
            if f.code == "PF403":
                count = re.search(r"\d+", str(f.args.get("more_en") or ""))
                reported[(name, f.line)] += int(count.group(0)) if count else 1
    total = covered = 0
    for path in corpus_files(corpus):
        name = str(path.relative_to(corpus))
        from planforge.fileio import read_source

        for number, line in enumerate(read_source(path).lines, start=1):
            if is_noise_line(line.strip()):
                continue
            marks = len(_HALF_NEXT_TO_CJK.findall(line))
            total += marks
            covered += min(marks, reported.get((name, number), 0))
    return covered, total


def table(counts, recall, half_width) -> list[str]:
    """The Markdown table the README quotes, line by line (a test compares the two)."""
    lines = ["| measure | now | goal |", "|---|---|---|"]
    for name, right, total, precision, goal in family_precision(counts):
        shown = f"{precision:.0%} ({right} of {total})" if precision is not None else "no findings"
        lines.append(f"| precision, {name} | {shown} | ≥ {goal:.0%} |")
    for kind, label in (("spec", "specs"), ("document", "documents")):
        found, total, _missed = recall[kind]
        goal = RECALL_GOALS[kind]
        goal_text = "all" if goal == 1.0 else f"≥ {round(goal * total)} of {total}"
        lines.append(f"| planted defects found in {label} | {found} of {total} | {goal_text} |")
    covered, total = half_width
    lines.append(f"| half-width marks next to Chinese reported | {covered / total:.1%} ({covered} of {total}) | "
                 f"≥ {HALF_WIDTH_GOAL:.0%} |")
    return lines


def _draft(findings: dict[str, list], corpus: Path, judged: dict[str, dict[str, str]]) -> str:
    """The findings not judged yet, as judged-set entries with the source line, verdict `?`."""
    out = {}
    for name, found in findings.items():
        lines = (corpus / name).read_text(encoding="utf-8", errors="replace").splitlines()
        rows = []
        for f in found:
            if finding_key(f) in judged.get(name, {}):
                continue
            source = lines[f.line - 1] if f.line and f.line <= len(lines) else ""
            start = max(0, (f.col or 1) - 1 - 10)
            rows.append({"at": finding_key(f), "verdict": "?", "message": f.message("zh"), "source": source[start:start + 60]})
        if rows:
            out[name] = rows
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=200)


def _write_readme(lines: list[str]) -> None:
    """Replace the README's table (the one whose first row is this benchmark's) with `lines`."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index(lines[0] + "\n" + lines[1] + "\n| precision, ")
    end = text.index("\n\n", start)
    readme.write_text(text[:start] + "\n".join(lines) + text[end:], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--draft", action="store_true", help="print the unjudged findings as judged-set entries")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md's lint section")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    findings = corpus_findings(args.corpus)
    judged = load_judged()
    if args.draft:
        print(_draft(findings, args.corpus, judged), end="")
        return 0
    counts, unjudged = judge(findings, judged)
    recall = planted_recall()
    total = sum(len(found) for found in findings.values())
    print(f"lint precision on {total} findings in {len(findings)} files of {args.corpus.name}/ "
          f"(judged: {JUDGED.relative_to(ROOT)}); recall on {PLANTED.relative_to(ROOT)}/")
    lines = table(counts, recall, half_width_coverage(args.corpus, findings))
    print("\n".join(lines))
    if args.readme:
        _write_readme(lines)
    if unjudged:
        print(f"{len(unjudged)} findings not judged yet (run with --draft)")
    if args.verbose:
        for code in sorted(counts):
            right, wrong = counts[code]
            print(f"  {code}: {right} right, {wrong} wrong")
        for kind, (_found, _total, missed) in recall.items():
            for miss in missed:
                print(f"  missed ({kind}): {miss}")
        for name, key, finding in unjudged:
            print(f"  unjudged: {name} {key} {finding.message('zh')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
