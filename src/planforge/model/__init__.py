"""The model every door shares: the `Plan` (plan.py) and the parsers that readers, the loader, the
linter and rollover all use — Chinese time expressions (periods.py), numbering (numbering.py),
targets in free text (targets.py), width folding and placeholders (text.py), the Chinese wording of
quantities and dates (wording.py), and what an item lacks (gaps.py). The year's progress record
(record.py) and the year so far against a date (status.py) are model too: the linter, rollover
and the report take a record as they take a `Plan`.

Nothing here reads a file or knows a format; importing this package costs nothing, each module is
imported where it is used.
"""
