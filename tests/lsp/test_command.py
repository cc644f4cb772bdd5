"""`planforge lsp` without the `lsp` extra: how to install it, exit 2, no traceback. Runs
whether or not pygls is installed (it hides pygls from the import)."""

from __future__ import annotations

import sys

from conftest import run_cli


def test_without_the_extra_lsp_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygls", None)  # `import pygls…` now fails as if it were absent
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    for name in [n for n in sys.modules if n.startswith("planforge.lsp")]:
        monkeypatch.delitem(sys.modules, name)
    result = run_cli("lsp")
    assert result.returncode == 2
    assert result.stderr.strip() == "planforge lsp 需要语言服务器组件，请先安装：pip install 'planforge[lsp]'"
    english = run_cli("--lang", "en", "lsp")
    assert english.returncode == 2 and "pip install 'planforge[lsp]'" in english.stderr and "Traceback" not in english.stderr


def test_lsp_is_listed_in_the_help():
    result = run_cli("--help")
    assert result.returncode == 0 and " lsp " in result.stdout


def test_the_readme_latency_table_is_the_benchmarks():
    """The figures are measured (benchmarks/lsp.py --readme), never typed: the block between the
    markers is the script's table, one row per example and the 1,000-item spec."""
    from pathlib import Path

    from conftest import load_benchmark

    bench = load_benchmark("lsp")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(bench.MARK): readme.index(bench.END)].splitlines()
    rows = [line for line in block if line.startswith("| ") and line.endswith((" yes |", " no |"))]
    assert [row.split(" | ")[0][2:] for row in rows] == [p.name for p in bench.EXAMPLES] + ["synthetic-1000-2027.yaml"]
    made = bench.table([{"file": "x", "kind": "example", "lines": 1, "diagnostics": 0, "median": 0.01, "p95": 0.02,
                         "met": True, "keystrokes": 40}])
    assert made[3:5] == block[3:5]  # the same columns, in the same words


def test_the_server_the_tests_start_uses_their_cache_folder():
    """Not the user's: the server keeps patterns and templates there as every command does, and
    its environment is made as its test module is imported, before any fixture runs."""
    import pytest

    pytest.importorskip("pytest_lsp", reason="pytest-lsp (the test extra) is not installed")
    import lsp_session
    from conftest import PRIVATE_CACHE

    assert lsp_session.SERVER_ENV["XDG_CACHE_HOME"] == PRIVATE_CACHE
