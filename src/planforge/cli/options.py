"""Checks on the values a user types on the command line, each refused with a sentence that
names the option: a year of 0, an empty organisation, a rollover that goes backwards, a spec
named like a rendered document. Kept out of `cli.py` so the commands stay a thin layer."""

from __future__ import annotations

from pathlib import Path

from planforge.errors import usage_error
from planforge.model.plan import MAX_MAGNITUDE, MAX_MAGNITUDE_SHOWN, YEAR_MAX, YEAR_MIN
from planforge.spec import SPEC_SUFFIXES


def check_year(year: int, option: str = "--year") -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise usage_error("option_year_range", option=option, value=year, low=YEAR_MIN, high=YEAR_MAX)
    return year


def check_number(value: float, option: str, typed: str) -> int | float:
    """A figure typed on the command line (`typed`, as the user wrote it, is what a refusal
    shows), held to the loader's own limit: `inf`, `nan` or `1e16` written into a record would
    make every later `status` and `report` refuse the file."""
    import math

    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise usage_error("option_number_range", option=option, value=typed, limit=MAX_MAGNITUDE_SHOWN)
    return int(value) if value.is_integer() else value


def check_org(org: str) -> str:
    """One line of real text: the name lands in the title, the signature and a YAML scalar."""
    cleaned = " ".join(org.split())
    if not cleaned:
        raise usage_error("option_empty", option="--org")
    return cleaned


def check_rollover_year(old_year: int, requested: int | None) -> int:
    new_year = old_year + 1 if requested is None else requested
    check_year(new_year)
    if new_year <= old_year:
        raise usage_error("rollover_not_later", new=new_year, old=old_year)
    return new_year


def check_spec_name(path: Path) -> None:
    """A spec named 计划.md would be overwritten by the `render 计划.md` we suggest next."""
    if path.suffix.lower() not in SPEC_SUFFIXES:
        raise usage_error("spec_suffix", path=str(path))


def check_template_dir(folder: Path | None) -> None:
    """A `--template-dir` must hold at least one template named like a built-in one: a folder that
    holds none would render with the built-in templates, and the user would never learn that
    their own were not used (an empty folder, a typo in the path, templates under other names)."""
    if folder is None:
        return
    if not folder.is_dir():
        raise usage_error("file_not_found", path=str(folder))
    from planforge.templating import builtin_templates

    names = sorted(p.name for p in (builtin_templates() / "markdown").glob("*.j2"))
    if not any((folder / name).is_file() for name in names):
        raise usage_error("template_dir_unused", path=str(folder), names="、".join(names))
