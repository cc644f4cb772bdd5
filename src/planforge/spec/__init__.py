"""The YAML plan spec: loading it safely with every problem located (load.py, yaml_problems.py),
writing one back (write.py), its JSON Schema (schema.py) and the starters of `planforge new`
(starters.py)."""

SPEC_SUFFIXES = (".yaml", ".yml")
