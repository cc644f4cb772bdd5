"""Finding quantified targets in free text: 力争创建市级“工人先锋号”2个；覆盖面达到80%以上；安全事故为零.

One extractor, two users: the importer turns what it finds into structured `targets`, and the
linter (PF101) will ask it whether an item's text carries a number at all. It is deliberately
conservative: a festival (五一), an ordinal (第四届), a year (2014年), an anniversary (60周年),
a duration (大干100天) or a quoted slogan (“三个率先”) is not a target, and neither is a single
event (组织一次比武), which is a commitment, not a measure.

A plan also says what is and what was: a number in a clause marked as done (举办了, 已建成, 去年),
as the present state (现有, 仍有, 目前, 不足), as the size of a whole (全市7600名残疾人), as a
threshold naming a class (千元以上的事故) or as the start of a change (由98%调为96%) is read as
such, not as a target. Each rule is a statement about the language, not a list of sentences.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from planforge.limits import MEMO_CHARS, MEMO_ENTRIES, SCAN_CHARS
from planforge.model.numbering import LONGEST_NUMERAL, cn_to_int
from planforge.model.text import finditer_from, fold_width
from planforge.patterns import lazy

# Base units; a unit as written may carry a scale before it (万件, 千元, 亿元, 万米) and 次 after it
# (人次, 户次, 场次, 万人次), so 达到200万件以上 reads as 200 万件, not 200 万. Measures of the world
# a plan sets limits on count too: lengths and areas (3.2万米, 亩), noise (昼间60分贝), words
# written (5000字), incidents (火灾事故为0起), things planted or bought (棵, 株, 辆).
UNITS = ("人", "元", "个", "名", "次", "场", "期", "家", "户", "篇", "条", "项", "件", "所", "支", "本", "册", "套",
         "台", "部", "批", "处", "座", "学时", "课时", "小时", "公里", "平方米", "吨", "份", "组", "门", "节课", "届",
         "余人", "多人", "万", "堂", "轮", "天", "卷", "米", "平方公里", "立方米", "亩", "公顷", "分贝", "字", "起",
         "棵", "株", "辆", "首", "幅", "盏", "间", "节", "头", "种", "页",
         "个百分点")
_BASE_RE = "|".join(sorted((re.escape(u) for u in UNITS if u not in ("届", "余人", "多人", "万", "天")), key=len, reverse=True))
_UNIT_RE = rf"(?:[万千亿]?(?:{_BASE_RE})次?|万)"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟"
# A number starts where its digits start: tried from inside a run of digits it would fail again at
# every position, and a long run (a pasted table of figures) would take quadratic time.
_NUMBER = rf"(?:(?<![\d.])\d+(?:\.\d+)?|(?<![{_CN_DIGITS}])[{_CN_DIGITS}]+)"

_OPS_BEFORE = [
    ("不少于", ">="), ("不低于", ">="), ("至少", ">="), ("不超过", "<="), ("不高于", "<="), ("控制在", "<="),
    ("超过", ">"), ("低于", "<"), ("达到", "="), ("达", "="), ("保持", "="), ("提高到", "="), ("提升到", "="),
]
_OPS_AFTER = [("以上", ">="), ("及以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "=")]

_TARGET_RE = lazy(
    rf"""(?:(?P<op_before>{'|'.join(w for w, _ in _OPS_BEFORE)})\s*)?
    (?:百分之(?P<cn_percent>[{_CN_DIGITS}]+)
      |(?:(?<![0-9{_CN_DIGITS}])(?P<sign>[-−]))?(?P<value>{_NUMBER})\s*(?P<approx>[多余])?(?P<unit>%|％|‰|{_UNIT_RE})
      |(?P<tenths>[一二三四五六七八九十])成(?![员立功果绩本])
    )
    (?P<op_after>{'|'.join(w for w, _ in _OPS_AFTER)})?""",
    re.VERBOSE,
)
_ZERO_RE = lazy(r"(?P<what>[^，,；;。：:、]{2,30}?)(?:为零|为0(?![\d.])|零发生|“零”)"
                      r"|零(?P<what2>事故|伤亡|死亡|投诉|上访|差错|纠纷|火灾|发案|案件|污染)"
                      r"|无(?P<what3>(?:重大|较大|一般)?(?:安全|责任|生产|医疗|交通|火灾|刑事|治安)?(?:事故|投诉|差错|纠纷|案件|火灾))")
# A rate or an index has no unit: its bound is a bare number after an operator, at the clause's end.
_BARE_RATE = lazy(rf"(?P<op_before>{'|'.join(w for w, _ in _OPS_BEFORE)})\s*(?P<number>\d+(?:\.\d+)?)"
                        rf"(?P<op_after>{'|'.join(w for w, _ in _OPS_AFTER)})?(?=[，,；;。、)）\s]|$)")
_RATE_NAME = lazy(r"(?:率|指数)$")  # as PF103 reads a measure without a unit
_ANY_DIGIT = lazy(rf"[\d{_CN_DIGITS}]")  # every _TARGET_RE match holds one
# Every character a _TARGET_RE match can begin with: an operator word's, a digit, a sign. Not a
# space: a match starts at its operator or its figure (it began at the spaces before a figure, and
# tried at each space of a long run its \s* read the run to its end: 20,000 spaces took 40 s).
_TARGET_FIRST = lazy("[" + re.escape("".join(sorted({w[0] for w, _ in _OPS_BEFORE}))) + rf"\d{_CN_DIGITS}\-−]")
# The words that open a measure's clause without naming it (力争, 确保, 全年, 要, 共…), used with
# .match(text, pos). A one-character one is a word of its own only when it does not begin a word
# with the character after it: 共发展会员 opens with 共 (in all), 共青团员 and 共建 are words, as
# are 要素, 使用率 and 并购; but 共建立, 共产生 and 共享受 are 共 and a verb.
_COMMITMENT = lazy(r"(力争|确保|争取|努力|全年|年内|今年|将|要(?![素求点件闻害务])|并(?![购网联轨])|使(?![用命者])"
                   r"|共(?![青同性治赢]|建(?![立成设])|产(?!生)|享(?!受)|识(?!别))|[一二三四五六七八九十]+是)+")
_CLAUSE_SPLIT = lazy(r"[，,；;。！!？?\n]")
# A clause before a figure that names no measure: a connective alone (同时, 其中), a condition
# (如遇特殊情况), what the work follows (按照上级要求), a list's introduction (具体安排如下：) or a
# heading's word (主要目标, 工作任务). A clause that opens with 围绕, 结合 or 通过 and goes on to
# say what is done (围绕中心工作开展劳动竞赛) names its measure.
_NAMES_NO_MEASURE = lazy(r"^(?:同时|此外|另外|其中|并且|而且|为此)$|^(?:如果|如遇|若|一旦)"
                         r"|^(?:按照|根据|依据|依照|遵照)\S*(?:要求|规定|部署|安排|精神|标准|意见)$"
                         r"|[：:]$|^\S{0,4}(?:目标|任务|要求|措施|内容|安排|如下|思路|原则|重点)$")


@dataclass(frozen=True)
class FoundTarget:
    """A quantified expression read from prose as a target: what is measured, the value, unit and
    operator, the commitment word (力争/确保), the clause it was read from, and where in the text
    the figure is (a zero said in words, 安全事故为零: the whole phrase)."""

    what: str
    value: float | int
    unit: str | None
    op: str | None
    commitment: str | None
    sentence: str  # the clause it was read from, as written
    start: int
    end: int


_INTEGER, _DECIMAL, _DIGIT = lazy(r"\d+"), lazy(r"\d+\.\d+"), lazy(r"\d")
_QUOTED = lazy(r"“[^”]{0,30}”|《[^》]{0,40}》|\"[^\"]{0,30}\"")


def _number(text: str) -> float | int | None:
    if len(text) > LONGEST_NUMERAL:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return cn_to_int(text)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    if "“" not in text and "《" not in text and '"' not in text:
        return []  # most texts quote nothing: three lookups, not a scan
    return [m.span() for m in _QUOTED.finditer(text)]


# 每月召开一次, 每季度不少于1次, 两年一次: a frequency is a measure, where 组织一次比武 is not.
_FREQUENCY = lazy(r"(?:每|逐)(?:个|一个|個|半)?(?:月|季度|季|年|周|週|星期|学期|學期|学年|學年|半年|两月|兩月|两周|兩週)"
                        r"|至少|不少于|不少於")
_EVERY_FEW_YEARS = ("两年", "兩年", "二年", "三年", "半年")  # 两年一次, right before the count
# 创建3个, 培育两个, 写五千字: a written-out count (or an estimate, 200余人, 约500人) is a target in
# the frame of a verb of making, an operator or a frequency; without one it is a slogan's count or
# a name (三个率先, 四个意识, 八字方针, 分为两部分) or a description (全市7600多名残疾人).
_MAKING = lazy(r"(?:达到|建立|建成|创建|培育|组建|新建|增加|新增|完成|开展|举办|成立|打造|评选|选树|发展|培训|慰问|走访|建设"
                     r"|组织|召开|举行|撰写|编写|写|编印|出版|发表|阅读|读|种植|植|吸收|招募|表彰|推出|选送|开设|设立"
                     r"|发放|张贴|印发|帮扶|安置|接待|救助|资助|征集|购置|采购|添置|配备|引进|力争|共)$")
_ONE_PER_PERIOD = ("次", "篇", "本", "册", "期", "场", "节", "节课", "堂", "课时", "份", "首", "幅", "项")
_A_MAKING_VERB = lazy(_MAKING.pattern.removesuffix("$"))
_MAKING_NEAR = lazy(_MAKING.pattern.removesuffix("$") + r"[\u4e00-\u9fff]{0,6}$")
# A unit character that begins a word is no unit: 两部分, 三期间, 十字路口, 五名单.
_WORD_AFTER_UNIT = {"部": "分署", "期": "间末中限望待刊盼", "所": "有以在属", "本": "领身着科", "支": "持付出撑援",
                    "处": "理置", "条": "件例", "名": "单称义誉额", "场": "所地馆景", "元": "旦素", "台": "账阶",
                    "节": "日约能点", "批": "准评示复", "门": "户类槛", "组": "织成建长", "家": "庭长属", "字": "路画典",
                    "户": "外籍口", "座": "谈", "天": "然", "间": "隔断"}
# Abstract nouns a slogan counts (四个意识, 四个自信, 两个维护, 三个代表): no plan makes N of them.
_ABSTRACT = ("意识", "自信", "维护", "确立", "代表", "精神", "理念", "观念", "作风")
# 三期工程, 二期项目: 期 before a construction is a phase (an ordinal), not a number of sessions.
_PHASE_OF = ("工程", "项目", "建设", "改造", "扩建", "规划")
# A report of what is or was, not a goal: perfective 了 and 已 (举办了, 已建成), a span up to now
# (以来) or a time already past (去年, 过去), existential and current-state words (现有, 仍有, 目前,
# 仅, 不足, 有 opening a clause). Their scope is the clause up to the number, unless a verb of
# intention starts the plan's own predicate after them (在已建成3个的基础上再建2个); a current-state
# word also ends where a verb of making follows it (利用现有场地举办3场: 现有 only qualifies the
# 场地), and is a goal's when an intention governs it (确保每校拥有1名心理教师).
_ASPECT = lazy(r"(?<![为除])了(?![解然结却])|(?<![而不])已(?![婚故])|曾经?|以来|去年|上年|前年|往年|过去|近年|近几年")
_STATE = lazy(r"现有|现存|尚有|仍有|还有|仅有|只有|共有|拥有|目前|当前|现阶段|(?<!不)仅|不足|不到"
                    r"|(?<![^，,；;。！!？?\s：:])有(?!序|效|力|机|针对|计划|步骤|条不紊|重点|所|关|利于|助于|益|偿|的放矢)")
_INTENTION = lazy(r"力争|确保|争取|计划|拟|将|要|再|基础上")
# 全市7600名持证残疾人, 本馆藏书12万册: a clause that opens with the name of a whole and reaches
# its number without a verb of making, an intention or a frequency says how large that whole is.
_WHOLE = lazy(r"\s*(?:(?:全|我|本|该)(?:市|县|区|省|州|镇|乡|街道|村|社区|校|院|局|厂|馆|站|所|中心|园|队|室"
                    r"|公司|单位|系统|行业|支部|协会)|(?:我|本)(?:会|部))")
# 千元以上的事故, 200人以上企业, 30人以下的单位: a threshold before the noun it qualifies names a
# class of things, and the target is said about them; 90%以上的职工 is a share, a target.
_QUALIFIED = lazy(r"的|企业|单位|规模|项目|工程|事故|案件|工地|场所")


def _reports_a_fact(text: str, clause_start: int, start: int) -> bool:
    """Does the clause, up to `start`, say what is or was rather than what the plan will do?"""
    def last(pattern: re.Pattern[str]) -> re.Match[str] | None:
        found = None
        for found in pattern.finditer(text, clause_start, start):  # noqa: B007 (the last one is wanted)
            pass
        if found is None or text[found.start() - 1:found.start()] in ("比", "较", "于", "与", "同", "由", "从"):
            return None  # 比目前提高10%, 高于去年水平, 与上年相比, 由上年的98%调为96%: the baseline of a goal
        return None if _INTENTION.search(text, found.end(), start) else found

    if last(_ASPECT):
        return True
    state = last(_STATE)
    return bool(state and not _A_MAKING_VERB.search(text, state.end(), start)
                and not _INTENTION.search(text, clause_start, state.start()))


# 由上年的98%调为96%, 从3人增加到5人: the number after 由/从 is where the measure starts.
_FROM = lazy(r"由|从")
_TO = lazy(r"\s*(?:调为|调整为|提高到|提升到|提高至|提升至|增加到|增加至|增长到|增长至|降至|降到|降低到|降低至|下降到|下降至|减少到|减少至|减至|到|至)")


def _is_a_baseline(text: str, m: re.Match[str], clause_start: int) -> bool:
    """由…调为/提高到…: the first number is last year's, the one after the verb is the target."""
    return bool(_FROM.search(text, clause_start, m.start()) and _TO.match(text, m.end()))


