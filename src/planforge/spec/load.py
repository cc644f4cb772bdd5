"""Loading a YAML plan spec: safe before anything is built, every problem located.

PyYAML's own loaders build objects first and ask questions later: an alias bomb expands in
memory, duplicate keys silently keep the last value, and YAML 1.1 turns `no` into False and
`010` into 8. So we take only the event stream from libyaml's parser and compose plain data
ourselves, iteratively: anchors, aliases, non-core tags and nesting deeper than 64 are refused on
the event that introduces them; every scalar stays text (pydantic converts the fields declared as
numbers or dates), so a title or an id is never changed; and each value's line and column is kept
for error messages and for the nodes' `source`.
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from planforge.errors import InputError, Problem
from planforge.fileio import SourceFile, read_source
from planforge.limits import SPEC_BYTES, YAML_DEPTH
from planforge.model.numbering import split_marker
from planforge.model.plan import Node, Plan, Source, plan_problems
from planforge.spec.yaml_problems import syntax_problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
_CORE_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
              "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
              "tag:yaml.org,2002:bool"}
_RESERVED_KEYS = {"source", "typed_marker"}

Path_ = tuple  # a data path such as ("sections", 0, "title")
Position = tuple[int, int]  # 1-based line and column


@dataclass
class LoadedPlan:
    plan: Plan
    warnings: list[Problem] = field(default_factory=list)
    source: SourceFile | None = None  # the file as read: its lines, encoding and line endings
    positions: dict = field(default_factory=dict)  # data path → (line, col) of each value
    node_paths: dict = field(default_factory=dict)  # id(node) → data path

    def position(self, node, field_name: str | None = None) -> tuple[int | None, int | None]:
        """Where a node's field (or the node) was written, for messages that point at it."""
        path = self.node_paths.get(id(node))
        if path is None:
            return (node.source.line, node.source.col) if getattr(node, "source", None) else (None, None)
        return _nearest(self.positions, path + ((field_name,) if field_name else ()))


@dataclass
class _Composed:
    data: Any
    positions: dict[Path_, Position]  # where each value starts
    key_positions: dict[Path_, Position]  # where the key of each mapping entry starts
    problems: list[Problem]


