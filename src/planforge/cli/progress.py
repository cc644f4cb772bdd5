"""`planforge progress init|set` and `planforge status`: the plan's year as it unfolds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from planforge.cli.app import _deliver, _guarded, _lang, _print_warnings, _say
from planforge.cli.plain import EXIT_INPUT
from planforge.cli.plain import date_option as _date

progress_app = typer.Typer(help="进度记录：逐项记录状态和完成值。Track items and actual values.",
                           no_args_is_help=True)


def _record_path(plan: Path, record: Optional[Path]) -> Path:
    from planforge.spec.record_path import default_progress_path

    return record or default_progress_path(plan)


@progress_app.command("init")
@_guarded
def progress_init(
    plan: Path = typer.Argument(..., help="计划规格 / plan spec"),
    record: Optional[Path] = typer.Option(None, "--record", "-r", help="进度记录文件；缺省为 计划名.progress.yaml / record file"),
    force: bool = typer.Option(False, "--force", help="覆盖已有的进度记录 / replace an existing record"),
) -> None:
    """写出进度记录初稿：列出全部事项和指标。Write a starter progress record."""
    from planforge.spec.load import load_plan
    from planforge.spec.record_write import check_new_record, starter_text, write_record

    target = _record_path(plan, record)
    loaded = load_plan(plan)
    check_new_record(target, loaded.plan, plan, [plan], force)
    text, without_id = starter_text(loaded.plan, plan.name)
    schema_path = write_record(target, text, force)
    if schema_path is not None:
        _say("wrote_schema_too", path=schema_path)
    if without_id:
        _say("progress_no_ids", count=len(without_id), titles="、".join(i.title[:12] for i in without_id[:5]))
    _say("wrote", path=target)


@progress_app.command("set")
@_guarded
def progress_set(
    plan: Path = typer.Argument(..., help="计划规格 / plan spec"),
    item: str = typer.Argument(..., help="事项 id / the item's id"),
    status: Optional[str] = typer.Option(None, "--status", "-s", help="未开始、进行中、已完成、已取消、延期（或 not-started、in-progress、done、cancelled、postponed；完成、推迟、取消 也可）"),
    actual: Optional[str] = typer.Option(None, "--actual", "-a", help="完成值：1650、1.2万、97.5%、百分之九十七点五 / the value achieved"),
    what: Optional[str] = typer.Option(None, "--what", help="事项有多个指标时，指标名称的一部分 / which target"),
    note: Optional[str] = typer.Option(None, "--note", "-n", help="说明 / a note"),
    date: Optional[str] = typer.Option(None, "--date", help="日期 YYYY-MM-DD，缺省为今天 / date, default today"),
    record: Optional[Path] = typer.Option(None, "--record", "-r", help="进度记录文件 / record file"),
) -> None:
    """修改一个事项的进度（保留注释和顺序）。Update one item's progress, keeping comments."""
    from planforge.spec.load import load_plan
    from planforge.spec.record_edit import Change, set_progress

    if status is None and actual is None and note is None:
        from planforge.errors import usage_error

        raise usage_error("progress_nothing_to_set", id=item)
    on = _date(date)
    loaded_plan = load_plan(plan)
    path = set_progress(loaded_plan.plan, _record_path(plan, record), item,
                        Change(status, note, actual, what, on if date else None), on)
    _say("wrote", path=path)
    from planforge.model.record import status_name

    dated = actual is not None or (status is not None and status_name(status) in ("done", "in-progress"))
    if dated and on.year != loaded_plan.plan.year:  # a slip of the year, or today before the plan's year
        _say("progress_date_outside_year", date=on.isoformat(), year=loaded_plan.plan.year)
    if date is not None and not dated:  # 已取消, 延期, 未开始 or a note alone: the record has no date for it
        from planforge.i18n import Bilingual
        from planforge.model.record import STATUSES

        state = status_name(status) if status is not None else None
        named = Bilingual(f"“{STATUSES[state]}”", f"“{state}”") if state else Bilingual("只改说明时", "a note alone")
        _say("progress_date_not_kept", status=named, date=on.isoformat())


