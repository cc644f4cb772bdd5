"""Starter specs for `planforge new`: commented, valid, realistic plans to edit.

Each kind is a Jinja2 template in `templates/starters/` that receives the organisation, year and
date; values are inserted through `yaml_str`, so an organisation name with a colon or a quote
still yields valid YAML.
"""

from __future__ import annotations

import datetime as dt
import json

from planforge.model.wording import chinese_date
from planforge.spec.schema import SCHEMA_FILENAME
from planforge.templating import builtin_templates, make_environment, render

KINDS = {
    "union": "机关、企事业单位工会年度工作计划",
    "school-union": "学校工会（教职工）年度工作计划",
}


def default_year(today: dt.date) -> int:
    """Plans are written from October on for the coming year."""
    return today.year + 1 if today.month >= 10 else today.year


def yaml_str(value: object) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), Chinese kept readable."""
    return json.dumps(str(value), ensure_ascii=False)


def available_kinds() -> list[str]:
    folder = builtin_templates() / "starters"
    return sorted(p.name.removesuffix(".yaml.j2") for p in folder.glob("*.yaml.j2"))


def make_starter(kind: str, organization: str, year: int, today: dt.date, schema_ref: str = SCHEMA_FILENAME) -> str:
    env = make_environment("starters")
    env.filters["yaml_str"] = yaml_str
    organization = " ".join(organization.split())  # one line: it lands inside YAML scalars
    date = dt.date(year, 1, 8) if today.year < year else today
    context = {
        "org": organization,
        "year": year,
        "date": date.isoformat(),
        "date_cn": chinese_date(date),
        "schema": schema_ref,
        "kind_title": KINDS.get(kind, kind),
    }
    return render(env, f"{kind}.yaml.j2", context)
