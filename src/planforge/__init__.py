"""planforge: Chinese work plans as data — YAML spec in, numbered Markdown and DOCX out, linted."""

__version__ = "0.1.0"