def _names_a_class(m: re.Match[str], text: str, unit: str | None) -> bool:
    """A count threshold followed by the noun it qualifies: the class a target is about."""
    if m.group("op_after") not in ("以上", "及以上", "以下", "以内") or unit in ("%", "‰"):
        return False
    return bool(_QUALIFIED.match(text, m.end()))


def _is_a_name(text: str, m: re.Match[str], unit: str | None, clause_start: int, frequency: bool) -> bool:
    """An ordinal, a session of a congress, a date, a festival, a phase or a word the unit
    character begins: the number is part of a name, not a measure."""
    start, end = m.span()
    before, after = text[max(0, start - 2):start], text[end:end + 4]
    if before.endswith("第") or (before.endswith(("届", "屆")) and (before[0].isdigit() or before[0] in _CN_DIGITS)):
        return True  # 第四届, 第3次, 十届2次, 九屆三次 (换届60个 counts: 换届 is no session's number)
    if before.endswith("前") and unit == "名":
        return True  # 前3名: a rank, not a head count
    if unit in ("次", "届", "期") and after.startswith(("届", "屆")):
        return True  # 九届三次 seen from its second half
    if unit in ("次", "届", "期") and after.startswith(("会议", "全会", "全委会", "代表大会", "常委", "委员会")) and not frequency:
        return True  # 2次全会 (but 每季度召开一次会议 is a frequency)
    if after.startswith(("周年", "年", "月", "日", "号", "天", "届")) and unit in (None, "个"):
        return True
    return _unit_does_not_count(text, m, unit, clause_start)


