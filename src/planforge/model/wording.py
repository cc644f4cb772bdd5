"""How a plan says things in Chinese: numbers, targets, dates, owners.

Written once here so Markdown and DOCX read the same, and kept apart from the templates so an
organisation's own template gets finished sentences rather than having to rebuild them.
"""

from __future__ import annotations

import datetime as dt
import re

from planforge.model.plan import Target
from planforge.patterns import lazy

# A `what` naming a measure ("覆盖面", "入会率") reads with 达到/控制在; an action ("创建…") takes
# the number directly after it.
_MEASURE = lazy(r"(率|面|度|支出|费用|成本|经费|能耗|排放|比例|比重|占比|水平|指数|数|量|额|值|次数|人次|人数|时长|时间|得分|满意度)$")


def number(value: float | int) -> str:
    """80 → 80, 0.5 → 0.5, 80.0 → 80, 1200.50 → 1200.5 (no exponent, no trailing zeros)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text


def quantity(value: float | int, unit: str | None) -> str:
    return number(value) + (unit or "")


def figure(value: float | int | None, unit: str | None) -> str:
    """1650 → 1650人, None → — (a table's empty cell). Chinese documents write no thousands
    comma: no real summary we read marks them, and `1,650` reads as a list in a Chinese sentence."""
    if value is None:
        return "—"
    return quantity(round(value, 2) if isinstance(value, float) else value, unit)


_SCALES = {"万": 10_000, "千": 1_000, "亿": 100_000_000, "百": 100}
CN_FIGURE_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"  # what a figure in words is written with
_FIGURE = lazy(rf"(?P<pct>百分之)?(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_FIGURE_CHARS}]+(?:点[{CN_FIGURE_CHARS}]+)?)"
                     r"(?P<scale>[万千亿](?!分))?")


def read_figure(text: str) -> float | int | None:
    """A figure as people type or write it: 1650, 1,650, １２００, 1.2万, 97.5%, 百分之九十七点五,
    一千二百, 2300余, 600多. None for anything else (words, two numbers, a date)."""
    from planforge.model.numbering import cn_to_int
    from planforge.model.text import fold_width

    folded = fold_width(text).strip().replace(" ", "")
    folded = re.sub(r"(?<=\d)[余多]|[余多]$", "", folded.rstrip("%").rstrip("‰"))
    match = _FIGURE.fullmatch(folded)
    if match is None:
        return None
    written, scale = match.group("number"), match.group("scale")
    if "点" in written and written[-1] in "万亿" and not scale:  # 十五点六万: the 万 scales the whole
        written, scale = written[:-1], written[-1]
    if written[0].isdigit():
        value: float = float(written.replace(",", ""))
    else:
        whole, _, tenths = written.partition("点")
        integer = cn_to_int(whole)
        decimals = "".join(str(cn_to_int(ch)) for ch in tenths) if tenths else ""
        if integer is None or (tenths and not decimals.isdigit()):
            return None
        value = float(f"{integer}.{decimals}") if decimals else float(integer)
    if scale:
        value *= _SCALES[scale]
    value = round(value, 6)
    return int(value) if value.is_integer() else value


class UnitMismatch(ValueError):
    """A value typed with a unit other than its target's: 97.5% of a count of people, 58个 of 人."""

    def __init__(self, written: str) -> None:
        super().__init__(written)
        self.written = written


# A unit that opens with 万, 亿 or 千 counts in tens of thousands, hundreds of millions or
# thousands (万元, 万人次, 亿元, 千元); 千米, 千克 and the like are units of their own.
_UNIT_SCALES = {"万": 10_000, "亿": 100_000_000, "千": 1_000}
_UNITS_OF_THEIR_OWN = ("千米", "千克", "千瓦", "千瓦时", "千伏", "千帕", "千焦", "千公里", "千克标准煤")
_SHARE_UNITS = {"%": "%", "％": "%", "‰": "‰", "个百分点": "%"}  # what a share is typed in
_BOUND_WORDS = ("以上", "以下", "以内", "左右")  # 300人以上: the figure is 300


def read_actual(typed: str, unit: str | None) -> float | int | None:
    """A value achieved, as people type it, in its target's `unit`: 15.6万, 15.6万元 and 156000元
    of a 万元 target are 15.6, as 15.6 is; 1.2万 of a 人次 target is 12000; 58人 of a 人 target is
    58; 97.5% of a share, or of a target with no unit, is 97.5. None when `typed` is no figure;
    UnitMismatch when it names another unit (97.5% of a count of people, 4.8% of a ‰ rate)."""
    from planforge.model.text import fold_width

    folded, unit = fold_width(typed).strip().replace(" ", ""), unit or ""
    for word in _BOUND_WORDS:
        folded = folded.removesuffix(word)
    share = "‰" if folded.endswith("‰") or folded.startswith("千分之") else \
        "%" if folded.endswith(("%", "％")) or folded.startswith("百分之") else None
    if share is not None:
        if unit and _SHARE_UNITS.get(unit) != share:
            raise UnitMismatch(share)
        return read_figure(folded.removeprefix("千分之").rstrip("‰"))
    return _read_in_units(folded, unit)


def _read_in_units(folded: str, unit: str) -> float | int | None:
    """read_actual of a figure typed as no share: bare, in the target's unit (15.6万元), in its
    base unit or with its scale (156000元, 15.6万 of 万元), or in another unit (UnitMismatch)."""
    own_unit = unit not in _UNITS_OF_THEIR_OWN
    scale = _UNIT_SCALES.get(unit[:1], 1) if len(unit) > 1 and own_unit else 1
    if unit and unit not in _SHARE_UNITS and folded.endswith(unit) and len(folded) > len(unit):
        return read_figure(folded[: -len(unit)])  # written in the target's own unit
    base = unit[1:] if scale != 1 else unit
    written_base = bool(base) and base not in _SHARE_UNITS and folded.endswith(base) and len(folded) > len(base)
    figure_text = folded[: -len(base)] if written_base else folded
    value = read_figure(figure_text)
    if value is None:
        _refuse_another_unit(figure_text)
        return None
    if scale != 1 and (written_base or any(ch in figure_text for ch in "万亿千")):
        value = round(value / scale, 6)  # counted in 元 or with its 万: in the target's 万元
        value = int(value) if float(value).is_integer() else value
    return value


def _refuse_another_unit(figure_text: str) -> None:
    """UnitMismatch when `figure_text` (what read_figure could not read) opens with a figure and
    goes on with no digit (58个 of a 人 target, 97.5分): what follows is taken for another unit. A
    figure with digits after it (3月5日) is no figure at all, and passes as None."""
    head = _FIGURE.match(figure_text)
    if head and head.end() < len(figure_text) and not re.search(r"\d", figure_text[head.end():]):
        raise UnitMismatch(figure_text[head.end():])


def target_value(target: Target) -> str:
    """The value column of the targets table: 80%以上, 1个, 为零, 5%以内."""
    amount = quantity(target.value, target.unit)
    op = target.op
    if target.value == 0 and op in (None, "=", "<="):
        return "为零"
    return {">=": f"{amount}以上", "<=": f"{amount}以内", ">": f"超过{amount}", "<": f"低于{amount}"}.get(op or "", amount)


def target_sentence(target: Target) -> str:
    """One target as a plan writes it: 力争创建市级“优秀工人先锋号”1个 / 覆盖面达到80%以上 /
    安全事故为零 / 经费支出控制在50万元以内."""
    what, amount, op = target.what, quantity(target.value, target.unit), target.op
    measure = bool(_MEASURE.search(what)) or target.unit == "%"
    if target.value == 0 and op in (None, "=", "<="):
        body = f"{what}为零"
    elif op == ">=":
        body = f"{what}达到{amount}以上" if measure else f"{what}不少于{amount}"
    elif op == "<=":
        body = f"{what}控制在{amount}以内" if measure else f"{what}不超过{amount}"
    elif op == ">":
        body = f"{what}超过{amount}"
    elif op == "<":
        body = f"{what}低于{amount}"
    else:
        body = f"{what}达到{amount}" if measure else f"{what}{amount}"
    return (target.commitment or "") + body


def targets_sentence(targets: list[Target]) -> str:
    """All of an item's targets in one sentence, joined with ；and closed with 。."""
    if not targets:
        return ""
    return "；".join(target_sentence(t) for t in targets) + "。"


def chinese_date(day: dt.date) -> str:
    """2027-01-08 → 2027年1月8日: Arabic digits without leading zeros (GB/T 9704-2012 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"


def owners(owner: str | list[str] | None) -> str:
    if owner is None:
        return ""
    return "、".join(owner) if isinstance(owner, list) else owner


_SENTENCE_END = "。！？：；…"
_CLOSING_PAIR = "”’）)」』》"  # a closing quote or bracket ends a sentence only after a sentence mark


def split_closing(text: str) -> tuple[str, str]:
    """("标题", "。") for "标题。": the words and the sentence mark that ends them, if any."""
    if len(text) > 1 and text[-1] in "。！？：；":  # never a closing quote or bracket: it pairs inside
        return text[:-1], text[-1]
    return text, ""


def closed(text: str, mark: str = "。") -> str:
    """Append 。 unless the text already ends a sentence: 。！？… or a quotation or bracket closed
    after one (他说：“好。”). …征集“金点子” ends a phrase in quotes, not the sentence. A half-width
    mark after a Chinese character (慰问劳模.) ends it too, mistyped: another 。 would double it
    (劳模.。), and the linter reports the half-width mark (PF403) for its author to mend."""
    text = text.rstrip()
    inner = text.rstrip(_CLOSING_PAIR)
    if inner[-1:] in ".!?;" and "\u4e00" <= inner[-2:-1] <= "\u9fff":
        return text
    return text if not text or inner[-1:] in _SENTENCE_END and inner[-1:] != "" else text + mark
