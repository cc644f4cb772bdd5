"""Checks on the values a user types on the command line, each refused with a sentence that
names the option: a year of 0, an empty organisation, a rollover that goes backwards, a spec
named like a rendered document. Kept out of `cli.py` so the commands stay a thin layer."""

from __future__ import annotations

from pathlib import Path

from planforge.errors import usage_error
from planforge.model.plan import YEAR_MAX, YEAR_MIN
from planforge.spec import SPEC_SUFFIXES


def check_year(year: int, option: str = "--year") -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise usage_error("option_year_range", option=option, value=year, low=YEAR_MIN, high=YEAR_MAX)
    return year


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