def _unit_does_not_count(text: str, m: re.Match[str], unit: str | None, clause_start: int) -> bool:
    """The character read as a unit names something else: a phase, a slogan's idea, a festival,
    or the first character of a word."""
    start, end = m.span()
    after = text[end:end + 4]
    if unit == "期" and after.startswith(_PHASE_OF):
        return True
    if unit in ("个", "项") and m.group("value") and not _DIGIT.search(m.group("value")) and after.startswith(_ABSTRACT):
        return True  # 增强四个意识, 做到两个维护: a slogan counts ideas, not things made
    if unit == "节" and "课" not in text[clause_start:start] + after:
        return True  # 节 counts lessons (听课15节, 3节公开课); 三八节, 51节 are festivals
    unit_end = m.end("unit") if m.group("unit") else end
    return bool(unit and len(unit) == 1 and not m.group("op_after") and text[unit_end:unit_end + 1]
                and text[unit_end] in _WORD_AFTER_UNIT.get(unit, ""))


_COUNTED_OVER_AN_OBJECT = ("人", "人次", "名", "户", "册", "本", "家", "篇", "份", "棵", "株", "头", "余人", "多人")


def _written_sum(value_text: str, unit: str | None) -> bool:
    """十亿元, 一万元, 五千元: a sum of money written out in hundreds and more is an amount, whatever
    verb comes before it (投资, 筹集), as a figure in digits is; 城乡二元结构 and 三元里 are no sums,
    nor 万元GDP能耗 and 百元营业收入成本 (a magnitude with no figure names a measure)."""
    return (bool(unit and unit.endswith("元")) and any(ch in "百千万亿佰仟" for ch in value_text + (unit or ""))
            and any(ch in "零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾" for ch in value_text))  # 万元GDP能耗: a measure's name


