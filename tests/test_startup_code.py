"""The code the standard library writes as a command starts (dataclasses' methods, typing's
string annotations), compiled from a kept table: the very code the builtins make, whether made
now or read back, a damaged table only costs time, and only the console script installs it."""

from __future__ import annotations

import builtins
import dataclasses
import json
import marshal
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planforge import patterns, startup_code

EXAMPLE = EXAMPLES / "school-union-2027.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own and this module's state as a new process has it; the
    stand-ins it hands `dataclasses` and `typing` are taken back afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _next_run(monkeypatch)
    yield tmp_path / "cache" / "planforge"
    for module, name in startup_code._STANDINS:
        vars(sys.modules[module]).pop(name, None)


def _next_run(monkeypatch) -> None:
    monkeypatch.setattr(startup_code, "_table", {})
    monkeypatch.setattr(startup_code, "_made", {})
    monkeypatch.setattr(startup_code, "_missing", set())
    monkeypatch.setattr(startup_code, "_unkeepable", set())
    monkeypatch.setattr(startup_code, "_kind", None)


def _a_class():
    """A frozen dataclass with defaults: __init__, __repr__, __eq__, __hash__ and the frozen
    __setattr__ and __delattr__ are all written and compiled by dataclasses (one text each up
    to Python 3.12, one text for them all from 3.13)."""

    @dataclasses.dataclass(frozen=True)
    class Target:
        what: str
        value: float | None = None
        units: tuple = ("人",)

    return Target


def _another_class():
    @dataclasses.dataclass(order=True)
    class Owner:
        name: str
        lead: bool = True

    return Owner


def _behaviour(cls) -> tuple:
    one, other = cls("入会率", 95.0), cls("入会率", 95.0)
    try:
        one.what = "x"
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    return repr(one), one == other, hash(one) == hash(other), frozen, cls.__init__.__code__.co_varnames


_ANNOTATIONS = ("dict[str, int] | None", "list[tuple[str, float]]")


def _first_run(cache: Path) -> tuple[Path, dict]:
    """A run that makes two classes and reads two annotations, and keeps what it compiled: the
    table's file, and its entries (the one naming the Python left out)."""
    startup_code.warm_startup_code("test")
    _a_class()
    _another_class()
    for annotation in _ANNOTATIONS:
        typing.ForwardRef(annotation)
    startup_code.keep_startup_code()
    [table_file] = cache.glob("startup-code-test-*.marshal")
    return table_file, _entries(table_file)


def _entries(table_file: Path) -> dict:
    return {key: value for key, value in marshal.loads(table_file.read_bytes()).items() if key != startup_code._PYTHON_KEY}


def test_a_kept_text_compiles_to_the_code_the_builtin_makes(cache, monkeypatch):
    stock = _behaviour(_a_class())
    table_file, table = _first_run(cache)
    assert vars(dataclasses)["exec"] is startup_code._exec and vars(typing)["compile"] is startup_code._compile
    assert {text for text, mode, _flags in table if mode == "eval"} == set(_ANNOTATIONS)
    assert sum(mode == "exec" for _text, mode, _flags in table) >= 2  # at least one text per class
    for (text, mode, flags), (_checksum, data) in table.items():
        assert marshal.loads(data) == builtins.compile(text, "<string>", mode, flags, dont_inherit=True)

    _next_run(monkeypatch)  # the next run reads them back
    startup_code.warm_startup_code("test")
    read_back = _behaviour(_a_class())
    for annotation in _ANNOTATIONS:
        typing.ForwardRef(annotation)
    assert stock == read_back
    assert startup_code._made and not startup_code._missing  # every text came from the table
    written = table_file.stat().st_ino
    startup_code.keep_startup_code()
    assert table_file.stat().st_ino == written  # nothing new: not written again (a write renames a new file in)


