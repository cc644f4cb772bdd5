"""Where a plan's progress record lives: beside the plan, named after it. Kept apart from the
record's loader (record.py) so that linting a spec can look for a record without importing the
record's model."""

from __future__ import annotations

from pathlib import Path

from planforge.spec import SPEC_SUFFIXES


def default_progress_path(plan_path: Path) -> Path:
    """plan-2027.yaml → plan-2027.progress.yaml, beside it."""
    return plan_path.with_name(f"{plan_path.stem}.progress.yaml")


def plan_beside_record(path: Path) -> Path | None:
    """plan-2027.progress.yaml → plan-2027.yaml, when that plan is there."""
    name = path.name
    for suffix in (f".progress{s}" for s in SPEC_SUFFIXES):
        if name.endswith(suffix):
            for plan_suffix in SPEC_SUFFIXES:
                plan = path.with_name(name[: -len(suffix)] + plan_suffix)
                if plan.is_file():
                    return plan
    return None