def _not_a_target(text: str, m: re.Match[str], unit: str | None, value_text: str, clause_start: int = 0) -> bool:
    start = m.start()
    if text[max(0, start - 5):start].endswith(("完成目标（", "完成目标(", "达到目标（", "达到目标(")):
        return True  # 12人次，未完成目标（30人次以上）: the target said again beside a result
    frequency = bool(_FREQUENCY.search(text, clause_start, start)) or text[max(0, start - 2):start] in _EVERY_FEW_YEARS
    if _is_a_name(text, m, unit, clause_start, frequency) or _names_a_class(m, text, unit):
        return True
    if _is_a_baseline(text, m, clause_start):
        return True
    if _describes(text, m, unit, clause_start):
        return True
    framed = _framed(text, m, unit, clause_start, frequency)
    estimate = m.group("approx") or text[max(0, start - 1):start] == "约"  # 200余人, 约3.9千字
    if m.group("value") and estimate:  # 培训职工200余人: the verb may govern a short object first
        return not (framed or _MAKING_NEAR.search(text, max(clause_start, start - 8), start))
    if _DIGIT.search(value_text) or unit in ("%", "‰") or _written_sum(value_text, unit):
        return False
    if cn_to_int(value_text) != 1:
        return not framed
    # A written-out 一 is part of a word (统一部署, 一支队伍, 一批) or a single event (组织一次比武),
    # unless it is a rate or a minimum of something done or made (每季度召开一次, 两年一次, 全年至少
    # 评议一次, 每学期撰写一篇, 每两月出版一期).
    return not (unit in _ONE_PER_PERIOD and frequency)


def _framed(text: str, m: re.Match[str], unit: str | None, clause_start: int, frequency: bool) -> bool:
    """Is the count said as something to reach or to do: a bound or a verb of reaching beside it, a
    frequency, or a verb of making that governs it, right before it or over a short object when
    the count is of people, households or copies (培训职工两千人次; not 开展以下三个方面, 培训分两期)."""
    start = m.start()
    if m.group("op_before") or m.group("op_after") or frequency or _MAKING.search(text, clause_start, start):
        return True
    near = (unit or "").lstrip("万千亿") in _COUNTED_OVER_AN_OBJECT
    return near and bool(_MAKING_NEAR.search(text, max(clause_start, start - 8), start))


_BREAKDOWN = lazy(r"\s*其中")
_LAST_CUT = lazy(r"[，,；;。！!？?\n](?=[^，,；;。！!？?\n]*$)")


def _sizes_a_whole(text: str, clause_start: int, start: int) -> bool:
    """A clause about a whole (全市, 本馆) that reaches its number with no verb of doing."""
    return bool(_WHOLE.match(text, clause_start) and not _A_MAKING_VERB.search(text, clause_start, start)
                and not _INTENTION.search(text, clause_start, start) and not _FREQUENCY.search(text, clause_start, start))


def _describes(text: str, m: re.Match[str], unit: str | None, clause_start: int) -> bool:
    """The number states what is or was (a report, the size of a whole), not what the plan will do.
    A clause opening with 其中 breaks down the clause before it, and reads as that one does."""
    start = m.start()
    if _reports_a_fact(text, clause_start, start):
        return True
    if unit not in ("%", "‰") and not m.group("op_before") and _sizes_a_whole(text, clause_start, start):
        return True
    if clause_start < 2 or not _BREAKDOWN.match(text, clause_start):
        return False
    window = max(0, clause_start - 200)  # the clause before: from its cut to ours (a long one is cut short)
    previous = _LAST_CUT.search(text, window, clause_start - 1)
    previous_start = previous.end() if previous else window
    return _reports_a_fact(text, previous_start, clause_start - 1) or _sizes_a_whole(text, previous_start, clause_start - 1)


def _value_and_unit(m: re.Match[str]) -> tuple[float | None, str | None, str]:
    """(value, unit, the value as written) of a target match: 百分之八十, 八成, or digits with a unit."""
    if m.group("cn_percent"):
        return cn_to_int(m.group("cn_percent")), "%", m.group("cn_percent")
    if m.group("tenths"):
        return (cn_to_int(m.group("tenths")) or 0) * 10, "%", m.group("tenths")
    value_text = m.group("value")
    value: float | None = _number(value_text)
    if m.group("sign") and value is not None and _DIGIT.match(value_text):
        value = -value
    unit = m.group("unit")
    return value, "%" if unit in ("%", "％") else unit, value_text


_NOTE_LABEL = lazy(r"[（(]\s*[\u4e00-\u9fff]{1,6}\s*[:：]\s*")
_TRAILING = lazy(r"(要|应|须|必须|均|都|(?<![调作成定改认])为)?\s*$")  # 事故为0起, not 调为
# 组建率力争达75%: how firmly, said after the measure's name instead of before it
_COMMITMENTS_AFTER = ("力争", "确保", "争取", "努力")
_LABEL_COLON = lazy(r"(?<!\d)[：:]|[：:](?!\d)")  # a label's colon, not a clock's (8:30)
_OPENING_MARKS = "：:、，,；;。 \u3000"  # what a name never opens with (全年：在7个社团中推广…)
_CLOSING_MARKS = "：: \u3000"  # nor ends with, where a commitment said after it is cut off
_RANGE_START = lazy(r"\d+(?:\.\d+)?\s*[-－—~～至到]\s*$")  # 组织2-3批: a range is read as its upper figure


