"""The loop a user runs every January: import last year's document, roll it forward, set the new
values, render, and (a year later) import what was rendered. Each target is stated once, with
the value the person set, and what a person wrote in the spec (comments, key order) survives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS

from planforge.readers import import_document
from planforge.render.formats import render_document
from planforge.reuse.drafts import imported_spec_text, rolled_spec_text
from planforge.reuse.rollover import cut_clause, framed, rollover
from planforge.spec.load import load_plan_text

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
CORPUS_FILES = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "pages").glob("*.txt")) if CORPUS.is_dir() else []


def _plans_with_targets(path: Path):
    for number, imported in enumerate(import_document(path).plans, start=1):
        spec = imported_spec_text(imported, path, path.read_bytes(), number)
        plan = load_plan_text(spec).plan
        if any(item.targets for _level, item in plan.walk()):
            yield number, spec, plan


def _targets(plan):
    """The number of targets and their values (the issue's measure): a sentence kept in the words
    is read again in its rendered paragraph, where the words around it may differ from the page's."""
    return sorted((t.value, t.unit or "") for _level, item in plan.walk() for t in item.targets)


@needs_corpus
@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:24])
def test_import_rollover_render_import_states_every_target_once(path: Path, fmt: str, tmp_path: Path):
    for number, _spec, plan in _plans_with_targets(path):
        rolled, checklist = rollover(plan, plan.year + 1)
        kept = {(e.where.rsplit(".", 1)[0], e.detail) for e in checklist if e.kind in ("target-in-title", "target-in-text")}
        for _level, item in rolled.walk():
            for target in item.targets:  # the person sets next year's values; a sentence the
                if target.quote is None:  # checklist says is still in the words keeps its value
                    target.value += 7
        spec = rolled_spec_text(rolled, checklist, path)
        next_year = load_plan_text(spec).plan
        out = tmp_path / f"{number}.{fmt}"
        out.write_bytes(render_document(next_year, fmt))
        back = import_document(out).plans[0].plan
        assert _targets(back) == _targets(next_year), (path.name, number)
        words = _document_text(out)
        cut = {t.quote for _l, i in plan.walk() for t in i.targets if t.quote} - \
            {t.quote for _l, i in next_year.walk() for t in i.targets if t.quote}
        assert not [quote for quote in cut if quote in words]  # last year's sentence is gone where data states it
        assert len(kept) == sum(1 for _l, i in next_year.walk() for t in i.targets if t.quote)


