"""`planforge import`, `rollover` and `diff`: last year's plan brought forward and compared."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from planforge.cli.app import _guarded, _lang, _print_warnings, _say


@_guarded
def import_(
    document: Path = typer.Argument(..., help="上一年的计划文档：.docx、.md 或 .txt / last year's plan"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="规格文件；缺省与文档同名 .yaml / spec to write"),
    all_plans: bool = typer.Option(False, "--all", help="文件含多份计划时全部导出（plan-1.yaml、plan-2.yaml……）"),
    index: Optional[int] = typer.Option(None, "--index", min=1, help="只导出第 N 份计划 / only the N-th plan"),
    year: Optional[int] = typer.Option(None, "--year", help="文档没写年度时使用 / year when the document has none"),
    report: bool = typer.Option(False, "--report", help="列出清理、编号异常和占位符 / list repairs and anomalies"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite"),
    progress_for: Optional[Path] = typer.Option(None, "--progress-for", help="把工作总结读成这份计划的进度记录 / read a summary into this plan's progress record"),
) -> None:
    """把已有计划文档导入为规格。Import a plan document (DOCX, Markdown, text) as a spec.

    示例 / example: planforge import 2026年工作计划.docx -o plan-2026.yaml
    """
    from planforge.cli.import_run import ImportArgs, run_import

    run_import(ImportArgs(document, output, all_plans, index, year, report, force, progress_for))


@_guarded
def rollover(
    plan: Path = typer.Argument(..., help="今年的计划规格 / this year's spec"),
    year: Optional[str] = typer.Option(None, "--year", help="新年度（如 2028，或 next 即下一年），缺省为下一年 / the new year, or next"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="新规格文件 / the new spec"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite"),
    progress: Optional[Path] = typer.Option(None, "--progress", help="进度记录，缺省为同名 .progress.yaml（如有）：基数取完成值 / the progress record"),
    no_progress: bool = typer.Option(False, "--no-progress", help="不使用进度记录 / ignore the progress record"),
) -> None:
    """把计划滚动到下一年，并列出需要人工决定的事项。Roll a plan forward a year.

    示例 / example: planforge rollover plan-2026.yaml --year 2027 -o plan-2027.yaml
    """
    from planforge.cli.options import check_rollover_year, check_spec_name, check_year
    from planforge.fileio import guard_output, write_atomic
    from planforge.reuse.drafts import rolled_spec_text, rollover_output
    from planforge.reuse.rollover import rollover as roll
    from planforge.spec.load import load_plan

    if output is not None:
        check_spec_name(output)
    requested = _rollover_year(year)
    if requested is not None:
        check_year(requested)
    loaded = load_plan(plan)
    new_year = check_rollover_year(loaded.plan.year, requested)
    record = None
    if not no_progress:
        from planforge.spec.record import load_progress
        from planforge.spec.record_path import default_progress_path

        record_path = progress or default_progress_path(plan)
        if progress is not None or record_path.is_file():
            loaded_record = load_progress(record_path, loaded.plan)
            _print_warnings(loaded_record.warnings)
            record = loaded_record.record
            _say("rollover_uses_progress", path=record_path)
    # the spec's hash from the one read that loaded it
    new_plan, checklist = roll(loaded.plan, new_year, plan, loaded.source.sha256 if loaded.source else None, progress=record)
    target = output or rollover_output(plan, loaded.plan.year, new_year)
    guard_output(target, [plan], force)
    source = loaded.source
    text = rolled_spec_text(new_plan, checklist, plan, source.text if source is not None else None)
    # next year's file as this year's was kept: its encoding, byte-order mark and line endings (CRLF from Notepad)
    data = source.encode(text.replace("\n", source.newline)) if source is not None else text.encode("utf-8")
    write_atomic(target, data, exclusive=not force)
    _say("wrote", path=target)
    for entry in checklist:
        typer.echo(f"{plan}:{entry.line or '-'}: {entry.message(_lang())}", err=True)


def _record_beside(spec: Path, plan, explicit: Optional[Path]):
    """The progress record of `plan`: the one named, or the one beside its spec if there is one."""
    from planforge.spec import SPEC_SUFFIXES
    from planforge.spec.record import load_progress
    from planforge.spec.record_path import default_progress_path

    path = explicit or default_progress_path(spec)
    if explicit is None and (spec.suffix.lower() not in SPEC_SUFFIXES or not path.is_file()):
        return None
    loaded = load_progress(path, plan)
    _print_warnings(loaded.warnings)
    return loaded.record


def _rollover_year(value: Optional[str]) -> Optional[int]:
    """`--year 2028`, `--year next` (or 下一年, 明年): the year asked for, None for the next one."""
    from planforge.errors import usage_error

    if value is None or value.strip().lower() in ("next", "下一年", "明年"):
        return None
    text = value.strip().removesuffix("年")
    if not text.isascii() or not text.isdigit():
        raise usage_error("rollover_bad_year", value=value)
    return int(text)


@_guarded
def diff(
    old: Path = typer.Argument(..., help="上一年的计划（规格或文档）/ the older plan"),
    new: Path = typer.Argument(..., help="本年的计划 / the newer plan"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | md | json；缺省：终端为表格，否则 md"),
    progress: Optional[Path] = typer.Option(None, "--progress", help="上一年的进度记录，缺省为 OLD 同名 .progress.yaml（如有）：列出上年完成值 / last year's record"),
    no_progress: bool = typer.Option(False, "--no-progress", help="不使用进度记录 / ignore the progress record"),
) -> None:
    """对比两年计划的事项和指标。Compare two plans' items and targets.

    示例 / example: planforge diff plan-2026.yaml plan-2027.yaml --format md
    """
    from planforge.errors import usage_error
    from planforge.readers import load_any_plan
    from planforge.reuse.diff import diff_json, diff_markdown, diff_plans

    fmt = fmt or ("table" if sys.stdout.isatty() else "md")
    if fmt not in ("table", "md", "json"):
        raise usage_error("unknown_format", value=fmt, choices="table, md, json")
    old_plan = load_any_plan(old)
    record = None if no_progress else _record_beside(old, old_plan, progress)
    result = diff_plans(old_plan, load_any_plan(new), record)
    if fmt == "json":
        typer.echo(diff_json(result), nl=False)
    elif fmt == "md":
        typer.echo(diff_markdown(result, _lang()), nl=False)
    else:
        from planforge.cli.paint import print_diff_table

        print_diff_table(result, _lang())
