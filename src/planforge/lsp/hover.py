"""Hover: on a finding, its rule explained with the FAIL and PASS examples docs/rules.md shows; on
an item (or an id that names one), its generated number, its targets as the document prints them,
its time and months."""

from __future__ import annotations

import inspect

from lsprotocol import types

from planforge.i18n import translate
from planforge.lint.registry import RULES
from planforge.lint.rule import examples
from planforge.lsp.documents import Analysis, Lines
from planforge.lsp.index import Entry


def rule_text(code: str, lang: str, url: str | None = None) -> str:
    """A rule in Markdown: code, name, default severity, summary, why, and its examples."""
    rule = RULES[code]
    why = "\n".join(line for line in inspect.cleandoc(rule.doc).splitlines()
                    if line.strip().split(None, 1)[:1] not in (["PASS"], ["FAIL"])).strip()
    parts = [f"**{rule.code}** `{rule.name}` ({rule.severity})", rule.summary(lang)]
    if why:
        parts.append(why)
    for example in examples(rule):
        label = translate("lsp_fail" if example.verdict == "FAIL" else "lsp_pass", lang)
        fence = "text" if example.kind == "doc" else "yaml"
        body = example.text.replace("\\n", "\n") if example.kind == "doc" else example.text.replace(" || ", "\n# ——\n")
        parts.append(f"**{label}**\n```{fence}\n{body}\n```")
    if url:
        parts.append(f"[{translate('lsp_rule_docs', lang)}]({url})")
    return "\n\n".join(parts)


def item_text(entry: Entry, lang: str) -> str:
    """An item as the document prints it: number and title, targets, time, months, owner."""
    node = entry.view
    parts = [f"**{entry.path}** {entry.title}"]
    if node.targets:
        parts.append(translate("lsp_hover_targets", lang, text=node.targets))
    if node.when:
        months = "、".join(str(m) for m in node.months)
        key = "lsp_hover_when_months" if months else "lsp_hover_when"
        parts.append(translate(key, lang, when=node.when, months=months))
    if node.effective_owner:
        parts.append(translate("lsp_hover_owner", lang, owner=node.effective_owner))
    return "\n\n".join(parts)


def hover(analysis: Analysis, lines: Lines, position: types.Position, lang: str, url_of) -> types.Hover | None:
    """`url_of(code)`: the rule's documentation link, as the diagnostics give it."""
    line, col = lines.column(position)
    if analysis.result is not None:
        own = [f for f in analysis.result.findings if f.line == line and f.code in RULES
               and f.file in (str(analysis.path), None)]
        if own:
            text = "\n\n---\n\n".join(rule_text(code, lang, url_of(code)) for code in dict.fromkeys(f.code for f in own))
            return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))
    index = analysis.index()
    if index is None:
        return None
    word, _start = lines.word_at(position)
    entry = None
    if any(use.item_id == word and use.line == line and use.file == analysis.path for use in index.uses):
        entry = index.by_id.get(word)
    if entry is None and analysis.kind != "record":
        entry = index.at_line(line)
    if entry is None:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, item_text(entry, lang)))
