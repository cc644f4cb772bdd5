"""What changed between two years' plans: items added, removed and moved, and every target.

Items are matched by id first (ids survive rollover), then by exact normalised title, and only
the items left over are compared by title similarity, within the same section where possible,
so the work stays close to linear for plans that share most of their items.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from planforge.i18n import translate
from planforge.model.plan import Item, Plan, Target
from planforge.model.record import Progress, target_progress
from planforge.model.text import fold_width
from planforge.model.wording import quantity

SIMILAR = 0.6
TEXT_COMPARED = 2000  # characters of each text the change description looks at


@dataclass(frozen=True)
class TargetChange:
    item: str
    what: str
    old: str
    new: str
    kind: str  # added | removed | same | changed | delta
    change: str = ""  # for a delta: +300人（+20%）
    actual: str = ""  # what last year achieved, from its progress record: 1650人

    def describe(self, lang: str = "zh") -> str:
        return self.change if self.kind == "delta" else translate(f"change_{self.kind}", lang)

    def old_cell(self, lang: str = "zh") -> str:
        """Last year's target and, where recorded, what was achieved: 1500人（完成 1650人）."""
        if not self.actual:
            return self.old
        return translate("diff_old_with_actual", lang, old=self.old or "—", actual=self.actual)


@dataclass
class PlanDiff:
    old_year: int
    new_year: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # title, old parent, new parent ("" = top)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    targets: list[TargetChange] = field(default_factory=list)
    rewritten: list[tuple[str, str]] = field(default_factory=list)  # item, what changed in its text

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.renamed or self.rewritten
                    or any(t.kind != "same" for t in self.targets))

    def summary(self, lang: str = "zh") -> str:
        """One line counting every kind of change: 新增 1 项、删除 0 项、改名 0 项、调整位置 0 项、正文改动 2 项、指标变化 3 项."""
        changed = sum(1 for t in self.targets if t.kind != "same")
        return translate("diff_summary", lang, added=len(self.added), removed=len(self.removed), renamed=len(self.renamed),
                         moved=len(self.moved), rewritten=len(self.rewritten), targets=changed)


def _norm(title: str) -> str:
    return re.sub(r"[\s，,。、；;：:“”\"（）()]", "", title)


def _places(plan: Plan) -> list[tuple[Item, str, str]]:
    """(item, its parent's title, its path) for every item, depth first."""
    out = []

    def visit(item: Item, parent: str, path: str) -> None:
        out.append((item, parent, path))
        for index, child in enumerate(item.items):
            visit(child, item.title, f"{path}.{index + 1}")

    for index, section in enumerate(plan.sections):
        visit(section, "", str(index + 1))
    return out


def _match(old: list, new: list) -> list[tuple[Any, Any]]:
    pairs: list[tuple[tuple | None, tuple | None]] = []
    new_left = list(new)
    by_id = {entry[0].id: entry for entry in new_left if entry[0].id}
    by_title: dict[str, list[tuple]] = {}
    for entry in new_left:
        by_title.setdefault(_norm(entry[0].title), []).append(entry)
    used: set[int] = set()
    old_left = []
    for entry in old:
        partner = by_id.get(entry[0].id) if entry[0].id else None
        if partner is None:
            partner = next((c for c in by_title.get(_norm(entry[0].title), []) if id(c) not in used), None)
        if partner is not None and id(partner) not in used:
            used.add(id(partner))
            pairs.append((entry, partner))
        else:
            old_left.append(entry)
    remaining = [e for e in new_left if id(e) not in used]
    for entry in old_left:  # only the leftovers are compared by similarity
        best, score = None, SIMILAR
        for candidate in remaining:
            ratio = difflib.SequenceMatcher(None, _norm(entry[0].title), _norm(candidate[0].title)).ratio()
            if ratio >= score:
                best, score = candidate, ratio
        if best is not None:
            remaining.remove(best)
            pairs.append((entry, best))
        else:
            pairs.append((entry, None))
    pairs += [(None, entry) for entry in remaining]
    return pairs


def _target_key(target: Target) -> str:
    return _norm(target.what)


def _change(old: Target | None, new: Target | None) -> tuple[str, str]:
    """(kind, delta text): the delta only when both sides count in the same unit."""
    if old is None:
        return "added", ""
    if new is None:
        return "removed", ""
    if old.value == new.value and old.unit == new.unit and (old.op or "=") == (new.op or "="):
        return "same", ""
    if old.unit == new.unit:
        delta = new.value - old.value
        if new.unit in ("%", "％"):  # 90% → 95% is 5 points up, not 5 % more
            return "delta", f"{delta:+g}个百分点"
        text = f"{delta:+g}{new.unit or ''}"
        if old.value:
            text += f"（{delta / old.value:+.0%}）"
        return "delta", text
    return "changed", ""