@_guarded
def status(
    plan: Path = typer.Argument(..., help="计划规格 / plan spec"),
    record: Optional[Path] = typer.Option(None, "--record", "-r", help="进度记录文件 / record file"),
    date: Optional[str] = typer.Option(None, "--date", help="按哪一天计算，缺省为今天 / as of, default today"),
    fmt: str = typer.Option("text", "--format", "-f", help="text、json、md"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="overdue：有逾期事项时退出码为 1 / exit 1 on overdue items"),
) -> None:
    """全年进度：各部分完成比例、逾期事项、指标完成情况。The year so far.

    示例 / example: planforge status plan.yaml --format json
    """
    import json

    from planforge.errors import usage_error
    from planforge.model.status import year_status
    from planforge.render.status import status_markdown
    from planforge.spec.load import load_plan
    from planforge.spec.record import load_progress

    if fmt not in ("text", "json", "md"):
        raise usage_error("unknown_format", value=fmt, choices="text, json, md")
    if fail_on not in (None, "overdue"):
        raise usage_error("status_bad_fail_on", value=fail_on)
    loaded_plan = load_plan(plan)
    loaded = load_progress(_record_path(plan, record), loaded_plan.plan)
    _print_warnings(loaded.warnings)
    today = _date(date)
    result = year_status(loaded_plan.plan, loaded.record, today)
    if date is None:
        _say_later_records(loaded_plan.plan, loaded.record, today)
    if fmt == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "md":
        sys.stdout.write(status_markdown(result))
    else:
        from planforge.cli.paint import print_status

        print_status(result, _lang())
    if fail_on == "overdue" and result["totals"]["overdue"]:
        raise typer.Exit(EXIT_INPUT)


def _say_later_records(plan, record, today, half: bool = False) -> None:
    """Progress recorded after today is not counted as of today: said, with the --date that counts it."""
    from planforge.model.status import counted_later

    later = counted_later(plan, record, today, half)
    if later:
        _say("records_after_date", count=len(later), date=today.isoformat(), last=max(later.values()).isoformat())


@_guarded
def report(
    plan: Path = typer.Argument(..., help="计划规格 / plan spec"),
    to: Optional[str] = typer.Option(None, "--to", "-t", help="md、docx、pdf；缺省按 -o 的扩展名，否则 md"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出文件，- 为标准输出；缺省为 计划名.report.md"),
    record: Optional[Path] = typer.Option(None, "--record", "-r", help="进度记录文件 / record file"),
    date: Optional[str] = typer.Option(None, "--date", help="总结截至哪一天，缺省为今天 / as of, default today"),
    half: bool = typer.Option(False, "--half", help="半年总结 / a half-year summary"),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", help="自定义 Markdown 模板目录 / your own templates"),
    reference_docx: Optional[Path] = typer.Option(None, "--reference-docx", help="本单位 Word 模板 / your Word template"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已有的总结草稿、规格或输入文件 / allow overwriting an existing draft, a spec or an input"),
) -> None:
    """起草年度（或半年）工作总结。Draft the year-end summary.

    逐部分写明完成情况、完成值与目标对照，附目标任务完成情况一览表。

    示例 / example: planforge report plan-2027.yaml --to docx -o 2027年工作总结.docx
    """
    from planforge.cli.options import check_template_dir
    from planforge.errors import usage_error
    from planforge.render.formats import RenderOptions, plan_output, render_renderable
    from planforge.render.report import report_renderable, writer_slots
    from planforge.spec.load import load_plan
    from planforge.spec.record import load_progress

    check_template_dir(template_dir)
    if reference_docx is not None and not reference_docx.is_file():
        raise usage_error("file_not_found", path=str(reference_docx))
    record_path = _record_path(plan, record)
    report_name = plan.with_name(f"{plan.stem}.report{plan.suffix}")
    fmt, target = plan_output(report_name, to, output, [plan, record_path] + ([reference_docx] if reference_docx else []), force)
    if target is not None and not force and target.is_file():  # a draft a person may have filled in since
        raise usage_error("exists_no_force", path=str(target))
    loaded_plan = load_plan(plan)
    loaded = load_progress(record_path, loaded_plan.plan)
    _print_warnings(loaded.warnings)
    today = _date(date)
    if date is None:
        _say_later_records(loaded_plan.plan, loaded.record, today, half)
    document = report_renderable(loaded_plan.plan, loaded.record, today, half)
    data = render_renderable(document, fmt, RenderOptions(template_dir, reference_docx))
    _deliver(data, target, keep_existing=not force and target is not None and not target.exists())  # /dev/stdout is written to
    slots = writer_slots(document.plan)
    if slots:
        _say("report_slots", count=slots)
