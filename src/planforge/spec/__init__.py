"""The YAML plan spec: loading it safely with every problem located (load.py, yaml_problems.py),
writing one back (write.py), its JSON Schema (schema.py) and the starters of `planforge new`
(starters.py). The plan's progress record is YAML a person keeps too, and is read and written the
same way: where it lives (record_path.py), loading it (record.py), its starter (record_write.py)
and `progress set`'s line edits (record_edit.py)."""

SPEC_SUFFIXES = (".yaml", ".yml")
