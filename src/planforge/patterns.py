"""Regular expressions compiled on first use, not when their module is imported.

Python's `re` compiles a character class by walking every code point of its ranges, and ours
are CJK ranges of 20,000 code points: compiling the ~180 patterns planforge keeps at module
level took about 35 ms, a sixth of a cold `planforge lint`, though one run uses fewer than
half of them (`python benchmarks/startup.py` shows the lint path). `lazy()` returns a stand-in
that compiles on the first attribute asked of it and keeps what it handed out, so call sites
stay `PATTERN.search(text)` and a later call costs one attribute lookup, as before.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["lazy"]


class _LazyPattern:
    """A `re.Pattern` that compiles itself when first used. `pattern` is there at once, so
    patterns built from other patterns' source do not compile those."""

    def __init__(self, source: str, flags: int) -> None:
        self.pattern = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends ask the class, not the pattern
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(self.pattern, self._flags)
        value = getattr(compiled, name)
        self.__dict__[name] = value  # the next lookup finds it without coming here
        return value

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags!r})"


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, compiled when first used."""
    return cast("re.Pattern[str]", _LazyPattern(source, flags))
