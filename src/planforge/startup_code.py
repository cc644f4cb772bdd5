"""The code the standard library writes as a command starts, compiled from code kept between runs.

Two things compile Python source at every start, unseen. `dataclasses` writes each class's
`__init__`, `__repr__`, `__eq__`, `__hash__` and frozen `__setattr__` as source text and
compiles it (`exec`); `typing.ForwardRef` compiles every annotation written as a string, which
pydantic asks for each field of each model (our modules write annotations as strings: `from
__future__ import annotations`). A cold `render` makes some 1,150 such calls on 525 distinct
texts, pydantic's own dataclasses among them: 40-55 ms of a 200 ms run, more than any of our
own steps.

What a text compiles to depends only on the text, how it is compiled (its mode, the caller's
`__future__` features) and the Python compiling it (its bytecode's magic number, its
optimisation level). So the command line hands `dataclasses` and `typing` a stand-in for the
builtin they call (`warm_startup_code`), which takes the code object from a table kept in the
user's cache folder, one per command and Python, and compiles what the table lacks as the
builtin would; the command adds what was missing as it ends (`keep_startup_code`). Like a
`.pyc`, a table names the magic number and optimisation level it was made with, and one made
by another Python is not used; a checksum refuses an entry damaged or moved under another text.
A text whose compiling warns (a SyntaxWarning) is not kept, so a later run warns as well. Any
call of another shape (bytes, another file name, flags, a code object) goes to the builtin, with
the caller's namespaces and features. A program that imports planforge keeps its `dataclasses`
and `typing` as they are; only the console script installs the stand-ins.
"""

from __future__ import annotations

import builtins
import sys
from types import CodeType
from typing import Any

STARTUP_CODE_ENTRIES = 4096  # kept at most per command: `render` compiles some 525 distinct texts
STARTUP_CODE_BYTES = 8 * 1024 * 1024  # a larger table is not read (`render`'s is about 350 KB)

_STANDINS = (("dataclasses", "exec"), ("typing", "compile"))  # (module, the builtin it calls)
_Key = tuple  # (text, mode, the caller's __future__ flags)
_PYTHON_KEY = ("", "python", -1)  # the entry naming the Python that made the table
_table: dict[_Key, Any] = {}  # key → (checksum, marshalled code), and _PYTHON_KEY → _python()
_made: dict[_Key, CodeType] = {}  # this run's: what the table gave or was compiled here
_missing: set[_Key] = set()  # compiled here: the table lacked them
_unkeepable: set[_Key] = set()  # compiled here with a warning: compiled again by every run
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
    table = read_marshalled(_table_path(_kind), STARTUP_CODE_BYTES)
    _table = table if table.get(_PYTHON_KEY) == _python() else {}
    for module_name, builtin_name in _STANDINS:
        module = import_module(module_name)
        if builtin_name not in vars(module):
            setattr(module, builtin_name, _exec if builtin_name == "exec" else _compile)


def keep_startup_code() -> None:
    """Add the texts compiled this run to the command's table, as the command ends: a first run
    after an install or an upgrade writes it, later runs find every text and write nothing. A
    table that would grow past STARTUP_CODE_ENTRIES (an upgraded library's old texts) starts
    again from what this run used."""
    if _kind is None or not _missing - _unkeepable:
        return
    import marshal

    from planforge.cache import can_make, write_whole

    path = _table_path(_kind)
    if path is None or not can_make(path):
        return
    table = dict(_table) if len(_table) + len(_missing) <= STARTUP_CODE_ENTRIES else {}
    for key in (_missing if table else list(_made)[:STARTUP_CODE_ENTRIES]):  # a damaged entry is replaced
        if key not in _unkeepable:
            data = marshal.dumps(_made[key])
            table[key] = (_checksum(key, data), data)
    table[_PYTHON_KEY] = _python()
    try:
        write_whole(path, marshal.dumps(table))
    except (OSError, ValueError):
        return  # unwritable: the next run compiles as this one did


def _exec(source: Any, /, globals: Any = None, locals: Any = None, **options: Any) -> None:
    """`exec`, with a text's code from the table. Namespaces left out are the caller's, as the
    builtin takes them (its locals a snapshot where the frame offers a view, as in 3.13)."""
    caller = sys._getframe(1)
    if globals is None:
        globals = caller.f_globals
        if locals is None:
            locals = caller.f_locals if isinstance(caller.f_locals, dict) else dict(caller.f_locals)
    if type(source) is str and not options:
        source = _code(source, "exec", caller.f_code.co_flags)
    elif isinstance(source, (str, bytes)) and not options:  # with the caller's features, as the builtin compiles
        source = builtins.compile(source, "<string>", "exec", caller.f_code.co_flags & _future_flags(), True)
    return builtins.exec(source, globals, locals, **options)


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
             optimize: int = -1, **options: Any) -> Any:
    """`compile`, with the code of a text compiled as `typing` compiles an annotation (under the
    name "<string>", nothing asked of it but its mode) from the table."""
    caller_flags = sys._getframe(1).f_code.co_flags
    if type(source) is str and filename == "<string>" and flags == 0 and not dont_inherit and optimize == -1 \
            and not options:
        return _code(source, mode, caller_flags)
    inherited = 0 if dont_inherit else caller_flags & _future_flags()
    return builtins.compile(source, filename, mode, flags | inherited, True, optimize, **options)


def _code(text: str, mode: str, caller_flags: int) -> CodeType:
    """The code of `text` as the builtin makes it for a caller whose code has `caller_flags`: the
    caller's `__future__` features count, as they do for the builtin."""
    key = (text, mode, caller_flags & _future_flags())
    code = _made.get(key)
    if code is None:
        code = _from_table(key)
        if code is None:
            code = _compiled(key)
            _missing.add(key)
        _made[key] = code
    return code


def _compiled(key: _Key) -> CodeType:
    """`key`'s text compiled; a text that warns is compiled a second time, outside the record,
    so the warning is issued as the builtin issues it, and is not kept."""
    import warnings

    text, mode, flags = key
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        code = builtins.compile(text, "<string>", mode, flags, dont_inherit=True)
    if warned:
        _unkeepable.add(key)
        code = builtins.compile(text, "<string>", mode, flags, dont_inherit=True)
    return code


def _from_table(key: _Key) -> CodeType | None:
    entry = _table.get(key)
    try:
        import marshal

        checksum, data = entry  # type: ignore[misc]
        code = marshal.loads(data) if checksum == _checksum(key, data) else None
    except Exception:  # none, or damaged into another shape
        return None
    return code if type(code) is CodeType else None


def _checksum(key: _Key, data: bytes) -> int:
    """Of the text, its mode and flags and the code kept for them: a damaged file is caught, and
    an entry moved under another text is refused."""
    import zlib

    return zlib.crc32(data, zlib.crc32(repr(key).encode("utf-8", "surrogatepass")))


def _python() -> tuple[bytes, int]:
    """What a `.pyc` checks before its code is run: the bytecode's magic number (the module
    importlib loads by, always there) and the optimisation level (`-O` drops asserts)."""
    import _frozen_importlib_external

    return _frozen_importlib_external.MAGIC_NUMBER, sys.flags.optimize


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
    """The table's file, named by the command and the Python whose code it holds (its version,
    build and bytecode tag, and the optimisation level): code is another Python's after an
    upgrade, and `-O` compiles other code."""
    from planforge.cache import kept_file

    return kept_file(kind, f"{sys.version}|{sys.implementation.cache_tag}|{sys.hexversion}|{sys.flags.optimize}")
