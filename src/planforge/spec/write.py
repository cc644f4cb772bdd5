"""Writing a `Plan` back as a readable YAML spec (for import and rollover).

Block style, Chinese unescaped, keys in the model's order, a header comment, and an end-of-line
comment wherever the importer guessed (`# 待确认：…`), so the person who opens the file knows what
to check. PyYAML's dumper cannot place comments, and its plain scalars follow YAML 1.1 on reload
(`no`, `010`), so this small emitter quotes whatever a reader could misread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from planforge.model.plan import Plan
from planforge.patterns import lazy

_YAML_SPECIAL = lazy(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
    r"|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|\d+(?::\d\d)+|\d{4}-\d\d?-\d\d?.*"
    r"|=.*|<<.*)$"  # YAML 1.1's value key `=` (PyYAML's safe_load refuses it) and merge key `<<`
)


# What must be escaped to survive a round trip: characters YAML refuses raw, and the line breaks
# other than \n (\r, x85, U+2028/9), which YAML would read as the end of a line.
_UNPRINTABLE = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _quoted(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


# A plain scalar opens with no space and none of YAML's indicators, and holds no #; a YAML 1.1
# special (_YAML_SPECIAL) opens with one of a few characters or a digit. Both are asked of the
# first character before any pattern: a spec's strings are mostly Chinese, which opens neither (a
# 10,000-item import writes some 70,000). The pattern's \d is any decimal digit (１, ٣), as
# isdecimal() is.
_UNSAFE_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SPECIAL_FIRST = frozenset("~nNtTfFyYoO+-.=<0123456789")


def yaml_scalar(value: Any) -> str:
    """A value as a one-line YAML scalar that reads back as the same value (the progress record's
    line edits write with it too)."""
    if type(value) is str:
        text = value
    elif value is None:
        return "null"
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else repr(value)
    else:
        text = str(value)
    first = text[:1]
    if (first and first not in _UNSAFE_FIRST and not first.isspace() and "#" not in text and "\n" not in text
            and "\t" not in text and ": " not in text and not text.endswith((":", " "))
            and not ((first in _SPECIAL_FIRST or first.isdecimal()) and _YAML_SPECIAL.match(text))
            and not _UNPRINTABLE.search(text)):
        return text
    return _quoted(text)


# Branchy by nature (radon D): YAML has that many shapes (empty, block, flow, `- ` items, block
# scalars) and each keeps comments at the right place; splitting it would scatter one grammar.
def _emit(value: Any, indent: int, path: tuple, comments: dict, out: list[str], key_prefix: str,
          leading: dict | None = None) -> None:
    """Append lines for `value`, whose key (or `- `) is already in `key_prefix`; `leading` holds
    whole-line comments to write above a path's first line (a user's, kept by rollover)."""
    pad = " " * indent
    if leading and path in leading:
        margin = " " * (len(key_prefix) - len(key_prefix.lstrip()))
        out.extend(margin + line for line in leading[path])
    comment = f"  # {comments[path]}" if path in comments else ""
    if isinstance(value, dict):
        if not value:
            out.append(f"{key_prefix} {{}}{comment}".rstrip() if key_prefix else "{}")
            return
        first = True
        if key_prefix.endswith("-"):
            for key, child in value.items():
                prefix = f"{key_prefix} {key}:" if first else f"{pad}  {key}:"
                _emit_child(child, indent + 2, path + (key,), comments, out, prefix, leading)
                if first and comment:
                    out[-1] += comment if "#" not in out[-1] else ""
                first = False
            return
        if key_prefix:
            out.append(key_prefix + comment)
        inner = indent if not key_prefix else indent + 2
        for key, child in value.items():
            _emit_child(child, inner, path + (key,), comments, out, f"{' ' * inner}{key}:", leading)
        return
    if isinstance(value, list):
        if not value:
            out.append(f"{key_prefix} []{comment}")
            return
        out.append(key_prefix + comment)
        for index, child in enumerate(value):
            _emit_child(child, indent + 2, path + (index,), comments, out, f"{pad}  -", leading)
        return
    if isinstance(value, str) and "\n" in value and not _UNPRINTABLE.search(value) and value == value.strip(" ") \
            and not any(line != line.rstrip() or line[:1] in (" ", "\t") for line in value.split("\n")):
        out.append(f"{key_prefix} |{comment}")
        for line in value.rstrip("\n").split("\n"):
            out.append(f"{pad}  {line}" if line else "")
        return
    out.append(f"{key_prefix} {yaml_scalar(value)}{comment}")


_ONE_LINE = (int, float, bool, type(None))


def _emit_child(value: Any, indent: int, path: tuple, comments: dict, out: list[str], key_prefix: str,
                leading: dict | None) -> None:
    """`_emit`, with its commonest case done here: a one-line scalar with no comment at its path
    (most of a spec's values; a 10,000-item import writes some 70,000)."""
    kind = type(value)
    if ((kind is str and "\n" not in value) or kind in _ONE_LINE) and path not in comments \
            and not (leading and path in leading):
        out.append(f"{key_prefix} {yaml_scalar(value)}")
    else:
        _emit(value, indent, path, comments, out, key_prefix, leading)


def plan_to_data(plan: Plan) -> dict:
    """The spec as plain data: defaults and empty lists left out, so the file stays short."""
    data = plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"planforge": 1, **data}
    for key in ("title", "year"):
        data.setdefault(key, getattr(plan, key))
    data.setdefault("sections", [])
    return data


