"""The code the standard library writes as a command starts, compiled from code kept between runs.

Two things compile Python source at every start, unseen. `dataclasses` writes each class's
`__init__`, `__repr__`, `__eq__`, `__hash__` and frozen `__setattr__` as source text and
compiles it (`exec`), a few hundred microseconds a class; and `typing.ForwardRef` compiles every
annotation written as a string, which pydantic asks for each field of each model (our modules
write annotations as strings: `from __future__ import annotations`). A cold `render` compiles
some 1,150 such texts, pydantic's own dataclasses among them: 40-55 ms of a 200 ms run, more
than any of our own steps.

What a text compiles to depends only on the text, how it is compiled (its mode and the caller's
`__future__` flags) and the Python compiling it. So the command line hands `dataclasses` and
`typing` a stand-in for the builtin they call (`warm_startup_code`), which takes the code object
from a table kept in the user's cache folder, one table per command and Python, and compiles
what the table lacks exactly as the builtin would; the command adds what was missing as it ends
(`keep_startup_code`). Python's own `__pycache__` and Jinja2's bytecode cache (templating.py)
keep code objects the same way, in folders of the user's. A table that cannot be read whole, an
entry whose checksum fails or that is not code, any call of another shape (bytes, a file name,
flags, a code object): the builtin does it, as before. A program that imports planforge keeps
its `dataclasses` and `typing` as they are; only the console script installs the stand-ins.
"""

from __future__ import annotations

import builtins
import sys
from types import CodeType
from typing import Any

STARTUP_CODE_ENTRIES = 4096  # kept at most per command: `render` compiles some 600 distinct texts

_STANDINS = (("dataclasses", "exec"), ("typing", "compile"))  # (module, the builtin it calls)
_table: dict[tuple[str, str, int], tuple[int, bytes]] = {}  # (text, mode, flags) → (checksum, marshalled code)
_made: dict[tuple[str, str, int], CodeType] = {}  # this run's: what the table gave or was compiled here
_missing: set[tuple[str, str, int]] = set()  # compiled here: the table lacked them
_kind: str | None = None  # this command's table, once warm_startup_code ran
_future_mask: int | None = None


def warm_startup_code(command: str = "other") -> None:
    """Read the table `command` kept and hand the stand-ins to `dataclasses` and `typing`, where
    each calls the builtin by its global name (a module that defines a name of its own is left as
    it is). Called by the command line as it starts, before the libraries are imported."""
    global _table, _kind
    from importlib import import_module

    from planforge.cache import read_marshalled

    _kind = f"startup-code-{command}"
    _table = read_marshalled(_table_path(_kind))
    for module_name, builtin_name in _STANDINS:
        module = import_module(module_name)
        if builtin_name not in vars(module):
            setattr(module, builtin_name, _exec if builtin_name == "exec" else _compile)


def keep_startup_code() -> None:
    """Add the texts compiled this run to the command's table, as the command ends: a first run
    after an install or an upgrade writes it, later runs find every text and write nothing. A
    table that would grow past STARTUP_CODE_ENTRIES (an upgraded library's old texts) starts
    again from this run's."""
    if _kind is None or not _missing:
        return
    import marshal

    from planforge.cache import can_make, write_whole

    path = _table_path(_kind)
    if path is None or not can_make(path):
        return
    table = dict(_table) if len(_table) + len(_missing) <= STARTUP_CODE_ENTRIES else {}
    for key in list(_missing)[:STARTUP_CODE_ENTRIES]:
        data = marshal.dumps(_made[key])
        table[key] = (_checksum(key, data), data)
    try:
        write_whole(path, marshal.dumps(table))
    except (OSError, ValueError):
        return  # unwritable: the next run compiles as this one did


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **options: Any) -> None:
    """`exec`, with a text's code from the table. Globals and locals left out are the caller's, as
    the builtin takes them."""
    if globals is None:
        caller = sys._getframe(1)
        globals = caller.f_globals
        locals = caller.f_locals if locals is None else locals
    if type(source) is str and not options:
        source = _code(source, "exec", sys._getframe(1).f_code.co_flags)
    return builtins.exec(source, globals, locals, **options)


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
             optimize: int = -1, **options: Any) -> Any:
    """`compile`, with the code of a text compiled as `typing` compiles an annotation (under the
    name "<string>", nothing asked of it but its mode) from the table."""
    if type(source) is str and filename == "<string>" and flags == 0 and not dont_inherit and optimize == -1 \
            and not options:
        return _code(source, mode, sys._getframe(1).f_code.co_flags)
    return builtins.compile(source, filename, mode, flags, dont_inherit, optimize, **options)


def _code(text: str, mode: str, caller_flags: int) -> CodeType:
    """The code of `text` as the builtin makes it for a caller whose code has `caller_flags`: the
    caller's `__future__` features count, as they do for the builtin."""
    key = (text, mode, caller_flags & _future_flags())
    code = _made.get(key)
    if code is None:
        code = _from_table(key)
        if code is None:
            code = builtins.compile(text, "<string>", mode, key[2], dont_inherit=True)
            _missing.add(key)
        _made[key] = code
    return code


def _from_table(key: tuple[str, str, int]) -> CodeType | None:
    entry = _table.get(key)
    try:
        import marshal

        checksum, data = entry  # type: ignore[misc]
        code = marshal.loads(data) if checksum == _checksum(key, data) else None
    except Exception:  # none, or damaged into another shape
        return None
    return code if type(code) is CodeType else None


def _checksum(key: tuple[str, str, int], data: bytes) -> int:
    """Of the text, its mode and flags and the code kept for them: a damaged file is caught, and
    an entry moved under another text is refused."""
    import zlib

    return zlib.crc32(data, zlib.crc32(repr(key).encode("utf-8", "surrogatepass")))


def _future_flags() -> int:
    """The caller's flags the builtins pass on to what they compile: its `__future__` features
    (PyCF_MASK in CPython: every feature's flag but nested_scopes', which is always on)."""
    global _future_mask
    if _future_mask is None:
        import __future__

        mask = 0
        for name in __future__.all_feature_names:
            mask |= getattr(__future__, name).compiler_flag
        _future_mask = mask & ~__future__.nested_scopes.compiler_flag
    return _future_mask


def _table_path(kind: str):
    """The table's file, named by the command and the Python whose code it holds (its version and
    build, and its bytecode's tag): code is another Python's after an upgrade."""
    import zlib

    from planforge.cache import planforge_cache

    cache = planforge_cache()
    python = f"{sys.version}|{sys.implementation.cache_tag}|{sys.hexversion}"
    return None if cache is None else cache / f"{kind}-{zlib.crc32(python.encode()):08x}.marshal"
