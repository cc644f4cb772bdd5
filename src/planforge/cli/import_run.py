"""`planforge import` itself, without typer: the command's work (cli/reuse.py declares its options
for typer and `--help`), and the plain reading of its arguments (cli/plain_args.py). A user imports
last year's document once a year, but a small one waits mostly on start-up, and typer's option
adapters alone cost about as much as reading the document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import planforge.cli.plain as plain
from planforge.cli.plain_args import PlainOptions, read_plain

# The options of `import` (cli/reuse.py): the attribute each sets, by every spelling click accepts.
_OPTIONS = PlainOptions(
    valued={"--output": "output", "-o": "output", "--index": "index", "--year": "year", "--progress-for": "progress_for"},
    flags={"--all": "all_plans", "--report": "report", "--force": "force"},
)


@dataclass
class ImportArgs:
    document: Path
    output: Path | None = None
    all_plans: bool = False
    index: int | None = None
    year: int | None = None
    report: bool = False
    force: bool = False
    progress_for: Path | None = None


def run_import(args: ImportArgs) -> None:
    """Import the document as a spec (or, with `progress_for`, a summary as a progress record);
    a core error is raised for the caller to report."""
    from planforge.errors import usage_error

    if args.progress_for is not None:
        unused = [name for name, given in (("--all", args.all_plans), ("--index", args.index is not None),
                                           ("--year", args.year is not None), ("--report", args.report)) if given]
        if unused:
            raise usage_error("progress_for_alone", options="、".join(unused))
        _import_progress(args.document, args.progress_for, args.output, args.force)
        return
    _import_plan(args)


def _import_plan(args: ImportArgs) -> None:
    from planforge.cli.options import check_spec_name, check_year
    from planforge.errors import usage_error
    from planforge.fileio import write_atomic
    from planforge.i18n import translate
    from planforge.readers import import_document
    from planforge.reuse.drafts import imported_spec_text, output_paths

    document, index = args.document, args.index
    if args.output is not None:
        check_spec_name(args.output)
    if args.year is not None:
        check_year(args.year)
    with plain.busy("importing"), plain.collector_paused():
        result = import_document(document, args.year)
    chosen = list(enumerate(result.plans, start=1))
    if index is not None:
        if index > len(chosen):
            raise usage_error("index_out_of_range", count=len(chosen))
        chosen = [chosen[index - 1]]
    elif not args.all_plans:
        if len(chosen) > 1:
            plain.say("several_plans", source=document, count=len(chosen))
        chosen = chosen[:1]
    targets = output_paths(document, args.output, [n for n, _ in chosen], args.all_plans and len(result.plans) > 1)
    for (number, imported), target in zip(chosen, targets, strict=True):
        if imported.summary:
            plain.say("summary_detected", source=document)
        text = imported_spec_text(imported, document, result.sha256, number if len(result.plans) > 1 else None)
        write_atomic(target, text.encode("utf-8"), exclusive=not args.force)
        plain.say("wrote", path=target)
        if imported.left_out:
            _say_left_out(document, imported.left_out)
        if args.report:
            _report_guesses(document, imported)
    if args.report:
        for repair in result.repairs:
            plain.echo(f"{document}:{repair.line or '-'}: {translate('kind_' + repair.kind, plain.lang())} {repair.text}", err=True)


def _say_left_out(document: Path, left_out: list[tuple[int | None, str]]) -> None:
    """What the spec could not hold, by line (as the linter lists lines; by paragraph in a DOCX)."""
    from planforge.errors import in_paragraphs
    from planforge.i18n import line_list, translate, translate_in_paragraphs

    lines = line_list(line for line, _text in left_out if line is not None)
    said = translate_in_paragraphs if in_paragraphs(str(document)) else translate
    plain.echo(said("left_out", plain.lang(), source=document, count=len(left_out), lines=lines or "-"), err=True)


def _report_guesses(document: Path, imported) -> None:
    """`import --report`: a plan's numbering anomalies and placeholders, located in the document."""
    from planforge.errors import in_paragraphs
    from planforge.i18n import translate

    lang, word_file = plain.lang(), in_paragraphs(str(document))
    for anomaly in imported.anomalies:
        said = anomaly.message(lang, word_file)
        plain.echo(f"{document}:{anomaly.line or '-'}: {translate('kind_' + anomaly.kind, lang)} {said}", err=True)
    for line, placeholder in imported.placeholders:
        plain.echo(f"{document}:{line or '-'}: {translate('kind_placeholder', lang)} {placeholder}", err=True)


def _import_progress(document: Path, plan: Path, output: Path | None, force: bool) -> None:
    """`import 总结.docx --progress-for plan-2026.yaml`: the summary as the plan's progress record."""
    from planforge.errors import usage_error
    from planforge.readers import document_blocks
    from planforge.readers.summary import match_summary, record_from_summary
    from planforge.spec.load import load_plan
    from planforge.spec.record_path import default_progress_path
    from planforge.spec.record_write import check_new_record, write_record

    loaded = load_plan(plan)
    target = output or default_progress_path(plan)
    check_new_record(target, loaded.plan, plan, [plan, document], force)
    with plain.busy("importing"), plain.collector_paused():
        matches = match_summary(loaded.plan, document_blocks(document))
    if not any(m.excerpt is not None for m in matches):
        raise usage_error("progress_summary_matched_nothing", path=str(document), total=len(matches))
    text = record_from_summary(loaded.plan, plan.name, matches, document.name)
    schema_path = write_record(target, text, force)
    if schema_path is not None:
        plain.say("wrote_schema_too", path=schema_path)
    found = sum(1 for m in matches if m.excerpt is not None)
    plain.say("progress_imported", path=target, found=found, total=len(matches))


def _plain_number(text: str | None, least: int = 0) -> bool:
    """Whether an option's value (if given) is a number click reads the same way: ASCII digits,
    at least `least`. A sign, a space, ２０２７ or --index 0 is typer's to judge and word."""
    return text is None or (text.isascii() and text.isdigit() and int(text) >= least)


def read_plain_args(argv: list[str]) -> tuple[str | None, ImportArgs] | None:
    """(the `--lang` value, the import arguments) when `argv` is a plain `[--lang L] import DOC …`;
    None when typer should read it."""
    read = read_plain(argv, "import", _OPTIONS)
    if read is None or len(read.paths) != 1 or read.paths[0] == "-":
        return None
    index, year = read.values.get("index"), read.values.get("year")
    if not (_plain_number(index, least=1) and _plain_number(year)):
        return None
    if "" in read.values.values():
        return None  # an empty path: click's own words for it
    paths = {name: Path(read.values[name]) for name in ("output", "progress_for") if name in read.values}
    given: list[Path] = [Path(read.paths[0]), *paths.values()]
    if any(os.path.exists(path) and not os.access(path, os.R_OK) for path in given):
        return None  # click refuses a path it may not read, in its own words
    args = ImportArgs(Path(read.paths[0]), paths.get("output"), "all_plans" in read.flags,
                      int(index) if index else None, int(year) if year else None,
                      "report" in read.flags, "force" in read.flags, paths.get("progress_for"))
    return read.lang, args


def plain_main(argv: list[str]) -> int | None:
    """Run `planforge import` from plain arguments and return its exit code; None when typer must
    read `argv`."""
    read = read_plain_args(argv)
    return None if read is None else plain.run_plain(read[0], run_import, read[1])