def _document_text(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


@needs_corpus
def test_the_corpus_loop_restates_most_targets_from_data():
    """The loop test above would pass if rollover kept every sentence in the words: count how many
    it moved into data (where the new value is what the document says)."""
    moved = total = 0
    for path in CORPUS_FILES:
        for _number, _spec, plan in _plans_with_targets(path):
            rolled, _ = rollover(plan, plan.year + 1)
            targets = [t for _l, i in rolled.walk() for t in i.targets]
            total += len(targets)
            moved += sum(1 for t in targets if t.quote is None)
    assert total >= 40 and moved / total >= 0.5, (moved, total)  # the rest say more than the data (3个工会兴趣小组): kept in the words


@pytest.mark.parametrize("text, clause, expected", [
    ("甲，乙达到90%以上，丙。", "乙达到90%以上", "甲，丙。"),
    ("甲，乙达到90%以上。丙。", "乙达到90%以上", "甲。丙。"),
    ("乙达到90%以上，丙", "乙达到90%以上", "丙"),
    ("甲，乙达到90%以上", "乙达到90%以上", "甲"),
    ("乙达到90%以上", "乙达到90%以上", None),
    ("甲乙", "丁", "甲乙"),
    ("甲，乙达到90%；丙达到80%。", "丙达到80%", "甲，乙达到90%。"),  # the sentence's end stays
    ("甲。 乙达到90%，丙", "乙达到90%", "甲。丙"),  # no comma left after a space
])
def test_a_quoted_clause_leaves_the_text_with_its_separator(text, clause, expected):
    assert cut_clause(text, clause) == expected


SPEC = """\
# yaml-language-server: $schema=plan.schema.json
# 本单位的说明：每年一月修订
planforge: 1
year: 2027
title: 测试区总工会2027年工作计划  # 书记批示：突出重点
date: 2027-01-08
sections:
  # 第一部分由宣教部起草
  - title: 建功立业
    id: jiangong
    items:
      - title: 开展劳动竞赛
        id: jingsai
        text: |
          组织岗位练兵
          # 这一行是正文，不是注释
        targets:
          - what: 参加竞赛的职工  # 去年超额完成
            unit: 人
            value: 500
# 文末备注
"""


def test_rollover_keeps_comments_and_key_order(tmp_path: Path, cli):
    spec = tmp_path / "plan-2027.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = cli("rollover", str(spec), "--year", "next")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "plan-2028.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=plan.schema.json"
    assert "# 本单位的说明：每年一月修订" in lines and lines[-1] == "# 文末备注"
    assert "title: 测试区总工会2028年工作计划  # 书记批示：突出重点" in lines
    assert lines.index("  # 第一部分由宣教部起草") + 1 == lines.index("  - title: 建功立业")
    assert "          - what: 参加竞赛的职工  # 去年超额完成" in lines
    assert "            value: 500  # 待确认：请确定本年目标值" in lines
    assert "          # 这一行是正文，不是注释" in lines  # inside the block scalar: text, kept as text
    keys = [line.split(":")[0].strip() for line in lines if not line.lstrip().startswith("#") and ":" in line]
    assert keys[:4] == ["planforge", "year", "title", "date"]
    assert keys.index("- title") < keys.index("id")  # the user's order inside an item too
    data = yaml.safe_load(text)
    target = data["sections"][0]["items"][0]["targets"][0]
    assert list(target) == ["what", "unit", "value", "baseline"] and target["baseline"] == 500
    assert data["sections"][0]["items"][0]["text"].rstrip() == "组织岗位练兵\n# 这一行是正文，不是注释"
    again = cli("rollover", str(tmp_path / "plan-2028.yaml"), "--year", "2029")
    assert again.returncode == 0, again.stderr
    twice = (tmp_path / "plan-2029.yaml").read_text(encoding="utf-8")
    assert twice.count("由 planforge rollover") == 1 and twice.count("书记批示") == 1
    assert twice.count("待确认：请确定本年目标值") == 1  # last year's question replaced, not piled up


@pytest.mark.parametrize("encoding, newline", [("utf-8", "\r\n"), ("gb18030", "\n"), ("utf-8-sig", "\r\n")])
def test_next_years_spec_is_kept_as_this_years_was(tmp_path: Path, cli, encoding: str, newline: str):
    """A spec saved by Notepad (CRLF, a byte-order mark) or an editor set to GB18030: next year's
    file has the same encoding and line endings, with the same text as from a plain UTF-8 spec."""
    plain, kept = tmp_path / "plain" / "plan-2027.yaml", tmp_path / "kept" / "plan-2027.yaml"
    plain.parent.mkdir(), kept.parent.mkdir()
    plain.write_text(SPEC, encoding="utf-8")
    kept.write_bytes(SPEC.replace("\n", newline).encode(encoding))
    for spec in (plain, kept):
        assert cli("rollover", str(spec)).returncode == 0
    expected = (plain.parent / "plan-2028.yaml").read_text(encoding="utf-8")
    data = (kept.parent / "plan-2028.yaml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    text = data.decode(encoding)
    assert text.count(newline) == expected.count("\n") and (newline == "\r\n" or "\r" not in text)
    def same(spec: str) -> list[str]:  # where it came from (a path, the bytes' hash) differs
        return [line for line in spec.splitlines() if "sha256" not in line and str(tmp_path) not in line]

    assert same(text.replace(newline, "\n")) == same(expected)


def test_rollover_year_words(tmp_path: Path, cli):
    spec = tmp_path / "plan-2027.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    bad = cli("rollover", str(spec), "--year", "明天")
    assert bad.returncode == 2 and "--year 应为年份（如 2028）或 next（下一年）" in bad.stderr
    assert cli("rollover", str(spec), "--year", "2028年", "-o", str(tmp_path / "a.yaml")).returncode == 0
    assert yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))["year"] == 2028