def _text_change(old: str | None, new: str | None) -> str | None:
    """What a changed text changed, as a reviewer wants it: the differing fragments with a few
    characters around them (…召开[2026→2027]年度…), or None when only spacing or the closing
    。 differ."""
    if _plain_text(old) == _plain_text(new):
        return None
    # shown as written; the fragment search is quadratic, so it looks at a bounded prefix
    a, b = (old or "").rstrip("。")[:TEXT_COMPARED], (new or "").rstrip("。")[:TEXT_COMPARED]
    fragments = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            fragments.append(f"…{a[max(0, i1 - 6):i1]}[{a[i1:i2]}→{b[j1:j2]}]{a[i2:i2 + 6]}…")
    return "　".join(fragments[:3]) + ("　……" if len(fragments) > 3 else "")


def _plain_text(text: str | None) -> str:
    return re.sub(r"\s+", "", fold_width(text or "")).rstrip("。")


def diff_plans(old: Plan, new: Plan, record: Progress | None = None) -> PlanDiff:
    """The changes from `old` to `new`; with `record` (old's progress record) each target also
    says what last year achieved, which is what a person setting next year's value looks at."""
    result = PlanDiff(old.year, new.year)
    for before, after in _match(_places(old), _places(new)):
        if after is None:
            result.removed.append(before[0].title)
            continue
        if before is None:
            result.added.append(after[0].title)
            continue
        (old_item, old_parent, _), (new_item, new_parent, _) = before, after
        if _norm(old_item.title) != _norm(new_item.title):
            result.renamed.append((old_item.title, new_item.title))
        if _norm(old_parent) != _norm(new_parent):
            result.moved.append((new_item.title, old_parent, new_parent))
        rewritten = _text_change(old_item.text, new_item.text)
        if rewritten:
            result.rewritten.append((new_item.title, rewritten))
        old_targets = {_target_key(t): t for t in old_item.targets}
        entry = record.items.get(old_item.id) if record is not None and old_item.id else None
        seen = set()
        for target in new_item.targets:
            key = _target_key(target)
            previous = old_targets.get(key)
            seen.add(key)
            done = target_progress(entry, previous.what) if previous else None
            result.targets.append(TargetChange(
                new_item.title, target.what,
                quantity(previous.value, previous.unit) if previous else "",
                quantity(target.value, target.unit), *_change(previous, target),
                actual=quantity(done.actual, previous.unit) if previous and done and done.actual is not None else ""))
        for key, target in old_targets.items():
            if key not in seen:
                result.targets.append(TargetChange(old_item.title, target.what, quantity(target.value, target.unit), "", "removed"))
    return result


def diff_json(result: PlanDiff) -> str:
    return json.dumps(asdict(result), ensure_ascii=False, indent=2) + "\n"


def diff_markdown(result: PlanDiff, lang: str = "zh") -> str:
    def say(key: str, **args) -> str:
        return translate(key, lang, **args)

    def place(parent: str) -> str:
        return parent or say("diff_top_level")

    lines = [f"# {say('diff_heading', old=result.old_year, new=result.new_year)}", "", result.summary(lang), ""]
    for key, rows in (("diff_added", result.added), ("diff_removed", result.removed)):
        if rows:
            lines += [f"## {say(key)}", ""] + [f"- {title}" for title in rows] + [""]
    if result.renamed:
        lines += [f"## {say('diff_renamed')}", ""] + [f"- {a} → {b}" for a, b in result.renamed] + [""]
    if result.moved:
        lines += [f"## {say('diff_moved')}", ""] + [f"- {t}：{place(a)} → {place(b)}" for t, a, b in result.moved] + [""]
    if result.rewritten:
        lines += [f"## {say('diff_rewritten')}", ""] + [f"- {t}：{change}" for t, change in result.rewritten] + [""]
    if result.targets:
        columns = say("diff_columns").split("|")
        lines += [f"## {say('diff_targets')}", "", "| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
        lines += [f"| {t.item} | {t.what} | {t.old_cell(lang)} | {t.new} | {t.describe(lang)} |" for t in result.targets]
        lines.append("")
    if result.empty:
        lines += [say("diff_none"), ""]
    return "\n".join(lines)
