"""libyaml's event stream → plain data with the position of every value, safely.

PyYAML's own loaders build objects first and ask questions later: an alias bomb expands in
memory, duplicate keys silently keep the last value, and YAML 1.1 turns `no` into False and
`010` into 8. So we take only the event stream from libyaml's parser and compose plain data
ourselves, iteratively: anchors, aliases, non-core tags and nesting deeper than the limit are
refused on the event that introduces them; every scalar stays text (pydantic converts the fields
declared as numbers or dates), so a title or an id is never changed; and each value's line and
column is kept for error messages and for the nodes' `source`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from planforge.errors import Problem
from planforge.limits import YAML_DEPTH

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
_CORE_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
              "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
              "tag:yaml.org,2002:bool"}
Path_ = tuple  # a data path such as ("sections", 0, "title")
Position = tuple[int, int]  # 1-based line and column


@dataclass(eq=False, repr=False)
class Composed:
    """A spec's YAML as plain data, with where each value and each mapping key starts, and the
    problems found while reading it."""

    data: Any
    positions: dict[Path_, Position]  # where each value starts
    key_positions: dict[Path_, Position]  # where the key of each mapping entry starts
    problems: list[Problem]


class _Fatal(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


_NO_KEY = object()


@dataclass(slots=True, eq=False, repr=False)
class _Frame:
    """An open mapping or sequence: where it sits, and for a mapping the key awaiting its value."""

    container: Any
    path: Path_
    pending_key: Any = _NO_KEY
    key_position: Position | None = None
    key_lines: dict = field(default_factory=dict)  # key → the line it first appeared on


class _Composer:
    """Builds the data one event at a time (no recursion: depth is a limit, not a stack frame)."""

    def __init__(self, name: str):
        self.name = name
        self.positions: dict[Path_, Position] = {}
        self.key_positions: dict[Path_, Position] = {}
        self.problems: list[Problem] = []
        self.root: list[Any] = []  # holds the document's single value
        self.stack: list[_Frame] = []
        self.documents = 0

    def fatal(self, key: str, mark, **args) -> _Fatal:
        return _Fatal(Problem("PF003" if key != "yaml_multi_doc" else "PF001", key, args,
                              file=self.name, line=mark.line + 1, col=mark.column + 1))

    def add(self, value: Any, mark) -> Path_ | None:
        """Place a value (or a key) where the open container expects it; its path, or None for a key."""
        pos = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root.append(value)
            self.positions[()] = pos
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            child = frame.path + (len(frame.container),)
            frame.container.append(value)
            self.positions[child] = pos
            return child
        if frame.pending_key is _NO_KEY:
            self._key(frame, value, pos)
            return None
        child = frame.path + (frame.pending_key,)
        frame.container[frame.pending_key] = value
        self.positions[child] = pos
        if frame.key_position is not None:
            self.key_positions[child] = frame.key_position
        frame.pending_key = _NO_KEY
        return child

    def _key(self, frame: _Frame, value: Any, pos: Position) -> None:
        if isinstance(value, (dict, list)) or value is None:
            self.problems.append(Problem("PF002", "yaml_complex_key", file=self.name, line=pos[0], col=pos[1]))
            frame.pending_key, frame.key_position = f"<{pos[0]}:{pos[1]}>", pos
            return
        if value in frame.key_lines:
            self.problems.append(Problem("PF002", "duplicate_key", {"key": value, "first_line": frame.key_lines[value]},
                                         file=self.name, line=pos[0], col=pos[1]))
        else:
            frame.key_lines[value] = pos[0]
        frame.pending_key, frame.key_position = value, pos

    def event(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._refuse_anchor_and_tag(event)
            plain = event.style in (None, "") and event.implicit[0]
            is_null = (plain and event.value in _NULLS) or event.tag == "tag:yaml.org,2002:null"
            self.add(None if is_null else event.value, event.start_mark)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._refuse_anchor_and_tag(event)
            if len(self.stack) >= YAML_DEPTH:
                raise self.fatal("yaml_too_deep", event.start_mark, limit=YAML_DEPTH)
            container: Any = {} if kind is yaml.MappingStartEvent else []
            path = self.add(container, event.start_mark)
            self.stack.append(_Frame(container, path if path is not None else ("<key>",)))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            raise self.fatal("yaml_alias", event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.fatal("yaml_multi_doc", event.start_mark)

    def _refuse_anchor_and_tag(self, event: Any) -> None:
        if event.anchor:
            raise self.fatal("yaml_alias", event.start_mark)
        if event.tag not in _CORE_TAGS:
            raise self.fatal("yaml_tag", event.start_mark, tag=event.tag)

    def result(self, data: Any) -> Composed:
        return Composed(data, self.positions, self.key_positions, self.problems)


def compose(text: str, name: str) -> Composed:
    composer = _Composer(name)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            composer.event(event)
    except _Fatal as exc:
        composer.problems.append(exc.problem)
        return composer.result(None)
    except yaml.YAMLError as exc:
        from planforge.spec.yaml_problems import syntax_problem  # its table of faults, only when there is one

        composer.problems.append(syntax_problem(exc, text, name, YAML_DEPTH))
        return composer.result(None)
    return composer.result(composer.root[0] if composer.root else None)


def nearest(positions: dict[Path_, Position], path: Path_) -> Position | tuple[None, None]:
    while path not in positions and path:
        path = path[:-1]
    return positions.get(path, (None, None))


def field_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