class _Fatal(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _compose(text: str, name: str) -> _Composed:
    positions: dict[Path_, Position] = {}
    key_positions: dict[Path_, Position] = {}
    problems: list[Problem] = []
    root: list[Any] = []  # holds the document's single value
    # Each frame: [container, path, pending_key, pending_key_position, first_line_of_keys]
    stack: list[list[Any]] = []
    documents = 0

    def fatal(key: str, mark, **args) -> _Fatal:
        return _Fatal(Problem("PF003" if key != "yaml_multi_doc" else "PF001", key, args,
                              file=name, line=mark.line + 1, col=mark.column + 1))

    def add(value: Any, mark) -> Path_ | None:
        pos = (mark.line + 1, mark.column + 1)
        if not stack:
            root.append(value)
            positions[()] = pos
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            positions[child] = pos
            return child
        if frame[2] is _NO_KEY:  # this value is a key
            if isinstance(value, (dict, list)) or value is None:
                problems.append(Problem("PF002", "yaml_complex_key", file=name, line=pos[0], col=pos[1]))
                frame[2], frame[3] = f"<{pos[0]}:{pos[1]}>", pos
                return None
            if value in frame[4]:
                problems.append(Problem("PF002", "duplicate_key", {"key": value, "first_line": frame[4][value]},
                                        file=name, line=pos[0], col=pos[1]))
            else:
                frame[4][value] = pos[0]
            frame[2], frame[3] = value, pos
            return None
        child = path + (frame[2],)
        container[frame[2]] = value
        positions[child] = pos
        key_positions[child] = frame[3]
        frame[2] = _NO_KEY
        return child

    try:
        event: Any  # libyaml's events carry anchor, tag and value by kind; the stubs know only Event
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor:
                    raise fatal("yaml_alias", event.start_mark)
                if event.tag not in _CORE_TAGS:
                    raise fatal("yaml_tag", event.start_mark, tag=event.tag)
                plain = event.style in (None, "") and event.implicit[0]
                value = None if (plain and event.value in _NULLS) or event.tag == "tag:yaml.org,2002:null" else event.value
                add(value, event.start_mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor:
                    raise fatal("yaml_alias", event.start_mark)
                if event.tag not in _CORE_TAGS:
                    raise fatal("yaml_tag", event.start_mark, tag=event.tag)
                if len(stack) >= YAML_DEPTH:
                    raise fatal("yaml_too_deep", event.start_mark, limit=YAML_DEPTH)
                container: Any = {} if kind is yaml.MappingStartEvent else []
                path = add(container, event.start_mark)
                stack.append([container, path if path is not None else ("<key>",), _NO_KEY, None, {}])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                raise fatal("yaml_alias", event.start_mark)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fatal("yaml_multi_doc", event.start_mark)
    except _Fatal as exc:
        problems.append(exc.problem)
        return _Composed(None, positions, key_positions, problems)
    except yaml.YAMLError as exc:
        problems.append(syntax_problem(exc, text, name, YAML_DEPTH))
        return _Composed(None, positions, key_positions, problems)
    return _Composed(root[0] if root else None, positions, key_positions, problems)


_NO_KEY = object()


def _nearest(positions: dict[Path_, Position], path: Path_) -> Position | tuple[None, None]:
    while path not in positions and path:
        path = path[:-1]
    return positions.get(path, (None, None))


def _field_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ---- structure checks on the raw data: they hold even where pydantic rejects a field ----

def _check_structure(data: dict, composed: _Composed, name: str) -> tuple[list[Problem], list[Problem]]:
    errors: list[Problem] = []
    warnings: list[Problem] = []
    pos = composed.positions
    seen_ids: dict[str, int | None] = {}

    def problem(code, key, path, severity="error", at_key=False, **args):
        line, col = (composed.key_positions.get(path) if at_key else None) or _nearest(pos, path)
        return Problem(code, key, args, file=name, line=line, col=col, severity=severity,
                       field_path=_field_path(path))

    def visit_mapping(node: Any, path: Path_) -> None:
        if isinstance(node, dict):
            for key in _RESERVED_KEYS & node.keys():
                errors.append(problem("PF002", "reserved_key", path + (key,), at_key=True, name=key))
                del node[key]

    def visit_items(items: Any, path: Path_) -> None:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            here = path + (index,)
            visit_mapping(item, here)
            if not isinstance(item, dict):
                continue
            title = item.get("title")
            if isinstance(title, str):
                typed = split_marker(title)
                if typed and typed[0] != "cn_shi" and typed[3].strip():
                    item["title"] = typed[3]
                    warnings.append(problem("PF504", "typed_number", here + ("title",), severity="warning", marker=typed[2]))
            item_id = item.get("id")
            if isinstance(item_id, str):
                line = _nearest(pos, here + ("id",))[0]
                if item_id in seen_ids:
                    errors.append(problem("PF002", "duplicate_id", here + ("id",), value=item_id, first_line=seen_ids[item_id]))
                else:
                    seen_ids[item_id] = line
            visit_items(item.get("items"), here + ("items",))

    visit_mapping(data, ())
    visit_items(data.get("sections"), ("sections",))
    schedule = data.get("schedule")
    if isinstance(schedule, list):
        for i, entry in enumerate(schedule):
            visit_mapping(entry, ("schedule", i))
            tasks = entry.get("tasks") if isinstance(entry, dict) else None
            for j, task in enumerate(tasks if isinstance(tasks, list) else []):
                visit_mapping(task, ("schedule", i, "tasks", j))
    for key in ("style", "provenance"):
        visit_mapping(data.get(key), (key,))
        if isinstance(data.get(key), dict):
            visit_mapping(data[key].get("margins"), (key, "margins"))
    return errors, warnings


# ---- pydantic errors → located problems ----

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


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last element of `loc` (for "did you mean")."""
    cls: type[BaseModel] = Plan
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


def _suggest(loc: tuple) -> str | None:
    key = str(loc[-1])
    cls = _model_at(loc)
    if cls is None:
        return None
    fields = [f for f in cls.model_fields if f != "source"]
    if _CHINESE_KEYS.get(key) in fields:
        return _CHINESE_KEYS[key]
    close = difflib.get_close_matches(key.lower(), fields, n=1, cutoff=0.6)
    return close[0] if close else None


def _data_path(loc: tuple, composed: _Composed) -> Path_:
    """Drop pydantic's union-branch labels (`str`, `list[str]`, `function-after[…]`) from a loc,
    keeping list indexes, the fields of the model being walked, and keys present in the data."""
    path: list = []
    cls: type[BaseModel] | None = Plan
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


def _validation_problems(exc: ValidationError, composed: _Composed, name: str) -> list[Problem]:
    by_path: dict[Path_, Problem] = {}
    for err in exc.errors(include_url=False):
        etype, ctx, loc = err["type"], err.get("ctx") or {}, _data_path(err["loc"], composed)
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
            key, args = "expect_one_of", {"choices": " | ".join(choices)}
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
        line, col = (composed.key_positions.get(pos_path) if use_key else None) or _nearest(composed.positions, pos_path)
        problem = Problem("PF002", key, args, file=name, line=line, col=col, field_path=_field_path(loc))
        if key == "extra":
            suggestion = _suggest(loc)
            if suggestion:
                problem = Problem("PF002", "extra_suggest", {"name": loc[-1], "suggestion": suggestion},
                                  file=name, line=line, col=col, field_path=_field_path(loc))
        by_path[(loc, key == "missing")] = problem  # the last union branch speaks for the field
    # A union field rejected as a whole *and* inside (owner: [1, {x: 2}]): keep the inner error.
    deeper = {loc[:n] for (loc, _missing) in by_path for n in range(len(loc))}
    return [p for (loc, _m), p in by_path.items() if not (loc in deeper and p.key.startswith("expect_"))]


def _attach_sources(plan: Plan, composed: _Composed, name: str) -> dict[int, Path_]:
    """Give every node the position it was read at; return id(node) → data path."""
    paths: dict[int, Path_] = {}
    stack: list[tuple[Any, Path_]] = [(plan, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Node):
            line, col = _nearest(composed.positions, path)
            node.source = Source.model_construct(file=name, line=line, col=col, paragraph=None)  # trusted values: skip validation
            paths[id(node)] = path
            for field_name in type(node).model_fields:
                if field_name != "source":
                    stack.append((getattr(node, field_name), path + (field_name,)))
        elif isinstance(node, list):
            stack.extend((child, path + (i,)) for i, child in enumerate(node))
    return paths


def load_plan_text(text: str, name: str = "<input>", source: SourceFile | None = None) -> LoadedPlan:
    composed = _compose(text, name)
    if composed.problems and composed.data is None:
        raise InputError(composed.problems)
    data = composed.data
    if data is None:
        raise InputError([Problem("PF002", "empty_file", file=name, line=1, col=1)])
    if not isinstance(data, dict):
        raise InputError([Problem("PF002", "not_a_mapping", file=name, line=1, col=1)])
    errors = list(composed.problems)
    structure_errors, warnings = _check_structure(data, composed, name)
    errors += structure_errors
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        errors += _validation_problems(exc, composed, name)
        raise InputError(sorted(errors, key=_order)) from None
    paths = _attach_sources(plan, composed, name)
    for key, args, node, field_name in plan_problems(plan):
        path = paths.get(id(node), ()) + (field_name,)
        line, col = _nearest(composed.positions, path)
        errors.append(Problem("PF002", key, args, file=name, line=line, col=col, field_path=_field_path(path)))
    if errors:
        raise InputError(sorted(errors, key=_order))
    return LoadedPlan(plan, warnings, source, composed.positions, paths)


def _order(problem: Problem) -> tuple:
    # At one position, "unknown field titel, did you mean title?" explains "title is missing".
    return (problem.line or 0, problem.col or 0, problem.code, problem.key == "missing")


def load_plan(path: str | Path, max_bytes: int = SPEC_BYTES) -> LoadedPlan:
    """Read, decode and validate a plan spec; raises InputError with every problem found."""
    return load_plan_source(read_source(Path(path), max_bytes))


def load_plan_source(source: SourceFile) -> LoadedPlan:
    """Validate a spec already read (the linter reads once and keeps the lines for itself)."""
    if not source.text.strip():
        raise InputError([Problem("PF002", "empty_file", file=str(source.path))])
    return load_plan_text(source.text, str(source.path), source)
