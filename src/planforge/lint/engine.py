"""Running the rules over files: readers, suppression comments, severities, safe fixes.

One bad file never stops a batch: its read errors become findings (PF001–PF003) and the run goes
on. A rule that raises is a bug and surfaces as `InternalRuleError` (exit 2), never as a pass.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planforge.errors import PlanforgeError, Problem
from planforge.fileio import SourceFile
from planforge.lint.context import Finding, LintContext
from planforge.lint.plans import DocumentPlans, MadePlans, Plans
from planforge.lint.registry import RULES, SEVERITIES
from planforge.lint.rule import InternalRuleError
from planforge.patterns import lazy
from planforge.readers import DOCUMENT_SUFFIXES
from planforge.spec import SPEC_SUFFIXES

# Documents found in a folder are linted when their name says they are a plan, unless the settings
# name their own `include` patterns: a repository's README.md or CHANGELOG.md is not a plan.
DEFAULT_INCLUDE = ("*计划*", "*要点*", "*安排*", "*思路*", "*plan*", "*Plan*")
_SKIPPED_FOLDERS = ("node_modules", "build", "dist", "__pycache__")
SOFTENED_IN_SUMMARIES = {"PF101", "PF102", "PF105", "PF201", "PF207"}
_YAML_IGNORE = lazy(r"#\s*planforge:\s*ignore(?:\[(?P<codes>[^\]]*)\])?")
_MD_DISABLE_NEXT = lazy(r"<!--\s*planforge-disable-next-line\s*(?P<codes>[^>]*?)\s*-->")
_MD_DISABLE = lazy(r"<!--\s*planforge-disable\s*(?P<codes>[^>]*?)\s*-->")
_MD_ENABLE = lazy(r"<!--\s*planforge-enable\b[^>]*-->")


@dataclass(eq=False, repr=False)
class LintConfig:
    """Which rules run and how severe each is, from the settings file and the command line."""

    select: set[str] | None = None  # codes; None = all
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE  # documents to lint inside folders
    root: Path | None = None  # where `include` patterns are anchored: the settings file's folder
    today: dt.date | None = None  # the day overdue items are judged on (PF703); None: today

    def enabled(self, code: str) -> bool:
        return (self.select is None or code in self.select) and code not in self.ignore


@dataclass(eq=False, repr=False)
class FileResult:
    """One file's findings, the fixes among them, and the text as read."""

    path: str
    findings: list[Finding]
    fixes: list[Finding] = field(default_factory=list)
    source: SourceFile | None = None  # the text as read: excerpts under findings and --fix use it
    paragraphs: list[str] | None = None  # a Word file's paragraphs as read, by number: its excerpts




@dataclass(eq=False, repr=False)
class Selection:
    """The files a lint run reads, and those it passed over with the reason."""

    files: list[Path]
    skipped: list[tuple[Path, str]]  # (file, message key of the reason)
    explicit_skips: int = 0  # files named on the command line and skipped: always worth a word


def _included(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch.fnmatchcase(relative, p) or fnmatch.fnmatchcase(path.name, p) for p in patterns)


def collect_files(paths: list[Path], include: tuple[str, ...] = DEFAULT_INCLUDE, root: Path | None = None,
                  only_plans: bool = False) -> Selection:
    """The files to lint. A YAML file is a plan spec when it carries the `planforge:` key (every spec
    planforge writes does), wherever it was found; a document is linted when named on the command
    line, or, inside a folder, when it matches `include`. Everything else is skipped with a reason.
    `only_plans` judges named documents like found ones: pre-commit names every staged file."""
    from planforge.spec.record_path import plan_beside_record

    root = root or Path.cwd()
    selection = Selection([], [])
    for path in paths:
        if path.is_dir():
            for candidate in _found_in(path):
                reason = _skip_reason(candidate, root, include, judge_documents=True)
                if reason:
                    selection.skipped.append((candidate, reason))
                else:
                    selection.files.append(candidate)
            continue
        plan = plan_beside_record(path)
        if plan is not None:  # a progress record is checked with its plan (pre-commit names the record)
            if plan not in selection.files and plan not in paths:
                selection.files.append(plan)
            continue
        reason = _skip_reason(path, root, include, judge_documents=only_plans)
        if reason:
            selection.skipped.append((path, reason))
            selection.explicit_skips += 1
        else:
            selection.files.append(path)
    return selection