def test_diff_after_rollover_shows_last_years_actuals(tmp_path: Path, cli):
    spec = tmp_path / "plan-2027.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert cli("progress", "init", str(spec)).returncode == 0
    assert cli("progress", "set", str(spec), "jingsai", "--actual", "1650", "--date", "2027-10-01").returncode == 0
    assert cli("rollover", str(spec)).returncode == 0
    rolled = tmp_path / "plan-2028.yaml"
    rolled.write_text(rolled.read_text(encoding="utf-8").replace("value: 500", "value: 1800"), encoding="utf-8")
    shown = cli("diff", str(spec), str(rolled), "--format", "md")
    assert shown.returncode == 0, shown.stderr
    assert "| 开展劳动竞赛 | 参加竞赛的职工 | 500人（完成 1650人） | 1800人 | +1300人（+260%） |" in shown.stdout
    data = json.loads(cli("diff", str(spec), str(rolled), "--format", "json").stdout)
    assert data["targets"][0]["actual"] == "1650人"
    plain = cli("diff", str(spec), str(rolled), "--format", "md", "--no-progress")
    assert "完成 1650人" not in plain.stdout


@pytest.mark.parametrize("text, what, value, unit, cut", [
    ("成立摄影组、歌咏组2个工会兴趣小组", "成立摄影组、歌咏组", 2, "个", False),  # 工会兴趣小组 would be lost
    ("每季度至少召开一次安全生产工作会议", "每季度至少召开", 1, "次", False),  # the meeting would be lost
    ("全年培训技术工人不少于1000人", "培训技术工人", 1000, "人", True),  # 全年 is the year's frame
    # an occasion named by the event after its count stays: written back, the event would move
    # behind the count and away from the clauses that say what happens there
    ("每季度至少召开一次安全生产工作会议", "每季度至少召开安全生产工作会议", 1, "次", False),
    ("每半年组织1次羽毛球赛", "每半年组织羽毛球赛", 1, "次", False),
    ("培育10个备赛优秀项目", "培育备赛优秀项目", 10, "个", True),  # no occasion: restated from data
])
def test_a_sentence_leaves_the_words_only_if_the_data_says_all_of_it(text, what, value, unit, cut):
    from planforge.model.plan import Plan

    plan = Plan.model_validate({"title": "测试工会2027年工作计划", "year": 2027, "sections": [{"title": "建功立业", "items": [
        {"title": "重点工作", "text": text, "targets": [{"what": what, "value": value, "unit": unit, "quote": text}]}]}]})
    rolled, checklist = rollover(plan, 2028)
    item = rolled.sections[0].items[0]
    assert (item.text is None) == cut and (item.targets[0].quote is None) == cut
    assert any(e.kind == "target-in-text" for e in checklist) != cut


def test_a_bound_said_before_the_verb_is_said_by_the_targets_op():
    """全年至少民主评议干部一次, read as 民主评议干部 ≥ 1次: the op says 至少 the renderer's way, so the
    sentence is restated from data (as when 至少 stood in the name) and not kept as words."""
    from planforge.model.plan import Plan

    text = "全年至少民主评议干部一次"
    plan = Plan.model_validate({"title": "测试工会2027年工作计划", "year": 2027, "sections": [{"title": "民主管理", "items": [
        {"title": "民主评议", "text": text,
         "targets": [{"what": "民主评议干部", "value": 1, "unit": "次", "op": ">=", "quote": text}]}]}]})
    rolled, _ = rollover(plan, 2028)
    item = rolled.sections[0].items[0]
    assert item.text is None and item.targets[0].quote is None and item.targets[0].op == ">="


