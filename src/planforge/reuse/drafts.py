"""Turning import and rollover results into spec files a person will edit: header comments,
`# 待确认` marks where a guess was made, provenance, and output names."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

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


def imported_spec_text(imported: ImportedPlan, document: Path, source_bytes: bytes, number: int | None) -> str:
    plan = imported.plan
    plan.provenance = Provenance(derived_from=document.name, sha256=hashlib.sha256(source_bytes).hexdigest(),
                                 method="import", date=dt.date.today())
    header = [
        f"由 planforge import 从 {document.name}{f' 第 {number} 份' if number else ''} 导入。",
        "带“待确认”的行是程序的推断，请核对；标题里的序号已去掉（渲染时自动生成）。",
    ]
    if imported.summary:
        header.append("原文读起来像工作总结：只保留了其中的计划部分（如有），请核对。")
    return dump_plan(plan, header, imported.guesses, schema_ref=SCHEMA_FILENAME)


def rolled_spec_text(plan, checklist: list[ChecklistEntry], source: Path) -> str:
    comments: dict[tuple, str] = {}
    for entry in checklist:
        if entry.kind == "target":
            comments[_path(entry.where) + ("value",)] = "待确认：请确定本年目标值"
    header = [f"由 planforge rollover 从 {source.name} 滚动到 {plan.year} 年。",
              "目标值暂同上年（已记为 baseline），请逐项确定；正文里提到的旧年份请人工核对。"]
    return dump_plan(plan, header, comments, schema_ref=SCHEMA_FILENAME)


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