def _found_in(folder: Path) -> Iterator[Path]:
    """The spec and document files under a folder, in order, hidden and build folders left out."""
    for candidate in sorted(folder.rglob("*")):
        if (candidate.suffix.lower() in SPEC_SUFFIXES + DOCUMENT_SUFFIXES and candidate.is_file()
                and not any(p.startswith(".") or p in _SKIPPED_FOLDERS for p in candidate.relative_to(folder).parts)):
            yield candidate


def _skip_reason(path: Path, root: Path, include: tuple[str, ...], judge_documents: bool) -> str | None:
    """Why a file is not linted (a message key), or None: YAML that is no plan spec, or a document
    that `include` leaves out, when documents are judged by it."""
    from planforge.fileio import is_plan_spec

    suffix = path.suffix.lower()
    if suffix in SPEC_SUFFIXES and path.is_file() and not is_plan_spec(path):
        return "skip_not_spec"
    if judge_documents and suffix in DOCUMENT_SUFFIXES and not _included(path, root, include):
        return "skip_not_included"
    return None


def _read(path: Path, held: SourceFile | None = None) -> tuple[SourceFile | None, Plans | None, list[Finding]]:
    """Read a file once into its source (text formats) and its plans (lint/plans.py: a
    document's are inferred when asked); read errors come back as findings. The source stays
    with the result: suppressions, excerpts and --fix use it. `held`: the file's text already in
    memory (an editor's buffer), read instead of the disk."""
    from planforge.fileio import read_source
    from planforge.limits import SPEC_BYTES

    name = str(path)
    source = None
    try:
        if path.suffix.lower() in SPEC_SUFFIXES:
            from planforge.spec.load import load_plan_source

            source = held or read_source(path, SPEC_BYTES)
            loaded = load_plan_source(source)
            warnings = _loader_findings(loaded)
            progress, record_findings = _progress_beside(path, loaded.plan)
            context = LintContext(loaded.plan, name, False, loaded=loaded, progress=progress)
            return source, MadePlans([context]), warnings + record_findings
        from planforge.readers import read_document, read_document_source

        source = held or read_document_source(path)
        return source, DocumentPlans(read_document(path, repair=False, source=source), name), []
    except PlanforgeError as exc:
        if exc.exit_code == 2 and not path.exists():
            raise
        return source, None, [Finding.of(p, code=p.code if p.code in RULES else "PF003", severity="error",
                                         file=p.file or name) for p in exc.problems]


@dataclass(eq=False, repr=False)
class Suppression:
    """A suppression comment (`# planforge: ignore[…]`, `<!-- planforge-disable … -->`): the lines and
    codes it silences, and whether it silenced any (an unused one is PF007's)."""

    comment_line: int
    lines: set[int]
    codes: set[str]  # "*" for all
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return self.covers_line(finding.code, finding.line)

    def covers_line(self, code: str, line: int | None) -> bool:
        return line in self.lines and ("*" in self.codes or code in self.codes)


def _suppressions(source: SourceFile | None) -> list[Suppression]:
    """The file's own suppression comments: `# planforge: ignore[PF101]` on a YAML line;
    `<!-- planforge-disable-next-line PF101 -->`, `<!-- planforge-disable PF101 -->` …
    `<!-- planforge-enable -->` in Markdown and text."""
    if source is None:
        return []
    suffix = source.path.suffix.lower()
    lines = source.lines

    def codes(text: str | None) -> set[str]:
        return {c.strip().upper() for c in re.split(r"[,\s]+", text or "") if c.strip()} or {"*"}

    found: list[Suppression] = []
    if suffix in SPEC_SUFFIXES:
        for number, line in enumerate(lines, start=1):
            if (m := _YAML_IGNORE.search(line)):
                found.append(Suppression(number, {number}, codes(m.group("codes"))))
        return found
    open_range: Suppression | None = None
    for number, line in enumerate(lines, start=1):
        if (m := _MD_DISABLE_NEXT.search(line)):
            found.append(Suppression(number, {number + 1}, codes(m.group("codes"))))
        elif _MD_ENABLE.search(line):
            open_range = None
        elif (m := _MD_DISABLE.search(line)):
            open_range = Suppression(number, set(), codes(m.group("codes")))
            found.append(open_range)
        elif open_range is not None:
            open_range.lines.add(number)
    return found


def _progress_beside(path: Path, plan) -> tuple[object | None, list[Finding]]:
    """The progress record `plan.progress.yaml` beside a spec, if there is one, with its own
    problems (an unreadable record, ids the plan lacks) as findings located in it."""
    from planforge.spec.record_path import default_progress_path

    record = default_progress_path(path)
    if not record.is_file():
        return None, []
    from planforge.spec.record import load_progress

    try:
        loaded = load_progress(record, plan)
    except PlanforgeError as exc:
        return None, [Finding.of(p, file=p.file or str(record)) for p in exc.problems]
    return loaded, [Finding.of(w) for w in loaded.warnings]