def _measure(folded: str, clause_start: int, value_start: int) -> tuple[int, int, str | None]:
    """Where the measure's name runs (between the clause start and the number), without the
    leading 力争/确保 (returned as the commitment, as is one said after the name: 组建率力争达75%),
    the trailing 要/应/均, and a label before a colon ((1)球类兴趣小组：坚持每季度组织1次…, 目标：
    培训200人): a colon ends a label where the words after it name a measure; where they only say
    how firmly, when or how nearly, or nothing, the label is the name (职工入会率：力争达到98%,
    参训人数：全年500人, 参加人数：500人)."""
    what_start, what_end = clause_start, value_start
    while what_start < what_end and folded[what_start].isspace():
        what_start += 1
    what_start, what_end, labelled = _past_the_labels(folded, what_start, what_end)
    for note in _NOTE_LABEL.finditer(folded, what_start, what_end):  # 开展培训（目标：培训职工500人次）:
        what_start = note.end()  # the measure is named inside the note, after its label
    range_start = _RANGE_START.search(folded, what_start, what_end)
    if range_start and range_start.start() > what_start:  # its lower figure names nothing
        what_end = range_start.start()
    what_end = _without_trailing_words(folded, what_start, what_end)
    said_after = _said_after(folded, what_start, what_end)
    if said_after and (said_after[0] - what_start < 2 or _COMMITMENT.fullmatch(folded, what_start, said_after[0])):
        said_after = None  # nothing before it names the measure (全年力争): the clause's opening words
    if said_after:
        what_end = said_after[0]
        while what_end - what_start > 2 and folded[what_end - 1] in _CLOSING_MARKS:
            what_end -= 1  # 职工入会率：确保达到95%: the label's colon is no part of the name
    firmly = (labelled or "") + (said_after[1] if said_after else "")
    lead = _COMMITMENT.match(folded, what_start, what_end)
    if not lead or lead.end() == what_end:  # no such words, or nothing left to name the measure
        return what_start, what_end, _commitment(firmly)
    what_start = lead.end()
    while what_start < what_end - 1 and folded[what_start] in _OPENING_MARKS:
        what_start += 1  # 全年：在7个社团中推广学分制, where no other words follow the colon
    return what_start, what_end, _commitment(lead.group(0) + firmly)


def _past_the_labels(folded: str, what_start: int, what_end: int) -> tuple[int, int, str | None]:
    """(start, end, words that only qualify: how firmly or when) of a measure's name read past the
    labels before it; the words are the label's (确保：…, 全年：…) or, where the label is the name,
    those after its colon (参训人数：全年500人 → 全年). _measure's docstring says when a colon ends
    a label and when the label is the name."""
    labelled = None  # 确保：安全事故0起: a label of commitment words alone is the commitment
    reach = max(what_start, what_end - LABEL_REACH)  # a label's colon stands near the figure it names
    colons = _LABEL_COLON.finditer(folded, reach, what_end) if _holds_a_colon(folded, reach, what_end) else ()
    for colon in colons:
        after = folded[colon.end():what_end].strip()
        label = folded[what_start:colon.start()].strip()
        label_qualifies = _only_qualifies(label)  # 确保：…, 全年：… open with how firmly or when
        if _only_qualifies(after) and not label_qualifies:  # 职工入会率：力争达到98%, 参训人数：全年500人
            return what_start, colon.start(), after
        if len(after) <= 2 and not label_qualifies and not _NAMES_NO_MEASURE.search(label):
            continue  # 困难职工：慰问100户: a bare verb after the label; the label names what it acts on
        labelled = label if label_qualifies else labelled
        what_start = colon.end()
    return what_start, what_end, labelled


def _without_trailing_words(folded: str, start: int, end: int) -> int:
    """Where folded[start:end] ends without a trailing 要/应/均… and spaces (_TRAILING), looked for
    in its last three characters past the spaces: searched over the whole name, the pattern read
    every run of spaces in it to its end from each of its spaces (20,000 spaces: 40 s)."""
    kept = end
    while kept > start and folded[kept - 1].isspace():
        kept -= 1
    tail = max(start, kept - 3)  # the longest word (必须) and the character 为 is looked behind at
    trailing = _TRAILING.search(folded[tail:end])
    return tail + trailing.start() if trailing else end


LABEL_REACH = 60  # characters before a figure searched for a label's colon (each is read to the figure)
_ESTIMATE = lazy(r"预计|预期|大约|约|累计|合计|共计")
_MODAL_END = lazy(r"(?:要|应|须|需|必须|均|都|为)*$")


def _only_qualifies(words: str) -> bool:
    """Do `words` only say how firmly, when, how nearly or how surely (力争, 全年, 确保全年, 预计,
    应, 均, 必须), or nothing?"""
    estimate = _ESTIMATE.match(words)
    rest = words[estimate.end():] if estimate else words
    modal = _MODAL_END.search(rest)  # 应达到, 均为: a modal before the figure (the pattern always matches)
    rest = rest[:modal.start()] if modal else rest
    return not rest or bool(_COMMITMENT.fullmatch(rest))


def _holds_a_colon(folded: str, start: int, end: int) -> bool:
    return folded.find("：", start, end) >= 0 or folded.find(":", start, end) >= 0


def _said_after(folded: str, start: int, end: int) -> tuple[int, str] | None:
    """(where, which) of a commitment word that ends folded[start:end] (组建率力争), spaces aside."""
    while end > start and folded[end - 1].isspace():
        end -= 1
    word = next((word for word in _COMMITMENTS_AFTER if folded.endswith(word, start, end)), None)
    return (end - len(word), word) if word else None


def _commitment(words: str) -> str | None:
    """力争 (striving) or 确保 (assured), from the words that say how firmly."""
    return "力争" if ("力争" in words or "争取" in words or "努力" in words) else "确保" if "确保" in words else None


def find_targets(text: str) -> list[FoundTarget]:
    """Every quantified expression in `text` that reads as a target, left to right (within the
    first SCAN_CHARS characters: one pasted megabyte-long paragraph must not stall a lint run)."""
    text = text[:SCAN_CHARS]
    if len(text) > MEMO_CHARS:  # a long paragraph is read once anyway, and is not kept
        return list(_find_targets.__wrapped__(text))
    return list(_find_targets(text))


