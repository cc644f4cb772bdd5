"""The one model: every reader (YAML spec, DOCX, Markdown, text) produces a `Plan`.

Renderers, the linter, rollover and diff take a `Plan` and never look at where it came from,
except through `source`, the position each node was read at, which lets a finding point at the
user's own line. Field descriptions are Chinese because they reach users through the JSON Schema
(editor hover text).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from planforge.model.layouts import PRESET_BY_NAME
from planforge.model.numbering import MAX_LEVELS, SCHEMES, cn_to_int
from planforge.model.periods import Period, impossible_date, parse_when
from planforge.model.text import simplified
from planforge.patterns import lazy

YEAR_MIN, YEAR_MAX = 2000, 2100  # four-digit plan years; the loader, the options and the schema share them
MAX_MAGNITUDE = 1e15  # 千万亿: no plan counts beyond it; `1e308` or `.inf` is a slip, not a target
MAX_MAGNITUDE_SHOWN = f"10^{round(math.log10(MAX_MAGNITUDE))}"  # as a message writes the bound
ID_PATTERN = lazy(r"^[a-z0-9_-]+$")


def no_entries() -> list:
    """A list field's empty default. A function of ours, not `list`: pydantic reads the
    factory's signature, and a builtin's is parsed from text by the tokenizer, whose pattern
    takes 3 ms to compile at every start of the command line."""
    return []


# defer_build: pydantic builds a model's validator when it first validates, not as the module is
# imported. A render builds the plan's once, where at import each model built its own (and the
# nested models' again): about 5 ms of a cold `render --to md`; a command that never validates one
# (`--help`, `rules`) builds none.
class Source(BaseModel):
    """Where a node was read: a line and column in a text file, a paragraph index in a DOCX."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    file: Optional[str] = None
    line: Optional[int] = None
    col: Optional[int] = None
    paragraph: Optional[int] = None


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
    source: SkipJsonSchema[Optional[Source]] = Field(default=None, exclude=True, repr=False)


def _validate_when(value: object) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("expect_str", "expected text")
    period = parse_when(value)
    if period is None and simplified(value) != value:  # 國慶, 年內: read through the Simplified words, kept as typed
        period = parse_when(simplified(value))
        period = dataclasses.replace(period, text=value.strip()) if period else None
    if period is None:
        if impossible_date(value):
            raise PydanticCustomError("bad_calendar_date", "no such date {value}", {"value": value.strip()})
        raise PydanticCustomError("bad_when", "unrecognised time {value}", {"value": value.strip()})
    return period


When = Annotated[
    Period,
    PlainValidator(_validate_when),
    PlainSerializer(lambda p: p.text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "时间：3月、3-4月、一至二月份、3月中旬、9月底、二季度、上半年、全年、年底、"
            "2027-05-01、五一、春节、每月、每季度……",
            "examples": ["3月", "二季度", "9月底", "五一", "每季度"],
        }
    ),
]

Owner = Union[str, list[str]]


