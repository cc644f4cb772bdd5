"""Document clean-up for import: page chrome, control characters, pinyin glosses and doubled
commas removed from each line, every removal reported as a `Repair` (never silent)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planforge.patterns import lazy


@dataclass(frozen=True)
class Repair:
    """One change the importer made to the text it read, for `--report`."""

    line: int | None
    kind: str  # noise-line | page-label (第1页共3页 inside a line of the plan's) | table-header | pinyin | extra-comma | missing-separator | control-char | split-line | front-matter | spacing
    text: str
    col: int | None = None  # in a flattened line, where the piece starts


# Split in two for speed, one pattern in meaning: the words of a page's chrome wherever they stand,
# and the chrome that is a whole line or starts it, tried at the start only. Every alternative of
# the first is written out from its first character (发布时间, 发布日期… not (?:发布|发稿)(?:时间|日期)):
# only then does the regex engine skip every position no alternative can start at, five times
# faster on a line with none.
_NOISE_ANYWHERE = lazy(
    r"当前位置|首页\s*[>＞]|本站小编|为您带来|相信一定会对你有所帮助|"
    r"相关文章|推荐阅读|热门文章|猜你喜欢|上一篇(?!章)|下一篇(?!章)|版权所有|版权声明|免责声明|本文由|本文来源|点击下载|下载本文|"
    r"欢迎来到|欢迎访问|欢迎光临|发布时间\s*[:：]|发布日期\s*[:：]|发稿时间\s*[:：]|发稿日期\s*[:：]|更新时间\s*[:：]"
    r"|更新日期\s*[:：]|阅读次数\s*[:：]|阅读量\s*[:：]|浏览次数\s*[:：]|浏览量\s*[:：]|点击次数\s*[:：]|点击量\s*[:：]|"
    r"下面是小编|小编搜集|小编收集|小编整理|小编为大家|小编为您|小编为你|字体\s*[:：]?\s*【大】|扫一扫"
)
_NOISE_AT_START = lazy(
    r"\S{0,40}\.docx?$|来源\s*[:：]|时间\s*[:：]\s*\d{2}-\d{2}-\d{2}|导读\s*[:：]|[（(]?全文共\s*\d+\s*字[)）]?$|"
    r"(?:通知公告|新闻动态|工作动态|正文)$|\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?\S{0,12}$|[（(]?供稿\s*[:：]|"
    r"责任编辑\s*[:：]|打印本页|关闭窗口|问题描述\s*[:：]\s*$|(?:最佳|推荐|满意|其他)(?:答案|回答)$"
)
# The header row of a table copied one cell a line (月份 / 内  容 / 备 注): not the plan's text, but
# the document's own, so it is left out without being called page residue.
_TABLE_HEADER_CELL = lazy(
    r"^(月\s*份|内\s*容|备\s*注|时\s*间|序\s*号|活动内容|参加范围|参加对象|工作任务|工作内容|责\s*任\s*人|完成时间|考核要点)$"
)
# A column's name (重点内容, 具体措施, 时间进度, 责任单位): a header row copied one cell a line is a
# run of three or more of these (or of the cells above) with at least one only a header row uses
# (序号, 责任人, 完成时限…). Short lines that only end like a column's name are a plan's own list
# (民主管理工作 / 职工福利工作 / 文体活动工作) or its contents (工作目标 / 主要任务 / 保障措施).
_COLUMN_NAME = lazy(r"^[\u4e00-\u9fff]{0,4}(?:内容|工作|措施|进度|时间|时限|任务|要点|部门|单位|人|序号|备注|范围|对象|安排|目标|事项)$")
_HEADER_ONLY = lazy(r"^(?:序\s*号|(?:责\s*任|负\s*责)\s*人|(?:责任|牵头|配合|负责)(?:部门|单位|科室)|完成时[限间]|时间进度|进度安排|时间安排"
                    r"|备\s*注|考核要点)$")
HEADER_RUN = 3


def header_row_lines(lines: list[str]) -> set[int]:
    """Line numbers (1-based) of the cells of a table's header row copied one cell a line: runs of
    at least HEADER_RUN consecutive column names, one of them a header's own, and not a list that
    a line ending in a colon introduces (以下几项工作：)."""
    found: set[int] = set()
    run: list[int] = []
    before = ""  # the line before the run
    for number, line in enumerate([*lines, ""], start=1):
        stripped = line.strip()
        if len(stripped) <= 8 and stripped and (_COLUMN_NAME.match(stripped) or _TABLE_HEADER_CELL.match(stripped)):
            run.append(number)
            continue
        if (len(run) >= HEADER_RUN and not before.endswith((":", "："))
                and any(_HEADER_ONLY.match(lines[n - 1].strip()) for n in run)):
            found.update(run)
        run = []
        before = stripped or before
    return found


# Words a page's chrome uses that a plan may use too (开通微信公众号, 仅供参考的方案): chrome only
# on a short line that is not a numbered item.
_WEAK_NOISE = lazy(r"扫码|微信公众号|欢迎您|仅供参考|希望对(您|你)有所帮助|(?<![诉要需请])求(?:解答|(?:此刻|尽快)?回复)")
# A document site's notice to its readers (download, preview, refund, customer service): chrome
# wherever it stands, even numbered.
_SITE_NOTICE = lazy(r"下载文档|文档(?:内容)?的完整性|仅部分预览|在线预览|侵犯您的(?:权益|版权)|联系客服|人工客服|申请退款")
# `1. 1、…`: a web page's list numbering before the text's own marker (the page's list, not the plan's).
_DOUBLE_MARKER = lazy(r"^(\d{1,2})\s*[.．]\s*\1\s*[、.．,，]")
# 第1 页共 3页, glued to an item by a PDF copy: the page's furniture, never the plan's words.
_PAGE_LABEL = lazy(r"第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页")
_ITEM_START = lazy(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]|^[（(][一二三四五六七八九十\d]{1,3}[）)]")


_LINK = lazy(r"(?:https?://|www\.)[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》]*")
_HAN = lazy(r"[\u3400-\u9fff]")


def is_link_line(stripped: str) -> bool:
    """A line that is there for its link: a URL alone, or a short label before one (`来源：http…`,
    `转载请注明 https://…`). A sentence that goes on after its link (`详见网址:https://…,请查阅`)
    is the plan's text, however short."""
    if "http" not in stripped and "www." not in stripped:  # what every link opens with
        return False
    links = list(_LINK.finditer(stripped))
    if not links or _HAN.search(stripped[links[-1].end():]):
        return False
    return len(_HAN.findall(_LINK.sub("", stripped))) <= 16


