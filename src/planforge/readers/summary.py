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

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from planforge.model.numbering import split_marker
from planforge.model.plan import Item, Plan
from planforge.model.record import STATUSES
from planforge.model.status import is_tracked
from planforge.model.text import PUNCTUATION_AND_SPACE, fold_width
from planforge.model.wording import CN_FIGURE_CHARS, read_figure
from planforge.patterns import lazy
from planforge.readers.blocks import Block
from planforge.spec.record_write import record_lines

TITLE_MATCH = 0.45  # bigram containment of a title in a sentence, tuned on the starter plans and tests/readers/summaries/tune
WHAT_MATCH = 0.4
# What summaries shorten and plans spell out (and back): compared in their long form.
ABBREVIATIONS = {"职代会": "职工代表大会", "教代会": "教职工代表大会", "工代会": "会员代表大会", "双代会": "职工代表大会",
                 "两节": "元旦春节", "困难职工帮扶": "帮扶困难职工", "工会干部培训": "培训工会干部"}
_ABBREVIATION = lazy("|".join(map(re.escape, sorted(ABBREVIATIONS, key=len, reverse=True))))


def _long_form(text: str) -> str:
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(0)], text)


def _bigrams(text: str) -> set[str]:
    text = PUNCTUATION_AND_SPACE.sub("", _long_form(text))
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _overlap(short: str, long: str) -> float:
    """How much of `short`'s bigrams `long` holds (containment, not Jaccard: a summary's
    sentence is much longer than the plan item's title)."""
    a, b = _bigrams(short), _bigrams(long)
    return len(a & b) / len(a) if a else 0.0


MAX_POSTINGS = 50  # a bigram in more sentences than this (开展, 工作) tells no sentence apart
# Where a summary starts another of its items inside one paragraph: 一是…；二是…, （二）, 2.
_ENUMERATOR = lazy(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\(?\d+[.、．)）]|第[一二三四五六七八九十]+[，,、])")
_SENTENCE_END = lazy(r"(?<=[。；;！!？?])|(?=[一二三四五六七八九十]是)")


@dataclass
class Unit:
    """A sentence of the summary (or a table row): where items are looked for."""

    text: str
    block: int
    last_in_block: bool = False
    heading: bool = False  # the whole of a short block: its body follows in the next blocks


def _units(blocks: list[Block]) -> list[Unit]:
    """Every sentence of every paragraph (一是…二是… apart), and every row of every table."""
    units: list[Unit] = []
    for number, block in enumerate(blocks):
        if block.table:
            units += [Unit("，".join(c for c in row if c.strip()), number, True) for row in block.table[1:] if any(row)]
            continue
        pieces = [piece.strip() for piece in _SENTENCE_END.split(block.text) if piece.strip()]
        for index, piece in enumerate(pieces):
            units.append(Unit(piece, number, index == len(pieces) - 1,
                              heading=len(pieces) == 1 and (bool(split_marker(piece)) or len(piece) <= 30)
                              and not piece.endswith(("。", "；"))))
    return units


def _best_units(plan: Plan, units: list[Unit]) -> dict[int, tuple[int, float]]:
    """For each item (by id()), the sentence holding most of its title's bigrams, and that
    share. An index from bigram to sentences keeps this linear: each title looks only at the
    sentences that share one of its less common bigrams, not at every sentence."""
    index: dict[str, list[int]] = defaultdict(list)
    for number, unit in enumerate(units):
        for bigram in _bigrams(unit.text[:120]):
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


# The status a summary's words give an item, the first that matches: a negative before the
# positive it contains (未完成 holds 完成). 未完成目标 is a target missed, not an item left undone.
_STATUS_WORDS = [
    ("cancelled", lazy(r"已取消|取消|撤销|不再开展")),
    ("postponed", lazy(r"延期|推迟|顺延|暂缓|延后|未能如期|未能按期")),
    ("not-started", lazy(r"未开始|尚未开展|尚未启动|未启动|未能开展|未开展|未能|下半年开展")),
    ("in-progress", lazy(r"正在推进|正在|推进中|基本完成|稳步推进中|进行中|持续推进")),
]


# A sentence that opens with nothing but its status: 已完成，… as the drafted 总结 writes it.
_DONE = lazy(r"(?:已经?|均已|已全部|全部|已圆满|圆满|已顺利|顺利|已全面|全面|已按期|按期|已如期|如期)?完成(?:了)?|已办结|已落实")


