"""What a work item lacks: a number to be measured by, a time to be done by.

One definition for the linter (PF101, PF201) and for `planforge show`'s badges, so the preview
never disagrees with the findings. A section with neither items nor text is PF602's business,
not these; a parent item is judged through its children."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from planforge.limits import MEMO_ENTRIES
from planforge.model.periods import find_periods
from planforge.model.plan import Item, Plan
from planforge.model.targets import has_quantity
from planforge.model.text import PUNCTUATION_AND_SPACE
from planforge.patterns import lazy

# Parts that frame the plan rather than list work: the guiding idea, the goals, the principles,
# the timetable, the requirements. Neither they nor what they hold is a work item that needs a
# number or a month (a goal's own numbers are its targets, a timetable is the schedule).
_FRAMING = lazy(
    r"^(?:(?:总体|指导|工作|基本)?(?:思想|要求|思路|原则|方针|方向)|.{0,6}(?:目标|目標)(?:任务)?|目标任务"
    r"|.{0,6}(?:指导思想|总体要求|工作要求|保障措施|基本原则|指導思想|組織形式|组织形式|内容要求|內容要求|持续时间|持續時間|續時間)"
    r"|指導思想|總體要求|工作目標|主要目標|基本原則|工作原則|工作要求|指导方针|组织领导|組織領導|保障措施|工作措施|具体要求"
    r"|(?:主要|具体)?(?:活动|工作)?(?:安排|日程|进度|行事历)|(?:月度|月份|季度|分月)(?:工作)?(?:安排|计划)?"
    r"|活动(?:的)?(?:主题|目的|时间|对象|口号|意义)|活動(?:的)?(?:主題|目的|時間|對象)|目的意义|参加对象|参加范围"
    r"|引言|前言|导言|概述|背景|工作背景|基本情况)$")
_FRAMING_STRIP = lazy(r"[\s:：。，,、;；（）()]+")


def is_framing(item: Item) -> bool:
    """A heading such as 指导思想, 主要目标, 月度安排, 保障措施 (see _FRAMING)."""
    return _framing_title(item.title)


@lru_cache(maxsize=MEMO_ENTRIES)
def _framing_title(title: str) -> bool:
    """Memoised: every rule asks it of every item and of each item's ancestors again."""
    return bool(_FRAMING.match(_FRAMING_STRIP.sub("", title)))


def _words(item: Item) -> str:
    return f"{item.title}。{item.text or ''}"


# A dated meeting or election (召开教代会, 换届选举, 学生代表大会) is measured by taking place; a
# contest or a campaign is not (how many take part is its figure).
_CONVENING = lazy(r"(?:会议|大会|代表大会|教代会|职代会|工代会|全委会|常委会|换届|选举|換屆|選舉|會議|大會)[。；;]?$")


def carries_number(item: Item) -> bool:
    if item.targets or has_quantity(_words(item)):
        return True
    dated = item.when is not None or any(p.kind != "vague" for p in find_periods(_words(item)))
    return dated and bool(_CONVENING.search(item.title.strip()))


def scheduled_ids(plan: Plan) -> set[str]:
    """Ids of items a schedule task links to: being on the schedule dates an item."""
    return {task.item for entry in plan.schedule for task in entry.tasks if task.item}


_GRAM = 4  # characters a task and an item must share to be compared


class ScheduleWords:
    """The words of a plan's schedule tasks, to tell whether a task names an item (the task
    专业技能竞赛 and the item 举办全院专业技能竞赛, or the item 读书活动 and the task 开展读书活动): a
    document's schedule dates its items in words, as a spec's links do by id. The tasks are
    indexed by their opening four characters and joined into one text, when first asked (most
    plans never are); asking costs the item's length and one search of that text."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.by_opening: dict[str, list[str]] | None = None
        self.joined = ""

    def _index(self) -> dict[str, list[str]]:
        self.by_opening = defaultdict(list)
        texts = []
        for entry in self.plan.schedule:
            for task in entry.tasks:
                text = PUNCTUATION_AND_SPACE.sub("", task.text)[:60]
                if len(text) >= _GRAM:
                    self.by_opening[text[:_GRAM]].append(text)
                    texts.append(text)
        self.joined = "\n".join(texts)
        return self.by_opening

    def name(self, item: Item) -> bool:
        by_opening = self.by_opening if self.by_opening is not None else self._index()
        if not self.joined:
            return False
        title = PUNCTUATION_AND_SPACE.sub("", item.title)
        if len(title) >= _GRAM and title in self.joined:  # 读书活动 in the task 开展读书活动
            return True
        said = (title + PUNCTUATION_AND_SPACE.sub("", (item.text or "")[:80]))[:80]  # an event is named where an item opens
        return any(said.startswith(task, i) for i in range(len(said) - _GRAM + 1)
                   for task in by_opening.get(said[i:i + _GRAM], ()))


def _empty_section(level: int, item: Item) -> bool:
    return level == 1 and not item.items and not item.text


def is_work_item(level: int, item: Item, ancestors: list[Item]) -> bool:
    """A leaf that is work to be done: not a parent (judged through its children), not an empty
    section (PF602's), not a framing part or inside one. (A loop, not any() over a generator:
    a dozen rules ask it of every item, and the generator was most of its time.)"""
    if item.items or _empty_section(level, item) or _framing_title(item.title):
        return False
    for ancestor in ancestors:  # noqa: SIM110 (a loop: the generator all() wants was most of the time)
        if _framing_title(ancestor.title):
            return False
    return True


def lacks_target(level: int, item: Item, ancestors: list[Item]) -> bool:
    """A work item with no figure: PF101's judgement of a spec, and the badge `show` draws."""
    return is_work_item(level, item, ancestors) and not carries_number(item)


# 至疫情解除, 至项目结束: a time limit set by an event rather than a month, stated all the same.
_UNTIL = lazy(r"(?:至|直至|直到)[^，,。；;]{1,10}(?:解除|结束|完成|为止|竣工)")


def lacks_time(level: int, item: Item, ancestors: list[Item], scheduled: set[str]) -> bool:
    """A work item with no time: PF201's judgement of a spec, and the badge `show` draws."""
    return is_work_item(level, item, ancestors) and undated(item, ancestors, scheduled)


def undated(item: Item, ancestors: list[Item], scheduled: set[str]) -> bool:
    """Whether a work item has no time: no `when` of its own or an ancestor's, no schedule entry
    linking it (`scheduled`, from scheduled_ids), no time in its words. Asked of work items
    only (the lint context keeps their list), so it does not ask is_work_item again."""
    if item.when or any(a.when for a in ancestors) or item.id in scheduled:
        return False
    words = _words(item)
    return not (any(p.kind != "vague" for p in find_periods(words)) or _UNTIL.search(words))
