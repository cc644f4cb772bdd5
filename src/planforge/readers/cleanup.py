"""Document clean-up for import: page chrome, control characters, pinyin glosses and doubled
commas removed from each line, every removal reported as a `Repair` (never silent)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Repair:
    """One change the importer made to the text it read, for `--report`."""

    line: int | None
    kind: str  # noise-line | pinyin | extra-comma | indent | split-line
    text: str


_NOISE_LINE = re.compile(
    r"当前位置|首页\s*[>＞]|欢迎您|本站小编|为您带来|希望对(您|你)有所帮助|相信一定会对你有所帮助|仅供参考|"
    r"相关文章|推荐阅读|热门文章|猜你喜欢|上一篇|下一篇|版权(所有|声明)|免责声明|本文(由|来源)|"
    r"https?://|www\.|第\s*\d+\s*页\s*共\s*\d+\s*页|^\S{0,40}\.docx?$|点击下载|下载本文|扫码|微信公众号"
)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")
_EXTRA_COMMA = re.compile(r",(?=[,，。、；：！？])")
_INDENT = re.compile(r"^[\s\u3000\xa0]+|[\s\u3000\xa0]+$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def clean_line(text: str, line: int | None, repairs: list[Repair], repair: bool = True) -> str | None:
    """Clean one line; None when the whole line is page chrome. Order matters: pinyin goes
    before the extra commas (the pinyin's own punctuation would otherwise look doubled).
    `repair=False` (the linter) drops page chrome but leaves the text as typed, faults included."""
    stripped = _INDENT.sub("", text)
    if _CONTROL.search(stripped):
        repairs.append(Repair(line, "control-char", repr(stripped[:40])))
        stripped = _INDENT.sub("", _CONTROL.sub("", stripped))
    if not stripped:
        return None
    if _NOISE_LINE.search(stripped) and len(stripped) < 200:
        repairs.append(Repair(line, "noise-line", stripped[:80]))
        return None
    if not repair:
        return stripped
    cleaned = _PINYIN.sub("", stripped)
    if cleaned != stripped:
        repairs.append(Repair(line, "pinyin", stripped[:80]))
    fixed = _EXTRA_COMMA.sub("", cleaned)
    if fixed != cleaned:
        repairs.append(Repair(line, "extra-comma", cleaned[:80]))
    return fixed
