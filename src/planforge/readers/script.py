"""Traditional Chinese read through the Simplified rules, the original kept in the plan.

Every rule of the importer (section words, summary detection, units 場/戶/萬, festivals 國慶/春節,
page residue) is written in Simplified characters. Rather than write each twice, a document in
Traditional characters is read through OpenCC's `t2s` conversion, and the plan it gives is written
back in the document's own characters: for each Simplified character the conversion produced, the
Traditional one this document used for it (most often, if it used several). OpenCC converts
character by character here, so a block keeps its length and every offset still points into the
original; a block whose length would change is left as written.

OpenCC is imported only when a document holds Traditional characters (most do not), so neither the
CLI's start-up nor a Simplified import pays for it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from planforge.model.periods import Period
from planforge.model.plan import Source
from planforge.model.text import simplified, traditional_marks
from planforge.patterns import lazy
from planforge.readers.blocks import Block, ImportResult

_QUOTED = lazy("“[^”]*”")  # a guess note is ours (时间取自正文“…”): only the quote is the document's
_ENOUGH = 3  # fewer Traditional characters than this are a quotation or a name, not the script


def read_as_simplified(blocks: list[Block]) -> tuple[list[Block], Callable[[ImportResult], None]]:
    """(blocks to infer from, a function that writes an import's plans back in the document's
    own characters). A Simplified document comes back as it is, with a restore that does nothing."""
    if traditional_marks("".join(b.text for b in blocks[:200])) < _ENOUGH:
        return blocks, _unchanged
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    converted: list[Block] = []
    for block in blocks:
        simple = simplified(block.text)
        if simple == block.text:
            converted.append(block)
            continue
        for original, new in zip(block.text, simple, strict=True):
            if original != new:
                spelled[new][original] += 1
        converted.append(dataclasses.replace(block, text=simple))
    if not spelled:
        return blocks, _unchanged
    # A character the document also writes as itself (台 beside 臺, or the 一览表 a renderer of ours
    # added to a Traditional plan) is written back in its Traditional form: one spelling per document.
    table = str.maketrans({new: counts.most_common(1)[0][0] for new, counts in spelled.items()})
    return converted, lambda result: _restore(result, table)


def _unchanged(_result: ImportResult) -> None:
    return None


def _restore(result: ImportResult, table: dict[int, str]) -> None:
    for imported in result.plans:
        _write_back(imported.plan, table)
        imported.guesses = {path: _QUOTED.sub(lambda m: m.group(0).translate(table), note)
                            for path, note in imported.guesses.items()}


def _write_back(node: BaseModel, table: dict[int, str]) -> None:
    """Every text of a plan's nodes, in place; positions (`Source`) and file names are not text."""
    for name, value in vars(node).items():
        if name in ("source", "derived_from", "sha256") or isinstance(value, Source):
            continue
        new = _translated(value, table)
        if new is not value:
            object.__setattr__(node, name, new)  # the checks passed on the same text in other letters


def _translated(value: Any, table: dict[int, str]) -> Any:
    if isinstance(value, str):
        new = value.translate(table)
        return value if new == value else new
    if isinstance(value, Period):
        return dataclasses.replace(value, text=value.text.translate(table))
    if isinstance(value, BaseModel):
        _write_back(value, table)
        return value
    if isinstance(value, list):
        items = [_translated(v, table) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value