@pytest.mark.parametrize("text, clause, what, value, unit, left", [
    # a phrase that frames the target and is no clause of its own: both stay, the target on the checklist
    ("在建立工会组织的企业中，劳动争议调解组织组建率达75%。健全制度", "劳动争议调解组织组建率达75%",
     "劳动争议调解组织组建率", 75, "%", None),
    ("通过开展读书活动，职工参与率达到90%，营造氛围", "职工参与率达到90%", "职工参与率", 90, "%", None),
    ("到2025年，全市新增残疾人就业800人以上，保障权益", "全市新增残疾人就业800人以上", "全市新增残疾人就业", 800, "人", None),
    ("力争到2027年，职工入会率达到95%，营造氛围", "职工入会率达到95%", "职工入会率", 95, "%", None),
    ("各级工会在推进厂务公开工作中，职代会建制率达到90%", "职代会建制率达到90%", "职代会建制率", 90, "%", None),
    ("年底前，职工入会率达到95%", "职工入会率达到95%", "职工入会率", 95, "%", None),
    ("开展读书活动\n通过开展读书活动，职工参与率达到90%", "职工参与率达到90%", "职工参与率", 90, "%", None),
    # a clause of its own before the target: the target's clause leaves, the rest stays a sentence
    ("在全系统开展劳动竞赛，参赛职工不少于500人，提升技能", "参赛职工不少于500人", "参赛职工", 500, "人",
     "在全系统开展劳动竞赛，提升技能"),
    ("对困难企业实行帮扶，帮扶率达到100%", "帮扶率达到100%", "帮扶率", 100, "%", "对困难企业实行帮扶"),
])
def test_a_target_leaves_the_words_without_the_phrase_that_frames_it_only_together(text, clause, what, value, unit, left):
    from planforge.model.plan import Plan

    target = {"what": what, "value": value, "unit": unit, "op": ">=" if "不少于" in clause or "以上" in clause else None,
              "quote": clause}
    plan = Plan.model_validate({"title": "测试工会2027年工作计划", "year": 2027, "sections": [{"title": "建功立业", "items": [
        {"title": "重点工作", "text": text, "targets": [{k: v for k, v in target.items() if v is not None}]}]}]})
    rolled, checklist = rollover(plan, 2028)
    item = rolled.sections[0].items[0]
    assert item.text == (left if left is not None else text)
    assert (item.targets[0].quote is None) == (left is not None)
    assert any(e.kind == "target-in-text" for e in checklist) == (left is None)


@pytest.mark.parametrize("text, left", [
    # a frame holds to the end of its sentence: both targets keep their year (or their place)
    ("到2027年，建会率达到95%，职代会建制率达到90%", None),
    ("上半年，建会率达到95%，完善制度，职代会建制率达到90%。", None),
    ("上半年：建会率达到95%，职代会建制率达到90%。", None),
    ("在非公企业中，建会率达到95%，职代会建制率达到90%", None),
    # and no further: the next sentence's target leaves the words
    ("到2027年，建会率达到95%。完善制度，职代会建制率达到90%。", "到2027年，建会率达到95%。完善制度。"),
    # the whole year is next year's too: only the target right after it is held (not to leave 全年 alone)
    ("全年，建会率达到95%，完善制度，职代会建制率达到90%。", "全年，建会率达到95%，完善制度。"),
    ("全年：完善制度，建会率达到95%，职代会建制率达到90%。", "全年：完善制度。"),
    ("年底前，完成职工之家建设，建会率达到95%，职代会建制率达到90%。", "年底前，完成职工之家建设。"),
    # a frame that holds only what follows it: a purpose, a leadership
    ("为了丰富职工文化生活，举办运动会，建会率达到95%，职代会建制率达到90%。", "为了丰富职工文化生活，举办运动会。"),
    ("在上级工会的领导下，围绕中心工作，建会率达到95%，职代会建制率达到90%。", "在上级工会的领导下，围绕中心工作。"),
    # a sentence ends at a line break or a semicolon too; spaces after the comma change nothing
    ("到2027年，建会率达到95%\n完善制度，职代会建制率达到90%", "到2027年，建会率达到95%\n完善制度"),
    ("到2027年，建会率达到95%；完善制度，职代会建制率达到90%。", "到2027年，建会率达到95%；完善制度。"),
    ("到2027年， 建会率达到95%，\u3000职代会建制率达到90%", None),
    # a year named is a horizon, the plan's own or not
    ("2027年全年，完善制度，建会率达到95%，职代会建制率达到90%。", None),
    # a list in one clause is framed as its first target is
    ("到2027年，建会率达到95%、职代会建制率达到90%。", None),
    ("完善制度，建会率达到95%、职代会建制率达到90%。", "完善制度。"),
])
def test_a_frame_holds_every_target_of_its_sentence(text, left):
    from planforge.model.plan import Plan

    targets = [{"what": what, "value": value, "unit": "%", "quote": f"{what}达到{value}%"}
               for what, value in (("建会率", 95), ("职代会建制率", 90))]
    plan = Plan.model_validate({"title": "测试工会2027年工作计划", "year": 2027, "sections": [{"title": "建功立业", "items": [
        {"title": "重点工作", "text": text, "targets": targets}]}]})
    rolled, checklist = rollover(plan, 2028)
    item = rolled.sections[0].items[0]
    assert item.text == (left if left is not None else text)
    kept = [t.what for t in item.targets if t.quote is not None]
    assert kept == [what for what in ("建会率", "职代会建制率") if left is None or what + "达到" in left]
    assert [e.detail for e in checklist if e.kind == "target-in-text"] == kept


