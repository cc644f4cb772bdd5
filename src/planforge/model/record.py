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

from planforge.model.plan import Number, no_entries

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
    targets: list[TargetProgress] = Field(default_factory=no_entries)

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


# What people type for a status (`progress set --status`, a 总结's words): mapped to a status,
# or refused with the whole list. 逾期 is not a status: it is computed from the date.
STATUS_WORDS = {"完成": "done", "完成了": "done", "已办结": "done", "办结": "done", "finished": "done",
                "取消": "cancelled", "已撤销": "cancelled", "推迟": "postponed", "延后": "postponed",
                "暂缓": "postponed", "已延期": "postponed", "推进中": "in-progress", "正在进行": "in-progress",
                "在办": "in-progress", "已启动": "in-progress", "基本完成": "in-progress", "未启动": "not-started"}


def status_name(word: str) -> str | None:
    """The status a typed word means (已完成, done, 完成, 推迟…), or None."""
    word = word.strip()
    return STATUS_BY_NAME.get(word) or STATUS_WORDS.get(word) or STATUS_WORDS.get(word.lower())


def target_progress(item_record: ItemProgress | None, what: str) -> TargetProgress | None:
    """The record of the plan target named `what` (its name as the plan writes it)."""
    if item_record is None:
        return None
    return next((t for t in item_record.targets if t.what.strip() == what.strip()), None)


def progress_of(item_record: ItemProgress | None, targets: list, index: int) -> TargetProgress | None:
    """The record of the item's `index`-th plan target (`targets`: the plan's, with `.what` and
    `.unit`). By name first; a target renamed in the plan keeps its record by its place: the
    records no plan target names are paired, in order, with the plan targets no record names,
    when their units agree (the record's `what` is then stale: `progress set` rewrites it)."""
    if item_record is None:
        return None
    wanted = targets[index]
    exact = target_progress(item_record, wanted.what)
    if exact is not None:
        return exact
    names = {t.what.strip() for t in targets}
    orphans = [r for r in item_record.targets if r.what.strip() not in names]
    unnamed = [i for i, t in enumerate(targets) if target_progress(item_record, t.what) is None]
    if index not in unnamed or unnamed.index(index) >= len(orphans):
        return None
    orphan = orphans[unnamed.index(index)]
    return orphan if orphan.unit in (None, wanted.unit) or wanted.unit is None else None
