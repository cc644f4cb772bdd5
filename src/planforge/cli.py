"""The `planforge` command: a thin layer of typer commands over the core.

Each command parses options, calls one core function and prints what it returns. Problems raised
by the core (`PlanforgeError`) become `file:line:col: CODE message` lines on stderr and the exit
codes of the README: 0 success, 1 the input has errors, 2 usage or I/O error. Heavy modules
(pydantic, jinja2, python-docx, jieba) are imported inside the commands, so `--version` and
`--help` start fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from planforge import __version__
from planforge.i18n import current_language, translate

# pydantic looks for plugins by scanning every installed distribution's entry points, which
# costs more than building all our models; a command-line run never uses them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

app = typer.Typer(
    name="planforge",
    help="起草、渲染和检查年度工作计划（YAML 规格 → Markdown / DOCX）。Draft, render and check Chinese work plans.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
MAX_MESSAGES = 50  # per run: 30,000 bad items must not print 60,000 lines
_state = {"lang": None}


def _lang() -> str:
    return current_language(_state["lang"])


def _say(key: str, **args: object) -> None:
    typer.echo(translate(key, _lang(), **args), err=True)


def _report(error) -> int:
    """Print a core error's problems (and a count when there are several); return its exit code."""
    problems = error.problems
    for problem in problems[:MAX_MESSAGES]:
        typer.echo(problem.format(_lang()), err=True)
    if len(problems) > MAX_MESSAGES:
        _say("more_problems", count=len(problems) - MAX_MESSAGES)
    if len(problems) > 1:
        _say("errors_found", count=sum(1 for p in problems if p.severity == "error"))
    return error.exit_code


