"""PF3xx: duplicates. Near-duplicates use character 3-grams, measured on labelled pairs
(shared/design/chinese-text.md): Jaccard ≥ 0.45, or containment ≥ 0.9 when the shorter side has
at least 15 characters. Candidates come from an inverted index of shingles, so the pass stays
linear in the number of items instead of comparing every pair."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain
from typing import Any

from planforge.lint.rule import rule
from planforge.lint.rules_targets import hit, in_goals
from planforge.model.numbering import split_marker
from planforge.model.plan import Item
from planforge.model.text import PUNCTUATION_AND_SPACE
from planforge.patterns import lazy

_STRIP = PUNCTUATION_AND_SPACE
MAX_POSTINGS = 20  # a shingle shared by more items than this (开展职工…) says nothing about duplication


# A slot left for the writer (【待补充：未完成的原因】, as `planforge report` writes under every
# unfinished item) is PF401's to report; the same slot under two items is not a pasted paragraph.
_WRITER_SLOT = lazy(r"【(?:待补充|待填写)[^】]{0,40}】")


def normalise(text: str) -> str:
    typed = split_marker(text)
    if typed and typed[0] != "cn_shi":
        text = typed[3]
    return _STRIP.sub("", _WRITER_SLOT.sub("", text))


@rule("PF301", "duplicate-title", "error")
def duplicate_title(ctx):
    """Two sections or items with the same title: a paragraph pasted twice, or two that should merge.

    FAIL  sections: [{title: 加强学习, text: 学习}, {title: 加强学习, text: 培训}]
    PASS  sections: [{title: 加强学习, text: 学习}, {title: 加强培训, text: 培训}]
    PASS  sections: [{title: 总体目标, items: [{title: 提升职工福祉, text: 职工满意度达到90%}]}, {title: 具体计划, items: [{title: 提升职工福祉, text: 每季度走访职工1次, when: 每季度}]}]

    A plan whose work parts take up its goals one by one under the goals' own labels (总体目标:
    1. 提升职工福祉 … 具体计划: (二)提升职工福祉) repeats them on purpose: a goal and the work for
    it under one title is no duplicate.
    """
    seen: dict[tuple, object] = {}
    for level, item, ancestors in ctx.items():
        key = (level == 1, normalise(item.title), in_goals(ancestors))
        if not key[1]:
            continue
        if key in seen:
            yield hit(ctx, item, "title", first=ctx.at(seen[key], "title")[0])
        else:
            seen[key] = item


def _shingles(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(len(text) - 2)}


def _repeated(shingle_sets: list[set[str]]) -> set[str]:
    """The shingles found in at least two of the sets. Only these can make two items alike, and
    most of an item's shingles are its own: set operations find the few shared ones without a
    Python step per shingle."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for shingles in shingle_sets:
        repeated |= shingles & seen
        seen |= shingles
    return repeated


