"""A 工作总结 read into a progress record for last year's plan (`import --progress-for PLAN`).

Each plan item (with an id) is looked for among the summary's paragraphs by the words of its
title (character bigrams: a summary rewrites 深入开展劳动和技能竞赛 as 劳动和技能竞赛扎实开展); the
figures in the paragraph found (and the body paragraphs after it) are matched to the item's
targets by their names. Every match is a guess, so every entry carries `# 待确认` with the
paragraph it came from; an item not found stays 未开始 and says so. A reader like the others: the
document's `Block`s in, and out the record's text in the layout `progress set` edits
(spec/record_write.py); the record's model and loader never see a document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from planforge.model.numbering import split_marker
from planforge.model.plan import Item, Plan
from planforge.model.targets import find_targets
from planforge.model.text import PUNCTUATION_AND_SPACE
from planforge.readers.blocks import Block
from planforge.spec.record_write import record_lines

TITLE_MATCH = 0.45  # bigram overlap of a title with a paragraph's opening, tuned on the starter plans
WHAT_MATCH = 0.4


def _bigrams(text: str) -> set[str]:
    text = PUNCTUATION_AND_SPACE.sub("", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _overlap(short: str, long: str) -> float:
    """How much of `short`'s bigrams `long` holds (containment, not Jaccard: a summary's
    paragraph is much longer than the plan item's title)."""
    a, b = _bigrams(short), _bigrams(long)
    return len(a & b) / len(a) if a else 0.0


MAX_POSTINGS = 50  # a bigram in more paragraphs than this (开展, 工作) tells no paragraph apart


def _best_paragraphs(plan: Plan, openings: list[str]) -> dict[int, tuple[int, float]]:
    """For each item (by id()), the paragraph whose opening holds most of its title's bigrams,
    and that share. An index from bigram to paragraphs keeps this linear: each title looks only
    at the paragraphs that share one of its less common bigrams, not at every paragraph."""
    index: dict[str, list[int]] = defaultdict(list)
    for number, opening in enumerate(openings):
        for bigram in _bigrams(opening):
            index[bigram].append(number)
    best: dict[int, tuple[int, float]] = {}
    for _level, item in plan.walk():
        wanted = _bigrams(item.title)
        if not wanted:
            continue
        shared: Counter[int] = Counter()
        for bigram in wanted:
            postings = index.get(bigram, ())
            if len(postings) <= MAX_POSTINGS:
                shared.update(postings)
        if shared:
            number, count = min(shared.items(), key=lambda pair: (-pair[1], pair[0]))
            best[id(item)] = (number, count / len(wanted))
    return best


@dataclass
class Match:
    item: Item
    excerpt: str | None = None  # the paragraph's opening, for the reviewer
    score: float = 0.0
    actuals: dict[str, float | int] = field(default_factory=dict)  # target what → value


def summary_part(blocks: list[Block]) -> list[Block]:
    """The retrospective part of a 总结及计划 document: the blocks before its plan part (found as
    the importer finds it, so the two never disagree about where the plan begins)."""
    from planforge.readers.infer import _plan_part

    plan_part = _plan_part(blocks)
    return blocks[: len(blocks) - len(plan_part) - 1] if len(plan_part) < len(blocks) else blocks


def match_summary(plan: Plan, blocks: list[Block]) -> list[Match]:
    paragraphs = [b.text for b in summary_part(blocks) if b.table is None and b.text.strip()]
    openings = []
    for text in paragraphs:
        typed = split_marker(text)
        openings.append((typed[3] if typed else text)[:80])
    best = _best_paragraphs(plan, openings)
    matches = []
    for _level, item in plan.walk():
        if not item.id or (item.items and not item.targets):
            continue
        match = Match(item)
        found_at = best.get(id(item))
        if found_at is not None and found_at[1] >= TITLE_MATCH:
            number, match.score = found_at
            body = [paragraphs[number]]
            for text in paragraphs[number + 1: number + 4]:
                if split_marker(text) or len(text) <= 30:
                    break  # the next numbered item or heading
                body.append(text)
            match.excerpt = paragraphs[number][:30]
            found = [t for text in body for t in find_targets(text)]
            for target in item.targets:
                scored = [(_overlap(target.what, f.what), f) for f in found if f.unit == target.unit or target.unit is None]
                if scored:
                    score, chosen = max(scored, key=lambda pair: pair[0])
                    if score >= WHAT_MATCH:
                        match.actuals[target.what] = chosen.value
        matches.append(match)
    return matches


def record_from_summary(plan: Plan, plan_file: str, matches: list[Match], document: str) -> str:
    """The record's text, in the layout `progress set` edits, every guess marked 待确认."""
    entries: dict[str, tuple[str, str | None, dict]] = {}
    for m in matches:
        if m.item.id is None:
            continue
        if m.excerpt is None:
            entries[m.item.id] = ("未开始", "待确认：总结中未找到此事项", {})
        else:
            entries[m.item.id] = ("已完成", f"待确认：据总结“{m.excerpt}”（相似度 {m.score:.2f}）", m.actuals)
    header = f"由 planforge import 从 {document} 读出，逐项核对带“待确认”的行"
    return record_lines(plan, plan_file, entries, header)