def test_the_callers_future_features_count_as_they_do_for_the_builtin(cache):
    """This module has `from __future__ import annotations`, so the builtins leave the annotations
    of code they compile for it as strings: a name that does not exist is no error. Through the
    table or past it (bytes, another file name), the stand-ins do the same."""
    text = "def f(x: no_such_name) -> int:\n    return x\n"
    for source, run in ((text, startup_code._exec), (text.encode(), startup_code._exec),
                        (text, lambda s, ns: builtins.exec(startup_code._compile(s, "<plan>", "exec"), ns))):
        stock: dict = {}
        builtins.exec(source, stock)
        through_the_standin: dict = {}
        run(source, through_the_standin)
        assert through_the_standin["f"].__annotations__ == stock["f"].__annotations__ == {"x": "no_such_name", "return": "int"}
    for source in (text, text.encode()):  # a caller without the feature: the annotation is evaluated, as the builtin does
        with pytest.raises(NameError):
            caller = builtins.compile("import planforge.startup_code as s\ns._exec(t, {})", "<caller>", "exec", dont_inherit=True)
            builtins.exec(caller, {"t": source})
    # `annotations` is the feature itself, as `from __future__ import annotations` binds it
    assert {key[2] for key in startup_code._made if key[0] == text} == {0, annotations.compiler_flag}
    startup_code._compile("1 + 1", "<plan>", "eval")
    assert ("1 + 1", "eval", annotations.compiler_flag) not in startup_code._made  # another file name: the builtin's


def test_namespaces_left_out_are_the_callers_as_for_the_builtin(cache):
    def stock():
        x = 1
        exec("x = 2")
        return x

    def through_the_standin():
        x = 1
        startup_code._exec("x = 2")
        return x

    assert through_the_standin() == stock() == 1  # a function's locals: a snapshot, not written through
    module: dict = {}
    builtins.exec("import planforge.startup_code as s\ns._exec('y = 5')", module)
    assert module["y"] == 5  # a module's: its globals
    namespace: dict = {}
    startup_code._exec("z = 3", globals=namespace)  # by keyword too, as Python 3.13 allows
    assert namespace["z"] == 3


def test_a_text_that_warns_is_not_kept_and_warns_again(cache, monkeypatch):
    startup_code.warm_startup_code("test")
    with pytest.warns(SyntaxWarning):
        startup_code._compile("x is 1", "<string>", "eval")
    startup_code._exec("y = 1", {})
    startup_code.keep_startup_code()
    [table_file] = cache.glob("startup-code-test-*.marshal")
    assert [key[0] for key in _entries(table_file)] == ["y = 1"]
    _next_run(monkeypatch)
    startup_code.warm_startup_code("test")
    with pytest.warns(SyntaxWarning):
        startup_code._compile("x is 1", "<string>", "eval")


def test_a_damaged_table_only_costs_time(cache, monkeypatch):
    table_file, table = _first_run(cache)
    keys = list(table)
    # one entry moved under another text, one bit flipped in another: neither is used
    moved = {**table, keys[0]: table[keys[1]], keys[2]: (table[keys[2]][0], table[keys[2]][1][:-1] + b"\x00"),
             startup_code._PYTHON_KEY: startup_code._python()}
    another_python = {**table, startup_code._PYTHON_KEY: (b"\x00\x00\r\n", 0)}  # a .pyc's check: another magic number
    for damaged in (b"\x00not marshal", marshal.dumps(["a list"]), marshal.dumps(moved), marshal.dumps(another_python)):
        table_file.write_bytes(damaged)
        _next_run(monkeypatch)
        startup_code.warm_startup_code("test")
        assert _behaviour(_a_class()) == _behaviour(_stock_class())
        for annotation in _ANNOTATIONS:
            typing.ForwardRef(annotation)
        assert startup_code._missing  # compiled again, and kept again whole
        startup_code.keep_startup_code()
        kept = marshal.loads(table_file.read_bytes())
        assert kept[startup_code._PYTHON_KEY] == startup_code._python()
        for key in startup_code._missing:
            text, mode, flags = key
            assert marshal.loads(kept[key][1]) == builtins.compile(text, "<string>", mode, flags, dont_inherit=True)


def test_a_table_too_large_to_read_is_made_again(cache, monkeypatch):
    table_file, table = _first_run(cache)
    monkeypatch.setattr(startup_code, "STARTUP_CODE_BYTES", table_file.stat().st_size - 1)
    _next_run(monkeypatch)
    startup_code.warm_startup_code("test")
    assert startup_code._table == {}


def _stock_class():
    standins = {name: vars(sys.modules[module]).pop(name) for module, name in startup_code._STANDINS}
    try:
        return _a_class()
    finally:
        for module, name in startup_code._STANDINS:
            setattr(sys.modules[module], name, standins[name])


