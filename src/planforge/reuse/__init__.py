"""Reusing last year's plan: rolling a spec forward a year (rollover.py), comparing two years
(diff.py), and the specs a person will edit after `import` and `rollover` (drafts.py)."""
