"""Lazy patterns and their kept code: every pattern planforge keeps compiles to the very pattern
`re.compile` makes, whether its code is made now or read back from the cache folder, and a
damaged or unwritable cache only costs time."""

from __future__ import annotations

import importlib
import marshal
import pkgutil
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli_process

import planforge
from planforge import patterns, startup_code


def _every_lazy_pattern() -> list[tuple[str, int]]:
    """The lazy patterns of every module, at its top level or in a table there."""
    found: dict[tuple[str, int], None] = {}
    for info in pkgutil.walk_packages(planforge.__path__, "planforge."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ModuleNotFoundError:  # the language server without its extra (pygls, lsprotocol)
            continue
        for value in vars(module).values():
            values = list(value.values()) if isinstance(value, dict) else list(value) if isinstance(value, (list, tuple)) else [value]
            for candidate in values:
                if isinstance(candidate, tuple) and len(candidate) == 2:
                    candidate = candidate[1]  # (name, pattern) tables
                if isinstance(candidate, patterns._LazyPattern):
                    found[(candidate.pattern, int(candidate._flags))] = None
    return list(found)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(patterns, "_kept", None)
    monkeypatch.setattr(patterns, "_unwritable", False)
    return tmp_path / "cache" / "planforge"


def _read_back(monkeypatch) -> None:
    """As the next run starts: the kept code read from disk again."""
    monkeypatch.setattr(patterns, "_kept", None)


def test_every_pattern_is_the_one_re_compiles_made_or_read_back(cache, monkeypatch):
    every = _every_lazy_pattern()
    assert len(every) > 150  # the walk found the modules' patterns
    made = [patterns._compile(source, flags) for source, flags in every]
    (kept,) = cache.glob("patterns-*.marshal")
    _read_back(monkeypatch)
    monkeypatch.setattr(patterns.re, "compile", _refused)  # read back, nothing is compiled
    read_back = [patterns._compile(source, flags) for source, flags in every]
    monkeypatch.undo()
    expected = [re.compile(source, flags) for source, flags in every]
    # equal patterns: the same text, flags and engine code
    assert made == expected and read_back == expected
    assert [p.groupindex for p in read_back] == [p.groupindex for p in expected]
    assert kept.stat().st_size > 0


def _refused(*args, **kwargs):
    raise AssertionError("compiled, not read back")


def test_a_pattern_reads_the_same_text_either_way(cache, monkeypatch):
    """Named groups, a CJK class and a verbose pattern, matched after a read back."""
    source = r"""(?P<month>[一二三四五六七八九十]{1,2}|\d{1,2})\s*月   # a month
                 (?P<part>上旬|中旬|下旬)?"""
    first = patterns.lazy(source, re.VERBOSE).search("定于十二月下旬召开")
    _read_back(monkeypatch)
    second = patterns.lazy(source, re.VERBOSE).search("定于十二月下旬召开")
    assert first is not None and second is not None
    assert (first.group("month", "part"), first.span()) == (second.group("month", "part"), second.span()) == (
        ("十二", "下旬"), (2, 7))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other code", "group name"])
def test_a_damaged_file_only_costs_time(cache, monkeypatch, damage):
    source = r"(?P<n>\d+)\s*[人名次项个]"
    expected = re.compile(source)
    assert patterns._compile(source, 0) == expected
    (kept,) = cache.glob("patterns-*.marshal")
    whole = kept.read_bytes()
    if damage == "garbage":
        kept.write_bytes(b"not marshal at all")
    elif damage == "truncated":
        kept.write_bytes(whole[: len(whole) // 2])
    else:
        import marshal

        table = marshal.loads(whole)
        if damage == "other code":  # well-formed code of another pattern under this one's name
            table[(source, 0)] = patterns._code_of(r"(?P<n>\d+)\s*[万亿]", 0)
        else:  # the code whole, a group renamed: matching works, naming a group would not
            flags, words, groups, groupindex, indexgroup, checksum = table[(source, 0)]
            table[(source, 0)] = (flags, words, groups, {"m": 1}, (None, "m"), checksum)
        kept.write_bytes(marshal.dumps(table))
    _read_back(monkeypatch)
    assert patterns._compile(source, 0) == expected
    assert patterns._compile(source, 0).search("培训职工120人").group("n") == "120"
    _read_back(monkeypatch)  # and the entry was made again
    monkeypatch.setattr(patterns.re, "compile", _refused)
    assert patterns._compile(source, 0).groupindex == {"n": 1}


def test_an_engine_that_refuses_our_code_is_asked_once_a_run(cache, monkeypatch):
    """Another Python's internals: the code this module makes is refused, and the rest of the run
    compiles with re.compile, without writing a file nobody can use."""
    monkeypatch.setattr(patterns, "_engine_refuses", False)
    monkeypatch.setattr(patterns, "_from_code", lambda source, code: None)  # what a refusal leaves
    assert patterns._compile(r"\d+场", 0).pattern == r"\d+场"
    assert patterns._engine_refuses
    monkeypatch.setattr(patterns, "_code_of", _refused)  # not made again this run
    assert patterns._compile(r"\d+次", 0).search("活动3次").group(0) == "3次"
    assert not list(cache.glob("patterns-*"))


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(patterns, "_kept", None)
    monkeypatch.setattr(patterns, "_unwritable", False)
    assert patterns._compile(r"\d+个", 0) == re.compile(r"\d+个")
    assert patterns._unwritable  # tried once, not at every pattern
    assert patterns._compile(r"\d+项", 0) == re.compile(r"\d+项")


def test_a_faulty_pattern_raises_as_re_compile_does(cache):
    with pytest.raises(re.error):
        patterns._compile(r"(unclosed", 0)


def test_no_home_to_find_only_costs_time(monkeypatch):
    """A container's user with no HOME and no entry in the password file: no cache folder, and
    every command works as before."""
    import os
    from pathlib import Path as P

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(P, "home", staticmethod(no_home))
    monkeypatch.setattr(patterns, "_kept", None)
    from planforge.cache import planforge_cache

    assert planforge_cache() is None
    assert patterns._compile(r"\d+户", 0) == re.compile(r"\d+户")
    assert os.environ.get("XDG_CACHE_HOME") is None


@pytest.mark.skipif(__import__("os").name == "nt", reason="Windows keeps caches under %LOCALAPPDATA%")
def test_a_relative_cache_folder_is_not_used(monkeypatch, tmp_path):
    """XDG_CACHE_HOME must be absolute (the XDG rules): a relative one would scatter caches
    through every folder planforge runs in."""
    from planforge.cache import cache_root

    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_root() == tmp_path / ".cache"


# ---------------------------------------------------------------- other libraries' patterns

# As libraries write theirs: a class of every printable code point (PyYAML's reader), a verbose
# pattern with named groups, flags given as RegexFlag (Jinja2's lexer, textwrap).
_LIBRARY_LIKE = [
    ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0),
    (r"""^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})  # a date
         (?:[Tt](?P<hour>[0-9]{1,2}))?$""", re.VERBOSE),
    (r"\{%-?\s*raw\s*-?%\}", re.MULTILINE | re.DOTALL),
]


@pytest.fixture
def library_run(cache, monkeypatch):
    """A fresh `re` cache and no library table read yet, as a process starts."""
    monkeypatch.setattr(patterns, "_library", None)
    re.purge()
    yield cache
    re.purge()


def _next_run(monkeypatch) -> None:
    monkeypatch.setattr(patterns, "_library", None)
    re.purge()


def test_library_patterns_are_kept_and_handed_to_re_as_it_compiles_them(library_run, monkeypatch):
    """A run keeps the code of what the libraries compiled; the next finds each pattern in `re`'s
    cache, made from that code without compiling, equal to what `re.compile` makes (the same
    text, flags and engine code) and matching the same."""
    patterns.warm_library_patterns()  # nothing kept yet
    for source, flags in _LIBRARY_LIKE:
        re.compile(source, flags)  # a library's import
    patterns.keep_library_patterns()
    (kept,) = library_run.glob("library-patterns-*.marshal")
    _next_run(monkeypatch)
    patterns.warm_library_patterns()
    compiler = patterns.re._compiler if hasattr(patterns.re, "_compiler") else __import__("sre_compile")
    monkeypatch.setattr(compiler, "compile", _refused)
    handed = [re.compile(source, flags) for source, flags in _LIBRARY_LIKE]
    monkeypatch.undo()
    re.purge()
    expected = [re.compile(source, flags) for source, flags in _LIBRARY_LIKE]
    assert handed == expected and [p.groupindex for p in handed] == [p.groupindex for p in expected]
    assert handed[0].search("ok\x07") is not None and handed[1].match("2027-3t9").group("month", "hour") == ("3", "9")
    assert kept.stat().st_size > 0


class _ZeroLike(int):
    """As Python 3.13's `re._ZeroSentinel`, the default flags of `re.sub` and friends: an int
    that marshal cannot write."""


def test_flags_of_an_int_subclass_are_kept_as_the_int(library_run, monkeypatch):
    patterns.warm_library_patterns()
    source = r"(?m)^\s{4}"
    re.sub(source, "", "    text", flags=_ZeroLike(0))  # re's cache is keyed by the flags as given
    patterns.keep_library_patterns()
    (kept,) = library_run.glob("library-patterns-*.marshal")
    assert (source, 0) in marshal.loads(kept.read_bytes())
    _next_run(monkeypatch)
    patterns.warm_library_patterns()
    monkeypatch.setattr(patterns, "_write", _refused)
    re.sub(source, "", "    text", flags=_ZeroLike(0))  # found under 0: nothing new to keep
    patterns.keep_library_patterns()


def test_a_run_that_compiles_nothing_new_writes_nothing(library_run, monkeypatch):
    patterns.warm_library_patterns()
    re.compile(_LIBRARY_LIKE[1][0], _LIBRARY_LIKE[1][1])
    patterns.keep_library_patterns()
    _next_run(monkeypatch)
    patterns.warm_library_patterns()
    re.compile(_LIBRARY_LIKE[1][0], _LIBRARY_LIKE[1][1])
    monkeypatch.setattr(patterns, "_write", _refused)
    patterns.keep_library_patterns()  # only looks


def test_the_library_file_keeps_a_bounded_number_of_patterns(library_run, monkeypatch):
    """Patterns made from data (a user's glob, a unit read from a document) may be new at every
    run, and an upgraded library leaves its old ones behind: a table keeps LIBRARY_PATTERNS at
    most, and one that would grow past it starts again from the run's own."""
    import marshal

    monkeypatch.setattr(patterns, "LIBRARY_PATTERNS", 4)
    patterns.warm_library_patterns()
    for n in range(10):
        re.compile(rf"第{n}\d+页")
    patterns.keep_library_patterns()
    (kept,) = library_run.glob("library-patterns-*.marshal")
    assert len(marshal.loads(kept.read_bytes())) == 4
    _next_run(monkeypatch)
    patterns.warm_library_patterns()
    for n in range(4):
        re.compile(rf"第{n}\d+页")  # all handed over: nothing to write
    with monkeypatch.context() as refusing:
        refusing.setattr(patterns, "_write", _refused)
        patterns.keep_library_patterns()
    _next_run(monkeypatch)
    patterns.warm_library_patterns()
    re.compile(r"又一个\d+")
    patterns.keep_library_patterns()
    assert list(marshal.loads(kept.read_bytes())) == [(r"又一个\d+", 0)]


def test_each_command_keeps_its_own_table(library_run, monkeypatch):
    """`lint` hands over what lint compiled last time, not what a render or the language server did."""
    patterns.warm_library_patterns("render")
    re.compile(r"\{%-?\s*raw")
    patterns.keep_library_patterns()
    _next_run(monkeypatch)
    patterns.warm_library_patterns("lint")
    assert (str, r"\{%-?\s*raw", 0) not in re._cache
    re.compile(r"PF\d{3}")
    patterns.keep_library_patterns()
    assert sorted(p.name.split("-")[2] for p in library_run.glob("library-patterns-*.marshal")) == ["lint", "render"]


def test_the_commands_named_for_their_tables_are_the_registered_ones():
    import typer.main

    from planforge.cli import COMMANDS, _registered

    assert sorted(COMMANDS) == sorted(typer.main.get_command(_registered()).commands)


@pytest.mark.parametrize("damage", ["garbage", "other code", "other keys"])
def test_a_damaged_library_file_only_costs_time(library_run, monkeypatch, damage):
    source, flags = _LIBRARY_LIKE[1]
    patterns.warm_library_patterns()
    re.compile(source, flags)
    patterns.keep_library_patterns()
    (kept,) = library_run.glob("library-patterns-*.marshal")
    import marshal

    if damage == "garbage":
        kept.write_bytes(b"\x00not marshal")
    elif damage == "other code":  # well-formed code of another pattern under this one's name
        table = marshal.loads(kept.read_bytes())
        table[(source, flags)] = patterns._code_of(r"(?P<year>\d+)", 0)
        kept.write_bytes(marshal.dumps(table))
    else:  # a dict still, its keys of other shapes
        kept.write_bytes(marshal.dumps({"x": 1, (1, 2, 3): None, (source,): 0, (7, 0): ()}))
    _next_run(monkeypatch)
    patterns.warm_library_patterns()
    assert (str, source, flags) not in re._cache  # nothing handed over: the library compiles it
    assert re.compile(source, flags).match("2027-3").group("year") == "2027"


def test_where_re_keeps_no_cache_nothing_is_handed_or_kept(library_run, monkeypatch):
    monkeypatch.setattr(patterns, "_re_cache", lambda: None)
    monkeypatch.setattr(patterns, "_write", _refused)
    patterns.warm_library_patterns()
    re.compile(r"\d+场")
    patterns.keep_library_patterns()
    assert not list(library_run.glob("library-patterns-*"))


def test_the_command_keeps_the_libraries_patterns_once(tmp_path):
    """`planforge lint` run as a user runs it: the first run leaves the libraries' patterns kept
    (PyYAML's among them, as every spec is YAML), the second finds them all and leaves the file
    as it was, and both say the same."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    spec = EXAMPLES / "bureau-union-2027.yaml"
    first = run_cli_process("lint", str(spec), env=env)
    (kept,) = (tmp_path / "cache" / "planforge").glob("library-patterns-lint-*.marshal")
    before = (kept.read_bytes(), kept.stat().st_mtime_ns)
    second = run_cli_process("lint", str(spec), env=env)
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)
    assert (kept.read_bytes(), kept.stat().st_mtime_ns) == before
    import marshal

    assert len(marshal.loads(before[0])) >= 10


def test_a_pattern_joined_from_a_set_does_not_make_every_run_write(tmp_path):
    """markdown-it joins a set of characters into a pattern, in another order as each process's
    hash seed falls: a Markdown import keeps one order, and later runs, whatever their seed,
    find the table whole and leave it as it was."""
    document = tmp_path / "计划.md"
    document.write_text("# 测试工会2027年工作计划\n\n## 一、加强组织建设\n\n1. 开展职工读书活动，全年征集征文200篇。\n",
                        encoding="utf-8")
    kept_after = []
    for seed in ("1", "2", "3"):
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONHASHSEED": seed}
        done = run_cli_process("import", str(document), "-o", str(tmp_path / "plan.yaml"), "--force", env=env)
        assert done.returncode == 0, done.stderr
        (kept,) = (tmp_path / "cache" / "planforge").glob("library-patterns-import-*.marshal")
        kept_after.append((kept.stat().st_ino, kept.stat().st_mtime_ns))
    assert kept_after[0] == kept_after[1] == kept_after[2]


def test_only_another_order_of_a_kept_pattern_is_left_out():
    kept = {("[ab+]", 0): b"", ("x{2}", 0): b""}
    new = [("[+ba]", 0), ("[b+a]", 2), ("{2}x", 0), ("[abc]", 0)]
    assert patterns._not_reordered(new, kept) == [("[b+a]", 2), ("[abc]", 0)]


def test_a_damaged_entry_is_kept_again_at_the_end(library_run, monkeypatch):
    """An entry refused as it is handed over (its code another pattern's) is compiled by the
    library as without kept code, and the run that did so keeps its code again: the next run is
    handed it."""
    import marshal

    source, flags = _LIBRARY_LIKE[1]
    patterns.warm_library_patterns()
    re.compile(source, flags)
    patterns.keep_library_patterns()
    (kept,) = library_run.glob("library-patterns-*.marshal")
    table = marshal.loads(kept.read_bytes())
    table[(source, flags)] = patterns._code_of(r"(?P<year>\d+)", 0)
    kept.write_bytes(marshal.dumps(table))
    for run in range(2):
        _next_run(monkeypatch)
        patterns.warm_library_patterns()
        handed = (str, source, flags) in re._cache
        re.compile(source, flags)
        patterns.keep_library_patterns()
        assert handed == (run == 1)


def test_a_file_claiming_more_memory_than_there_is_only_costs_time(library_run, monkeypatch):
    import marshal

    def too_big(data):
        raise MemoryError  # what a few damaged bytes claiming a 2 GB list give on a small machine

    patterns.warm_library_patterns()
    re.compile(r"\d+人")
    patterns.keep_library_patterns()
    _next_run(monkeypatch)
    monkeypatch.setattr(marshal, "loads", too_big)
    patterns.warm_library_patterns()
    assert (str, r"\d+人", 0) not in re._cache


def test_with_nowhere_to_keep_them_no_code_is_made_for_nothing(tmp_path, monkeypatch):
    """A cache folder that cannot be written (a file in its place, a read-only home): the end of
    every run would make the code of each library pattern again and fail to write it."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(patterns, "_library", None)
    monkeypatch.setattr(patterns, "_unwritable", False)
    re.purge()
    patterns.warm_library_patterns()
    re.compile(r"\d+场次")
    made = []
    monkeypatch.setattr(patterns, "_code_of", lambda source, flags: made.append(source))
    patterns.keep_library_patterns()
    re.purge()
    assert made == []


def test_the_output_ends_before_the_patterns_are_kept(monkeypatch):
    """The console script closes its standard output and error before it keeps the libraries'
    patterns and the standard library's code, so a pipe's reader (`planforge … | less`, a script) is not kept waiting by a first
    run's keeping; its exit code is the command's even if the keeping fails."""
    import os

    import planforge.cli as cli
    import planforge.cli.plain  # noqa: F401 (cli.plain, whatever ran before)

    done: list[object] = []

    class Exited(Exception):
        pass

    def failing_keep():
        done.append("keep")
        raise RuntimeError("a fault in the keeping")

    def exit_(code):
        done.append(("exit", code))
        raise Exited

    monkeypatch.setattr(cli, "main", lambda: sys_exit(3))
    monkeypatch.setattr(cli, "_watched", lambda: False)
    def failing_startup_keep():
        done.append("keep startup code")
        raise RuntimeError("a fault in the keeping")

    monkeypatch.setattr(patterns, "warm_library_patterns", lambda command: done.append(("warm", command)))
    monkeypatch.setattr(patterns, "keep_library_patterns", failing_keep)
    monkeypatch.setattr(startup_code, "warm_startup_code", lambda command: done.append(("startup code", command)))
    monkeypatch.setattr(startup_code, "keep_startup_code", failing_startup_keep)
    monkeypatch.setattr(os, "close", lambda descriptor: done.append(("close", descriptor)))
    monkeypatch.setattr(os, "_exit", exit_)
    monkeypatch.setattr(cli.sys, "argv", ["planforge", "--lang", "en", "lint", "plan.yaml"])
    monkeypatch.setattr(cli.plain, "ends_without_teardown", lambda: None)  # the flag is this process's, not the test's
    monkeypatch.setattr(cli.plain, "spare_plugin_search", lambda: None)
    with pytest.raises(Exited):
        cli.console()
    started = [("startup code", "lint"), ("warm", "lint")]
    assert done == [*started, ("close", 1), ("close", 2), "keep", "keep startup code", ("exit", 3)]
    done.clear()  # watched by a profiler or coverage: the streams stay open, and the code is still the command's
    monkeypatch.setattr(cli, "_watched", lambda: True)
    with pytest.raises(SystemExit) as ended:
        cli.console()
    assert done == [*started, "keep", "keep startup code"] and ended.value.code == 3


def sys_exit(code: int):
    raise SystemExit(code)


def test_an_engine_that_refuses_our_code_gets_no_library_file(library_run, monkeypatch):
    """Where the engine refuses the code this module makes (another Python's internals), the
    end of a run keeps nothing: a file every start would refuse, made again at every end."""
    monkeypatch.setattr(patterns, "_engine_refuses", False)
    patterns.warm_library_patterns()
    re.compile(r"\d+期")
    monkeypatch.setattr(patterns, "_from_code", lambda source, code: None)
    patterns.keep_library_patterns()
    assert patterns._engine_refuses and not list(library_run.glob("library-patterns-*"))