@pytest.mark.parametrize("text, clause, held", [
    # a horizon further back holds a target whose own words name no time (a 2000 is no year)
    ("到2027年，健全职工培训体系，累计培训农民工2000人次。", "累计培训农民工2000人次", True),
    ("力争到2027年，完善入会机制，全市工会会员总数达到12000人。", "全市工会会员总数达到12000人", True),
    ("截至2027年底，完善制度，职工参与率达到90%。", "职工参与率达到90%", True),
    ("6月底前，完成换届，职代会建制率达到90%。", "职代会建制率达到90%", True),
    ("在节日期间，走访慰问，慰问困难职工100户。", "慰问困难职工100户", True),
    ("到2027年,完善制度,建会率达到95%", "建会率达到95%", True),
    # a scope or a means holds it whatever time it names
    ("在非公有制企业中，全面推进工会组建，全年新建工会组织50家。", "全年新建工会组织50家", True),
    ("在全区各学校内，深入开展师德师风建设，每学期开展师德培训不少于2次。", "每学期开展师德培训不少于2次", True),
    ("通过实施职工素质提升工程，开展岗位练兵，全年培训职工1000人次。", "全年培训职工1000人次", True),
    ("经过两年努力，完善制度，职工参与率达到90%。", "职工参与率达到90%", True),
    ("凡新建企业，均要同步建立工会组织，建会率达到100%。", "建会率达到100%", True),
    # the plan's own year, a purpose or a horizon the target overrides holds nothing further back
    ("到年底，完成换届选举，职代会建制率达到90%。", "职代会建制率达到90%", False),
    ("到6月底，完成基层工会换届选举，全年新发展会员500人。", "全年新发展会员500人", False),
    ("到2027年，完善制度，2027年会员达到3000人。", "2027年会员达到3000人", False),
    ("为了丰富职工文化生活，举办运动会，参赛职工不少于500人。", "参赛职工不少于500人", False),
    ("到基层调研，开展慰问，慰问困难职工100户。", "慰问困难职工100户", False),  # 到 a place: no horizon
    ("在节日期间，走访慰问，全年慰问困难职工100户。", "全年慰问困难职工100户", False),  # 期间 is a time
    # the plan's year said from inside it (今年, 本年度) frames the clause after it, and no further
    ("今年，职工入会率达到95%。", "职工入会率达到95%", True),
    ("本年度内，职工入会率达到95%。", "职工入会率达到95%", True),
    ("今年，完善制度，职工入会率达到95%。", "职工入会率达到95%", False),
    # a sentence ends at an ASCII semicolon too, and a list after one is not held across it
    ("到2027年，建会率达到95%;完善制度，职代会建制率达到90%", "职代会建制率达到90%", False),
    ("到2027年，完善制度；建会率达到95%、职代会建制率达到90%", "职代会建制率达到90%", False),
])
def test_what_a_frame_further_back_holds(text, clause, held):
    assert framed(text, clause) == held


