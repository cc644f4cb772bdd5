"""The progress record: what became of a plan's items and targets, kept beside the plan, never in
it (the plan is what was promised in January; the record is what happened since).

`plan-2027.progress.yaml` is keyed by the items' ids, so renaming an item keeps its record. This
is its model, which the linter, rollover and the year's views take like a `Plan`; reading one
from its file (located, checked against its plan) is the spec loader's (spec/record.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from planforge.model.plan import Number

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


def target_progress(item_record: ItemProgress | None, what: str) -> TargetProgress | None:
    """The record of the plan target named `what` (its name as the plan writes it)."""
    if item_record is None:
        return None
    return next((t for t in item_record.targets if t.what.strip() == what.strip()), None)
