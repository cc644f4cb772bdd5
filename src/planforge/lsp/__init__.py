"""`planforge lsp`: the linter, its fixes and the plan's outline in the editor, over the Language
Server Protocol (pygls, installed with the `lsp` extra).

server.py wires the protocol to the modules below and holds the open documents; documents.py
lints a buffer and indexes its plan once per version; diagnostics.py turns findings into LSP
diagnostics; actions.py offers fixes and suppressions; hover.py explains a finding or an item;
symbols.py is the outline; navigation.py finds item ids (definition, references, completion).
Only server.py and diagnostics.py import pygls or lsprotocol's types at module level; nothing
outside this package imports it, so the CLI's start-up does not grow.
"""
