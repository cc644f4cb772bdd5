"""The `planforge` command: a thin layer of typer commands over the core.

Each command parses options, calls one core function and prints what it returns. Problems raised
by the core (`PlanforgeError`) become `file:line:col: CODE message` lines on stderr and the exit
codes of the README: 0 success, 1 the input has errors, 2 usage or I/O error. Heavy modules
(pydantic, jinja2, python-docx, jieba) are imported inside the commands, so `--version` and
`--help` start fast.
"""

from __future__ import annotations

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
_state = {"lang": None}


def _lang() -> str:
    return current_language(_state["lang"])


def _say(key: str, **args: object) -> None:
    typer.echo(translate(key, _lang(), **args), err=True)


def _guarded(command):
    """Turn core errors into located messages and exit codes; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from planforge.errors import PlanforgeError

        try:
            return command(*args, **kwargs)
        except PlanforgeError as exc:
            for problem in exc.problems:
                typer.echo(problem.format(_lang()), err=True)
            errors = sum(1 for p in exc.problems if p.severity == "error")
            if len(exc.problems) > 1:
                _say("errors_found", count=errors)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: say so plainly, exit 2, traceback only on request
            if os.environ.get("PLANFORGE_DEBUG"):
                raise
            _say("internal_error", detail=f"{type(exc).__name__}: {exc}")
            raise typer.Exit(EXIT_USAGE) from None

    return wrapper


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
        raise typer.BadParameter("zh | en", param_hint="--lang")
    _state["lang"] = lang


def _print_warnings(warnings) -> None:
    for problem in warnings:
        typer.echo(problem.format(_lang()), err=True)


@app.command()
@_guarded
def render(
    plan: Path = typer.Argument(..., help="计划规格 YAML 文件 / plan spec"),
    to: str = typer.Option("md", "--to", "-t", help="输出格式 / output format: md, docx, pdf"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出文件，- 为标准输出；缺省与规格同名 / output file, - for stdout"),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", help="自定义 Markdown 模板目录 / your own templates"),
    reference_docx: Optional[Path] = typer.Option(None, "--reference-docx", help="本单位 Word 模板（样式、版头）/ your Word template"),
) -> None:
    """把计划规格渲染为 Markdown、DOCX 或 PDF。Render a plan spec.

    示例 / example: planforge render plan.yaml --to docx -o build/plan.docx
    """
    from planforge.errors import usage_error
    from planforge.fileio import write_atomic
    from planforge.render.formats import RENDERER_BY_FORMAT, RenderOptions, default_output, render_document
    from planforge.spec import load_plan

    if to not in RENDERER_BY_FORMAT:
        raise usage_error("unknown_format", value=to, choices=", ".join(RENDERER_BY_FORMAT))
    if template_dir is not None and not template_dir.is_dir():
        raise usage_error("file_not_found", path=str(template_dir))
    if reference_docx is not None and not reference_docx.is_file():
        raise usage_error("file_not_found", path=str(reference_docx))
    loaded = load_plan(plan)
    _print_warnings(loaded.warnings)
    data = render_document(loaded.plan, to, RenderOptions(template_dir, reference_docx))
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(output) if output else default_output(plan, to)
    write_atomic(target, data)
    _say("wrote", path=target)


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
    from planforge.schema import SCHEMA_FILENAME, plan_schema_json
    from planforge.starters import available_kinds, default_year, make_starter

    kinds = available_kinds()
    if kind not in kinds:
        raise usage_error("unknown_kind", value=kind, choices=", ".join(kinds))
    if output.exists() and not force:
        raise usage_error("exists_no_force", path=str(output))
    today = dt.date.today()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if org is None:
        org = typer.prompt(translate("prompt_org", _lang())) if interactive else "市卫生健康局工会"
    if year is None:
        year = typer.prompt(translate("prompt_year", _lang()), default=default_year(today), type=int) if interactive else default_year(today)
    if not 2000 <= year <= 2100:
        raise typer.BadParameter(translate("year_range", _lang()), param_hint="--year")
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
) -> None:
    """输出计划规格的 JSON Schema，供编辑器补全和校验。Print the spec's JSON Schema.

    示例 / example: planforge schema -o plan.schema.json
    """
    from planforge.fileio import write_atomic
    from planforge.schema import plan_schema_json

    text = plan_schema_json()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        _say("wrote", path=output)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
