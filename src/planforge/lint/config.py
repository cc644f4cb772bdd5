"""Lint settings from `[tool.planforge.lint]` in pyproject.toml or `[lint]` in .planforge.toml,
found by walking up from the current directory; options given on the command line win."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from planforge.errors import usage_error
from planforge.lint.registry import SEVERITIES, by_code_or_name


def find_settings(start: Path) -> tuple[dict, Path | None]:
    for folder in [start, *start.parents]:
        dot = folder / ".planforge.toml"
        if dot.is_file():
            return _read(dot).get("lint", {}), dot
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("planforge", {}).get("lint")
            if table is not None:
                return table, pyproject
    return {}, None


def _read(path: Path) -> dict:
    from planforge.fileio import os_reason
    from planforge.i18n import Bilingual

    if sys.version_info >= (3, 11):  # imported here: most runs find no settings file to read
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise usage_error("bad_config", path=str(path), detail=os_reason(exc)) from None
    except UnicodeDecodeError:
        raise usage_error("bad_config", path=str(path), detail=Bilingual("不是 UTF-8 编码", "not UTF-8")) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))  # the line number is the part users need
        where = f"（第 {line.group(1)} 行）" if line else ""
        raise usage_error("bad_config", path=str(path), detail=Bilingual(f"TOML 格式有误{where}", str(exc))) from None


def codes(tokens: list[str] | str | None, origin: str) -> set[str] | None:
    if tokens is None:
        return None
    if isinstance(tokens, str):
        tokens = [t for t in tokens.replace(",", " ").split() if t]
    found = set()
    for token in tokens:
        rule = by_code_or_name(token)
        if rule is None:
            raise usage_error("unknown_rule", value=token, origin=origin)
        found.add(rule.code)
    return found


def severities(table: dict, origin: str) -> dict[str, str]:
    out = {}
    for token, severity in (table or {}).items():
        rule = by_code_or_name(token)
        if rule is None:
            raise usage_error("unknown_rule", value=token, origin=origin)
        if severity not in SEVERITIES:
            raise usage_error("bad_severity", value=severity, origin=origin)
        out[rule.code] = severity
    return out


def resolve(select: str | None, ignore: str | None, fail_on: str | None, start: Path):
    """(LintConfig, fail-on level) from the command line over the settings file over defaults."""
    from planforge.lint.engine import LintConfig

    table, origin = find_settings(start)
    origin_name = str(origin) if origin else "--select"
    config = LintConfig(
        select=codes(select, "--select") if select is not None else codes(table.get("select"), origin_name),
        ignore=(codes(ignore, "--ignore") if ignore is not None else codes(table.get("ignore"), origin_name)) or set(),
        severity=severities(table.get("severity", {}), origin_name),
    )
    include = table.get("include")
    if include is not None:
        if isinstance(include, str):
            include = [include]
        if not isinstance(include, list) or not all(isinstance(p, str) and p for p in include):
            raise usage_error("bad_include", origin=origin_name)
        config.include = tuple(include)
    config.root = origin.parent if origin else start
    level = fail_on or table.get("fail-on") or table.get("fail_on") or "error"
    if level not in SEVERITIES:
        raise usage_error("bad_severity", value=level, origin="--fail-on")
    return config, level
