"""The model every door shares: the `Plan` (plan.py) and the parsers that readers, the loader, the
linter and rollover all use — Chinese time expressions (periods.py), numbering (numbering.py),
targets in free text (targets.py), width folding and placeholders (text.py), the Chinese wording of
quantities and dates (wording.py), and what an item lacks (gaps.py).

Nothing here reads a file or knows a format; importing this package costs nothing, each module is
imported where it is used.
"""
