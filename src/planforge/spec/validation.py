"""pydantic's validation errors → located problems in the user's words: the field's path,
its line and column, "did you mean" for unknown keys (Chinese keys included), and one message
per field even where a union tried several types."""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from planforge.errors import Problem
from planforge.i18n import Bilingual
from planforge.model.plan import Plan
from planforge.spec.compose import Composed, Path_, field_path, nearest

_TYPE_KEYS = {
    "string_type": "expect_str", "int_parsing": "expect_int", "int_type": "expect_int",
    "int_from_float": "expect_int", "float_parsing": "expect_number", "float_type": "expect_number",
    "bool_parsing": "expect_bool", "bool_type": "expect_bool", "date_parsing": "expect_date",
    "date_from_datetime_parsing": "expect_date", "date_from_datetime_inexact": "expect_date",
    "date_type": "expect_date", "list_type": "expect_list", "model_type": "expect_mapping",
    "model_attributes_type": "expect_mapping", "dict_type": "expect_mapping",
    "string_too_short": "too_short", "too_short": "too_short",
}
# Chinese names users type for our keys.
_CHINESE_KEYS = {
    "标题": "title", "单位": "organization", "年度": "year", "年份": "year", "日期": "date",
    "前言": "preamble", "部分": "sections", "事项": "items", "正文": "text", "内容": "text",
    "责任部门": "owner", "责任单位": "owner", "牵头部门": "owner", "时间": "when", "时限": "when",
    "完成时限": "when", "指标": "targets", "目标": "targets", "日程": "schedule", "落款": "signature",
    "任务": "tasks", "单位名称": "organization", "基数": "baseline", "单位量": "unit",
}


def _model_at(loc: tuple, root: type[BaseModel] = Plan) -> type[BaseModel] | None:
    """The model class that owns the last element of `loc` (for "did you mean")."""
    cls: type[BaseModel] = root
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = cls.model_fields.get(part)
        if info is None:
            return None
        nested = _find_model(info.annotation)
        if nested is None:
            return None
        cls = nested
    return cls


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found:
            return found
    return None


def _suggest(loc: tuple, root: type[BaseModel] = Plan) -> str | None:
    key = str(loc[-1])
    cls = _model_at(loc, root)
    if cls is None:
        return None
    fields = [f for f in cls.model_fields if f != "source"]
    if _CHINESE_KEYS.get(key) in fields:
        return _CHINESE_KEYS[key]
    import difflib  # only a misspelt key needs it

    close = difflib.get_close_matches(key.lower(), fields, n=1, cutoff=0.6)
    return close[0] if close else None


def _data_path(loc: tuple, composed: Composed, root: type[BaseModel] = Plan) -> Path_:
    """Drop pydantic's union-branch labels (`str`, `list[str]`, `function-after[…]`) from a loc,
    keeping list indexes, the fields of the model being walked, and keys present in the data."""
    path: list = []
    cls: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int):
            path.append(part)
        elif cls is not None and part in cls.model_fields:
            path.append(part)
            cls = _find_model(cls.model_fields[part].annotation)
        elif tuple(path) + (part,) in composed.positions:
            path.append(part)
            cls = None
    return tuple(path)


def _plain_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


# Branchy by nature (radon D): one branch per pydantic error type we word ourselves; a table
# would need as many small functions, each used once.
def validation_problems(exc: ValidationError, composed: Composed, name: str,
                        root: type[BaseModel] = Plan) -> list[Problem]:
    """Every pydantic error as a located problem; `root` is the model validated (a Plan, or a
    progress record)."""
    by_path: dict[Path_, Problem] = {}
    for err in exc.errors(include_url=False):
        etype, ctx, loc = err["type"], err.get("ctx") or {}, _data_path(err["loc"], composed, root)
        args: dict = {}
        pos_path, use_key = loc, False
        if etype == "missing":
            key, args, pos_path = "missing", {"name": loc[-1]}, loc[:-1]
        elif etype == "extra_forbidden":
            key, args, use_key = "extra", {"name": loc[-1]}, True
        elif etype in _TYPE_KEYS:
            key = _TYPE_KEYS[etype]
            if key == "expect_str" and err.get("input") is None:
                key = "too_short"
        elif etype == "literal_error":
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or [str(ctx.get("expected", ""))]
            listed = " | ".join(choices)  # our own words, said whole (a value the user wrote is quoted short)
            key, args = "expect_one_of", {"choices": Bilingual(listed, listed)}
        elif etype == "too_long":
            key, args = "too_long", {"max": ctx.get("max_length")}
        elif etype in ("greater_than_equal", "greater_than"):
            key, args = "ge", {"limit": _plain_number(ctx.get("ge", ctx.get("gt")))}
        elif etype in ("less_than_equal", "less_than"):
            key, args = "le", {"limit": _plain_number(ctx.get("le", ctx.get("lt")))}
        else:
            from planforge.i18n import MESSAGES

            key, args = (etype, dict(ctx)) if etype in MESSAGES else ("invalid", {"detail": err["msg"]})
        if key == "ge" and loc and loc[-1] == "year" or key == "le" and loc and loc[-1] == "year":
            key, args = "year_range", {}
        line, col = (composed.key_positions.get(pos_path) if use_key else None) or nearest(composed.positions, pos_path)
        problem = Problem("PF002", key, args, file=name, line=line, col=col, field_path=field_path(loc))
        if key == "extra":
            suggestion = _suggest(loc, root)
            if suggestion:
                problem = Problem("PF002", "extra_suggest", {"name": loc[-1], "suggestion": suggestion},
                                  file=name, line=line, col=col, field_path=field_path(loc))
        by_path[(loc, key == "missing")] = problem  # the last union branch speaks for the field
    # A union field rejected as a whole *and* inside (owner: [1, {x: 2}]): keep the inner error.
    deeper = {loc[:n] for (loc, _missing) in by_path for n in range(len(loc))}
    return [p for (loc, _m), p in by_path.items() if not (loc in deeper and p.key.startswith("expect_"))]
