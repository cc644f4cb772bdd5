"""What the speed work promised besides speed: the same output, a kept LibreOffice profile that is
safe to share, and a README that quotes the benchmark's last report (timings themselves are never
asserted: they belong to benchmarks/run.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from planforge.lint.output import _indented

# ---- JSON lint output: the fast writer is byte for byte the standard library's ----


@pytest.mark.parametrize("document", [
    {"version": "1.0", "findings": [], "summary": {"files": 0, "error": 0, "warning": 0, "info": 0}},
    {"version": "1.0", "findings": [
        {"file": "计划 \"甲\"\\乙.md", "line": None, "col": 3, "code": "PF401", "fixable": True,
         "message": "占位符“20xx”\n\t\u2028\x01 end"},
        {"file": "b.txt", "line": 12, "col": None, "code": "PF101", "fixable": False, "message": ""},
    ], "summary": {"files": 2, "error": 1, "warning": 1, "info": 0}},
    {"version": "1.0", "findings": [{}], "summary": {}},
    # text that looks like the layout the writer puts in: a dict's end and the next one's start
    {"version": "1.0", "findings": [{"message": 'x},\n{"line": 1,\n"col"', "file": "}"}, {"message": "{", "line": 2},
                                    {"message": "", "line": 3, "col": None}], "summary": {"a": ",\n\""}},
    {"version": "1.0", "findings": [{"message": "a"}, {}, {"message": "b"}]},
])
def test_json_writer_matches_the_standard_library(document):
    assert _indented(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_lint_json_output_is_the_standard_librarys_layout(cli, tmp_path):
    plan = tmp_path / "2027年工作计划.txt"
    plan.write_text("某某单位2027年工作计划\n一、加强学习，，提高素质\n二、开展20xx年活动\n", encoding="utf-8")
    result = cli("lint", "--format", "json", str(plan))
    document = json.loads(result.stdout)
    assert document["findings"], "the sample has faults to report"
    assert result.stdout == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# ---- PDF: one LibreOffice profile per user, built atomically, never shared at once ----

_RECORDING_SOFFICE = """\
#!/bin/sh
# Records the profile it was given, makes the profile folder as LibreOffice would, writes a PDF.
for arg in "$@"; do
  case "$arg" in
    -env:UserInstallation=file://*) profile="${{arg#-env:UserInstallation=file://}}" ;;
  esac
  last="$arg"
done
echo "$profile" >> "{log}"
mkdir -p "$profile/user"
[ -f "{fail}" ] && exit 1
outdir="$(dirname "$last")"
printf '%%PDF-1.4 fake' > "$outdir/plan.pdf"
"""


@pytest.fixture
def recording_soffice(tmp_path: Path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log, fail = tmp_path / "profiles.log", tmp_path / "fail"
    script = bin_dir / "soffice"
    script.write_text(_RECORDING_SOFFICE.format(log=log, fail=fail), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return log, fail, tmp_path / "cache" / "planforge"


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_pdf_reuses_one_profile_built_in_a_temporary_folder(recording_soffice):
    from planforge.render.pdf import docx_to_pdf

    log, _fail, cache = recording_soffice
    assert docx_to_pdf(b"PK") == b"%PDF-1.4 fake"
    assert docx_to_pdf(b"PK") == b"%PDF-1.4 fake"
    first, second = log.read_text(encoding="utf-8").split()
    kept = cache / "libreoffice-profile"
    assert Path(first) != kept and Path(first).parent.parent == cache  # built aside, then renamed
    assert Path(second) == kept and (kept / "user").is_dir()
    assert sorted(p.name for p in cache.iterdir()) == ["libreoffice-profile", "libreoffice-profile.lock"]


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_failed_conversion_keeps_no_profile_and_drops_a_kept_one(recording_soffice):
    from planforge.errors import UsageError
    from planforge.render.pdf import docx_to_pdf

    _log, fail, cache = recording_soffice
    fail.touch()
    with pytest.raises(UsageError):
        docx_to_pdf(b"PK")
    assert not (cache / "libreoffice-profile").exists()
    assert [p.name for p in cache.iterdir()] == ["libreoffice-profile.lock"]  # no half-built profile left
    fail.unlink()
    docx_to_pdf(b"PK")
    assert (cache / "libreoffice-profile").is_dir()
    fail.touch()
    with pytest.raises(UsageError):
        docx_to_pdf(b"PK")
    assert not (cache / "libreoffice-profile").exists()  # a profile that failed is not trusted again


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_profile_in_use_is_not_shared(recording_soffice):
    import fcntl

    from planforge.render.pdf import docx_to_pdf

    log, _fail, cache = recording_soffice
    docx_to_pdf(b"PK")
    with open(cache / "libreoffice-profile.lock", "a") as held:  # another planforge converting now
        fcntl.flock(held, fcntl.LOCK_EX)
        docx_to_pdf(b"PK")
    used = Path(log.read_text(encoding="utf-8").split()[-1])
    assert cache not in used.parents  # a private, temporary profile
    assert not used.exists()


# ---- README: the speed table is the benchmark's last report, not typed figures ----


def test_readme_quotes_the_last_speed_report():
    report = (ROOT / "benchmarks" / "report.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- speed-report -->\n", "<!-- /speed-report -->"
    quoted = readme[readme.index(start) + len(start):readme.index(end)]
    assert quoted == report, "run python benchmarks/run.py --readme"
    assert report.startswith("Run 20") and " cores, Python " in report  # dated, with the machine
    rows = [line for line in report.splitlines() if line.startswith("| `")]
    assert len(rows) >= 5 and all(line.count(" | ") == 6 for line in rows)  # … | met | load |
    assert any(line.startswith("| growth of any single rule") for line in report.splitlines())



def test_the_benchmarks_check_every_declared_dependency():
    """benchmarks/checkout.py names the dependencies it checks; pyproject.toml is the truth."""
    import re
    import sys

    toml = __import__("tomllib" if sys.version_info >= (3, 11) else "tomli")
    declared = toml.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.match(r"[A-Za-z0-9_.-]+", d).group(0).lower() for d in declared if "python_version <" not in d}
    checkout = (ROOT / "benchmarks" / "checkout.py").read_text(encoding="utf-8")
    checked = set(re.findall(r'"([a-z0-9-]+)": "[a-z0-9_]+"', checkout))
    assert checked == names


# ---- benchmarks/instructions.py: a revision's code counted beside this one's ----


def test_instruction_counts_read_a_revision_whole_and_refuse_an_unknown_one(tmp_path):
    """The revision's src/ is written out file for file as git holds it (what is counted is that
    code, not this checkout's); a revision git does not know stops with a sentence naming it."""
    import subprocess

    from conftest import load_benchmark

    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no revision to read")
    bench = load_benchmark("instructions")
    src = bench.revision_source("HEAD", tmp_path / "rev")
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", "HEAD", "src"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert sorted(p.relative_to(tmp_path / "rev").as_posix() for p in src.rglob("*") if p.is_file()) == sorted(listed)
    shown = subprocess.run(["git", "-C", str(ROOT), "show", "HEAD:src/planforge/model/plan.py"],
                           capture_output=True, check=True).stdout
    assert (src / "planforge" / "model" / "plan.py").read_bytes() == shown
    with pytest.raises(SystemExit, match="no-such-revision"):
        bench.revision_source("no-such-revision", tmp_path / "unknown")
    assert bench.total_instructions("version: 1\ncmd: python\nevents: Ir\nsummary: 3457012345\n") == 3_457_012_345