def _reject_chinese_number(value: object) -> object:
    """`value: 八十` is a common slip; say how to write it rather than a bare type error."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%") and text[:-1].replace(".", "", 1).isdigit():
            raise PydanticCustomError("expect_number_cn", "", {"value": text, "hint": f"{text[:-1]} 并写 unit: \"%\""})
        number = cn_to_int(text.replace("百分之", "")) if not text.isascii() else None
        if number is not None:
            raise PydanticCustomError("expect_number_cn", "", {"value": text, "hint": str(number)})
    return value


def _plausible_number(value: Union[int, float]) -> Union[int, float]:
    if isinstance(value, float) and not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise PydanticCustomError("number_range", "", {"limit": MAX_MAGNITUDE_SHOWN})
    return value


Number = Annotated[Union[int, float], Field(union_mode="left_to_right"), AfterValidator(_plausible_number)]


class Target(Node):
    """A quantified target: 创建市级“优秀工人先锋号”1个；覆盖面达到80%以上；安全事故为零。"""

    what: str = Field(min_length=1, description="指标内容，如 创建市级“优秀工人先锋号”、职工培训覆盖面", examples=["职工技能培训覆盖面"])
    value: Number = Field(description="目标值（阿拉伯数字）", examples=[80])
    unit: Optional[str] = Field(default=None, description="单位：个、人、次、万元、% 等", examples=["%", "个"])
    op: Optional[Literal[">=", "<=", "=", ">", "<"]] = Field(
        default=None, description=">= 以上/不少于，<= 以内/不超过，= 达到；值为 0 且 <= 读作“为零”"
    )
    baseline: Optional[Number] = Field(default=None, description="上年基数（rollover 自动填写）")
    commitment: Optional[Literal["力争", "确保"]] = Field(default=None, description="语气：力争 或 确保")
    quote: Optional[str] = Field(default=None, description="原文（导入时从正文中识别出该指标的句子；正文已写明时渲染不再重复）")

    @field_validator("value", "baseline", mode="before")
    @classmethod
    def _numbers_not_words(cls, value: object) -> object:
        return _reject_chinese_number(value)


class Item(Node):
    """A section (level 1, 一、) or an item below it (（一）, 1., （1）): the same shape at every level."""

    id: Optional[str] = Field(default=None, description="稳定编号（小写字母、数字、-、_），供日程关联、滚动和对比使用", examples=["jingsai"])
    title: str = Field(min_length=1, description="标题（不写序号，序号自动生成）")
    text: Optional[str] = Field(default=None, description="正文")
    owner: Optional[Owner] = Field(default=None, description="责任部门（文字或列表）")
    when: Optional[When] = None
    targets: list[Target] = Field(default_factory=no_entries, description="量化指标")
    items: list[Item] = Field(default_factory=no_entries, description="下一级事项（最多四级）")
    # The numbering marker exactly as typed in an imported document (一、 （二） 3. …), kept so the
    # linter can judge a document's own numbering; never written to or read from a spec.
    typed_marker: SkipJsonSchema[Optional[str]] = Field(default=None, exclude=True, repr=False)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not ID_PATTERN.match(value):
            raise PydanticCustomError("bad_id", "", {"value": value})
        return value

    def walk(self, level: int = 1) -> Iterator[tuple[int, Item]]:
        """This node and every descendant, depth first, with its level (1 = section)."""
        stack = [(level, self)]
        while stack:
            lvl, node = stack.pop()
            yield lvl, node
            stack.extend((lvl + 1, child) for child in reversed(node.items))


class ScheduleTask(Node):
    text: str = Field(min_length=1, description="工作内容")
    item: Optional[str] = Field(default=None, description="关联事项的 id")
    owner: Optional[Owner] = Field(default=None, description="责任部门")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: object) -> object:
        return {"text": data} if isinstance(data, str) else data


class ScheduleEntry(Node):
    when: When
    tasks: list[ScheduleTask] = Field(min_length=1, description="本时段的工作")


class Margins(Node):
    top: float = Field(37, gt=0, lt=100, description="上边距（毫米）")
    bottom: float = Field(35, gt=0, lt=100, description="下边距（毫米）")
    left: float = Field(28, gt=0, lt=100, description="左边距（毫米）")
    right: float = Field(26, gt=0, lt=100, description="右边距（毫米）")


PRESETS = tuple(PRESET_BY_NAME)  # names come from the one registry (model/layouts.py)


def _one_of(names: tuple[str, ...]) -> Any:
    """A text field limited to a registry's names, with the enum in the JSON Schema."""

    def check(value: str) -> str:
        if value not in names:
            raise PydanticCustomError("expect_one_of", "", {"choices": " | ".join(names)})
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "enum": list(names)})]


if TYPE_CHECKING:  # for the type checker both are text; at run time they check the registry
    PresetName = str
    SchemeName = str
else:
    PresetName = _one_of(PRESETS)
    SchemeName = _one_of(tuple(SCHEMES))