def lint_file(path: Path, config: LintConfig, held: SourceFile | None = None, jobs: int | None = 1) -> FileResult:
    """Lint one file. `jobs`: processes its plans may be judged in (None: the machine's cores,
    when the document is large and holds many plans); 1, the default, forks nothing (an editor's
    server, a --fix run). A finding judged in another process keeps only the mark that it has a
    fix (lint/parallel.py): a caller that applies fixes lints with `jobs=1`, as --fix does."""
    source, plans, findings = _read(path, held)
    if plans is not None:
        plans.today = config.today
    result = _judge(str(path), source, plans, findings, config, jobs=jobs)
    if source is None and isinstance(plans, DocumentPlans):  # a DOCX: its places are paragraphs
        result.paragraphs = plans.document.lines
    return result


def lint_text(path: Path, text: str, config: LintConfig) -> FileResult:
    """Lint text held in memory (an editor's unsaved buffer) as `path`'s content: the same readers,
    rules, settings and suppression comments as `lint_file`. Only text formats (specs, Markdown,
    text); a spec's progress record is still read from beside `path`."""
    return lint_file(path, config, SourceFile(path, text, "utf-8"))


@dataclass(eq=False, repr=False)
class LintRun:
    """What a lint run made: each file's result, the files --fix rewrote and those it could not write."""

    results: list[FileResult]
    fixed: list[tuple[Path, int]] = field(default_factory=list)  # files --fix rewrote, and how many lines
    fix_failures: list[tuple[Path, Problem]] = field(default_factory=list)  # files --fix could not write


def lint_files(files: list[Path], config: LintConfig, fix: bool = False,
               on_file_done: Callable[[], object] = lambda: None, jobs: int | None = None) -> LintRun:
    """Lint each file (and, with `fix`, rewrite it to a fixed point); a file that cannot be
    written keeps its findings and is listed, never stops the run. `jobs`: files linted at once
    (None: as many as the machine has cores, when the files are enough to pay for the workers;
    1: one by one). The results are in `files`' order whichever way they were made."""
    from planforge.lint.fix import fix_until_stable  # fix.py rewrites text; the engine re-lints
    from planforge.lint.parallel import in_workers, parallel_workers, portable

    def lint_one_for_parent(index: int) -> FileResult:
        result = lint_file(files[index], config)
        findings = portable(result.findings)
        return FileResult(result.path, findings, [f for f in findings if f.fix], result.source, result.paragraphs)

    run = LintRun([])
    workers = 1 if fix else parallel_workers(files, jobs)
    if workers > 1:
        results = in_workers(lint_one_for_parent, len(files), workers)
    else:  # one by one; a large document may still split its plans between the cores
        results = (lint_file(f, config, jobs=1 if fix else jobs) for f in files)
    for file, result in zip(files, results, strict=True):
        if fix and result.fixes:
            result, total, failure = fix_until_stable(file, result, functools.partial(lint_file, file, config))
            if total:
                run.fixed.append((file, total))
            if failure is not None:
                run.fix_failures.append(failure)
        run.results.append(result)
        on_file_done()
    return run


def _loader_findings(loaded) -> list[Finding]:
    """The spec loader's warnings as findings, with the rewrite `--fix` makes where there is one
    (a number typed into a title)."""
    from planforge.lint.rules_numbering import typed_number_fix

    return [Finding.of(w, fix=typed_number_fix(w)) for w in loaded.warnings]


def lint_loaded_spec(loaded, config: LintConfig, severities: frozenset[str] | None = None) -> FileResult:
    """Lint a spec another command has already loaded (render checks what it renders without
    reading the file again). With `severities`, only the rules configured at those severities
    run: render asks for the errors alone, and the other rules are half of a big render's time."""
    name = str(loaded.source.path) if loaded.source else "<input>"
    warnings = _loader_findings(loaded)
    plans = MadePlans([LintContext(loaded.plan, name, False, loaded=loaded)])
    return _judge(name, loaded.source, plans, warnings, config, severities)