# The importer reads an item's targets, then the linter asks again (PF101, PF102, gaps): one
# reading per distinct text.
@lru_cache(maxsize=MEMO_ENTRIES)
def _find_targets(text: str) -> tuple[FoundTarget, ...]:
    reading = _Reading(text)
    found = reading.counts()  # counts first: a rate or a zero inside one is the same figure
    found += reading.rates(found)
    found += reading.zeros(found)
    found.sort(key=lambda t: t.start)
    return tuple(found)


def holds_a_comma(text: str) -> bool:
    """Does `text` hold a comma (，or ,)? No target's words do: a count's or a rate's are read
    within its clause, and a zero's stop at a comma too (_ZERO_RE), so a sentence with one was not
    written from targets alone, and a reader asking that (readers/infer.py) need not read its
    figures. (A zero's words may hold ！, ？ or a line break: 安全第一!生产事故为零.)"""
    return "，" in text or "," in text


_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("『", "』"), ("【", "】"))


def _balanced(words: str) -> bool:
    """Does every quotation and bracket that opens in `words` close there, and the other way round?
    (A straight quote " opens and closes alike: it is balanced when its count is even.)"""
    return words.count('"') % 2 == 0 and all(words.count(a) == words.count(b) for a, b in _PAIRS)


# Units that count occasions: what happens that often is named after the figure as well as before it.
OCCASIONS = ("次", "场", "期", "届", "轮", "回", "节", "堂")
_OCCASION_NAME_CHARS = 30
# a frequency right before the count: what follows says something else (体检每年一次费用由…承担)
_FREQUENCY_BEFORE = lazy(rf"(?:{_FREQUENCY.pattern})$")
_A_WORD_OPENS = lazy(r"\s*(?:[\u4e00-\u9fff“《「]|(?:19|20)\d\d\s*年)")  # 2027年度总结会, not 1次/年
# another count after it: 2次职代会、4次…会议; 家长会和2次开放日 (not 2027年, 第五届)
_ANOTHER_FIGURE = lazy(r"(?<!第)(?:\d+|[一二两三四五六七八九十]+)\s*(?:次|场|期|届|轮|回|节|堂)")
# A list of counts that share one verb (开展2次安全培训和1次演练, 召开2次职代会、4次委员会会议):
# each count's object runs to the joiner before the next count, and the next takes the verb.
_COUNT_UNIT = "次场期届轮回节堂个项名人家所篇条批支户门部本册套台件位座处"
# 和, 及, 与 join, unless they end a word (涉及, 普及, 惠及, 参与, 总和)
_JOINER = r"(?:、|以及|(?<![温平缓共饱调随总])和|(?<![涉普惠遍波危顾企触])及|(?<![参给赋])与)"
_NEXT_COUNT = lazy(rf"\s*{_JOINER}\s*(?:至少|不少于)?\s*(?<!第)(?:\d+|[一二两三四五六七八九十]+)\s*[{_COUNT_UNIT}]")
_AFTER_A_JOINER = lazy(rf"{_JOINER}\s*$")
_A_JOINER_CHAR = lazy("[、和及与]")  # asked first: most figures have none after them
# 每季度至少召开一次…, 至少发展会员200人: the bound said before the verb (and its object), not
# right before the figure; not one that bounds a time of its own (不超过一周完成, 至少提前三天发布)
_OP_BEFORE_A_VERB = lazy(rf"(至少|不少于|不低于|不超过|不高于)\s*((?:(?![{_CN_DIGITS}])[\u4e00-\u9fff]){{1,6}})$")


# 困难职工：慰问100户: the label and the bare verb after it name the measure together, without the
# colon (困难职工慰问), as a name is written (_measure keeps the label for such a verb)
_VERB_AFTER_A_LABEL = lazy(r"[：:]\s*([\u4e00-\u9fff]{1,2})$")


def _label_and_verb_joined(words: str) -> str:
    verb = _VERB_AFTER_A_LABEL.search(words)
    return words[:verb.start()].rstrip() + verb.group(1) if verb else words


def _object(after: str, listed: bool = False) -> str:
    """The words after a count that name what it counts, up to a note in brackets; none where
    they open another phrase (一次性, 3次以上并形成纪要), a label (2次全年：…) or another count, or
    cut a quotation off. In a list of counts (`listed`) an object runs to the next 、 (和 and 及
    may stand inside a word: 和谐), and may open with a character that elsewhere opens a phrase
    (1次内部审计, 10家和美家庭)."""
    after = after[:min((at for at in (after.find("（"), after.find("(")) if at >= 0), default=len(after))]
    if listed and after.find("、", 1) > 0:
        after = after[:after.find("、", 1)]
    opens_a_phrase = after.lstrip().startswith(_NOT_AN_OBJECT) and not (listed and _A_LISTED_OBJECT.match(after))
    if opens_a_phrase or _LABEL_COLON.search(after) or not _balanced(after) or _ANOTHER_FIGURE.search(after):
        return ""
    return after.strip()


# what opens an object in a list, though its first character elsewhere opens a phrase: a word of
# three characters or more (内部审计, 和谐企业, 后备干部培训), not 以上, 的 or 并 and a clause
_A_LISTED_OBJECT = lazy(r"\s*[和及以后前内][\u4e00-\u9fff]{2}")


_A_TIME_OF_ITS_OWN = ("半", "时间", "天", "周", "小时", "分钟", "日", "月")


def _op_before_the_verb(lead: str) -> tuple[str, str | None]:
    """(the words before a figure without a bound said before their verb, that bound's op):
    每季度至少召开 → (每季度召开, >=). Not a bound on a time of its own (不少于半天集中学习,
    不超过规定时间完成)."""
    bound = _OP_BEFORE_A_VERB.search(lead)
    if bound is None or any(word in bound.group(2) for word in _A_TIME_OF_ITS_OWN):
        return lead, None
    return lead[:bound.start()] + bound.group(2), dict(_OPS_BEFORE)[bound.group(1)]


