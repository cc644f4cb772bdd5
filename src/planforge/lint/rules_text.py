"""PF4xx: placeholders and text hygiene. The fixable ones (PF402, PF403, PF405, PF406) carry the exact
replacement, which `--fix` applies only where it cannot change the meaning."""

from __future__ import annotations

import re

from planforge.lint.rule import rule
from planforge.model.text import PLACEHOLDER, PLACEHOLDER_CHARS, PLACEHOLDER_FIRST, finditer_from
from planforge.patterns import lazy

_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》]"
# What makes an ASCII mark Chinese punctuation: a Han character, a Chinese quote or bracket, or a
# full-width letter or digit beside it. Not a full-width punctuation mark: after `:::中文` is
# widened at its last colon, the next colon must not now count as "next to Chinese" (a fix that
# went on to convert all three and let PF402 merge them deleted two characters).
_CONTEXT = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff“”‘’《》〈〉「」『』【】（）〔〕\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
_DOUBLED = lazy(r",,|，，|。。|、、|；；|;;|：：|,。|,，|，,|,、|、,|。，|，。")
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_MARK = lazy(r"[,;:?!]")  # one of these is Chinese punctuation typed half width when _beside_chinese
_CONTEXT_CHAR = lazy(_CONTEXT)
# Spans that are syntax or data, not prose: a fix never rewrites them and no finding points into
# them. URLs (bare, `www.`, autolinks), Markdown link and image destinations, inline code, HTML
# tags and character entities (`&nbsp;`). A URL ends at Chinese text or at trailing punctuation,
# so `网址:https://www.gov.cn/zhengce,请查阅` still has its `,` judged.
_PROTECTED = lazy(
    r"(?:https?://|www\.)[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》<>]*[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》<>.,:;!?)]"
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\)"
    r"|`+[^`]*`+"
    r"|<[A-Za-z/!][^<>]*>"
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"
    r"|:{2,}"  # `:::` container markup (VuePress, MkDocs admonitions), `::` scopes: not a colon
)
# A ! or ? ending a Latin word is part of it (Yahoo!, Jeopardy!), not a Chinese sentence's end;
# one starting a Latin word is a token of code or markup (!important, ?query).
_LATIN_WORD_MARK = lazy(r"(?<=[A-Za-z])[!?](?=[\u3400-\u9fff])|[!?](?=[A-Za-z])")
# ASCII brackets are judged as pairs, so a fix never leaves （…) half converted: a pair is Chinese
# text when it holds Chinese, or touches it, or is a list marker (一); a pinyin gloss after a
# character, 建設(shè), is PF409's (removed, not widened).
_PAREN_PAIR = lazy(r"\(([^()\n]{0,40})\)")
_CJK_CHAR = lazy(_CJK)
_PINYIN_GLOSS = lazy(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")
_TONED_VOWEL = lazy("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")  # what every gloss holds


# The marks _half_marks judges: most lines of a Chinese plan hold none and are passed at once.
_ANY_HALF_MARK = lazy(r"[,;:?!()]")


def _half_marks(line: str) -> list[tuple[int, str]]:
    """(offset, mark) of every ASCII mark that should be full width, in order; doubled marks are
    left to PF402."""
    if not _ANY_HALF_MARK.search(line):
        return []
    # the patterns opening with a lookbehind are tried at every position: only where they can match
    doubled = [m.span() for m in _DOUBLED.finditer(line)]
    glosses = [m.span() for m in _PINYIN_GLOSS.finditer(line)] if "(" in line else []
    kept = [m.span() for m in _PROTECTED.finditer(line)] if _MAY_PROTECT.search(line) else []
    if "!" in line or "?" in line:
        kept += [m.span() for m in _LATIN_WORD_MARK.finditer(line)]
    skipped = doubled + kept
    marks = [(m.start(), m.group(0)) for m in _HALF_MARK.finditer(line)
             if _beside_chinese(line, m.start()) and not any(a <= m.start() < b for a, b in skipped)]
    return sorted(marks + _paren_marks(line, glosses, kept))


def _beside_chinese(line: str, at: int) -> bool:
    """Whether the mark at `at` has Chinese text on either side. (As one pattern, with a lookbehind,
    the engine tried it at every position of a line; asked here only where a mark is.)"""
    return (at > 0 and _CONTEXT_CHAR.match(line, at - 1) is not None) or _CONTEXT_CHAR.match(line, at + 1) is not None


def _paren_marks(line: str, glosses: list[tuple[int, int]], kept: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Both marks of every ASCII bracket pair that is Chinese text, outside the spans kept."""
    marks = []
    for m in _PAREN_PAIR.finditer(line):
        if any(a <= m.start() < b for a, b in glosses + kept) or any(a <= m.end() - 1 < b for a, b in kept):
            continue
        before, after = line[m.start() - 1: m.start()], line[m.end(): m.end() + 1]
        if (_CJK_CHAR.search(m.group(1)) or _CJK_CHAR.match(before) or _CJK_CHAR.match(after)
                or (after.isdigit() and _CJK_CHAR.match(before or " "))):
            marks += [(m.start(), "("), (m.end() - 1, ")")]
    return marks


# A number deleted and its unit left behind (a copied plan with last year's figures cut out): a
# counting word that a number must follow (现有, 其中, 共, 约…) reaching a counter with no numeral
# between (全校现有教职工人，其中党员人), a sum with no amount (节约资金约元), and a rate sign straight
# after a word (降低%以上): no reader can take any of them for a figure.
_DELETED_NUMBER = lazy(
    r"(?:共|现有|其中|征集|慰问|培训|发展|新增|达到)[^，。；,;0-9０-９一二三四五六七八九十百千万两几多余*＊xX×_]{0,8}?[“”\"]?"
    r"(?<![0-9０-９一二三四五六七八九十百千万两几多余])(?:条|人|户|名|次|个)(?=[，。；,;、])"
    r"|(?:约|共计|合计|节约|节省|投入|筹集|资金|经费)元(?=[，。；,;、以左])"
    r"|[\u4e00-\u9fff]{1,2}[%％‰](?=[以左，。；,;、]|$)")
_TODO = lazy(r"TODO|待补充|待填写|\?{2,}|？{2,}")
# A whole date (2027年01月08日, 01月08日, 2027年01月) with a leading zero in its month or day: one
# finding per date, its fix the date written out.
_LEADING_ZERO = lazy(r"(?:(?:19|20)\d\d年)?(?<!\d)(?:0?\d|1[0-2])月(?:0?\d|[12]\d|3[01])日|(?:19|20)\d\d年0\d月")
_ZERO = lazy(r"(?<![\d])0(?=\d[月日])")
_PAIRS = [("“", "”"), ("《", "》"), ("（", "）"), ("【", "】")]
_PAIR_MARK = lazy("[" + "".join(mark for pair in _PAIRS for mark in pair) + "]")
# Characters that print as nothing, pasted in from web pages and WeChat articles: they split a
# word for search and duplicate detection, and the bidirectional ones make text display otherwise
# than it reads. The zero-width joiner is left alone: emoji sequences need it.
_INVISIBLE_NAMES = {
    "\u200b": ("零宽空格", "zero-width space"), "\u200c": ("零宽非连接符", "zero-width non-joiner"),
    "\u2060": ("零宽不换行符", "word joiner"), "\ufeff": ("字节顺序标记", "byte order mark"),
    "\u00ad": ("软连字符", "soft hyphen"), "\u200e": ("方向标记", "direction mark"), "\u200f": ("方向标记", "direction mark"),
    "\u180e": ("蒙古文元音分隔符", "Mongolian vowel separator"),
    **{chr(c): ("双向文字控制符", "bidirectional control") for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
}
_INVISIBLE = lazy("[" + "".join(_INVISIBLE_NAMES) + "]")


_MAY_PROTECT = lazy(r"[/`<&\]]|www\.|::")  # a line with none of these holds no protected span


def collapse_doubled(line: str) -> str:
    """,, → ，  。。 → 。  ,。 → 。: keep the last mark, in its full-width form."""
    return _DOUBLED.sub(lambda m: _HALF.get(m.group(0)[-1], m.group(0)[-1]), line)


def widen(line: str) -> str:
    """ASCII , ; : ? ! ( ) in Chinese text → full width; doubled marks are left to PF402."""
    chars = list(line)
    for offset, mark in _half_marks(line):
        chars[offset] = _HALF[mark]
    return "".join(chars)


def drop_date_zeros(line: str) -> str:
    return _LEADING_ZERO.sub(lambda m: _ZERO.sub("", m.group(0)), line)


_ZERO_BEFORE = lazy(r"0\d[月日]")  # what a date _ZERO finds a zero in holds


def _zero_dates(ctx):
    for m, line, col in _each_match(ctx, _LEADING_ZERO, need=_ZERO_BEFORE):
        if _ZERO.search(m.group(0)):
            yield m, line, col


def drop_invisible(line: str) -> str:
    return _INVISIBLE.sub("", line)


def _count_note(count: int) -> dict:
    """For rules reporting once per paragraph: how many there are in all, in both languages."""
    if count < 2:
        return {"more_zh": "", "more_en": ""}
    return {"more_zh": f"（本段共 {count} 处）", "more_en": f" ({count} in this paragraph)"}


# 2013.2.20, 2013/2/20: a date written with points or slashes.
_DOTTED_DATE = lazy(r"(?<![\d.．/-])(?:19|20)\d\d(?P<sep>[.．/])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])(?![\d.．/])")
# A function word typed twice (要要加强, 的的): never meant, unlike 常常, 人人, 层层.
_DOUBLED_WORD = lazy(r"([的了要和在是与及对把被从向为并将以于其之也就都还又而或让使])\1")


# What every match of a pattern contains (a character, or a few), written with no lookaround and
# no group: a line without it is skipped (`ctx.hygiene_texts(need)`), and most lines of a plan hold
# no 月, no x, no 待. A pattern that is its own best need (plain alternatives, a backreference) is
# given itself.
_NEEDS = {
    PLACEHOLDER: PLACEHOLDER_CHARS,
    _TODO: lazy(r"[T待?？]"),
    _LEADING_ZERO: lazy("月"),
    # what each of _DELETED_NUMBER's three kinds must end in: a counter before a mark, 元, a rate sign
    _DELETED_NUMBER: lazy(r"[条人户名次个][，。；,;、]|元|[%％‰]"),
    _DOUBLED: _DOUBLED,
    _DOUBLED_WORD: _DOUBLED_WORD,
    _DOTTED_DATE: lazy(r"(?:19|20)\d\d[.．/]"),
}
# Where a match of a pattern that opens with a lookbehind can begin: it is tried only there
# (`finditer_from`), not at every position of a long line.
_FIRST = {PLACEHOLDER: PLACEHOLDER_FIRST}
_EITHER: dict[tuple[str, ...], re.Pattern[str]] = {}  # the needs of patterns asked for together, as one


def _either(needs: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One need for several patterns (PF401's three): any of theirs. A need used so has no group."""
    key = tuple(need.pattern for need in needs)
    if key not in _EITHER:
        _EITHER[key] = lazy("|".join(f"(?:{pattern})" for pattern in key))
    return _EITHER[key]


def _each_match(ctx, *regexes, need=None):
    """(match, line, col) for every match of `regexes` in every text hygiene looks at that holds
    `need` (by default, what the patterns need: `_NEEDS`)."""
    needs = [_NEEDS[regex] for regex in regexes]
    if need is None:
        need = needs[0] if len(needs) == 1 else _either(needs)
    for text, where in ctx.hygiene_texts(need):
        for regex, own_need in zip(regexes, needs, strict=True):
            if len(needs) > 1 and not own_need.search(text):
                continue
            first = _FIRST.get(regex)
            for m in regex.finditer(text) if first is None else finditer_from(regex, first, text):
                line, col = where(m.start())
                yield m, line, col


def locate(ctx, node, field, offset: int, text: str):
    """Line and column of `offset` inside a field's text. In a document a field's text may run
    over several paragraphs after its heading: find the line that holds the spot."""
    line, col = ctx.at(node, field)
    if ctx.is_document and ctx.lines and line:
        before, at = text[max(0, offset - 3): offset], text[offset: offset + 5]
        for probe, shift in ((before + at, len(before)), (at, 0)):
            for number in range(line, min(len(ctx.lines), line + 400) + 1):
                start = col - 1 if number == line and col else 0  # a flattened line holds many nodes
                found = ctx.lines[number - 1].find(probe, start) if probe else -1
                if found >= 0:
                    return number, found + shift + 1
        return line, None
    before = text[:offset]
    newlines = before.count("\n")
    if line is None:
        return None, None
    if newlines or "\n" in text:
        return line + 1 + newlines if ctx.loaded is not None else line + newlines, None
    return line, (col + offset) if col is not None else None


@rule("PF401", "placeholder", "error")
def placeholder(ctx):
    """20xx, xx区, ***, 某某, ____: a template slot that was never filled in. A short run of
    underscores is a slot where it stands for a year, a date or a place (20__年, 20_年, __市,
    __年__月__日); elsewhere (a file name, snake_case) it is text.

    FAIL  organization: xx区总工会
    FAIL  preamble: 特制定20__年度工作计划。
    FAIL  preamble: 根据__市考评标准，制定本计划。
    PASS  organization: 测试工会
    PASS  preamble: 台账文件名为work_plan_2027.xlsx。

    A figure deleted and its unit left behind is an unfilled slot too.

    FAIL  preamble: 全校现有教职工人，其中党员人。
    FAIL  preamble: 全年节约资金约元，能耗降低%以上。
    PASS  preamble: 全校现有教职工120人，其中党员46人；全年节约资金约2万元，能耗降低5%以上。
    """
    for m, line, col in _each_match(ctx, PLACEHOLDER, _TODO, _DELETED_NUMBER):
        yield line, col, {"text": m.group(0)}, None


@rule("PF402", "doubled-punctuation", "warning")
def doubled_punctuation(ctx):
    """,, 。。 ，，: a slip of the keyboard that a reviewer circles in red (…… and —— are meant).

    FAIL  preamble: 加强学习，，提高素质。
    PASS  preamble: 加强学习，提高素质……
    """
    for m, line, col in _each_match(ctx, _DOUBLED):
        yield line, col, {"text": m.group(0)}, collapse_doubled


@rule("PF403", "half-width-punctuation", "warning")
def half_width(ctx):
    """ASCII , ; : ? ! ( ) between Chinese characters: text pasted from an English keyboard.

    FAIL  preamble: "加强学习,提高素质。"
    PASS  preamble: 加强学习，提高素质。

    One finding per paragraph, not per comma: a pasted page can hold hundreds. Never inside a
    URL, a Markdown link's destination, inline code, an HTML tag or entity (`&nbsp;`), and never
    the `!` of a Latin name (`Yahoo!的文档`); `1,000`, `12:30` and `vs.` touch no Chinese. A `.`
    after Chinese is left alone: in real plans it is most often a list marker (`一.加强…`), whose
    fix is `、` (a numbering matter), and turning it into `。` would write `一。加强…`.
    """
    for text, where in ctx.hygiene_texts(_ANY_HALF_MARK):
        marks = _half_marks(text)
        if not marks:
            continue
        offset, mark = marks[0]
        line, col = where(offset)
        more = _count_note(len(marks))
        yield line, col, {"text": mark, "full": _HALF[mark], **more}, widen


@rule("PF404", "unbalanced-pair", "warning")
def unbalanced(ctx):
    """An opening quotation mark, title mark or bracket with no partner.

    FAIL  preamble: 开展“书香卫健活动。
    PASS  preamble: 开展“书香卫健”活动。
    """
    for text, where in ctx.hygiene_texts(_PAIR_MARK):
        for opening, closing in _PAIRS:
            opens, closes = text.count(opening), text.count(closing)
            if opens != closes:
                line, col = where(_first_unpaired(text, opening, closing))
                yield line, col, {"open": opening, "close": closing, "opens": opens, "closes": closes}, None


def _first_unpaired(text: str, opening: str, closing: str) -> int:
    """Where the pairing first fails: a closing mark with nothing open, an opening quotation mark
    while one is still open (Chinese quotations nest with ‘’, not “”), else the first mark left open."""
    still_open: list[int] = []
    for offset, char in enumerate(text):
        if char == opening:
            if opening == "“" and still_open:
                return still_open[-1]
            still_open.append(offset)
        elif char == closing:
            if not still_open:
                return offset
            still_open.pop()
    return still_open[0] if still_open else 0


@rule("PF405", "date-format", "warning")
def date_format(ctx):
    r"""2027年03月08日, 2013.2.20: official documents write dates as 2027年3月8日, without leading
    zeros (GB/T 9704), the signature's date included.

    FAIL  preamble: 于2027年03月08日召开全委会。
    FAIL doc  测试工会2027年工作计划\n一、加强学习\n测试工会\n2027.1.8
    PASS  preamble: 于2027年3月8日召开全委会。
    PASS doc  测试工会2027年工作计划\n一、加强学习，全年4次\n测试工会\n2027年1月8日
    """
    for m, line, col in _zero_dates(ctx):
        yield line, col, {"text": m.group(0), "fixed": drop_date_zeros(m.group(0))}, drop_date_zeros
    for m, line, col in _each_match(ctx, _DOTTED_DATE):
        yield line, col, {"text": m.group(0), "fixed": written_date(m.group(0)), "variant": "dotted"}, written_dates


def written_date(text: str) -> str:
    """2013.2.20 → 2013年2月20日."""
    year, month, day = re.split(r"[.．/]", text)
    return f"{year}年{int(month)}月{int(day)}日"


def written_dates(line: str) -> str:
    return _DOTTED_DATE.sub(lambda m: written_date(m.group(0)), line)


_MARKER_LINE = lazy(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．]|#)")


@rule("PF407", "doubled-character", "warning")
def doubled_character(ctx):
    """要要加强, 的的: a word typed twice. Only function words are judged (常常, 层层, 人人 are meant).

    FAIL  preamble: 各单位要要加强学习。
    PASS  preamble: 各单位要常常学习，层层落实。
    """
    for m, line, col in _each_match(ctx, _DOUBLED_WORD):
        yield line, col, {"text": m.group(0)}, None


@rule("PF408", "truncated-sentence", "warning", documents_only=True)
def truncated_sentence(ctx):
    r"""A paragraph that stops at a comma right before the next numbered item: the rest of the
    sentence was lost when the text was pasted or edited (要进一步完善送温暖体制,).

    FAIL doc  测试工会2027年工作计划\n一、服务职工\n1、做好送温暖工作，要进一步完善送温暖体制,\n2、开展慰问
    PASS doc  测试工会2027年工作计划\n一、服务职工\n1、做好送温暖工作，要进一步完善送温暖体制。\n2、开展慰问
    """
    if not ctx.hygiene or not ctx.lines:
        return
    following = None
    for number in range(len(ctx.lines), 0, -1):
        line = ctx.lines[number - 1].rstrip()
        if not line:
            continue
        if following is not None and line[-1] in ",，、" and _MARKER_LINE.match(following):
            yield number, len(line), {"text": line[-8:]}, None
        following = line


@rule("PF409", "pinyin-gloss", "warning")
def pinyin_gloss(ctx):
    """建設(shè): pinyin inserted after a character by a web page's reading aid, left in the text.

    FAIL  preamble: 加强职工之家建設(shè)。
    PASS  preamble: 加强职工之家建设（含阵地建设）。

    One finding per paragraph: a page with its reading aid on glosses every other word.
    """
    for text, where in ctx.hygiene_texts(_TONED_VOWEL):
        glosses = list(_PINYIN_GLOSS.finditer(text))
        if glosses:
            line, col = where(glosses[0].start())
            yield line, col, {"text": glosses[0].group(0), **_count_note(len(glosses))}, drop_pinyin


def drop_pinyin(line: str) -> str:
    return _PINYIN_GLOSS.sub("", line)


@rule("PF406", "invisible-character", "warning")
def invisible_character(ctx):
    r"""Zero-width spaces, soft hyphens and bidirectional controls pasted from web pages: invisible,
    yet they break search and the numbering checks.

    FAIL  preamble: "加强\u200b学习。"
    PASS  preamble: 加强学习。

    One finding per paragraph, as PF403: a pasted article can hold one after every sentence.
    """
    for text, where in ctx.hygiene_texts(_INVISIBLE):
        marks = list(_INVISIBLE.finditer(text))
        if not marks:
            continue
        first = marks[0]
        line, col = where(first.start())
        name_zh, name_en = _INVISIBLE_NAMES[first.group(0)]
        more = _count_note(len(marks))
        yield line, col, {"code": f"U+{ord(first.group(0)):04X}", "name_zh": name_zh, "name_en": name_en,
                          **more}, drop_invisible


# Full-width digits (２０２７年, ３００人次): typed with the input method's full-width mode on, or
# pasted from a scanned form. Chinese documents write Arabic figures half-width (GB/T 15835), and a
# search, a sort or a reader's eye for 300 misses ３００. A full-width point between them goes too.
_FULL_WIDTH_FIGURE = lazy(r"[０-９]+(?:[．][０-９]+)?")
_FULL_WIDTH_DIGIT = lazy("[０-９]")
_NARROW = str.maketrans("０１２３４５６７８９．", "0123456789.")


def narrow_figures(line: str) -> str:
    return _FULL_WIDTH_FIGURE.sub(lambda m: m.group(0).translate(_NARROW), line)


@rule("PF410", "full-width-digit", "warning")
def full_width_digit(ctx):
    """２０２７年, ３００人次: figures in full-width digits. One finding per paragraph, as PF403.

    FAIL  preamble: 全年培训职工３００人次。
    PASS  preamble: 全年培训职工300人次。
    """
    for text, where in ctx.hygiene_texts(_FULL_WIDTH_DIGIT):
        figures = list(_FULL_WIDTH_FIGURE.finditer(text))
        if figures:
            line, col = where(figures[0].start())
            yield line, col, {"text": figures[0].group(0), "fixed": narrow_figures(figures[0].group(0)),
                              **_count_note(len(figures))}, narrow_figures
