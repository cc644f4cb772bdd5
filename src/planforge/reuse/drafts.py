"""Turning import and rollover results into spec files a person will edit: header comments,
`# 待确认` marks where a guess was made, provenance, and output names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from planforge.model.ids import give_items_ids
from planforge.model.plan import Provenance
from planforge.readers.blocks import ImportedPlan
from planforge.reuse.rollover import ChecklistEntry
from planforge.spec.schema import SCHEMA_FILENAME
from planforge.spec.write import dump_plan


def output_paths(document: Path, output: Path | None, numbers: list[int], several: bool) -> list[Path]:
    base = output or document.with_suffix(".yaml")
    if not several:
        return [base]
    return [base.with_name(f"{base.stem}-{n}{base.suffix or '.yaml'}") for n in numbers]


def imported_spec_text(imported: ImportedPlan, document: Path, sha256: str | None, number: int | None) -> str:
    plan = imported.plan
    give_items_ids(plan)  # so that the year can be tracked at once: progress init lists items by id
    plan.provenance = Provenance(derived_from=document.name, sha256=sha256,
                                 method="import", date=dt.date.today())
    header = [
        f"由 planforge import 从 {document.name}{f' 第 {number} 份' if number else ''} 导入。",
        "带“待确认”的行是程序的推断，请核对；标题里的序号已去掉（渲染时自动生成）。",
    ]
    if imported.summary:
        header.append("原文读起来像工作总结：只保留了其中的计划部分（如有），请核对。")
    return dump_plan(plan, header, imported.guesses, schema_ref=SCHEMA_FILENAME)


def rolled_spec_text(plan, checklist: list[ChecklistEntry], source: Path, original: str | None = None) -> str:
    """The rolled spec, keeping the comments and key order of `original` (last year's spec text)."""
    give_items_ids(plan)  # a plan written without ids can be tracked next year
    comments: dict[tuple, str] = {}
    uses_actuals = False
    for entry in checklist:
        path = _path(entry.where)
        if entry.kind == "target":
            comments[path + ("value",)] = "待确认：请确定本年目标值"
        elif entry.kind == "target-actual":
            uses_actuals = True
            comments[path + ("value",)] = f"待确认：请确定本年目标值（上年目标 {entry.args['last']}，完成 {entry.args['actual']}）"
        elif entry.kind == "target-no-actual":
            uses_actuals = True
            comments[path + ("baseline",)] = "待确认：上年未记录完成值，基数暂用上年目标值"
            comments[path + ("value",)] = "待确认：请确定本年目标值"
        elif entry.kind == "carried":
            comments[path + ("title",)] = f"待确认：上年未完成（{entry.args['status']}），已顺延"
        elif entry.kind in ("target-in-title", "target-in-text"):
            field_name = "title" if entry.kind == "target-in-title" else "text"
            comments[path[:-1] + (field_name,)] = f"待确认：这里写明了{entry.detail}的目标值，改目标值时请一并修改"
        elif entry.kind == "drop":
            comments[path + ("title",)] = f"待确认：上年{entry.args['status']}，是否删除"
    first = ("目标值暂同上年，基数为上年完成值（进度记录中没有完成值的，基数暂用上年目标值，已标出）"
             if uses_actuals else "目标值暂同上年（已记为 baseline）")
    header = [f"由 planforge rollover 从 {source.name} 滚动到 {plan.year} 年。",
              f"{first}，请逐项确定；正文里提到的旧年份请人工核对。"]
    return dump_plan(plan, header, comments, schema_ref=SCHEMA_FILENAME, original=original)


def _path(where: str) -> tuple:
    parts: list = []
    for name, index in re.findall(r"(\w+)(?:\[(\d+)\])?", where):
        parts.append(name)
        if index:
            parts.append(int(index))
    return tuple(parts)


def rollover_output(spec: Path, old_year: int, new_year: int) -> Path:
    name = spec.name.replace(str(old_year), str(new_year))
    if name == spec.name:
        name = f"{spec.stem}-{new_year}{spec.suffix}"
    return spec.with_name(name)
