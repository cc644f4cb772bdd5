"""PF5xx: numbering typed into documents (and into spec titles, where it does not belong).

Readers keep each item's marker exactly as typed and record the anomalies they met; these rules
turn them into findings."""

from __future__ import annotations

from planforge.lint.registry import declare, rule
from planforge.model.numbering import split_marker

_CANONICAL = {"cn_dun": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4, "circled": 5}
_ANOMALY_CODE = {"skip": "PF501", "repeat": "PF502", "restart": "PF503", "continued": "PF503"}


def _anomalies(ctx, kind):
    for anomaly in ctx.anomalies:
        if _ANOMALY_CODE.get(anomaly.kind) == kind:
            yield anomaly.line, None, {"detail": anomaly.message("zh"), "detail_en": anomaly.message("en")}, None


@rule("PF501", "numbering-skip", "error", "编号跳号：{detail}", "numbering skips: {detail_en}",
      "一、二、四、这样的跳号（文档）", "一、二、四、 (documents)", documents_only=True)
def numbering_skip(ctx):
    yield from _anomalies(ctx, "PF501")


@rule("PF502", "numbering-repeat", "error", "编号重复：{detail}", "numbering repeats: {detail_en}",
      "同一级出现两个三、（文档）", "三、 twice at one level (documents)", documents_only=True)
def numbering_repeat(ctx):
    yield from _anomalies(ctx, "PF502")


@rule("PF503", "numbering-restart", "warning", "编号没有按部分重新开始：{detail}", "numbering does not restart per section: {detail_en}",
      "没有新上级却从 1 重新编号，或编号跨部分连续（文档）", "a list restarting without a new parent, or continuing across sections",
      documents_only=True)
def numbering_restart(ctx):
    yield from _anomalies(ctx, "PF503")


@rule("PF504", "numbering-style-mix", "warning", "同一级混用了“{a}”和“{b}”两种编号写法", "one list mixes “{a}” and “{b}”",
      "同一列表混用 1、 和 1.；规格标题里手写了序号", "1、 and 1. in one list; a typed number in a spec title")
def numbering_style_mix(ctx):
    lists = [ctx.plan.sections] + [item.items for _l, item, _a in ctx.items()]
    for siblings in lists:
        styles = {}
        for item in siblings:
            if item.typed_marker:
                punctuation = item.typed_marker.strip()[-1]
                styles.setdefault(punctuation, item)
        if len(styles) > 1:
            (a, _), (b, second) = list(styles.items())[:2]
            line, col = ctx.at(second, "title")
            yield line, col, {"a": a, "b": b}, None


@rule("PF505", "numbering-level-order", "warning", "“{child}”出现在“{parent}”之下，层级顺序颠倒",
      "“{child}” sits below “{parent}”: the levels are out of order",
      "（一）在一、之上等层级颠倒（文档）", "（一） above 一、 and other inverted levels (documents)", documents_only=True)
def numbering_level_order(ctx):
    for _level, item, ancestors in ctx.items():
        if not ancestors or not item.typed_marker or not ancestors[-1].typed_marker:
            continue
        mine, theirs = split_marker(item.typed_marker + "x"), split_marker(ancestors[-1].typed_marker + "x")
        if mine and theirs and _CANONICAL.get(mine[0], 9) < _CANONICAL.get(theirs[0], 9):
            line, col = ctx.at(item, "title")
            yield line, col, {"child": item.typed_marker, "parent": ancestors[-1].typed_marker}, None


declare("PF001", "yaml-syntax", "error", "{message}", "{message}", "YAML 无法解析", "unparsable YAML")
declare("PF002", "schema", "error", "{message}", "{message}", "规格字段错误（类型、缺失、未知字段）", "a spec field error")
declare("PF003", "unsafe-input", "error", "{message}", "{message}", "别名、过深嵌套、过大或无法解码的文件", "aliases, deep nesting, oversized or undecodable input")
declare("PF007", "unused-suppression", "info", "这条忽略注释没有用上：{codes}", "this suppression is unused: {codes}",
        "没有抑制任何问题的忽略注释", "a suppression comment that suppressed nothing")
