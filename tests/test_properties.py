"""Properties over arbitrary input: parsers never fail except in their documented way, the
numbering generator and its inverse agree, normalisation is idempotent, parse ∘ render is the
identity on generated plans."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planforge.errors import PlanforgeError
from planforge.model.numbering import SCHEMES, cn_to_int, marker, split_marker, to_chinese
from planforge.model.periods import find_periods, parse_when
from planforge.model.plan import Plan
from planforge.model.targets import find_targets
from planforge.model.text import fold_width
from planforge.readers import import_document
from planforge.readers.blocks import Block
from planforge.readers.cleanup import clean_line
from planforge.readers.infer import infer
from planforge.render.formats import render_document
from planforge.spec.load import load_plan_text
from planforge.spec.write import dump_plan

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLAN_CHARS = "一二三四五六七八九十年月日季度上下半全每初底旬中至、，。；：（）()“”%0123456789-开展工会职工活动五一春节xX*_ "
plan_text = st.text(alphabet=st.sampled_from(PLAN_CHARS), max_size=60)


@FAST
@given(st.one_of(st.text(max_size=80), plan_text))
def test_period_scanner_never_raises_and_spans_are_exact(text):
    for period in find_periods(text):
        assert text[period.start:period.end] == period.text
        assert all(1 <= m <= 12 for m in period.months)
    parsed = parse_when(text)
    if parsed is not None:
        assert parse_when(parsed.text) is not None  # what the spec stores reads back


@FAST
@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_round_trip(n):
    assert cn_to_int(to_chinese(n)) == n


@FAST
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=4), st.sampled_from(sorted(SCHEMES)))
def test_generated_markers_are_recognised(n, level, scheme):
    typed = marker(level, n, scheme)
    found = split_marker(typed + "标题")
    if scheme == "house" and level == 4 and n > 20:
        return  # ⑳ is the last circled number; larger ones fall back to （n）
    assert found is not None and found[1] == n and found[3] == "标题"


@FAST
@given(st.one_of(st.text(max_size=80), plan_text))
def test_target_extractor_never_raises(text):
    for target in find_targets(text):
        assert target.what and isinstance(target.value, (int, float))


@FAST
@given(st.text(max_size=120))
def test_width_folding_keeps_length_and_cleaning_is_idempotent(text):
    assert len(fold_width(text)) == len(text)
    once = clean_line(text, 1, [])
    if once is not None:
        assert clean_line(once, 1, []) == once


@FAST
@given(st.text(max_size=300))
def test_spec_loader_fails_only_with_located_input_errors(text):
    try:
        load_plan_text(text, "p.yaml")
    except PlanforgeError as exc:
        assert exc.problems and all(p.code.startswith("PF") for p in exc.problems)


@FAST
@given(st.lists(st.one_of(st.text(max_size=40), plan_text), max_size=25))
@example(["0\r0"])  # found by hypothesis: a lone carriage return ended the line in the written YAML
@example(["一、关爱\x85职工"])
def test_structure_inference_never_raises(lines):
    blocks = [Block(line, line=n) for n, line in enumerate(lines, start=1) if line.strip()]
    result = infer(blocks, "x.txt", 2027, [])
    for imported in result.plans:
        load_plan_text(dump_plan(imported.plan), "x.yaml")  # every import is a loadable spec


# A title that happens to spell a time (开学) is a real ambiguity: in a document that states no
# times the importer takes it as a guessed time, marked 待确认. The identity is about structure.
title = st.text(alphabet=st.sampled_from("开展职工工会活动学习培训建设服务关爱竞赛技能读书文体安全民主"), min_size=2, max_size=12
                ).filter(lambda text: not find_periods(text))
when = st.sampled_from(["3月", "二季度", "9月底", "上半年", "全年", "五一", "1-2月", "每季度", None])
target = st.fixed_dictionaries({"what": title.map(lambda t: t + "覆盖面"), "value": st.integers(1, 100), "unit": st.just("%"),
                                "op": st.sampled_from([">=", "<=", None])})
leaf = st.fixed_dictionaries({"title": title, "when": when, "targets": st.lists(target, max_size=2)})
item = st.fixed_dictionaries({"title": title, "when": when, "items": st.lists(leaf, max_size=3)})
section = st.fixed_dictionaries({"title": title, "items": st.lists(item, min_size=1, max_size=3)})


def _unique_titles(data: dict) -> dict:
    """Titles made unique per plan (a duplicate title is a lint finding, not a structure)."""
    counter = iter(range(10_000))

    def fix(node):
        node["title"] = f"{node['title']}{to_chinese(next(counter) + 1)}号"
        node = {k: v for k, v in node.items() if v is not None}
        if "items" in node:
            node["items"] = [fix(child) for child in node["items"]]
        return node

    data["sections"] = [fix(s) for s in data["sections"]]
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sections=st.lists(section, min_size=1, max_size=4), fmt=st.sampled_from(["md", "docx"]))
def test_import_of_render_is_the_identity(sections, fmt, tmp_path_factory):
    plan = Plan.model_validate(_unique_titles({"title": "测试工会2027年工作计划", "year": 2027, "sections": sections}))
    path = tmp_path_factory.mktemp("rt") / f"plan.{fmt}"
    path.write_bytes(render_document(plan, fmt))
    back = import_document(path).plans[0].plan

    def shape(p):
        return [(lvl, i.title, i.when.text if i.when else None,
                 [(t.what, t.value, t.unit, t.op or "=") for t in i.targets]) for lvl, i in p.walk()]

    assert shape(back) == shape(plan)
