"""Writing a `Plan` back as a readable YAML spec (for import and rollover).

Block style, Chinese unescaped, keys in the model's order, a header comment, and an end-of-line
comment wherever the importer guessed (`# 待确认：…`), so the person who opens the file knows what
to check. PyYAML's dumper cannot place comments, and its plain scalars follow YAML 1.1 on reload
(`no`, `010`), so this small emitter quotes whatever a reader could misread.
"""

from __future__ import annotations

import json
import re
from typing import Any

from planforge.model.plan import Plan

_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")
_YAML_SPECIAL = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
    r"|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|\d+(?::\d\d)+|\d{4}-\d\d?-\d\d?.*"
    r"|=.*|<<.*)$"  # YAML 1.1's value key `=` (PyYAML's safe_load refuses it) and merge key `<<`
)


# What must be escaped to survive a round trip: characters YAML refuses raw, and the line breaks
# other than \n (\r, x85, U+2028/9), which YAML would read as the end of a line.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _quoted(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


def yaml_scalar(value: Any) -> str:
    """A value as a one-line YAML scalar that reads back as the same value (the progress record's
    line edits write with it too)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else repr(value)
    text = str(value)
    if text and _PLAIN_SAFE.match(text) and not _YAML_SPECIAL.match(text) and ": " not in text \
            and not text.endswith((":", " ")) and "\n" not in text and "\t" not in text and not _UNPRINTABLE.search(text):
        return text
    return _quoted(text)


# Branchy by nature (radon D): YAML has that many shapes (empty, block, flow, `- ` items, block
# scalars) and each keeps comments at the right place; splitting it would scatter one grammar.
def _emit(value: Any, indent: int, path: tuple, comments: dict, out: list[str], key_prefix: str) -> None:
    """Append lines for `value`, whose key (or `- `) is already in `key_prefix`."""
    pad = " " * indent
    comment = f"  # {comments[path]}" if path in comments else ""
    if isinstance(value, dict):
        if not value:
            out.append(f"{key_prefix} {{}}{comment}".rstrip() if key_prefix else "{}")
            return
        first = True
        if key_prefix.endswith("-"):
            for key, child in value.items():
                prefix = f"{key_prefix} {key}:" if first else f"{pad}  {key}:"
                _emit(child, indent + 2, path + (key,), comments, out, prefix)
                if first and comment:
                    out[-1] += comment if "#" not in out[-1] else ""
                first = False
            return
        if key_prefix:
            out.append(key_prefix + comment)
        for key, child in value.items():
            _emit(child, indent if not key_prefix else indent + 2, path + (key,), comments, out,
                  f"{' ' * (indent if not key_prefix else indent + 2)}{key}:")
        return
    if isinstance(value, list):
        if not value:
            out.append(f"{key_prefix} []{comment}")
            return
        out.append(key_prefix + comment)
        for index, child in enumerate(value):
            _emit(child, indent + 2, path + (index,), comments, out, f"{pad}  -")
        return
    if isinstance(value, str) and "\n" in value and not _UNPRINTABLE.search(value) and value == value.strip(" ") \
            and not any(line != line.rstrip() or line[:1] in (" ", "\t") for line in value.split("\n")):
        out.append(f"{key_prefix} |{comment}")
        for line in value.rstrip("\n").split("\n"):
            out.append(f"{pad}  {line}" if line else "")
        return
    out.append(f"{key_prefix} {yaml_scalar(value)}{comment}")


def plan_to_data(plan: Plan) -> dict:
    """The spec as plain data: defaults and empty lists left out, so the file stays short."""
    data = plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"planforge": 1, **data}
    for key in ("title", "year"):
        data.setdefault(key, getattr(plan, key))
    data.setdefault("sections", [])
    return data


def dump_plan(plan: Plan, header: list[str] | None = None, comments: dict[tuple, str] | None = None,
              schema_ref: str | None = None) -> str:
    lines: list[str] = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [f"# {line}" if line else "#" for line in (header or [])]
    data = plan_to_data(plan)
    for key, value in data.items():
        _emit(value, 0, (key,), comments or {}, lines, f"{key}:")
    return "\n".join(lines) + "\n"
