"""The user's cache folder does not grow for ever: each upgrade names new tables and folders, and
what no run has used for a month is removed by the next run that keeps something, while what
runs use stays, and what planforge did not put there is never touched."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planforge import cache

EXAMPLE = EXAMPLES / "school-union-2027.yaml"
DAY = 86_400


def _dated(path: Path, days_ago: float) -> Path:
    stamp = time.time() - days_ago * DAY
    os.utime(path, (stamp, stamp))
    return path


def _age_in_days(path: Path) -> float:
    return (time.time() - path.stat().st_mtime) / DAY


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """planforge's cache folder, the test's own, with what earlier versions and other programs
    left there: each entry dated by its name's last word (days since a run used it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_pruned", False)
    root = tmp_path / "cache" / "planforge"
    root.mkdir(parents=True)
    for name in ("startup-code-lint-0badc0de.marshal", "patterns-0badc0de.marshal",
                 ".patterns-0badc0de.marshal.x1y2z3", "notes-of-the-user.txt"):
        (root / name).write_bytes(b"\x00")
    for name in ("templates-0badc0de0badc0de", "docx-0badc0de0badc0de", "libreoffice-profile", ".libreoffice-profile-k1lled"):
        (root / name).mkdir()
        (root / name / "inside").write_bytes(b"\x00")
    (root / "recent-patterns-0badc0de.marshal").write_bytes(b"\x00")
    for entry in root.iterdir():
        _dated(entry, 3 if entry.name.startswith("recent") else 40)
    return root


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PLANFORGE_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "planforge", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_a_run_that_keeps_something_removes_what_no_run_used_for_a_month(folder, tmp_path):
    done = _run(tmp_path, "lint", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    left = {entry.name for entry in folder.iterdir()}
    assert {"startup-code-lint-0badc0de.marshal", "patterns-0badc0de.marshal", ".patterns-0badc0de.marshal.x1y2z3",
            "templates-0badc0de0badc0de", "docx-0badc0de0badc0de", ".libreoffice-profile-k1lled"}.isdisjoint(left)
    # another version's table used three days ago, and what is not planforge's, stay
    assert {"recent-patterns-0badc0de.marshal", "notes-of-the-user.txt", "libreoffice-profile"} <= left
    assert (folder / "libreoffice-profile" / "inside").exists()
    assert any(name.startswith("startup-code-lint-") for name in left)  # this run's own


@pytest.mark.parametrize("command", ["lint {spec}", "render {spec} --to md -o -", "render {spec} --to docx -o {out} --force"])
def test_a_run_that_only_reads_removes_nothing(folder, tmp_path, command):
    """Pruning costs only the rare run that writes: a second run finds every table whole."""
    args = [word.format(spec=EXAMPLE, out=tmp_path / "plan.docx") for word in command.split()]  # a path may hold spaces
    assert _run(tmp_path, *args).returncode == 0
    stale = folder / "patterns-0feedbee.marshal"
    stale.write_bytes(b"\x00")
    _dated(stale, 40)
    assert _run(tmp_path, *args).returncode == 0
    assert stale.exists()


def test_a_table_read_is_dated_as_used_once_a_day(folder):
    table = folder / "patterns-5eed5eed.marshal"
    cache.write_whole(table, marshal.dumps({}))
    assert cache.read_marshalled(_dated(table, 40)) == {}
    assert _age_in_days(table) < 0.01
    assert cache.read_marshalled(_dated(table, 0.5)) == {}
    assert 0.49 < _age_in_days(table) < 0.51  # used within the day: no write for a read


def test_a_damaged_table_is_not_dated_as_used(folder):
    table = _dated(folder / "recent-patterns-0badc0de.marshal", 40)
    assert cache.read_marshalled(table) == {}
    assert _age_in_days(table) > 39


def test_the_templates_and_the_docx_package_in_use_are_dated_and_kept(folder, tmp_path):
    renders = [("render", str(EXAMPLE), "--to", kind, "-o", str(tmp_path / f"plan.{kind}"), "--force")
               for kind in ("md", "docx")]
    for render in renders:
        assert _run(tmp_path, *render).returncode == 0
    [templates] = [p for p in folder.glob("templates-*") if p.name != "templates-0badc0de0badc0de"]
    [package] = [p for p in folder.glob("docx-*") if p.name != "docx-0badc0de0badc0de"]
    for kept in (templates, package):
        _dated(kept, 40)
    for render in renders:
        assert _run(tmp_path, *render).returncode == 0
    assert _age_in_days(templates) < 0.01 and _age_in_days(package) < 0.01


def test_a_new_templates_folder_or_docx_package_prunes_too(folder):
    """What a render keeps besides the tables: the compiled templates' folder, made anew after
    an upgrade of Jinja2, and the DOCX package, made anew after one of python-docx."""
    from planforge import templating
    from planforge.model.layouts import Layout
    from planforge.render import docx_skeleton

    assert templating._bytecode_cache() is not None
    assert not (folder / "patterns-0badc0de.marshal").exists()
    docx_skeleton.skeleton(Layout(line_pitch=27.25))  # whatever else a build writes, written now
    stale = folder / "patterns-0feedbee.marshal"
    stale.write_bytes(b"\x00")
    _dated(stale, 40)
    cache._pruned = False  # the next run
    docx_skeleton.skeleton(Layout(line_pitch=27.5))  # a layout no earlier test kept
    assert not stale.exists()


def test_a_run_prunes_once(folder):
    cache.prune_unused()
    stale = folder / "patterns-0feedbee.marshal"
    stale.write_bytes(b"\x00")
    _dated(stale, 40)
    cache.prune_unused()
    assert stale.exists()


def test_pruning_a_folder_that_cannot_be_listed_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(cache, "_pruned", False)
    cache.prune_unused()  # no folder: nothing to do, nothing raised
    assert not (tmp_path / "nothing-here").exists()
