"""Every size and time limit in one place: what a real plan needs, with room, and no more.

Each limit stops a wrong input (a log file, a pasted book, a zip bomb, an alias bomb, a runaway
template) from taking minutes or gigabytes; none is near what a real plan uses. Tests and
benchmarks import them from here rather than repeating the numbers.
"""

from __future__ import annotations

MIB = 1024 * 1024

SPEC_BYTES = 16 * MIB  # a spec file on disk; the largest real one is under 200 KB
YAML_DEPTH = 64  # nesting of a spec; a plan needs about ten
DOCUMENT_BYTES = 32 * MIB  # a document on disk: a DOCX with pictures may be large
DOCX_UNPACKED_BYTES = 200 * MIB  # a DOCX's parts unpacked, checked from the zip directory first
# Characters of text: a real plan, attachments included, holds 5,000–50,000; the cap is thirty
# times the largest, so it only stops a wrong file (a log, a whole book) from a minute's grind.
DOCUMENT_CHARS = 1_500_000
MEMO_CHARS = 2_000  # texts up to this long have their targets and times memoised (MEMO_ENTRIES of each at most)
# Distinct texts memoised per reading (targets, times, framing headings): sized to a document, so a
# rule reads each of a 10,000-item plan's texts once (4,096 overflowed there and every lookup
# recomputed); the largest document DOCUMENT_CHARS allows holds fewer distinct lines than this.
MEMO_ENTRIES = 65_536
SCAN_CHARS = 20_000  # of one paragraph, for times and targets: a pasted megabyte line is not read whole
SNIFF_BYTES = 64 * 1024  # read to tell whether a file holds a plan spec
MAX_MESSAGES = 50  # problems printed per run, then "…and N more"
MAX_QUOTE = 80  # characters of a user's value repeated in a message
TEMPLATE_SECONDS = 8.0  # a user's template: a whole CLI run, start-up included, stays within ten seconds
TEMPLATE_OUTPUT_CHARS = 64 * MIB  # what a template may write: a thousand times a large plan's Markdown
TEMPLATE_EXTRA_MEMORY = 1024 * MIB  # bytes a template's child process may map beyond what it inherits
PDF_SECONDS = 180  # LibreOffice converting one plan
LSP_DIAGNOSTICS = 200  # diagnostics the language server sends for one file at once (errors first), then one saying how many more
LSP_DEBOUNCE_SECONDS = 0.02  # the language server lints a buffer once typing pauses this long (a burst is linted once)
