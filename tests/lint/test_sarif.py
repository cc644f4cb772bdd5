"""SARIF output checked against the SARIF 2.1.0 schema (vendored in tests/lint/schemas), with its
formats checked too: GitHub code scanning rejects a `uri` that is not a URI, and a Chinese file
name is the common case here, not the exception."""

import json
import re
from pathlib import Path

import jsonschema
from conftest import EXAMPLES, run_cli

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
# RFC 3986: unreserved, reserved and percent-escapes only (no raw non-ASCII, no spaces). Checked
# here rather than by an optional package, so the check runs whatever jsonschema finds installed.
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("uri-reference")
    def uri_reference(value) -> bool:
        return not isinstance(value, str) or bool(_URI_CHARS.match(value))

    @checker.checks("uri")
    def uri(value) -> bool:
        return not isinstance(value, str) or bool(_URI_CHARS.match(value) and _SCHEME.match(value))

    return checker


def _validate(document: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=_checker()).validate(document)


def test_the_checker_refuses_a_raw_chinese_uri():
    assert not _checker().conforms("计划/2027年工作计划.md", "uri-reference")
    assert _checker().conforms("%E8%AE%A1%E5%88%92.md", "uri-reference")


def test_sarif_validates_for_chinese_file_names_relative_and_absolute(tmp_path: Path):
    folder = tmp_path / "计划 文件"
    folder.mkdir()
    (folder / "2027年工作计划.md").write_text("# 2027年工作计划\n\n## 一、加强学习\n\n走访xx户,资金由某某负责\n", encoding="utf-8")
    (folder / "flawed.yaml").write_bytes((EXAMPLES / "flawed-plan-2027.yaml").read_bytes())
    relative = json.loads(run_cli("lint", "2027年工作计划.md", "flawed.yaml", "--format", "sarif", cwd=folder).stdout)
    _validate(relative)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in relative["runs"][0]["results"] for loc in r["locations"]}
    assert "2027%E5%B9%B4%E5%B7%A5%E4%BD%9C%E8%AE%A1%E5%88%92.md" in uris
    assert all(loc["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
               for r in relative["runs"][0]["results"] for loc in r["locations"])
    absolute = json.loads(run_cli("lint", str(folder / "2027年工作计划.md"), "--format", "sarif").stdout)
    _validate(absolute)
    assert all(loc["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")
               for r in absolute["runs"][0]["results"] for loc in r["locations"])


def test_a_finding_without_a_line_has_no_region(tmp_path: Path):
    (tmp_path / "plan.yaml").write_bytes((EXAMPLES / "flawed-plan-2027.yaml").read_bytes())
    (tmp_path / "empty.md").write_text("", encoding="utf-8")  # a read error: about the file, no line
    data = json.loads(run_cli("lint", "plan.yaml", "empty.md", "--format", "sarif", cwd=tmp_path).stdout)
    _validate(data)
    locations = [(r["ruleId"], r["locations"][0]["physicalLocation"]) for r in data["runs"][0]["results"]]
    lineless = [physical for code, physical in locations if code == "PF003"]
    assert lineless and all("region" not in physical for physical in lineless)
    assert all(physical["region"]["startLine"] >= 1 for code, physical in locations if "region" in physical)
