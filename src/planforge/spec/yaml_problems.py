"""libyaml's syntax errors in sentences an office user understands, placed where the fault is.

libyaml reports in English, and where it *notices* a fault is often not where the fault *is*: an
unclosed quote is noticed at the end of the file, an unclosed `[` at the next line, a missing
colon on the line after. Its wording and limits also change between releases (PyYAML 6.0.4's
libyaml refuses deep nesting by itself). So we read only the *kind* of fault from libyaml,
choose the mark that points at its cause, and say it in our own words in both languages: a
user's message never depends on the installed PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from planforge.errors import Problem
from planforge.i18n import Bilingual


@dataclass(frozen=True)
class _Kind:
    problem: str  # a fragment of libyaml's `problem`
    context: str | None  # a fragment of libyaml's `context`, or None for any
    zh: str
    en: str
    at_context: bool = False  # blame the mark where the construct began, not where it failed


# First match wins; fragments are lower-case and short, so rewordings within a release series
# still match, and an unknown fault still gets a Chinese sentence (the fallback below).
_KINDS = (
    _Kind("end of stream", "quoted scalar",
          "引号没有闭合：从这里开始的引号直到文件末尾都没有配对的另一半",
          "unclosed quotation mark: the quote opened here is never closed", at_context=True),
    _Kind("end of stream", None, "文件意外结束（引号或括号没有闭合）",
          "the file ends too early (an unclosed quote or bracket)"),
    _Kind("expected ',' or ']'", None,
          "方括号“[”没有闭合，或列表各项之间缺少逗号",
          "the “[” opened here is never closed, or a comma is missing between entries", at_context=True),
    _Kind("expected ',' or '}'", None,
          "花括号“{”没有闭合，或各项之间缺少逗号",
          "the “{” opened here is never closed, or a comma is missing between entries", at_context=True),
    _Kind("tab character", None, "用了 Tab 缩进：YAML 只认空格，请把 Tab 改成空格",
          "a tab is used for indentation: YAML indents with spaces only"),
    _Kind("mapping values are not allowed", None,
          "此处不能出现“键: 值”：常见原因是缩进不对，或文字里又有“: ”（可给整段文字加引号）",
          "a “key: value” cannot start here: check the indentation, or quote text that contains “: ”"),
    _Kind("could not find expected ':'", None, "这一行缺少冒号：键与值之间须有半角冒号和空格“: ”",
          "this line lacks a colon: write “key: value” with a colon and a space", at_context=True),
    _Kind("expected '-' indicator", None, "列表缩进不一致：这一行应与上面的“- ”对齐",
          "the list is indented unevenly: align this line with the “- ” above"),
    _Kind("did not find expected key", None,
          "缩进不一致，或引号后面还有多余的文字：这一行应与上面同级的键对齐",
          "uneven indentation, or text after a closing quote: align this line with the keys above"),
    _Kind("block sequence entries are not allowed", None,
          "此处不能开始列表：“- ”的缩进与上一行不一致，或上一行冒号后已经写了值",
          "a list cannot start here: the “- ” is indented unevenly, or the line above already has a value"),
    _Kind("expected node content", None, "缺少内容：“- ”或“,”后面什么都没写",
          "something is missing here: nothing follows the “- ” or “,”"),
    _Kind("unknown escape character", None,
          "双引号里有无法识别的反斜杠“\\”转义：可改用单引号，或写成“\\\\”",
          "an unknown backslash escape inside double quotes: use single quotes, or write “\\\\”"),
    _Kind("alphabetic or numeric character", "anchor",
          "以“&”开头的值会被当作 YAML 锚点：请给整段文字加引号",
          "a value that starts with “&” reads as a YAML anchor: quote the text", at_context=True),
    _Kind("alphabetic or numeric character", "alias",
          "以“*”开头的值会被当作 YAML 别名：请给整段文字加引号（如 '***'）",
          "a value that starts with “*” reads as a YAML alias: quote the text (for example '***')", at_context=True),
    _Kind("undefined tag handle", None, "出现了未定义的“!”标签：以“!”开头的值请加引号",
          "an undefined “!” tag: quote a value that starts with “!”"),
    _Kind("", "block scalar", "“|”或“>”后面只能换行，正文写在下一行并缩进",
          "after “|” or “>” start a new line and indent the text", at_context=True),
    _Kind("document start", None, "文件顶层的内容已经结束，这一行多余：一个文件只能写一份计划",
          "the top level of the file has already ended: one file holds one plan"),
    _Kind("comment or line break", None, "这一行末尾有多余的文字：值后面只能写“# 注释”或换行",
          "extra text at the end of this line: only a “# comment” may follow a value"),
)
_FALLBACK = ("此处的写法不符合 YAML 语法", "this is not valid YAML")
_BAD_START = {
    "\t": ("用了 Tab 缩进：YAML 只认空格，请把 Tab 改成空格", "a tab is used for indentation: YAML indents with spaces only"),
    "@": ("“@”不能作为值的开头：请给整段文字加引号", "a value cannot start with “@”: quote the text"),
    "`": ("“`”不能作为值的开头：请给整段文字加引号", "a value cannot start with “`”: quote the text"),
    "%": ("“%”不能作为值的开头：请给整段文字加引号（如 \"%\"）", "a value cannot start with “%”: quote the text (\"%\")"),
}
_FULLWIDTH_COLON = ("键后面用了全角冒号“：”，请改为半角冒号加空格“: ”",
                    "the key is followed by a full-width colon “：”; write a half-width colon and a space “: ”")


def _char_at(text: str, mark) -> str:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return ""
    return lines[mark.line][mark.column:mark.column + 1]


def _fullwidth_colon_line(text: str, mark) -> int | None:
    """A key written `year： 2027` reads as text, and libyaml fails on a later line: find it."""
    lines = text.splitlines()
    for index in range(min(mark.line, len(lines) - 1), max(-1, mark.line - 3), -1):
        line = lines[index]
        head = line.split("#", 1)[0]
        if "：" in head and ":" not in head.split("：", 1)[0]:
            return index
    return None


def _control_character(exc: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    line = text.count("\n", 0, exc.position) + 1
    col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else f"U+{ord(str(exc.character)[:1] or ' '):04X}"
    words = Bilingual(f"有不可见的控制字符 {code}（多见于从网页或其他软件粘贴的文字），请删除",
                      f"control character {code} is not allowed in YAML; delete it")
    return Problem("PF001", "yaml_syntax", {"problem": words}, file=name, line=line, col=col)


# Branchy by nature (radon D): one branch per kind of libyaml fault, each choosing its own mark;
# the kinds are data in _KINDS, what is left is which mark to blame.
def syntax_problem(exc: yaml.YAMLError, text: str, name: str, max_depth: int) -> Problem:
    """The located, bilingual problem for a libyaml error raised while parsing `text`."""
    if isinstance(exc, yaml.reader.ReaderError):  # refused before parsing: a control character
        return _control_character(exc, text, name)
    problem = (getattr(exc, "problem", None) or str(exc)).lower()
    context = (getattr(exc, "context", None) or "").lower()
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    if "nesting" in problem or "nesting" in context:  # some libyaml releases refuse deep nesting themselves
        return Problem("PF003", "yaml_too_deep", {"limit": max_depth}, file=name,
                       line=mark.line + 1 if mark else None, col=mark.column + 1 if mark else None)
    words = _FALLBACK
    for kind in _KINDS:
        if kind.problem in problem and (kind.context is None or kind.context in context):
            words = (kind.zh, kind.en)
            if kind.at_context and context_mark is not None:
                mark = context_mark
            break
    else:
        if "cannot start any token" in problem:
            words = _BAD_START.get(_char_at(text, problem_mark), _FALLBACK)
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    if mark is not None and ("mapping values" in problem or "expected key" in problem or "expected ':'" in problem):
        colon_line = _fullwidth_colon_line(text, mark)
        if colon_line is not None:
            words, line = _FULLWIDTH_COLON, colon_line + 1
            col = text.splitlines()[colon_line].index("：") + 1
    return Problem("PF001", "yaml_syntax", {"problem": Bilingual(*words)}, file=name, line=line, col=col)
