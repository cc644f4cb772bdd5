"""Word's automatic numbering and outline levels, which python-docx does not expand into text.

Most plans written in Word number their headings with a multi-level list (`w:numPr` on the
paragraph or on its style) instead of typing 一、 by hand, and mark headings by style (Heading n,
标题 n) or by an outline level (`w:outlineLvl`). Without this module such a file reads as one
paragraph after another with no structure at all.

What a paragraph's numbering means is settled once per style (styles inherit through `basedOn`),
then per paragraph only a dictionary look-up and a counter step: a 10,000-paragraph file does
not resolve a style 10,000 times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planforge.docx_package import W
from planforge.patterns import lazy

_HEADING_NAME = lazy(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class ListLevel:
    """One level of an abstract list: how its number is written and where it starts."""

    format: str = "decimal"  # w:numFmt: decimal, chineseCounting, bullet, …
    text: str = "%1."  # w:lvlText: %1 stands for this level's number, %2 for the next, …
    start: int = 1


@dataclass
class ParagraphLook:
    """What a paragraph's own properties and style say about its place in the outline."""

    heading: int | None = None  # 1 = top level
    num_id: str | None = None
    level: int = 0  # w:ilvl, 0-based
    title: bool = False  # the Title style (标题): the document's title, not a heading


@dataclass
class Numbering:
    """numbering.xml read once: the abstract lists, the instances pointing at them, and the
    counters Word would keep while laying the document out."""

    abstract: dict[str, dict[int, ListLevel]] = field(default_factory=dict)
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId → numbers per level
    started: set[str] = field(default_factory=set)  # numIds whose start override was applied

    def family(self, num_id: str, level: int) -> str:
        """One family per list and level: items of one level are siblings, a deeper level nests."""
        return f"auto:{self.abstract_of.get(num_id, num_id)}:{level}"

    def next_marker(self, num_id: str, level: int) -> str | None:
        """Step the counters as Word does and return the marker shown (一、 （一） 1. ①), or None
        for a bullet or a list that numbering.xml does not define (numId 0 removes numbering)."""
        abstract_id = self.abstract_of.get(num_id)
        levels = self.abstract.get(abstract_id or "")
        if abstract_id is None or levels is None:
            return None
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id in self.overrides and num_id not in self.started:
            self.started.add(num_id)  # a restarted list ("重新开始编号") counts from its override
            for ilvl, start in self.overrides[num_id].items():
                counters[ilvl] = start - 1
                counters[ilvl + 1:] = [0] * (8 - ilvl)
        spec = levels.get(level, ListLevel())
        counters[level] = (counters[level] or spec.start - 1) + 1
        counters[level + 1:] = [0] * (8 - level)
        if spec.format in ("bullet", "none"):
            return None

        def number(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, ListLevel())
            return format_number(counters[index] or shown.start, shown.format)

        return re.sub(r"%([1-9])", number, spec.text).strip()


def format_number(value: int, fmt: str) -> str:
    """A number as a list level writes it; formats not listed fall back to Arabic digits."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(value, _CN_DIGITS, "十")
    if fmt == "chineseLegalSimplified":
        return _chinese(value, _LEGAL_DIGITS, "拾")
    if fmt == "ideographDigital":
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    return str(value)


def _chinese(value: int, digits: str, ten: str) -> str:
    if value < 10:
        return digits[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out, value = out + letters, value - number
    return out


def read_numbering(root) -> Numbering:
    """The lists a document's numbering part (`root`, its w:numbering; None when the package has
    none) defines."""
    numbering = Numbering()
    if root is None:
        return numbering
    for abstract in root.iterchildren(f"{W}abstractNum"):
        levels: dict[int, ListLevel] = {}
        for lvl in abstract.iterchildren(f"{W}lvl"):
            fmt, text, start = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
            levels[_int(lvl.get(f"{W}ilvl"), 0)] = ListLevel(
                format=fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                text=text.get(f"{W}val", "") if text is not None else "",
                start=_int(start.get(f"{W}val") if start is not None else None, 1),
            )
        numbering.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
    for num in root.iterchildren(f"{W}num"):
        num_id = num.get(f"{W}numId", "")
        link = num.find(f"{W}abstractNumId")
        if link is not None:
            numbering.abstract_of[num_id] = link.get(f"{W}val", "")
        for override in num.iterchildren(f"{W}lvlOverride"):
            start = override.find(f"{W}startOverride")
            if start is not None:
                numbering.overrides.setdefault(num_id, {})[_int(override.get(f"{W}ilvl"), 0)] = _int(start.get(f"{W}val"), 1)
    return numbering


def read_style_looks(styles) -> dict[str, ParagraphLook]:
    """Every paragraph style's heading level and numbering, inheritance through basedOn applied,
    from a document's styles part (`styles`, its w:styles; None when the package has none)."""
    raw: dict[str, tuple[str | None, ParagraphLook]] = {}
    if styles is None:
        return {}
    for style in styles.iterchildren(f"{W}style"):
        if style.get(f"{W}type") not in (None, "paragraph"):
            continue
        style_id = style.get(f"{W}styleId", "")
        name_node, based = style.find(f"{W}name"), style.find(f"{W}basedOn")
        name = name_node.get(f"{W}val", "") if name_node is not None else ""
        look = look_of(style.find(f"{W}pPr"))
        named = _HEADING_NAME.match(name) or _HEADING_NAME.match(style_id)
        if look.heading is None and named:
            look.heading = int(named.group(1))
        look.title = name in ("Title", "标题") or style_id == "Title"
        raw[style_id] = (based.get(f"{W}val") if based is not None else None, look)
    resolved: dict[str, ParagraphLook] = {}

    def resolve(style_id: str, depth: int = 0) -> ParagraphLook:
        if style_id in resolved:
            return resolved[style_id]
        parent, look = raw[style_id]
        if parent in raw and parent != style_id and depth < 20:
            inherited = resolve(parent, depth + 1)
            look = ParagraphLook(look.heading if look.heading is not None else inherited.heading,
                                 look.num_id if look.num_id is not None else inherited.num_id,
                                 look.level if look.num_id is not None else inherited.level,
                                 look.title or inherited.title)
        resolved[style_id] = look
        return look

    for style_id in raw:
        resolve(style_id)
    default = next((s.get(f"{W}styleId", "") for s in styles.iterchildren(f"{W}style")
                    if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true", "on")), None)
    if default in resolved:
        resolved[""] = resolved[default]  # a paragraph that names no style has the default one
    return resolved


def child(element, tag: str):
    """`element.find(tag)`, the first child with that tag or None, found by lxml's own iteration:
    `find` parses its argument as a path each time, a third of reading a paragraph's properties."""
    return next(element.iterchildren(tag), None)


_OUTLINE, _NUM_PR, _NUM_ID, _ILVL, _VAL = f"{W}outlineLvl", f"{W}numPr", f"{W}numId", f"{W}ilvl", f"{W}val"


def look_of(properties) -> ParagraphLook:
    """A w:pPr's outline level and numbering (each None where the element says nothing)."""
    look = ParagraphLook()
    if properties is None:
        return look
    outline = child(properties, _OUTLINE)
    if outline is not None:
        value = _int(outline.get(_VAL), 9)
        look.heading = value + 1 if value < 9 else None  # 9 is "body text"
    num = child(properties, _NUM_PR)
    if num is not None:
        num_id, ilvl = child(num, _NUM_ID), child(num, _ILVL)
        look.num_id = num_id.get(_VAL) if num_id is not None else None
        look.level = min(_int(ilvl.get(_VAL) if ilvl is not None else None, 0), 8)
    return look


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