def _guarded(command):
    """Turn core errors into located messages and exit codes; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from planforge.errors import PlanforgeError

        try:
            return command(*args, **kwargs)
        except PlanforgeError as exc:
            raise typer.Exit(_report(exc)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: say so plainly, exit 2, traceback only on request
            if os.environ.get("PLANFORGE_DEBUG"):
                raise
            _say("internal_error", detail=f"{type(exc).__name__}: {exc}")
            raise typer.Exit(EXIT_USAGE) from None

    return wrapper


@contextlib.contextmanager
def _busy(key: str, **args: object):
    """A spinner on a terminal while work that takes more than about a second runs (a 10,000-item
    DOCX, an import); nothing when stderr is piped, and nothing at all for quick runs."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield
        return
    import threading

    status = None
    lock = threading.Lock()
    stopped = False

    def start() -> None:
        nonlocal status
        from rich.console import Console

        with lock:
            if not stopped:
                status = Console(stderr=True).status(translate(f"busy_{key}", _lang(), **args))
                status.start()

    timer = threading.Timer(1.0, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            stopped = True
            timer.cancel()
            if status is not None:
                status.stop()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planforge {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / show the version"),
    lang: Optional[str] = typer.Option(None, "--lang", help="消息语言 zh 或 en（也可设 PLANFORGE_LANG）/ message language"),
) -> None:
    """planforge：年度工作计划的规格、渲染与检查。"""
    if lang is not None and lang[:2].lower() not in ("zh", "en"):
        from planforge.errors import usage_error

        raise typer.Exit(_report(usage_error("unknown_language", value=lang)))
    _state["lang"] = lang


def _print_warnings(warnings) -> None:
    for problem in warnings:
        typer.echo(problem.format(_lang()), err=True)


@app.command()
@_guarded
def render(
    plan: Path = typer.Argument(..., help="计划规格 YAML 文件 / plan spec"),
    to: Optional[str] = typer.Option(None, "--to", "-t", help="输出格式 md、docx、pdf；缺省按 -o 的扩展名，否则 md / output format"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出文件，- 为标准输出；缺省与规格同名 / output file, - for stdout"),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", help="自定义 Markdown 模板目录 / your own templates"),
    reference_docx: Optional[Path] = typer.Option(None, "--reference-docx", help="本单位 Word 模板（样式、版头）/ your Word template"),
    watch: bool = typer.Option(False, "--watch", help="规格或模板变化时自动重新渲染（Ctrl+C 结束）/ re-render on change"),
    force: bool = typer.Option(False, "--force", help="允许覆盖规格或输入文件 / allow overwriting a spec or an input"),
) -> None:
    """把计划规格渲染为 Markdown、DOCX 或 PDF。Render a plan spec.

    示例 / example: planforge render plan.yaml --to docx -o build/plan.docx
    """
    from planforge.errors import usage_error
    from planforge.fileio import write_atomic
    from planforge.render.formats import RenderOptions, plan_output, render_document
    from planforge.spec import load_plan

    if not plan.is_file():  # before --watch: watching a file that is not there waits for ever
        raise usage_error("file_not_found" if not plan.exists() else "not_a_file", path=str(plan))
    if template_dir is not None and not template_dir.is_dir():
        raise usage_error("file_not_found", path=str(template_dir))
    if reference_docx is not None and not reference_docx.is_file():
        raise usage_error("file_not_found", path=str(reference_docx))
    fmt, target = plan_output(plan, to, output, [reference_docx] if reference_docx else [], force)

    def render_once() -> None:
        with _busy("rendering", format=fmt):
            loaded = load_plan(plan)
            _print_warnings(loaded.warnings)
            data = render_document(loaded.plan, fmt, RenderOptions(template_dir, reference_docx))
        if target is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        write_atomic(target, data)
        _say("wrote", path=target)

    if not watch:
        render_once()
        return
    from planforge.errors import PlanforgeError
    from planforge.watch import watch_paths

    for _change in watch_paths([plan] + ([template_dir] if template_dir else [])):
        try:
            render_once()
        except PlanforgeError as exc:  # keep watching: the user is in the middle of an edit
            for problem in exc.problems:
                typer.echo(problem.format(_lang()), err=True)


@app.command()
@_guarded
def new(
    output: Path = typer.Option(Path("plan.yaml"), "--output", "-o", help="新规格文件 / the new spec file"),
    org: Optional[str] = typer.Option(None, "--org", help="单位名称 / organisation"),
    year: Optional[int] = typer.Option(None, "--year", help="计划年度 / plan year"),
    kind: str = typer.Option("union", "--kind", help="计划类型 / kind: union, school-union"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite an existing file"),
) -> None:
    """写出一份带注释、可直接渲染的计划规格。Write a commented starter spec.

    示例 / example: planforge new --org 市卫生健康局工会 --year 2027 -o plan.yaml
    """
    from planforge.errors import usage_error
    from planforge.fileio import write_atomic
    from planforge.options import check_org, check_spec_name, check_year
    from planforge.schema import SCHEMA_FILENAME, plan_schema_json
    from planforge.starters import available_kinds, default_year, make_starter

    kinds = available_kinds()
    if kind not in kinds:
        raise usage_error("unknown_kind", value=kind, choices=", ".join(kinds))
    check_spec_name(output)
    if output.exists() and not force:
        raise usage_error("exists_no_force", path=str(output))
    if org is not None:
        org = check_org(org)
    if year is not None:
        check_year(year)
    today = dt.date.today()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if org is None and interactive:
        org = check_org(typer.prompt(translate("prompt_org", _lang())))
    elif org is None:  # a placeholder, not an invented name: lint (PF401) and the editor flag it
        org = "某某单位工会"
        _say("org_placeholder")
    if year is None:
        year = check_year(typer.prompt(translate("prompt_year", _lang()), default=default_year(today), type=int)
                          if interactive else default_year(today))
    text = make_starter(kind, org, year, today)
    write_atomic(output, text.encode("utf-8"), exclusive=not force)
    _say("wrote", path=output)
    schema_path = output.parent / SCHEMA_FILENAME
    if not schema_path.exists():
        write_atomic(schema_path, plan_schema_json().encode("utf-8"))
        _say("wrote_schema_too", path=schema_path)
    _say("next_step_render", path=output)


@app.command()
@_guarded
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件；缺省输出到屏幕 / file to write"),
    force: bool = typer.Option(False, "--force", help="允许覆盖计划规格 / allow overwriting a plan spec"),
) -> None:
    """输出计划规格的 JSON Schema，供编辑器补全和校验。Print the spec's JSON Schema.

    示例 / example: planforge schema -o plan.schema.json
    """
    from planforge.fileio import guard_output, write_atomic
    from planforge.schema import plan_schema_json

    if output is not None:
        guard_output(output, [], force)
    text = plan_schema_json()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        _say("wrote", path=output)


@app.command("import")
@_guarded
def import_(
    document: Path = typer.Argument(..., help="上一年的计划文档：.docx、.md 或 .txt / last year's plan"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="规格文件；缺省与文档同名 .yaml / spec to write"),
    all_plans: bool = typer.Option(False, "--all", help="文件含多份计划时全部导出（plan-1.yaml、plan-2.yaml……）"),
    index: Optional[int] = typer.Option(None, "--index", min=1, help="只导出第 N 份计划 / only the N-th plan"),
    year: Optional[int] = typer.Option(None, "--year", help="文档没写年度时使用 / year when the document has none"),
    report: bool = typer.Option(False, "--report", help="列出清理、编号异常和占位符 / list repairs and anomalies"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite"),
) -> None:
    """把已有计划文档导入为规格。Import a plan document (DOCX, Markdown, text) as a spec.

    示例 / example: planforge import 2026年工作计划.docx -o plan-2026.yaml
    """
    from planforge.errors import usage_error
    from planforge.fileio import read_bytes, write_atomic
    from planforge.importing import imported_spec_text, output_paths
    from planforge.options import check_spec_name, check_year
    from planforge.readers import import_document

    if output is not None:
        check_spec_name(output)
    if year is not None:
        check_year(year)
    with _busy("importing"):
        result = import_document(document, year)
    chosen = list(enumerate(result.plans, start=1))
    if index is not None:
        if index > len(chosen):
            raise usage_error("index_out_of_range", count=len(chosen))
        chosen = [chosen[index - 1]]
    elif not all_plans:
        if len(chosen) > 1:
            _say("several_plans", source=document, count=len(chosen))
        chosen = chosen[:1]
    targets = output_paths(document, output, [n for n, _ in chosen], all_plans and len(result.plans) > 1)
    source_bytes = read_bytes(document)
    for (number, imported), target in zip(chosen, targets):
        if imported.summary:
            _say("summary_detected", source=document)
        text = imported_spec_text(imported, document, source_bytes, number if len(result.plans) > 1 else None)
        write_atomic(target, text.encode("utf-8"), exclusive=not force)
        _say("wrote", path=target)
        if report:
            for anomaly in imported.anomalies:
                typer.echo(f"{document}:{anomaly.line or '-'}: {translate('kind_' + anomaly.kind, _lang())} "
                           f"{anomaly.message(_lang())}", err=True)
            for line, placeholder in imported.placeholders:
                typer.echo(f"{document}:{line or '-'}: {translate('kind_placeholder', _lang())} {placeholder}", err=True)
    if report:
        for repair in result.repairs:
            typer.echo(f"{document}:{repair.line or '-'}: {translate('kind_' + repair.kind, _lang())} {repair.text}", err=True)


@app.command()
@_guarded
def rollover(
    plan: Path = typer.Argument(..., help="今年的计划规格 / this year's spec"),
    year: Optional[int] = typer.Option(None, "--year", help="新年度，缺省为下一年 / the new year"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="新规格文件 / the new spec"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite"),
) -> None:
    """把计划滚动到下一年，并列出需要人工决定的事项。Roll a plan forward a year.

    示例 / example: planforge rollover plan-2026.yaml --year 2027 -o plan-2027.yaml
    """
    from planforge.fileio import guard_output, read_bytes, write_atomic
    from planforge.importing import rolled_spec_text, rollover_output
    from planforge.options import check_rollover_year, check_spec_name, check_year
    from planforge.rollover import rollover as roll
    from planforge.spec import load_plan

    if output is not None:
        check_spec_name(output)
    if year is not None:
        check_year(year)
    loaded = load_plan(plan)
    new_year = check_rollover_year(loaded.plan.year, year)
    new_plan, checklist = roll(loaded.plan, new_year, plan, read_bytes(plan))
    target = output or rollover_output(plan, loaded.plan.year, new_year)
    guard_output(target, [plan], force)
    write_atomic(target, rolled_spec_text(new_plan, checklist, plan).encode("utf-8"), exclusive=not force)
    _say("wrote", path=target)
    for entry in checklist:
        typer.echo(f"{plan}:{entry.line or '-'}: {entry.message(_lang())}", err=True)


@app.command()
@_guarded
def diff(
    old: Path = typer.Argument(..., help="上一年的计划（规格或文档）/ the older plan"),
    new: Path = typer.Argument(..., help="本年的计划 / the newer plan"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | md | json；缺省：终端为表格，否则 md"),
) -> None:
    """对比两年计划的事项和指标。Compare two plans' items and targets.

    示例 / example: planforge diff plan-2026.yaml plan-2027.yaml --format md
    """
    from planforge.diff import diff_json, diff_markdown, diff_plans
    from planforge.errors import usage_error
    from planforge.readers import load_any_plan

    fmt = fmt or ("table" if sys.stdout.isatty() else "md")
    if fmt not in ("table", "md", "json"):
        raise usage_error("unknown_format", value=fmt, choices="table, md, json")
    result = diff_plans(load_any_plan(old), load_any_plan(new))
    if fmt == "json":
        typer.echo(diff_json(result), nl=False)
    elif fmt == "md":
        typer.echo(diff_markdown(result, _lang()), nl=False)
    else:
        _print_diff_table(result, _lang())


def _print_diff_table(result, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    def say(key: str, **args) -> str:
        return translate(key, lang, **args)

    console = Console()
    console.print(f"[bold]{say('diff_heading', old=result.old_year, new=result.new_year)}[/bold]")
    for key, rows, colour in (("diff_added", result.added, "green"), ("diff_removed", result.removed, "red")):
        for title in rows:
            console.print(f"[{colour}]{say(key)}[/{colour}] {escape(title)}")
    for title, before, after in result.moved:
        before, after = before or say("diff_top_level"), after or say("diff_top_level")
        console.print(f"[yellow]{say('diff_moved')}[/yellow] {escape(title)}：{escape(before)} → {escape(after)}")
    for before, after in result.renamed:
        console.print(f"[yellow]{say('diff_renamed')}[/yellow] {escape(before)} → {escape(after)}")
    if result.targets:
        table = Table(*say("diff_columns").split("|"))
        for t in result.targets:
            table.add_row(escape(t.item), escape(t.what), t.old, t.new, t.describe(lang))
        console.print(table)
    if result.empty:
        console.print(say("diff_none"))


@app.command()
@_guarded
def lint(
    paths: list[Path] = typer.Argument(..., help="规格、文档或目录 / specs, documents or folders"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | github | sarif"),
    select: Optional[str] = typer.Option(None, "--select", help="只检查这些规则（代码或名称，逗号分隔）"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="不检查这些规则"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error | warning | info（缺省 error）"),
    fix: bool = typer.Option(False, "--fix", help="自动修复安全的问题（标点、日期前导零、看不见的字符）/ apply safe fixes"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="列出跳过的文件及原因 / say which files were skipped and why"),
    only_plans: bool = typer.Option(False, "--only-plans", help="点名的文档也须符合 include 设置（pre-commit 钩子用）/ apply include to named documents"),
) -> None:
    """检查计划：指标、时间、重复、占位符、旧年份、编号。Lint plans for CI and pre-commit.

    示例 / example: planforge lint plans/ --format github
    """
    from planforge.errors import usage_error
    from planforge.lint import config as settings
    from planforge.lint.engine import InternalRuleError, collect_files, exit_code, lint_file
    from planforge.lint.output import REPORTER_BY_NAME, format_text

    if fmt not in REPORTER_BY_NAME:
        raise usage_error("unknown_format", value=fmt, choices=", ".join(REPORTER_BY_NAME))
    config, fail_on = settings.resolve(select, ignore, fail_on, Path.cwd())
    for path in paths:
        if not path.exists():
            raise usage_error("file_not_found", path=str(path))
    selection = collect_files(paths, config.include, config.root, only_plans)
    explicit = {p for p in paths if not p.is_dir()}
    for skipped, reason in selection.skipped:
        if verbose or (skipped in explicit and not only_plans):
            _say(reason, path=skipped)
    files = selection.files
    if not files and selection.explicit_skips == len(paths):
        raise typer.Exit(EXIT_OK)  # pre-commit named only files that are not plans: nothing to judge
    if not files:
        raise usage_error("no_files")
    results = []
    fix_failures = []
    progress = _progress(len(files))
    try:
        for file in files:
            result = lint_file(file, config)
            if fix and result.fixes:
                from planforge.lint.fix import fix_until_stable

                result, total, failure = fix_until_stable(file, result, config)
                if total:
                    _say("fixed", count=total, path=file)
                if failure is not None:
                    fix_failures.append(failure)
            results.append(result)
            progress()
    except InternalRuleError as exc:
        _say("rule_crashed", code=exc.code, file=exc.file, detail=f"{type(exc.error).__name__}: {exc.error}")
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        progress(done=True)
    if fmt == "text":
        typer.echo(format_text(results, _lang(), show_source=sys.stdout.isatty()), nl=False)
    else:
        typer.echo(REPORTER_BY_NAME[fmt](results, _lang()), nl=False)
    for file, problem in fix_failures:  # after the findings: the user still sees what is wrong
        reason = problem.args.get("reason")
        _say("fix_failed", path=file, reason=reason.message(_lang()) if reason is not None else problem.message(_lang()))
    raise typer.Exit(EXIT_USAGE if fix_failures else exit_code(results, fail_on))


def _progress(total: int):
    """A progress bar on a terminal for long runs; nothing otherwise."""
    if total < 20 or not sys.stderr.isatty():
        return lambda done=False: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("planforge lint", total=total)
    bar.start()

    def advance(done: bool = False) -> None:
        if done:
            bar.stop()
        else:
            bar.advance(task)

    return advance


@app.command()
@_guarded
def show(
    plan: Path = typer.Argument(..., help="规格或文档 / a spec or a document"),
) -> None:
    """在终端预览计划：编号大纲、指标表和全年进度。Preview a plan in the terminal.

    示例 / example: planforge show plan.yaml
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from planforge.preview import build_preview
    from planforge.readers import load_any_plan

    with _busy("show"):
        preview = build_preview(load_any_plan(plan))
    lang = _lang()

    def say(key: str) -> str:
        return translate(key, lang)

    console = Console()
    console.print(Text(preview.title, style="bold"))
    for row in preview.outline:
        line = Text("  " * (row.level - 1) + row.label, style="bold" if row.level == 1 else "")
        if row.no_target:
            line.append(f"  [{say('badge_no_target')}]", style="yellow")
        if row.no_time:
            line.append(f"  [{say('badge_no_time')}]", style="magenta")
        console.print(line)
    if preview.targets:  # cells are Text, never markup: a title may hold [brackets]
        table = Table(*say("show_target_columns").split("|"), title=say("show_targets_title"))
        for row in preview.targets:
            table.add_row(*(Text(str(row[key])) for key in ("index", "what", "value", "baseline", "owner")))
        console.print(table)
    if preview.timeline:
        from rich import box

        timeline = Table(title=say("show_timeline_title"), box=box.SIMPLE, pad_edge=False, padding=(0, 0))
        timeline.add_column(say("show_timeline_item"), no_wrap=True, max_width=24, overflow="ellipsis")
        for m in range(1, 13):
            timeline.add_column(f"{m:>2}", justify="center", min_width=3, no_wrap=True)
        for row in preview.timeline:
            timeline.add_row(Text(row.label), *["██" if m in row.months else " ·" for m in range(1, 13)])
        console.print(timeline)


@app.command()
def rules() -> None:
    """列出全部检查规则。List every lint rule with its code, severity and meaning.

    示例 / example: planforge rules
    """
    from planforge.lint.engine import RULES  # the engine imports every rule module

    lang = _lang()
    for rule in RULES.values():
        summary = rule.summary_en if lang == "en" else rule.summary_zh
        other = rule.summary_zh if lang == "en" else rule.summary_en
        typer.echo(f"{rule.code}  {rule.name:<26} {rule.severity:<8} {summary} / {other}")


def _terminate(signum, _frame) -> None:
    """SIGTERM unwinds like Ctrl+C, so a half-written temporary file is removed, never left."""
    raise SystemExit(128 + signum)


def _language_from_argv(argv: list[str]) -> str:
    """The language before click has parsed anything: usage errors happen before the callback."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return current_language(argv[index + 1])
        if arg.startswith("--lang="):
            return current_language(arg.split("=", 1)[1])
    return current_language(None)


def main(argv: Optional[list[str]] = None) -> None:
    import signal

    from planforge.cli_usage import click_exceptions, describe_usage_error, localise_completion

    signal.signal(signal.SIGTERM, _terminate)
    argv = sys.argv[1:] if argv is None else argv
    lang = _language_from_argv(argv)
    command = typer.main.get_command(app)
    localise_completion(command, lang)
    try:
        code = command.main(args=argv, prog_name="planforge", standalone_mode=False)
    except click_exceptions().UsageError as exc:  # click's English replaced by our catalogue
        if type(exc).__name__ == "NoArgsIsHelpError":  # click ≥ 8.2 raises where 8.1 printed the help
            command.main(args=["--help"], prog_name="planforge", standalone_mode=False)
            sys.exit(EXIT_OK)
        for line in describe_usage_error(exc, command, argv, lang):
            typer.echo(line, err=True)
        sys.exit(EXIT_USAGE)
    except (typer.Abort, getattr(click_exceptions(), "Abort", typer.Abort)):
        typer.echo("", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `planforge render x -o - | head`: the reader left, which is not an error
        sys.stderr.close()
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
