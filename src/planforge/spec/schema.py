"""The JSON Schemas of the plan spec and of its progress record, for editors (VS Code's YAML
extension) and other tools."""

from __future__ import annotations

import json

from planforge import __version__
from planforge.model.plan import PRESETS, Plan
from planforge.model.record import Progress
from planforge.model.text import PLACEHOLDER

SCHEMA_FILENAME = "plan.schema.json"
PROGRESS_SCHEMA_FILENAME = "progress.schema.json"


# Hover text in the editor: Chinese, for the people who write the plans.
_DESCRIPTIONS = {
    "Item": "一个部分（一级，一、）或其下的事项（（一）、1.、（1））：各级结构相同",
    "Target": "量化指标，如 创建市级“工人先锋号”1个、覆盖面达到80%以上、安全事故为零",
    "ScheduleEntry": "月度工作安排的一行：时间和该时段的工作",
    "ScheduleTask": "一项工作：可直接写文字，或写 text、item（关联事项 id）、owner",
    "Style": "排版设置",
    "Margins": "页边距（毫米）",
    "Provenance": "来源记录，由 import 和 rollover 写入，不要手改",
}


# Free-text fields an editor should mark when they still hold 20xx, xx区, ***, 某某: the loader
# accepts drafts (placeholders are PF401's to report), but a red line while typing catches most.
_TEXT_FIELDS = {"title", "organization", "preamble", "signature", "text", "owner", "what"}
_NO_PLACEHOLDER = {
    # `pattern` searches; an anchored negative lookahead says "contains none" (ECMA 262 and Python alike)
    "pattern": rf"^(?![\s\S]*(?:{PLACEHOLDER.pattern}))",
    "patternErrorMessage": "含有未替换的占位符（20xx、xx区、***、某某……），请填写实际内容（PF401）",
}


def _mark_placeholders(properties: dict) -> None:
    for name, prop in properties.items():
        if name not in _TEXT_FIELDS:
            continue
        for variant in [prop, *prop.get("anyOf", []), *[v.get("items", {}) for v in prop.get("anyOf", [])]]:
            if variant.get("type") == "string":
                variant.update(_NO_PLACEHOLDER)


def _whole_numbers(value):
    """100.0 → 100: pydantic releases differ in how they write a float bound, and the committed
    schema must not change with the installed version."""
    if isinstance(value, dict):
        return {key: _whole_numbers(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(child) for child in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def plan_schema() -> dict:
    schema = _whole_numbers(Plan.model_json_schema(mode="validation"))
    defs = schema["$defs"]
    for name, text in _DESCRIPTIONS.items():
        if name in defs:
            defs[name]["description"] = text
    # Shorthands the loader accepts: a task as plain text, a style as a preset name.
    defs["ScheduleEntry"]["properties"]["tasks"]["items"] = {
        "anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/ScheduleTask"}]
    }
    style = schema["properties"]["style"]
    schema["properties"]["style"] = {
        "anyOf": [{"type": "string", "enum": list(PRESETS)}, {"$ref": "#/$defs/Style"}],
        "description": style.get("description", ""),
    }
    for holder in [schema, *defs.values()]:
        _mark_placeholders(holder.get("properties", {}))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planforge 工作计划规格"
    schema["description"] = f"planforge {__version__}：年度工作计划的 YAML 规格"
    return schema


def plan_schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"



def progress_schema_json() -> str:
    """The record's JSON Schema (`planforge schema --progress`), for editors like the spec's."""
    schema = _whole_numbers(Progress.model_json_schema(mode="validation"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planforge 进度记录"
    schema["description"] = f"planforge {__version__}：计划执行进度记录（按事项 id）"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
