"""Regular expressions compiled on first use, from code kept between runs.

Python's `re` compiles a character class by walking every code point of its ranges, and ours
are CJK ranges of 20,000 code points: compiling the ~180 patterns planforge keeps at module
level took about 35 ms, a sixth of a cold `planforge lint`, though one run uses fewer than
half of them (`python benchmarks/startup.py` shows the lint path). `lazy()` returns a stand-in
that compiles on the first attribute asked of it and keeps what it handed out, so call sites
stay `PATTERN.search(text)` and a later call costs one attribute lookup, as before.

Even compiled lazily, the 45 patterns a lint of one spec uses took 21 ms of every run. What
`re` compiles a pattern to (the code its matching engine runs) depends only on the pattern, its
flags and the Python that compiled it, so it is kept in the user's cache folder, in a file named
by that Python, and handed to the engine as `re` itself hands it (`_sre.compile`): 0.6 ms for
the same 45. A pattern the file lacks is compiled as `re` compiles it and added to the file at
once (a first run writes it some 45 times, 15 ms in all; a folder that cannot be written is
tried once a run). The engine checks the code it is given; anything unexpected (a damaged file,
another Python's internals) falls back to `re.compile`, and the pattern is the same either way
(a test compares every one).

The libraries planforge imports compile their own patterns as they are imported, with
`re.compile`: PyYAML's reader and resolver, Jinja2's lexer, textwrap, platform; some 50, 13-16 ms
of a cold `render`. `re` looks in its own cache (`re._cache`) before it compiles, so their code is
kept too, in a second file: the command line puts it in that cache as it starts
(`warm_library_patterns`) and adds what was missing as it ends (`keep_library_patterns`).
"""

from __future__ import annotations