def dump_plan(plan: Plan, header: list[str] | None = None, comments: dict[tuple, str] | None = None,
              schema_ref: str | None = None, original: str | None = None) -> str:
    """The spec's text. With `original` (the spec this plan was read from, as rollover has it) the
    user's comments come along, each above or after the value it was written at, and the keys
    keep the user's order (keys the user wrote stay even at their default)."""
    lines: list[str] = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [f"# {line}" if line else "#" for line in (header or [])]
    data = plan_to_data(plan)
    notes = dict(comments or {})
    leading: dict[tuple, list[str]] = {}
    tail: list[str] = []
    if original is not None:
        kept = source_comments(original)
        old_data = kept.data if isinstance(kept.data, dict) else {}
        full = {"planforge": 1, **plan.model_dump(mode="json", exclude_none=True)}
        data = _ordered(data, full, old_data)
        lines += [line for line in kept.header if not _OWN_HEADER.match(line)]
        known = _paths(data)
        for path, text in kept.eol.items():
            path = _existing(path, known)
            if path in notes and notes[path].startswith("待确认") and text.startswith("待确认"):
                continue  # rollover's own question replaces last year's
            notes[path] = f"{text}；{notes[path]}" if path in notes else text
        for path, block in kept.leading.items():
            leading.setdefault(_existing(path, known), []).extend(block)
        tail = kept.tail
    for key, value in data.items():
        _emit(value, 0, (key,), notes, lines, f"{key}:", leading)
    return "\n".join(lines + tail) + "\n"


# The header lines import and rollover write: replaced, not piled up, when a spec is rolled again.
_OWN_HEADER = lazy(r"^# ?(?:yaml-language-server:|由 planforge |带“待确认”的行是程序的推断|原文读起来像工作总结|目标值暂同上年)")


@dataclass
class SourceComments:
    """A spec's comments by the data path they were written at: the lines above the first key,
    whole-line comments above a path's line, comments ending a path's line, and the lines after
    the last value; and the data as composed, for the order of its keys."""

    data: Any
    header: list[str] = field(default_factory=list)
    leading: dict[tuple, list[str]] = field(default_factory=dict)
    eol: dict[tuple, str] = field(default_factory=dict)
    tail: list[str] = field(default_factory=list)


def source_comments(text: str) -> SourceComments:
    """Where each comment of `text` sits. YAML's parser drops comments, so its tokens say which
    stretches are values (a `#` inside a block scalar or a quoted value is text) and the rest of
    each line is looked at; a text the parser refuses yields no comments."""
    import yaml

    from planforge.spec.compose import compose

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    composed = compose("\n".join(lines), "<spec>")
    kept = SourceComments(composed.data)
    code_end: dict[int, int] = {}
    inside: set[int] = set()
    try:
        for token in yaml.scan("\n".join(lines), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            start, end = token.start_mark, token.end_mark
            if isinstance(token, (yaml.StreamEndToken, yaml.BlockEndToken)) or (start.line, start.column) == (end.line, end.column):
                continue
            inside.update(range(start.line + 1, end.line if end.column == 0 else end.line + 1))
            code_end[end.line] = max(code_end.get(end.line, 0), end.column if end.column or end.line == start.line else 0)
            code_end.setdefault(start.line, 0)
    except yaml.YAMLError:
        return kept
    at_line = _paths_by_line(composed)
    pending: list[str] = []
    seen_code = False
    for number, line in enumerate(lines):
        if number in inside:
            continue
        stripped = line.strip()
        if number not in code_end:
            if stripped.startswith("#"):
                (pending if seen_code else kept.header).append(line.strip())
            continue
        if pending and number + 1 in at_line:
            kept.leading.setdefault(min(at_line[number + 1], key=len), []).extend(pending)
            pending = []
        seen_code = True
        rest = line[code_end[number]:].strip()
        if rest.startswith("#") and number + 1 in at_line:
            kept.eol[max(at_line[number + 1], key=len)] = rest[1:].strip()
    kept.tail = pending
    return kept


def _paths_by_line(composed) -> dict[int, list[tuple]]:
    """The data paths that begin on each line (1-based): a mapping entry where its key is, a
    sequence entry where its value is (a value on the line below its key belongs to the key)."""
    found: dict[int, list[tuple]] = {}
    for path, (line, _col) in composed.key_positions.items():
        found.setdefault(line, []).append(path)
    for path, (line, _col) in composed.positions.items():
        if path and isinstance(path[-1], int):
            found.setdefault(line, []).append(path)
    return found


def _paths(data: Any, path: tuple = ()) -> set[tuple]:
    out = {path}
    if isinstance(data, dict):
        for key, value in data.items():
            out |= _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out |= _paths(value, path + (index,))
    return out


def _existing(path: tuple, known: set[tuple]) -> tuple:
    """The path itself or, when its value is gone (a quote rollover cleared), its nearest parent."""
    while path not in known and len(path) > 1:
        path = path[:-1]
    return path


# radon D: three trees walked in step (the data, the data with defaults, the user's), with the
# shapes each may have; one small recursion reads better than three helpers passing them around.
def _ordered(data: Any, full: Any, old: Any) -> Any:
    """`data` with each mapping's keys in `old`'s order (new keys after the key the model puts
    them after), and the keys `old` wrote kept although `data` dropped them as defaults."""
    if isinstance(data, list) and isinstance(old, list) and isinstance(full, list):
        return [_ordered(d, f, o) for d, f, o in zip(data, full, old + [None] * len(data), strict=False)]
    if not (isinstance(data, dict) and isinstance(full, dict) and isinstance(old, dict)):
        return data
    present = {key: data.get(key, full.get(key)) for key in full
               if key in old or (key in data and data[key] not in ({}, []))}
    keys = [key for key in old if key in present]
    for key in present:
        if key not in keys:
            before = [k for k in full if k in keys and list(full).index(k) < list(full).index(key)]
            keys.insert(max(keys.index(k) for k in before) + 1 if before else 0, key)
    return {key: _ordered(present[key], full.get(key), old.get(key)) for key in keys}