def test_a_table_that_would_grow_too_large_starts_again_from_what_the_run_used(cache, monkeypatch):
    table_file, first = _first_run(cache)
    monkeypatch.setattr(startup_code, "STARTUP_CODE_ENTRIES", len(first) + 1)  # the entry naming the Python counts
    _next_run(monkeypatch)
    startup_code.warm_startup_code("test")
    _a_class()  # read from the table
    startup_code._exec("x = 1", {})  # one text more than the table may hold
    startup_code.keep_startup_code()
    kept = set(_entries(table_file))
    assert kept == set(startup_code._made) and ("x = 1", "exec", annotations.compiler_flag) in kept
    assert not {text for text, _mode, _flags in kept} & set(_ANNOTATIONS)  # not used by this run: left out


# What a process compiled through `dataclasses` and `typing`: the compile events whose caller is
# one of them, or the table's stand-in compiling what the table lacked.
_COUNTING = """
import os, sys
count = [0]
def hook(event, args):
    if event == "compile" and sys._getframe(1).f_globals.get("__name__") in ("dataclasses", "typing", "planforge.startup_code"):
        count[0] += 1
sys.addaudithook(hook)
exit, counted_in = os._exit, sys.argv[1]
def counted(code=0):
    with open(counted_in, "w") as out:
        out.write(str(count[0]))
    exit(code)
os._exit = counted
sys.argv = ["planforge", *sys.argv[2:]]
from planforge.cli import console
console()
"""


def _compiles(tmp_path: Path, env: dict, *args: str) -> tuple[int, str]:
    counted = tmp_path / "count.txt"
    done = subprocess.run([sys.executable, "-c", _COUNTING, str(counted), *args], env=env, capture_output=True,
                          text=True, timeout=120)
    return int(counted.read_text()), done.stdout


def test_a_second_run_compiles_nothing_and_says_the_same(tmp_path):
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PLANFORGE_LANG": "en"}
    first, first_out = _compiles(tmp_path, env, "lint", "--format", "json", str(EXAMPLE))
    [table_file] = (tmp_path / "cache" / "planforge").glob("startup-code-lint-*.marshal")
    written = table_file.stat().st_ino
    second, second_out = _compiles(tmp_path, env, "lint", "--format", "json", str(EXAMPLE))
    assert first > 100 and second == 0
    assert json.loads(first_out) == json.loads(second_out) and json.loads(first_out)
    assert table_file.stat().st_ino == written  # nothing was missing: not written again


def test_an_unwritable_cache_changes_nothing_but_the_time(tmp_path):
    import os

    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PLANFORGE_LANG": "en"}
    first, out = _compiles(tmp_path, env, "render", str(EXAMPLE), "-o", "-")
    second, again = _compiles(tmp_path, env, "render", str(EXAMPLE), "-o", "-")
    assert first == second > 100
    assert out == again and "工会" in out


def test_a_program_that_imports_planforge_keeps_its_libraries_as_they_are():
    program = ("import dataclasses, sys, typing, planforge.cli as cli\n"
               "try:\n    cli.main(['lint', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
               "print('exec' in vars(dataclasses), 'compile' in vars(typing))")
    done = subprocess.run([sys.executable, "-c", program, str(EXAMPLE)], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "False False"



def test_a_fault_reading_the_table_costs_only_time(monkeypatch):
    """A Python without what the table is read with (another implementation's internals): the
    command runs and ends as it would, without the stand-ins."""
    import os

    import planforge.cli as cli

    def failing_warm(command):
        raise ImportError("no _frozen_importlib_external here")

    ran, ended = [], []
    monkeypatch.setattr(startup_code, "warm_startup_code", failing_warm)
    monkeypatch.setattr(startup_code, "keep_startup_code", lambda: None)
    monkeypatch.setattr(cli, "main", lambda: ran.append(True))
    monkeypatch.setattr(cli, "_watched", lambda: False)
    monkeypatch.setattr(patterns, "warm_library_patterns", lambda command: None)
    monkeypatch.setattr(patterns, "keep_library_patterns", lambda: None)
    monkeypatch.setattr(os, "close", lambda descriptor: None)
    monkeypatch.setattr(os, "_exit", lambda code: ended.append(code))
    monkeypatch.setattr(cli.sys, "argv", ["planforge", "lint", "plan.yaml"])
    import planforge.cli.plain as plain

    monkeypatch.setattr(plain, "ends_without_teardown", lambda: None)
    monkeypatch.setattr(plain, "spare_plugin_search", lambda: None)
    cli.console()
    assert ran == [True] and ended == [0]
    assert "exec" not in vars(dataclasses) and "compile" not in vars(typing)