def status_from_text(text: str) -> str:
    """done unless the words say otherwise: 取消, 推迟, 未能, 基本完成, 正在推进 (planforge's own
    report opens each item with one: 已完成 / 正在推进 / 未完成（延期） / 按计划在下半年开展)."""
    words = re.sub(r"未完成目标|未完成的原因|未完成原因", "", text)
    first = re.split(r"[，,。；;]", words, maxsplit=1)[0]
    for scope in (first, words):
        for state, pattern in _STATUS_WORDS:
            if pattern.search(scope):
                return state
        if scope is first and _DONE.fullmatch(first.strip()):
            return "done"  # 已完成，原定4月的培训推迟到7月举办: what the rest says is how, not whether
    return "done"


# A figure as summaries write it, in the characters read_figure reads (一千零五十: 零 included).
_FIGURE = (rf"(?P<figure>百分之[{CN_FIGURE_CHARS}点]+|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[万千亿])?"
           rf"|[{CN_FIGURE_CHARS}]+)(?P<approx>[余多])?")


def _figures_for(target, text: str) -> list[tuple[str, float | int]]:
    """(the clause before it, value) for each figure in `text` written in the target's unit:
    2300余人次, 600多人, 1,650人, 1.2万人, 百分之九十七点五, 97.5%."""
    unit = target.unit or ""
    text = fold_width(text)
    if unit in ("%", "％"):
        pattern = _FIGURE + r"(?:%|％)?"
    elif unit:
        pattern = _FIGURE + re.escape(unit) + ("" if unit.endswith("次") else "(?!次)")
    else:
        return []
    found = []
    for m in re.finditer(pattern, text):
        written = m.group("figure")
        if unit in ("%", "％") and not written.startswith("百分之") and text[m.end() - 1:m.end()] not in "%％":
            continue
        value = read_figure(written)
        if value is None:
            continue
        clause = re.split(r"[，,。；;：:]", text[: m.start()])[-1]
        found.append((clause, value))
    found += [(m.group(1), 0) for m in re.finditer(r"([^，,。；;：:]*?)(?:为零|为0(?![\d.])|零发生)", text)]
    return found


@dataclass
class Match:
    item: Item
    excerpt: str | None = None  # the sentence's opening, for the reviewer
    score: float = 0.0
    actuals: dict[str, float | int] = field(default_factory=dict)  # target what → value
    status: str = "done"


def summary_part(blocks: list[Block]) -> list[Block]:
    """The retrospective part of a 总结及计划 document: the blocks before its plan part (found as
    the importer finds it, so the two never disagree about where the plan begins)."""
    from planforge.readers.infer import _plan_part

    plan_part = _plan_part(blocks)
    return blocks[: len(blocks) - len(plan_part) - 1] if len(plan_part) < len(blocks) else blocks


def _body(units: list[Unit], number: int, taken: set[int]) -> str:
    """The words about the item found at sentence `number`: that sentence and those after it in
    its paragraph, up to the next enumerated one or another item's; after a heading, the
    paragraphs below it up to the next heading."""
    body = [units[number].text]
    at = number + 1
    crossed = units[number].heading or units[number].last_in_block and len(units[number].text) <= 30
    while at < len(units):
        unit = units[at]
        new_block = unit.block != units[at - 1].block
        if at in taken or _ENUMERATOR.match(unit.text) or unit.heading or (new_block and not crossed) or len(body) >= 12:
            break
        body.append(unit.text)
        at += 1
    return "".join(body)


def match_summary(plan: Plan, blocks: list[Block]) -> list[Match]:
    units = _units(summary_part(blocks))
    best = _best_units(plan, units)
    wanted = [item for _level, item in plan.walk() if item.id and is_tracked(item)]
    taken = {best[id(i)][0] for i in wanted if id(i) in best and best[id(i)][1] >= TITLE_MATCH}
    matches = []
    for item in wanted:
        match = Match(item)
        found_at = best.get(id(item))
        if found_at is not None and found_at[1] >= TITLE_MATCH:
            number, match.score = found_at
            body = _body(units, number, taken - {number})
            match.excerpt = units[number].text[:30]
            match.status = status_from_text(body[len(units[number].text):] if units[number].heading else body)
            for target in item.targets:
                scored = [(_overlap(target.what, clause), value) for clause, value in _figures_for(target, body)]
                if scored:
                    score, value = max(scored, key=lambda pair: pair[0])
                    if score >= WHAT_MATCH:
                        match.actuals[target.what] = value
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
            entries[m.item.id] = (STATUSES[m.status], f"待确认：据总结“{m.excerpt}”（相似度 {m.score:.2f}）", m.actuals)
    header = f"由 planforge import 从 {document} 读出，逐项核对带“待确认”的行"
    return record_lines(plan, plan_file, entries, header)
