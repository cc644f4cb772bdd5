"""A memo for the functions every rule asks of every text: what targets, times and numbering
marker a line holds, whether a heading frames the plan.

`functools.lru_cache` with a bound keeps its entries in a recency list and moves the entry to the
front on every hit: objects scattered over the heap touched for each answer. At a 10,000-item plan
those no longer sit in the processor's cache, and a rule that only looks its answers up grew about
twice as fast as the plan. Here a hit is one dictionary lookup. The bound is kept by forgetting
everything at once when it is reached (`limits.MEMO_ENTRIES`, far above any real plan's distinct
texts), which a long-running language server needs and a lint run never meets.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol, TypeVar, cast

from planforge.limits import MEMO_ENTRIES

_Answer = TypeVar("_Answer")
_Answer_co = TypeVar("_Answer_co", covariant=True)


class MemoInfo(NamedTuple):
    misses: int  # answers computed: each distinct argument once while it is kept
    maxsize: int
    currsize: int


class Memoised(Protocol[_Answer_co]):
    """What `memo` returns: the function, remembered; `__wrapped__` is the function itself, for
    an argument too long to be worth keeping."""

    @property
    def __wrapped__(self) -> Callable[[Any], _Answer_co]: ...

    def __call__(self, key: Any, /) -> _Answer_co: ...

    def cache_clear(self) -> None: ...

    def cache_info(self) -> MemoInfo: ...


def memo(function: Callable[[Any], _Answer], maxsize: int = MEMO_ENTRIES) -> Memoised[_Answer]:
    """Decorator: `function` of one hashable argument, computed once per distinct argument while
    at most `maxsize` are kept (see the module's docstring)."""
    answers: dict = {}
    misses = 0

    def remembered(key):
        nonlocal misses
        try:
            return answers[key]  # the hit: one lookup
        except KeyError:
            pass
        if len(answers) >= maxsize:
            answers.clear()
        misses += 1
        value = answers[key] = function(key)
        return value

    def cache_clear() -> None:
        nonlocal misses
        answers.clear()
        misses = 0

    def cache_info() -> MemoInfo:
        return MemoInfo(misses, maxsize, len(answers))

    wrapper: Any = functools.wraps(function)(remembered)
    wrapper.cache_clear, wrapper.cache_info = cache_clear, cache_info
    return cast(Memoised[_Answer], wrapper)