_NOT_AN_OBJECT = ("性", "以", "并", "和", "及", "的", "或", "后", "前", "内", "左右", "、")
# A clause read whole for its first figures (a 、-list of a year's results runs to a few dozen);
# past them (a pasted run of thousands, no comma) each figure reads this far back.
FULL_CLAUSE_FIGURES, CLAUSE_CHARS = 100, 200
_LIST_MARKS = "、"  # between two measures of one clause, each with its own figure (和, 及 open words: 和谐, 及时)


class _Reading:
    """One text, folded once, with its quotations and clause boundaries."""

    def __init__(self, text: str) -> None:
        self.text, self.folded = text, fold_width(text)
        self.quoted = _quoted_spans(self.folded)
        self.cuts = [m.start() for m in _CLAUSE_SPLIT.finditer(self.folded)]  # clause boundaries, found once
        self.asked: dict[int, int] = {}  # clause start → how many times clause() was asked for it

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around text[start:end]. Every figure reads its clause up to itself (its
        name, a report's 了 or 去年, a frequency), so a pasted paragraph with no comma and
        thousands of figures would be read in square time: past the first FULL_CLAUSE_FIGURES
        asks in one clause, a figure reads back no further than CLAUSE_CHARS before itself."""
        i = bisect.bisect_left(self.cuts, start)
        j = bisect.bisect_left(self.cuts, end)
        opened = self.cuts[i - 1] + 1 if i else 0
        asked = self.asked[opened] = self.asked.get(opened, 0) + 1
        if asked > FULL_CLAUSE_FIGURES:
            opened = max(opened, start - CLAUSE_CHARS)
        return opened, (self.cuts[j] if j < len(self.cuts) else len(self.folded))

    def in_quotes(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.quoted)

    def counts(self) -> list[FoundTarget]:
        """Numbers with a unit: 1000人, 80%以上, 百分之九十, 八成, 3.2万米, 0.5‰."""
        text, folded, found = self.text, self.folded, []
        # Each pattern is tried at every position of the text; a text without a digit cannot
        # match, and most titles have none, so those skip the scan.
        numbers = finditer_from(_TARGET_RE, _TARGET_FIRST, folded) if _ANY_DIGIT.search(folded) else ()
        listed_after = -1  # where the last target of the clause ended: 新建分馆3个、“城市书房”2个 lists two measures
        # its words before the figure, commitment and op, and its object after the figure
        shared: tuple[str, str | None, str | None, str] | None = None
        for m in numbers:
            start, end = m.span()
            if folded[max(0, start - 4):start].rstrip().endswith("第") or self.in_quotes(start):
                continue  # an ordinal (第3项, 第四届) is a name (as _is_a_name says), and the commonest one
            value, unit, value_text = _value_and_unit(m)
            clause_start, clause_end = self.clause(start, end)
            if value is None or _not_a_target(folded, m, unit, value_text, clause_start):
                continue
            if unit == "万" and not _DIGIT.search(value_text):
                continue  # 三年五万技术工人 stays text: too compressed to read safely
            # 达到80%以上 reads as >=: a word after the number says more than 达到 before it
            op = dict(_OPS_AFTER).get(m.group("op_after") or "") or dict(_OPS_BEFORE).get(m.group("op_before") or "")
            what_start, what_end, commitment, after_a_mark = self.measure(clause_start, start, listed_after)
            if shared and self.continues_a_list(shared, unit, clause_start, listed_after, start):
                # the next count of a list (开展2次安全培训和1次演练): the list's verb is its verb too
                # where the counts before it named their objects after them; otherwise (新建分馆3个和
                # 2个城市书房) its own object names it, or failing one the words before the list
                lead, commitment, lead_op, listed_object = shared
                after = self.named_after(m, unit, 0, clause_end, listed=True)
                what = lead + after if listed_object else after if len(after) >= 2 else lead
            else:
                words = _label_and_verb_joined(text[what_start:what_end])
                lead, lead_op = _op_before_the_verb(words)
                # a name after a list's 、 (干部50人) is no bare verb whose object follows the figure
                after = self.named_after(m, unit, max(len(words), 3) if after_a_mark else len(words), clause_end)
                what = lead + after
            if len(what) < 2:
                continue
            found.append(FoundTarget(what=what, value=value, unit=unit, op=op or lead_op, commitment=commitment,
                                     sentence=text[clause_start:clause_end].strip(), start=start, end=end))
            listed_after, shared = end, (lead, commitment, lead_op, after)
        return found

    def continues_a_list(self, shared: tuple[str, str | None, str | None, str], unit: str | None, clause_start: int,
                         listed_after: int, start: int) -> bool:
        """Is the count at `start` the next of a list of counts: a joiner right before it, after
        the clause's last count (`shared`: its words, commitment, op and object), which named its
        object after its figure or had more than a bare verb before it? Rates are no such list."""
        return (unit is not None and unit != "" and unit[0] in _COUNT_UNIT and (bool(shared[3]) or len(shared[0]) > 2)
                and clause_start <= listed_after < start and bool(_AFTER_A_JOINER.search(self.folded, listed_after, start)))

    def measure(self, clause_start: int, start: int, listed_after: int) -> tuple[int, int, str | None, bool]:
        """Where the name before the figure at `start` runs, the commitment (_measure), and whether
        the name follows a list's 、 (it does when the last target of the clause ended there:
        新建分馆3个、“城市书房”2个); in the clause before when this one only says when and how
        firmly (named_before)."""
        folded = self.folded
        what_start, what_end, commitment = _measure(folded, clause_start, start)
        after_a_mark = False
        if clause_start <= listed_after < start and folded[listed_after:listed_after + 1] in _LIST_MARKS:
            # the next measure of the list starts after the mark, and keeps the clause's 力争
            listed = _measure(folded, listed_after + 1, start)
            if listed[1] - listed[0] >= 2:
                what_start, what_end, commitment, after_a_mark = listed[0], listed[1], listed[2] or commitment, True
        before = self.named_before(clause_start, what_start, what_end)
        return (*before, False) if before is not None else (what_start, what_end, commitment, after_a_mark)

    def named_after(self, m: re.Match[str], unit: str | None, named: int, clause_end: int, listed: bool = False) -> str:
        """The words after the figure that name what it counts: where the count opens the clause
        or follows a bare verb (6期周末青年交流会；创建2个示范点), and where it counts occasions, the
        event each one is (每季度召开一次安全生产工作会议, 组织1场消防培训, 书记每季度讲一次党课: the
        figure stands between the verb and its object), as long as they open with a word, run
        whole to the clause's end, a note in brackets or the joiner before a list's next count
        (2次职代会、4次委员会会议 names 职代会), and hold no other count or phrase (一次性,
        3次以上并形成纪要). After a frequency (每年一次, 每月1次) the words that follow say
        something else (费用由行政承担) and stay out of the name. In a list of counts (`listed`, or
        a joiner and the next count after this one: 选树5个先进典型和10名岗位标兵) each count's
        object follows it, whatever it counts."""
        end = m.end()
        # what a name may take, and the joiner and figure after it (the clause's whole rest would be
        # read again for every figure of a pasted clause of thousands)
        rest = self.text[end:min(clause_end, end + _OCCASION_NAME_CHARS + 12)]
        joiner = _NEXT_COUNT.search(rest) if _A_JOINER_CHAR.search(rest) else None
        if listed or joiner:
            after = rest[:joiner.start()] if joiner else rest
            return _object(after, listed=True) if _A_WORD_OPENS.match(after) and len(after) <= _OCCASION_NAME_CHARS else ""
        if named <= 2 and m.group("op_before") is None:
            after = rest[:20]
        elif (unit in OCCASIONS and clause_end - end <= _OCCASION_NAME_CHARS
              and not _FREQUENCY_BEFORE.search(self.folded, max(0, m.start() - 6), m.start())
              and _A_WORD_OPENS.match(self.text, end)):
            return _object(rest)
        else:
            return ""
        label = _LABEL_COLON.search(after)  # 1个重点项目全年：策划…: a colon opens another label
        return (after[:label.start()] if label else after).strip()

    def named_before(self, clause_start: int, what_start: int, what_end: int) -> tuple[int, int, str | None] | None:
        """组织集中学习，全年不少于12次: a clause that says only when and how firmly (全年, 力争)
        names no measure; the clause before it does, when it holds no figure of its own. Its
        opening words are then the commitment."""
        folded = self.folded
        if clause_start < 2 or what_end <= what_start or not _COMMITMENT.fullmatch(folded, what_start, what_end):
            return None
        start, end = self.clause(clause_start - 2, clause_start - 2)
        words = folded[start:end]
        if len(words.strip()) < 2 or _ANY_DIGIT.search(words) or _NAMES_NO_MEASURE.search(words.strip()):
            return None
        lead = folded[what_start:what_end]
        return start + len(words) - len(words.lstrip()), end, _commitment(lead)

    def rates(self, found: list[FoundTarget]) -> list[FoundTarget]:
        """A rate or an index bounded by a bare number: 万人火灾死亡率控制在0.15以内."""
        text, folded, more = self.text, self.folded, []
        for m in _BARE_RATE.finditer(folded) if _DIGIT.search(folded) else ():
            start, end = m.span("number")
            clause_start, clause_end = self.clause(start, end)
            if self.in_quotes(start) or any(t.start <= start < t.end for t in found):
                continue
            what_start, what_end, commitment = _measure(folded, clause_start, m.start())
            if not _RATE_NAME.search(folded, what_start, what_end) or _reports_a_fact(folded, clause_start, start):
                continue
            op = dict(_OPS_AFTER).get(m.group("op_after") or "") or dict(_OPS_BEFORE)[m.group("op_before")]
            more.append(FoundTarget(what=text[what_start:what_end], value=_number(m.group("number")) or 0, unit=None,
                                    op=op, commitment=commitment, sentence=text[clause_start:clause_end].strip(),
                                    start=start, end=end))
        return more

    def zeros(self, found: list[FoundTarget]) -> list[FoundTarget]:
        """安全事故为零, 零死亡, 无重大事故: a zero said in words."""
        text, folded, more = self.text, self.folded, []
        for m in _ZERO_RE.finditer(folded) if ("零" in folded or "无" in folded or "为0" in folded) else ():
            if self.in_quotes(m.start()):
                continue  # “零死亡、零重伤” is a slogan; its targets are stated elsewhere
            what = (m.group("what") or m.group("what2") or m.group("what3") or "").strip()
            lead = _COMMITMENT.match(what)  # 确保…为零: the commitment that opens it, never a 使 inside (违规使用经费)
            what = what[lead.end():] if lead and lead.end() < len(what) else what
            clause_start = self.clause(m.start(), m.end())[0]
            if len(what) < 2 or any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            if _reports_a_fact(folded, clause_start, m.end("what") if m.group("what") else m.start()):
                continue  # 去年实现了零事故: a result
            more.append(FoundTarget(what=what, value=0, unit=None, op="<=", commitment=None,
                                    sentence=text[clause_start:m.end()].strip(), start=m.start(), end=m.end()))
        return more


# 组织一次青年教师交流会, 举办1场讲座: one event is measured by taking place, though "一次" is
# not a target worth carrying over to next year (find_targets leaves it).
_SINGLE_EVENT = lazy(r"(?:组织|举办|召开|开展|举行|进行|组队参加|参加)(?:一|1)(?:次|场|期|届)[^，,；;。]{0,24}?"
                           r"(?:会|赛|活动|讲座|培训|演出|展演|展览|仪式|论坛|沙龙|演讲|评比|评选|竞赛|观摩|研讨|联欢|座谈|征文)")


def has_quantity(text: str) -> bool:
    """Does the text carry a number a reviewer would accept as a target? (PF101)"""
    return bool(find_targets(text)) or bool(_SINGLE_EVENT.search(text))
