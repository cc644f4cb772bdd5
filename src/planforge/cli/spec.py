"""`planforge new` and `planforge schema`: a starter spec to edit, and the spec's JSON Schema."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

import typer

from planforge.cli.app import _guarded, _lang, _say
from planforge.i18n import translate


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
    from planforge.cli.options import check_org, check_spec_name, check_year
    from planforge.errors import usage_error
    from planforge.fileio import write_atomic
    from planforge.spec.schema import SCHEMA_FILENAME, plan_schema_json
    from planforge.spec.starters import available_kinds, default_year, make_starter

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


@_guarded
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件；缺省输出到屏幕 / file to write"),
    force: bool = typer.Option(False, "--force", help="允许覆盖计划规格 / allow overwriting a plan spec"),
    progress: bool = typer.Option(False, "--progress", help="输出进度记录的 JSON Schema / the progress record's schema"),
) -> None:
    """输出计划规格的 JSON Schema，供编辑器补全和校验。Print the spec's JSON Schema.

    示例 / example: planforge schema -o plan.schema.json
    """
    from planforge.fileio import guard_output, write_atomic
    from planforge.spec.schema import plan_schema_json, progress_schema_json

    if output is not None:
        guard_output(output, [], force)
    text = progress_schema_json() if progress else plan_schema_json()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        _say("wrote", path=output)