@rule("PF302", "near-duplicate", "warning")
# Complex (radon D) because it is an inverted index with its caps in one loop; kept together so
# the linear-time argument can be read in one place.
def near_duplicate(ctx):
    """Items whose text is nearly the same: pasted twice with a word changed.

    FAIL  sections: [{title: 一, items: [{title: 读书, text: 组织全体职工开展读书分享和征文评选活动，评选优秀作品并予以表彰}, {title: 征文, text: 组织全体职工开展读书分享和征文评选活动，评选优秀作品予以表彰}]}]
    PASS  sections: [{title: 一, items: [{title: 读书, text: 组织全体职工开展读书分享和征文评选活动，评选优秀作品并予以表彰}, {title: 运动会, text: 举办职工运动会，设置田径、球类和趣味项目}]}]
    """
    entries = []
    first_copy: dict[str, tuple[Item, set[int]]] = {}
    for _level, item, ancestors in ctx.items():
        body = normalise(f"{item.title}{item.text or ''}")[:2000]  # enough to tell; bounded for pasted megabytes
        if len(body) < 6:
            continue
        # Exact copies first, by their whole text: however many there are (the shingle index
        # skips the shingles shared by many items, so 21 copies would otherwise say nothing).
        text = normalise(item.text or "")[:2000]
        # a pasted paragraph is the same text under any short label title (活动1, 活动2 …)
        copy_key = text if len(text) >= 10 and len(normalise(item.title)) <= 12 else body
        above = {id(a) for a in ancestors}
        earlier = first_copy.get(copy_key)
        if earlier is not None and id(earlier[0]) not in above and id(item) not in earlier[1]:
            if item.text:  # a repeated bare title is PF301's to say
                yield hit(ctx, item, "text", first=ctx.at(earlier[0], "title")[0], score="1.00")
            continue
        first_copy.setdefault(copy_key, (item, above))
        entries.append((item, above, _shingles(body), len(body)))
    repeated = _repeated([shingles for _item, _above, shingles, _n in entries])
    shared_by = [shingles & repeated for _item, _above, shingles, _n in entries]
    counts = Counter(chain.from_iterable(shared_by))
    postings: dict[str, list[int]] = defaultdict(list)  # shingle → the earlier entries holding it
    for index, (item, ancestors, shingles, length) in enumerate(entries):
        telling = [s for s in shared_by[index] if counts[s] <= MAX_POSTINGS]
        common_with = Counter(chain.from_iterable(postings[s] for s in telling))
        for s in telling:
            postings[s].append(index)
        best = None
        for other, common in sorted(common_with.items()):  # the earliest of equally close ones
            o_item, o_anc, o_shingles, o_len = entries[other]
            if id(o_item) in ancestors or id(item) in o_anc:
                continue
            jaccard = common / (len(shingles) + len(o_shingles) - common)
            containment = common / min(len(shingles), len(o_shingles))
            if jaccard >= 0.45 or (containment >= 0.9 and min(length, o_len) >= 15):
                score = max(jaccard, containment)
                if best is None or score > best[1]:
                    best = (o_item, score)
        if best:
            yield hit(ctx, item, "text" if item.text else "title", first=ctx.at(best[0], "title")[0], score=f"{best[1]:.2f}")


# A percentage is one metric only when its name says what it is a share of (入会率, 覆盖面, 占比).
_NAMES_A_RATE = lazy(r"率|比例|比重|占比|覆盖面|面$|度$|指数")


# A measure named only by who takes part (参赛人员, 参加人数, 参与率): it measures its own item's
# activity, so two items giving it different values are two activities, not a conflict.
_GENERIC_MEASURE = lazy(r"^(?:参赛|参加|参与|参训|参检|参会|参评|报名)(?:的)?(?:人员|人数|职工|教职工|队伍|队|人次|率|单位)?$")


@rule("PF303", "conflicting-target", "warning")
def conflicting_target(ctx):
    r"""The same metric given twice with different values: which one does the plan promise?

    FAIL  sections: [{title: 一, text: 一, targets: [{what: 职工入会率, value: 95, unit: "%"}]}, {title: 二, text: 二, targets: [{what: 职工入会率, value: 90, unit: "%"}]}]
    PASS  sections: [{title: 一, text: 一, targets: [{what: 职工入会率, value: 95, unit: "%"}]}, {title: 二, text: 二, targets: [{what: 农民工入会率, value: 90, unit: "%"}]}]
    PASS doc  测试工会2027年工作计划\n一、文体活动\n1.举办演讲比赛，参赛人员不少于25人，5月举行\n2.组队参加运动会，参赛人员达到35人，9月参加
    """
    seen: dict[str, Any] = {}
    for _level, item, _ancestors in ctx.items():
        for target in item.targets:
            if target.unit == "%" and not _NAMES_A_RATE.search(target.what):
                continue  # 非公有制企业80%…50%: shares of a group doing different things, not one metric
            key = normalise(target.what)
            if _GENERIC_MEASURE.match(key):
                key = f"{normalise(item.title)}/{key}"  # 参赛人员 of a speech contest ≠ 参赛人员 of the games
            first = seen.get(key)
            if first is None:
                seen[key] = target
            elif (first.value, first.unit) != (target.value, target.unit):
                yield hit(ctx, target, "value", what=target.what, first=ctx.at(first, "value")[0])
