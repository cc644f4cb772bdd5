"""The progress record: what became of a plan's items and targets, kept beside the plan, never in
it (the plan is what was promised in January; the record is what happened since).

`plan-2027.progress.yaml` is keyed by the items' ids, so renaming an item keeps its record. It is
read like a spec (composed safely, every value located) and checked against its plan: ids the
plan no longer has and plan items the record lacks are reported, never crashed on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from planforge.errors import InputError, Problem
from planforge.fileio import SourceFile, read_source
from planforge.model.plan import Number, Plan

# English names (the schema's, and `--status`'s) and the Chinese the file is written in.
STATUSES = {"not-started": "未开始", "in-progress": "进行中", "done": "已完成", "cancelled": "已取消", "postponed": "延期"}
STATUS_BY_NAME = {**{k: k for k in STATUSES}, **{v: k for k, v in STATUSES.items()}}
StatusName = Literal["not-started", "in-progress", "done", "cancelled", "postponed",
                     "未开始", "进行中", "已完成", "已取消", "延期"]
FINISHED = ("done", "cancelled")


class TargetProgress(BaseModel):
    """One target of the item: the plan's value, repeated for the reader, and what was achieved."""

    model_config = ConfigDict(extra="forbid")
    what: str = Field(min_length=1, description="指标（与计划中的 what 一致）")
    target: Optional[Number] = Field(default=None, description="计划目标值（供对照，以计划为准）")
    unit: Optional[str] = None
    actual: Optional[Number] = Field(default=None, description="完成值")
    date: Optional[dt.date] = Field(default=None, description="完成值的统计日期")


class ItemProgress(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Optional[str] = Field(default=None, description="事项标题（供对照，以计划为准）")
    status: StatusName = Field("未开始", description="未开始 / 进行中 / 已完成 / 已取消 / 延期（或英文名）")
    started: Optional[dt.date] = None
    finished: Optional[dt.date] = None
    note: Optional[str] = Field(default=None, description="说明：进展、未完成的原因")
    once: Optional[bool] = Field(default=None, description="一次性事项：完成后明年不再延续（rollover 列出供删除）")
    targets: list[TargetProgress] = Field(default_factory=list)

    @property
    def state(self) -> str:
        """The status by its English name, however it was written."""
        return STATUS_BY_NAME[self.status]


class Progress(BaseModel):
    model_config = ConfigDict(extra="forbid")
    progress: int = Field(1, ge=1, le=1, description="进度记录格式版本，目前为 1")
    plan: str = Field(min_length=1, description="计划标题（记录属于哪份计划）")
    year: int = Field(description="计划年度")
    items: dict[str, ItemProgress] = Field(default_factory=dict, description="按事项 id 记录")

    @field_validator("items", mode="before")
    @classmethod
    def _no_items_is_empty(cls, value: object) -> object:
        return {} if value is None else value


@dataclass
class LoadedProgress:
    record: Progress
    source: SourceFile
    positions: dict
    key_positions: dict
    warnings: list[Problem] = field(default_factory=list)


def load_progress(path: Path, plan: Plan) -> LoadedProgress:
    """Read and validate a record, then check it belongs to `plan` (an error) and that the two
    name the same items (warnings)."""

    if not path.exists():
        from planforge.errors import usage_error

        raise usage_error("progress_missing", path=str(path))
    return load_progress_text(read_source(path), plan)


def load_progress_text(source: SourceFile, plan: Plan) -> LoadedProgress:
    from planforge.spec.compose import compose, nearest
    from planforge.spec.validation import validation_problems

    name = str(source.path)
    if not source.text.strip():
        raise InputError([Problem("PF002", "empty_file", file=name)])
    composed = compose(source.text, name)
    if composed.problems:  # a duplicate id would let the later block win silently: a year of facts lost
        raise InputError(composed.problems)
    if not isinstance(composed.data, dict):
        raise InputError([Problem("PF002", "not_a_mapping", file=name, line=1, col=1)])
    try:
        record = Progress.model_validate(composed.data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, composed, name, root=Progress)) from None
    if record.year != plan.year or record.plan.strip() != plan.title.strip():
        line, col = nearest(composed.positions, ("plan",) if record.plan.strip() != plan.title.strip() else ("year",))
        raise InputError([Problem("PF002", "progress_other_plan", {"title": record.plan, "year": record.year,
                                                                  "plan": plan.title, "plan_year": plan.year},
                                  file=name, line=line, col=col)])
    loaded = LoadedProgress(record, source, composed.positions, composed.key_positions)
    loaded.warnings = _mismatches(loaded, plan, name)
    return loaded


def _mismatches(loaded: LoadedProgress, plan: Plan, name: str) -> list[Problem]:
    ids = {item.id for _level, item in plan.walk() if item.id}
    found = []
    for item_id in loaded.record.items:
        if item_id not in ids:
            line, col = loaded.key_positions.get(("items", item_id), (None, None))
            found.append(Problem("PF002", "progress_unknown_item", {"id": item_id}, file=name,
                                 line=line, col=col, severity="warning"))
    missing = [i for _level, i in plan.walk() if i.id and i.id not in loaded.record.items]
    if missing:
        found.append(Problem("PF002", "progress_missing_items", {"count": len(missing),
                                                                 "ids": "、".join(i.id for i in missing[:8] if i.id)},
                             file=name, severity="warning"))
    return found


def target_progress(item_record: ItemProgress | None, what: str) -> TargetProgress | None:
    """The record of the plan target named `what` (its name as the plan writes it)."""
    if item_record is None:
        return None
    return next((t for t in item_record.targets if t.what.strip() == what.strip()), None)


PROGRESS_SCHEMA_FILENAME = "progress.schema.json"


def progress_schema_json() -> str:
    """The record's JSON Schema (`planforge schema --progress`), for editors like the spec's."""
    import json

    from planforge import __version__
    from planforge.spec.schema import _whole_numbers

    schema = _whole_numbers(Progress.model_json_schema(mode="validation"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planforge 进度记录"
    schema["description"] = f"planforge {__version__}：计划执行进度记录（按事项 id）"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