import re
import sys
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
            compiled = self.__dict__["_compiled"] = _compile(self.pattern, self._flags)
        value = getattr(compiled, name)
        self.__dict__[name] = value  # the next lookup finds it without coming here
        return value

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags!r})"


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, compiled when first used."""
    return cast("re.Pattern[str]", _LazyPattern(source, flags))


# ---------------------------------------------------------------- the kept code

_Code = tuple  # (flags, code, groups, groupindex, indexgroup, checksum): `_sre.compile`'s arguments after
# the pattern, the code (a list of 32-bit words) kept as bytes (read back ten times faster than a
# list), and a checksum of the pattern and all of these
_kept: dict[tuple[str, int], _Code] | None = None  # read from disk at the first compile


_engine_refuses = False  # the engine refused code made this run: `re.compile` for the rest of it


def _compile(source: str, flags: int) -> re.Pattern[str]:
    global _engine_refuses
    if _engine_refuses:
        return re.compile(source, flags)
    kept = _kept_code()
    key = (source, int(flags))
    compiled = _from_code(source, kept[key]) if key in kept else None
    if compiled is None:  # not kept, or kept damaged: made now, and kept for the next run
        try:
            code = _code_of(source, flags)
        except Exception:  # a faulty pattern: re.compile says what is wrong with it
            return re.compile(source, flags)
        compiled = _from_code(source, code)
        if compiled is None:  # another Python's internals than this module knows
            _engine_refuses = True
            return re.compile(source, flags)
        kept[key] = code
        _write(kept)
    return compiled


def _from_code(source: str, code: _Code) -> re.Pattern[str] | None:
    """The pattern from its kept code, as `re` makes it; None when the code is not whole (a
    damaged file) or the engine refuses it (another Python's internals)."""
    try:
        import _sre
        from array import array

        flags, words, groups, groupindex, indexgroup, checksum = code
        if checksum != _checksum(source, code[:-1]):
            return None
        return cast("re.Pattern[str]", _sre.compile(source, flags, array("I", words).tolist(), groups, groupindex, indexgroup))
    except Exception:
        return None


def _code_of(source: str, flags: int) -> _Code:
    """What `re.compile` hands the engine for `source`, as `re._compiler.compile` makes it."""
    from array import array
    from importlib import import_module

    try:
        _compiler, _parser = import_module("re._compiler"), import_module("re._parser")
    except ImportError:  # Python 3.10
        _compiler, _parser = import_module("sre_compile"), import_module("sre_parse")
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    words = array("I", [int(c) for c in code])
    if words.itemsize != 4:
        raise ValueError("no 32-bit array type here")
    code_kept = (int(flags | parsed.state.flags), words.tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return (*code_kept, _checksum(source, code_kept))


def _checksum(source: str, code: tuple) -> int:
    """The engine checks that code is well formed, not that it is this pattern's, nor its group
    names and flags: a file damaged into other well-formed values is caught here."""
    import marshal
    import zlib

    return zlib.crc32(marshal.dumps((source, *code)))


def _kept_code() -> dict[tuple[str, int], _Code]:
    global _kept
    if _kept is None:
        _kept = _read("patterns")
    return _kept


def _read(kind: str) -> dict[tuple[str, int], _Code]:
    """The kept code of one file; empty when there is none or it cannot be read whole."""
    from planforge.cache import read_marshalled

    return read_marshalled(_kept_path(kind))


def _kept_path(kind: str = "patterns"):
    """The file of kept code (`patterns`, ours; `library-patterns`, other libraries'): named by the
    Python that compiled it (its version and build, and the engine's code format), in
    planforge's cache folder."""
    from planforge.cache import kept_file

    try:
        import _sre

        engine = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{sys.maxunicode}"
    except (ImportError, AttributeError):
        return None
    return kept_file(kind, engine)


_unwritable = False  # the folder refused a write this run: not tried again


def _write(kept: dict[tuple[str, int], _Code], kind: str = "patterns") -> None:
    """Written whole and renamed into place: a reader sees the old file or the new one. A run
    that cannot write (a read-only home) compiles as before."""
    global _unwritable
    path = None if _unwritable else _kept_path(kind)
    if path is None:
        return
    import marshal

    from planforge.cache import write_whole

    try:
        write_whole(path, marshal.dumps(kept))
    except (OSError, ValueError):
        _unwritable = True


# ---------------------------------------------------------------- other libraries' patterns

LIBRARY_PATTERNS = 256  # kept at most per command: `render` compiles some 65
_LIBRARY_SOURCE_CHARS = 10_000
_library: dict[tuple[str, int], _Code] | None = None  # this command's table, read by warm_library_patterns
_library_kind = "library-patterns-other"


def _re_cache() -> dict | None:
    """`re`'s own cache of compiled patterns, keyed (type, source, flags) as `re._compile` looks
    them up (Python 3.10 to 3.13); None where `re` keeps no such dict."""
    cache = getattr(re, "_cache", None)
    return cache if isinstance(cache, dict) else None


def warm_library_patterns(command: str = "other") -> None:
    """Put the kept code of the patterns other libraries compiled when `command` last ran into
    `re`'s cache, so that their `re.compile` at import finds each made. One table per command:
    each hands over what it uses (`lint` no Jinja2, `render` no LSP library). Called by the command
    line as it starts; a program that imports planforge keeps its `re` as it is."""
    global _library, _library_kind
    cache = _re_cache()
    if cache is None or _engine_refuses:
        return
    _library_kind = f"library-patterns-{command}"
    _library = _read(_library_kind)
    damaged = []
    for kept_key, code in _library.items():
        source, flags = kept_key if isinstance(kept_key, tuple) and len(kept_key) == 2 else (None, None)
        compiled = _from_code(source, code) if isinstance(source, str) and isinstance(flags, int) else None
        if compiled is None:  # a damaged entry: the library compiles it, and it is kept again at the end
            damaged.append(kept_key)
        elif (str, source, flags) not in cache:
            cache[(str, source, flags)] = compiled
    for kept_key in damaged:
        del _library[kept_key]


def keep_library_patterns() -> None:
    """Keep the code of the patterns in `re`'s cache that the command's table lacks, as the
    command ends: a first run after an install or an upgrade writes it, later runs only look (a
    few hundred dictionary lookups). A table that would grow past LIBRARY_PATTERNS (patterns made
    from data, a user's glob; an upgraded library's old ones) starts again."""
    global _engine_refuses
    cache = _re_cache()
    if cache is None or _library is None or _engine_refuses:
        return
    # flags as a plain int: Python 3.13 passes re.sub's default as `re._ZeroSentinel`, an int that
    # marshal cannot write (the whole table failed with it) and that equals 0 as a key
    new = _not_reordered([(key[1], int(key[2])) for key in list(cache) if _keepable(key) and key[1:] not in _library],
                         _library)
    path = _kept_path(_library_kind) if new else None
    if path is None or not _can_write(path):
        return  # nothing new, or nowhere to keep it: no code is made for nothing, run after run
    # Full: start again from this run's misses. The entries handed over at the start are in `re`'s
    # cache whether or not anything asked for them, so which are still used cannot be told; the
    # next runs add back the ones they miss.
    table = _library if len(_library) + len(new) <= LIBRARY_PATTERNS else {}
    added = False
    for source, flags in new[:LIBRARY_PATTERNS]:
        try:
            code = _code_of(source, flags)
        except Exception:  # what `re` compiled, this module could not: not kept
            continue
        if _from_code(source, code) is None:  # another Python's internals: as _compile, not again
            _engine_refuses = True
            return
        table[(source, flags)] = code
        added = True
    if added:
        _write(table, _library_kind)


def _not_reordered(new: list[tuple[str, int]], kept: dict) -> list[tuple[str, int]]:
    """`new` without the patterns that are a kept one's characters in another order: a library
    that joins a set into a pattern (markdown-it's characters that end a run of text) writes it
    in another order in every process, as the hash seed falls, so such a pattern would be a miss
    again next time, and every run would write the table for it. A pattern that only happens to
    hold a kept one's characters (`a|bc` beside `ab|c`) is left out too: it is compiled in every
    run, as without a table."""
    sizes = {(len(source), flags) for source, flags in new} & {(len(source), flags) for source, flags in kept}
    shapes = {("".join(sorted(source)), flags) for source, flags in kept if (len(source), flags) in sizes}
    return [(source, flags) for source, flags in new
            if (len(source), flags) not in sizes or ("".join(sorted(source)), flags) not in shapes]


def _can_write(path) -> bool:
    """Can the file `path` be made? Not asked again once a write failed this run."""
    from planforge.cache import can_make

    return not _unwritable and can_make(path)


def _keepable(key: object) -> bool:
    """A key of `re`'s cache this module can keep: a text pattern of a sensible length, its flags
    a number, not compiled for `re.DEBUG` (which `re` never caches anyway)."""
    return (isinstance(key, tuple) and len(key) == 3 and key[0] is str and isinstance(key[1], str)
            and isinstance(key[2], int) and len(key[1]) <= _LIBRARY_SOURCE_CHARS and not key[2] & re.DEBUG)
