"""Lazy patterns and their kept code: every pattern planforge keeps compiles to the very pattern
`re.compile` makes, whether its code is made now or read back from the cache folder, and a
damaged or unwritable cache only costs time."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import planforge
from planforge import patterns


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