def is_noise_line(stripped: str, listed: bool = False) -> bool:
    """Page chrome (当前位置, 上一篇, a link line, 浏览次数：…) rather than the document's text;
    `listed`: the line is an item of a list the document's markup numbers (a Word list)."""
    if len(stripped) >= 200:
        return False
    if _SITE_NOTICE.search(stripped) and (len(stripped) < 120 or _DOUBLE_MARKER.match(stripped)):
        return True  # the site's disclaimer list (1. 1、下载文档前…), numbered or not
    if listed or _ITEM_START.match(stripped):
        return False  # a numbered item is the plan's, even one that ends in its web address
    return (bool(_NOISE_AT_START.match(stripped) or _NOISE_ANYWHERE.search(stripped)) or is_link_line(stripped)
            or (len(stripped) < 60 and bool(_WEAK_NOISE.search(stripped))))


# A page's trailing list of links to other articles: nothing after its heading is the plan.
_RELATED_LIST = lazy(r"^(?:[【《][^】》]{1,40}[】》])?\s*(相关文章|相关推荐|相关阅读|延伸阅读|猜你喜欢|热门文章|推荐阅读|更多相关)\s*[:：]?$")


def ends_the_document(text: str) -> bool:
    """Is this line the heading of a page's related-articles list (the plan has ended)?"""
    return bool(_RELATED_LIST.match(text.strip()))
_PINYIN = lazy(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")
_EXTRA_COMMA = lazy(r",(?=[,，。、；：！？])")
# An item number run into its text (1积极协作…, 12围绕…); a count or a date (3月, 5个) is not one,
# nor the start of a range of them (1至2月, 3到4日).
_BARE_NUMBER = lazy(r"^(\d{1,2})(?=[\u4e00-\u9fff])(?![至到]\s*\d)(?![年月日号时点分秒个人名次项期届周天岁元万千百亿余多条件场批所家户篇部支类级號時點個項屆週歲萬億餘條場類級節])")
# 茶 陵 县 图 书 馆: a heading spaced out letter by letter (every character, not a few words).
_LETTER_SPACED = lazy(r"^[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){2,15}$")
_TRAILING_BARS = lazy(r"[\s|]+$")
_CONTROL = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _join_spaced(text: str, line: int | None, repairs: list[Repair]) -> str:
    """A letter-spaced heading joined again: its spaces are display, not words apart."""
    if not _LETTER_SPACED.match(text):
        return text
    repairs.append(Repair(line, "spacing", text[:80]))
    return re.sub(r"[ \u3000]", "", text)


def clean_line(text: str, line: int | None, repairs: list[Repair], repair: bool = True, listed: bool = False) -> str | None:
    """Clean one line; None when the whole line is page chrome. Order matters: pinyin goes
    before the extra commas (the pinyin's own punctuation would otherwise look doubled).
    `repair=False` (the linter) drops page chrome but leaves the text as typed, faults included.
    `listed`: the markup numbers the line as an item (a Word list), so it is never page chrome."""
    stripped = text.strip()  # str.strip knows the full-width and no-break spaces as whitespace
    if _CONTROL.search(stripped):
        repairs.append(Repair(line, "control-char", repr(stripped[:40])))
        stripped = _CONTROL.sub("", stripped).strip()
    if stripped.endswith("|") and not stripped.startswith("|"):
        stripped = _TRAILING_BARS.sub("", stripped)  # a table cell copied with its separator: 一月 |
    label = _PAGE_LABEL.search(stripped)
    if label:  # chrome in either mode: the line keeps its own words only, and they are the plan's
        stripped = _PAGE_LABEL.sub("", stripped).strip()
        repairs.append(Repair(line, "page-label" if stripped else "noise-line", label.group(0)))
    if not stripped:
        return None
    if _TABLE_HEADER_CELL.match(stripped):
        repairs.append(Repair(line, "table-header", stripped[:80]))
        return None
    if is_noise_line(stripped, listed):
        repairs.append(Repair(line, "noise-line", stripped[:80]))
        return None
    bare = _BARE_NUMBER.match(stripped)
    if bare:  # 12围绕企业中心工作: the separator after the item number was lost. Structure needs the
        # item even when nothing is repaired (the linter then reports the missing separator).
        repairs.append(Repair(line, "missing-separator", stripped[:40]))
        stripped = f"{bare.group(1)}、{stripped[bare.end():]}"
    if not repair:
        return stripped
    stripped = _join_spaced(stripped, line, repairs)
    cleaned = _PINYIN.sub("", stripped) if "(" in stripped else stripped  # a gloss is bracketed
    if cleaned != stripped:
        repairs.append(Repair(line, "pinyin", stripped[:80]))
    fixed = _EXTRA_COMMA.sub("", cleaned)
    if fixed != cleaned:
        repairs.append(Repair(line, "extra-comma", cleaned[:80]))
    return fixed