def _judge(name: str, source: SourceFile | None, plans: Plans | None, findings: list[Finding],
           config: LintConfig, severities: frozenset[str] | None = None, jobs: int | None = 1) -> FileResult:
    suppressions = _suppressions(source)

    def suppressed(code: str, line: int | None) -> bool:
        """For rules that gather several places into one finding (PF101/PF201 per section): a
        place its own comment suppresses is left out, and the comment counts as used."""
        covering = [s for s in suppressions if s.covers_line(code, line)]
        for s in covering:
            s.used = True
        return bool(covering)

    if plans is not None:
        plans.suppressed = suppressed
        findings = findings + _rules_over(plans, config, severities, suppressions, source, jobs)
    findings = [f for f in findings if config.enabled(f.code)]
    kept = _unsuppressed(findings, suppressions, name, config, judge_comments=severities is None)
    kept.sort(key=lambda f: (f.line or 0, f.col or 0, f.code))
    return FileResult(name, kept, [f for f in kept if f.fix], source)


def _rules_over(plans: Plans, config: LintConfig, severities: frozenset[str] | None,
                suppressions: list[Suppression], source: SourceFile | None, jobs: int | None) -> list[Finding]:
    """Every rule over every plan of a file. A large document's plans are inferred and judged
    in worker processes (lint/parallel.py), their findings put back in the serial order and the
    comments they used marked used here, so the result is the serial one. The plan that carries
    the document's text hygiene reads every line of it: it is made here, before the workers
    start (they share it), and its rules go out one by one, or that one plan would keep a core
    busy while the other had finished."""
    if jobs == 1:
        return _run_rules(plans.contexts(), config, severities)
    from planforge.lint.parallel import in_workers, plan_workers, portable

    workers = plan_workers(plans.count, lambda: plans.size, jobs)
    if workers == 1:
        return _run_rules(plans.contexts(), config, severities)
    hygiene = plans.hygiene_index
    if hygiene is not None:
        plans.context(hygiene)  # made here, before the fork, so every worker shares it
    parts: list[tuple[int, str | None]] = []  # (plan, one rule's code or None for all rules)
    for index in range(plans.count):
        parts += [(index, code) for code in RULES] if index == hygiene else [(index, None)]

    def judge_part(number: int) -> tuple[list[Finding], set[int]]:
        index, code = parts[number]
        ctx = plans.context(index)
        found = _run_rules([ctx], config, severities, code) if ctx is not None else []
        return portable(found), {n for n, s in enumerate(suppressions) if s.used}

    findings: list[Finding] = []
    for found, used in in_workers(judge_part, len(parts), workers):
        findings += found
        for n in used:
            suppressions[n].used = True
    return findings


def _run_rules(contexts: list[LintContext], config: LintConfig, severities: frozenset[str] | None = None,
               only: str | None = None) -> list[Finding]:
    """The rules' findings over `contexts`, plan by plan, rule by rule (`only`: that rule alone)."""
    findings: list[Finding] = []
    rules = RULES.items() if only is None else [(only, RULES[only])]
    for ctx in contexts:
        for code, rule in rules:
            if rule.check is None or not config.enabled(code) or (rule.documents_only and not ctx.is_document):
                continue
            if severities is not None and config.severity.get(code, rule.severity) not in severities:
                continue
            try:
                for line, col, args, fix in rule.check(ctx):
                    severity = config.severity.get(code, rule.severity)
                    if ctx.summary and code in SOFTENED_IN_SUMMARIES:
                        severity = "info"
                    # a rule may say its finding in another of its sentences: PF201.section
                    key = f"{code}.{args.pop('variant')}" if "variant" in args else code
                    file = args.pop("at_file", ctx.file)  # PF7xx point into the progress record
                    findings.append(Finding(code, key, args, file, line, col, severity, fix=fix))
            except Exception as error:  # a bug in a rule must not read as "no findings"
                raise InternalRuleError(code, ctx.file, error) from error
    return findings


def _unsuppressed(findings: list[Finding], suppressions: list[Suppression], name: str, config: LintConfig,
                  judge_comments: bool = True) -> list[Finding]:
    """The findings no comment suppresses, plus PF007 for each comment that suppressed nothing
    (when every rule ran: a comment for a rule that did not run has not been tested)."""
    kept = []
    for finding in findings:
        if finding.file not in (name, None):  # in another file (the progress record): its comments are not ours
            kept.append(finding)
            continue
        covering = [s for s in suppressions if s.covers(finding)]
        for s in covering:
            s.used = True
        if not covering:
            kept.append(finding)
    if judge_comments and config.enabled("PF007"):
        kept += [Finding("PF007", "PF007", {"codes": ", ".join(sorted(s.codes))}, name, s.comment_line,
                         severity=config.severity.get("PF007", "info")) for s in suppressions if not s.used]
    return kept


def exit_code(results: list[FileResult], fail_on: str) -> int:
    threshold = SEVERITIES.index(fail_on)
    return 1 if any(SEVERITIES.index(f.severity) <= threshold for r in results for f in r.findings) else 0
