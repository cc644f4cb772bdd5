"""Progress: what became of a plan during its year (record.py), kept up to date from the command
line (edit.py) and read against a date (status.py)."""