class Style(Node):
    """Render settings: a preset by name, with any field overridden."""

    preset: PresetName = Field("gbt9704", description="排版预设：gbt9704（严格按国标）或 common（常见单位样式）")
    numbering: Optional[SchemeName] = Field(
        default=None, description="序号体系：gbt9704 为 一、（一）1.（1）；house 为 一、1、（1）①"
    )
    title_font: Optional[str] = Field(default=None, description="标题字体，如 方正小标宋简体")
    body_font: Optional[str] = Field(default=None, description="正文字体，如 仿宋_GB2312")
    level_fonts: Optional[list[str]] = Field(default=None, min_length=1, max_length=4, description="一至四级标题字体")
    title_size: Optional[float] = Field(default=None, gt=5, lt=72, description="标题字号（磅）")
    body_size: Optional[float] = Field(default=None, gt=5, lt=72, description="正文字号（磅）")
    line_pitch: Optional[float] = Field(default=None, gt=5, lt=100, description="行距（磅）")
    bold_levels: Optional[list[Annotated[int, Field(ge=1, le=4)]]] = Field(default=None, description="加粗的标题级别，如 [2, 3]")
    margins: Optional[Margins] = Field(default=None, description="页边距（毫米）：top、bottom、left、right")

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: object) -> object:
        return {"preset": data} if isinstance(data, str) else data


class Provenance(Node):
    """Written by import and rollover, never by hand: where this plan came from."""

    derived_from: Optional[str] = Field(default=None, description="来源文件")
    sha256: Optional[str] = Field(default=None, description="来源文件的 SHA-256 校验值")
    method: Optional[Literal["import", "rollover"]] = Field(default=None, description="生成方式：import 导入或 rollover 滚动")
    from_year: Optional[int] = Field(default=None, description="滚动前的年度")
    date: Optional[dt.date] = Field(default=None, description="生成日期")


class Plan(Node):
    """A whole work plan."""

    planforge: int = Field(1, ge=1, le=1, description="规格版本，目前为 1")
    title: str = Field(min_length=1, description="标题，如 市卫生健康局工会2027年工作计划")
    organization: Optional[str] = Field(default=None, description="单位名称")
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX, description="计划年度")
    date: Optional[dt.date] = Field(default=None, description="成文日期，如 2027-01-08")
    draft: Optional[str] = Field(default=None, description="稿次标注，如 讨论稿、征求意见稿", examples=["讨论稿"])
    preamble: Optional[str] = Field(default=None, description="前言：指导思想、依据，以“现制定工作计划如下：”结尾")
    sections: list[Item] = Field(description="一级部分（一、二、三……）")
    schedule: list[ScheduleEntry] = Field(default_factory=no_entries, description="月度工作安排")
    signature: Optional[str] = Field(default=None, description="落款单位，缺省为 organization")
    style: Style = Field(default_factory=Style, description="排版设置：预设名或逐项覆盖")
    provenance: Optional[Provenance] = Field(default=None, description="来源记录：由 import 和 rollover 写入，不要手改")

    @field_validator("year", mode="before")
    @classmethod
    def _year_not_words(cls, value: object) -> object:
        return _reject_chinese_number(value)

    def walk(self) -> Iterator[tuple[int, Item]]:
        for section in self.sections:
            yield from section.walk(1)

    def walk_with_ancestors(self) -> Iterator[tuple[int, Item, list[Item]]]:
        """Every item with its level and its ancestors (outermost first), depth first."""
        stack: list[tuple[int, Item, list[Item]]] = [(1, s, []) for s in reversed(self.sections)]
        while stack:
            level, item, ancestors = stack.pop()
            yield level, item, ancestors
            stack.extend((level + 1, child, ancestors + [item]) for child in reversed(item.items))

    @property
    def signer(self) -> Optional[str]:
        return self.signature or self.organization


def date_in_window(date: dt.date, year: int) -> bool:
    """A plan is dated in its year, or in the last quarter before it (written in advance)."""
    return date.year == year or (date.year == year - 1 and date.month >= 10)


def plan_problems(plan: Plan) -> list[tuple[str, dict, Node, str]]:
    """What a `Plan` cannot represent although each field is valid: (message key, args, node,
    field). Only the numbering's four levels are such a limit; whether a date, a link or a value
    is plausible is the linter's to judge (one judge per rule), so a spec with a 120 % target still
    loads and every finding in it is reported at once."""
    found: list[tuple[str, dict, Node, str]] = []
    for level, node in plan.walk():
        if level > MAX_LEVELS:
            found.append(("too_deep_items", {"level": level}, node, "title"))
    return found
