"""Ids for items that have none, from their place in the plan: `s2` is the second section,
`s2-3` its third item, `s2-3-1` that item's first. A plan made by `import` or `rollover` gets them
so that its year can be tracked at once (`progress init` lists items by id); they are readable in a
progress record and stay put while the user edits titles. An id a person wrote is never changed.
"""

from __future__ import annotations

from planforge.model.plan import Item, Plan


def give_items_ids(plan: Plan) -> int:
    """Give every item without an id its position id, in place; returns how many were given. A
    position id another item already uses (written by hand) gets a letter: `s2-3b`."""
    taken = {item.id for _level, item in plan.walk() if item.id}
    given = 0

    def visit(item: Item, position: str) -> None:
        nonlocal given
        if not item.id:
            item.id = _free(position, taken)
            taken.add(item.id)
            given += 1
        for index, child in enumerate(item.items, start=1):
            visit(child, f"{position}-{index}")

    for index, section in enumerate(plan.sections, start=1):
        visit(section, f"s{index}")
    return given


def _free(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    suffix = 0
    while True:
        suffix += 1
        candidate = f"{wanted}{_letters(suffix)}"
        if candidate not in taken:
            return candidate


def _letters(number: int) -> str:
    """1 → b, 2 → c, … 25 → z, 26 → bb: a suffix that cannot be read as one more position."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 25)
        letters = chr(ord("b") + rest) + letters
    return letters