def test_a_target_said_twice_stays_in_the_words():
    """A paragraph pasted twice: cutting one copy would leave last year's value in the other,
    beside the data's sentence; both stay, and the checklist names the target."""
    from planforge.model.plan import Plan

    text = "完善制度，建会率达到95%。加强组建，建会率达到95%。"
    plan = Plan.model_validate({"title": "测试工会2027年工作计划", "year": 2027, "sections": [{"title": "组织建设", "items": [
        {"title": "重点工作", "text": text, "targets": [{"what": "建会率", "value": 95, "unit": "%", "quote": "建会率达到95%"}]}]}]})
    rolled, checklist = rollover(plan, 2028)
    item = rolled.sections[0].items[0]
    assert item.text == text and item.targets[0].quote == "建会率达到95%"
    assert [e.detail for e in checklist if e.kind == "target-in-text"] == ["建会率"]


def test_a_target_only_in_the_title_leaves_the_frames_of_the_text_alone():
    assert framed("到2027年，完善制度，建会率达到95%", "建会率达到95%", ("标题里才有的一句话达到9%",))


def test_a_target_that_says_when_or_carries_the_frame_is_not_held_by_it():
    assert framed("到6月底，完成换届选举，新发展会员500人。", "新发展会员500人")
    assert not framed("到6月底，完成换届选举，全年新发展会员500人。", "全年新发展会员500人")
    # the importer put 上半年 into the first target's words: it goes with them, and holds nothing
    text, quotes = "上半年：建会率达到95%，职代会建制率达到90%", ("上半年：建会率达到95%", "职代会建制率达到90%")
    assert framed(text, "职代会建制率达到90%") and not framed(text, "职代会建制率达到90%", quotes)


def test_a_clause_of_spaces_frames_nothing():
    assert not framed("加强组建。\u3000 ，职工入会率达到95%", "职工入会率达到95%")
    assert framed("加强组建。年底前，职工入会率达到95%", "职工入会率达到95%")


MONTHLY_PLAN = ("测试区总工会2027年工作计划\n一、加强思想引领\n1.开展职工读书活动，全年征集读书征文200篇。\n"
                "二、月度工作安排\n一月份：召开全委会，部署全年工作。\n五月份：举办职工趣味运动会。\n"
                "测试区总工会\n2027年1月8日\n")


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_month_list_heading_points_to_the_schedule_and_reads_back_empty(fmt: str, tmp_path: Path):
    """月度工作安排 with month lines under it: the import reads them into the schedule and leaves
    the heading; the rendered plan says where they went instead of an empty heading, and the
    pointer, read again next year, is no text of the plan's (its number is made when rendered)."""
    source = tmp_path / "plan.txt"
    source.write_text(MONTHLY_PLAN, encoding="utf-8")
    plan = load_plan_text(imported_spec_text(import_document(source).plans[0], source, b"", None)).plan
    assert [s.title for s in plan.sections] == ["加强思想引领", "月度工作安排"] and len(plan.schedule) == 2
    out = tmp_path / f"plan.{fmt}"
    out.write_bytes(render_document(plan, fmt))
    words = _document_text(out)
    assert "二、月度工作安排\n具体安排见附件1。" in re.sub(r"\n+", "\n", words.replace("## ", ""))
    assert "附件1" in words and "2027年月度工作安排" in words
    back = import_document(out).plans[0].plan
    assert back.sections[1].title == "月度工作安排" and back.sections[1].text is None
    assert [task.text for entry in back.schedule for task in entry.tasks] == ["召开全委会，部署全年工作", "举办职工趣味运动会"]


def test_the_pointer_names_a_lone_attachment_without_a_number(tmp_path: Path):
    spec = ("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections:\n  - title: 加强学习\n    text: 组织学习。\n"
            "  - title: 月度工作安排\n  - title: 行事历\n    text: 见下表。\nschedule:\n  - when: 3月\n    tasks:\n      - text: 读书活动\n")
    markdown = render_document(load_plan_text(spec).plan, "md").decode("utf-8")
    assert "## 二、月度工作安排\n\n具体安排见附件。\n" in markdown  # GB/T 9704: one attachment is 附件, unnumbered
    assert "## 三、行事历\n\n见下表。\n" in markdown  # a part with words of its own keeps them
    without = spec.split("schedule:")[0]
    assert "具体安排" not in render_document(load_plan_text(without).plan, "md").decode("utf-8")
