"""Rendered Markdown, read as a user reads it: numbering, target sentences, tables, the date."""

import re
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, GOOD_EXAMPLES, ONE_ATTACHMENT

from planforge.errors import InputError
from planforge.model.plan import Target
from planforge.model.wording import target_sentence, target_value
from planforge.render.formats import render_document
from planforge.render.markdown import render_markdown
from planforge.spec.load import load_plan, load_plan_text


@pytest.fixture(scope="module")
def bureau_md() -> str:
    return render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan)


def test_title_draft_and_preamble(bureau_md):
    lines = bureau_md.splitlines()
    assert lines[0] == "# 市卫生健康局工会2027年工作计划"
    assert lines[2] == "（讨论稿）"
    assert "现制定工作计划如下：" in bureau_md


def test_numbering_is_generated_from_the_tree(bureau_md):
    headings = re.findall(r"^(#{2,3}) (\S+?、|（\S+?）)", bureau_md, flags=re.MULTILINE)
    level1 = [marker for hashes, marker in headings if hashes == "##" and marker.endswith("、")]
    assert level1 == ["一、", "二、", "三、", "四、"]
    assert "### （三）丰富职工文化体育生活" in bureau_md
    assert "**1.举办第五届职工运动会**。设置田径" in bureau_md
    assert "**2.开展“书香卫健”读书活动**。" in bureau_md


def test_target_sentences_read_as_chinese(bureau_md):
    assert "参加技能竞赛的职工不少于1500人；力争创建市级“工人先锋号”2个。" in bureau_md
    assert "群众性经济技术创新活动覆盖面达到80%以上" in bureau_md
    assert "因工伤亡事故为零。" in bureau_md
    assert "（责任部门：宣教部；完成时限：二季度）" in bureau_md


def test_schedule_and_targets_tables(bureau_md):
    # the same columns as the DOCX's tables (both come from the view)
    assert "| 月份 | 工作内容 | 责任部门 | 完成时限 |" in bureau_md
    assert "| 1—2月 | 开展“两节”送温暖活动 | 办公室 | 1—2月 |" in bureau_md  # owner taken from the linked item
    assert "| 1—2月 | 召开局工会全委会，部署全年工作 | — | — |" in bureau_md  # an empty cell says so
    assert "| 3月 | 举办“三八”国际妇女节系列活动 | 女工委 | — |" in bureau_md
    rows = re.findall(r"^\| (\d+) \| (.+?) \| (.+?) \| (.*?) \| (.+?) \|$", bureau_md, flags=re.MULTILINE)
    assert rows[0] == ("1", "参加技能竞赛的职工", "1500人以上", "1200人", "宣教部")
    assert rows[7] == ("8", "因工伤亡事故", "为零", "—", "法律保障部")
    assert len(rows) == 11


def test_signature_date_and_attachment_note(bureau_md):
    body = bureau_md.split("\n---\n")[0].rstrip().splitlines()
    assert body[-1] == "2027年1月8日"
    assert body[-3] == "市卫生健康局工会委员会"
    assert body[-5] == "附件：1. 2027年月度工作安排　2. 2027年主要目标任务一览表"


def test_tables_drop_columns_nobody_filled_and_the_grid_is_listed():
    """A column empty in every row goes; a plan with dated items and no monthly schedule gets
    its progress grid as an attachment the note lists (they used to disagree)."""
    text = (EXAMPLES / "school-union-2027.yaml").read_text(encoding="utf-8")
    plan = load_plan_text(text).plan
    md = render_document(plan, "md").decode("utf-8")
    assert "| 序号 | 指标 | 目标值 | 责任部门 |" in md  # no 上年基数: no target has one
    without_schedule = plan.model_copy(update={"schedule": []})
    md = render_document(without_schedule, "md").decode("utf-8")
    assert "附件：1. 2027年工作进度安排　2. 2027年主要目标任务一览表" in md
    assert "附件1\n\n## 2027年工作进度安排" in md and "附件2\n\n## 2027年主要目标任务一览表" in md
    assert "| 一（二）深化校务公开 |  |  | ● |" in md  # 每学期: the first month of each term


def test_house_numbering_style():
    md = render_markdown(load_plan(EXAMPLES / "enterprise-safety-2027.yaml").plan)
    assert "## 三、深化隐患排查治理和双重预防机制" in md
    assert "### 1、开展隐患排查" in md
    assert "**（2）节假日、汛期和冬季专项检查**。" in md
    assert "生产安全死亡事故为零；一般及以上火灾事故为零；隐患整改率达到100%" in md


@pytest.mark.parametrize("example", GOOD_EXAMPLES, ids=[p.stem for p in GOOD_EXAMPLES])
def test_every_example_renders(example):
    md = render_markdown(load_plan(example).plan)
    assert md.startswith("# ") and "## 一、" in md and "年" in md


@pytest.mark.parametrize(
    "fields, sentence, value",
    [
        ({"what": "创建市级“优秀工人先锋号”", "value": 1, "unit": "个", "commitment": "力争"}, "力争创建市级“优秀工人先锋号”1个", "1个"),
        ({"what": "覆盖面", "value": 80, "unit": "%", "op": ">="}, "覆盖面达到80%以上", "80%以上"),
        ({"what": "安全事故", "value": 0}, "安全事故为零", "为零"),
        ({"what": "经费支出", "value": 50.0, "unit": "万元", "op": "<="}, "经费支出控制在50万元以内", "50万元以内"),
        ({"what": "培训职工", "value": 1000, "unit": "人次", "op": ">="}, "培训职工不少于1000人次", "1000人次以上"),
        ({"what": "培训职工", "value": 0.5, "unit": "万人", "op": "<="}, "培训职工不超过0.5万人", "0.5万人以内"),
    ],
)
def test_target_wording(fields, sentence, value):
    target = Target(**fields)
    assert target_sentence(target) == sentence
    assert target_value(target) == value


def test_a_text_ending_in_a_quoted_phrase_is_closed_before_its_targets():
    """…征集“金点子” ends a phrase in quotes, not the sentence: 。 follows before the targets'
    sentence (the two had run together, and diff read the join as one target's name); a quotation
    closed after its own 。 needs none."""
    plan = load_plan_text(
        "title: 计划\nyear: 2027\nsections:\n  - title: 合理化建议\n    items:\n      - title: 征集建议\n"
        "        text: 征集评选职工合理化建议和“金点子”\n        targets: [{what: 征集合理化建议, value: 100, unit: 条, op: '>='}]\n"
        "      - title: 宣讲\n        text: 书记说：“要讲到一线。”\n"
    ).plan
    md = render_markdown(plan)
    assert "征集评选职工合理化建议和“金点子”。征集合理化建议不少于100条。" in md
    assert "书记说：“要讲到一线。”" in md and "一线。”。" not in md


def test_markdown_syntax_in_text_stays_text():
    plan = load_plan_text(
        "title: 计划\nyear: 2027\nsections:\n  - title: '#1 *重点* 工作'\n    text: 走访***户，见[附件]<br>\n"
    ).plan
    md = render_markdown(plan)
    assert r"## 一、\#1 \*重点\* 工作" in md
    assert r"走访\*\*\*户，见\[附件\]\<br\>。" in md


def test_own_template_dir_overrides_one_file(tmp_path: Path):
    (tmp_path / "macros.md.j2").write_text(
        "{% macro node(n) %}{{ n.marker }}{{ n.title }}\n{% for c in n.children %}{{ node(c) }}{% endfor %}{% endmacro %}\n",
        encoding="utf-8",
    )
    md = render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, tmp_path)
    assert "\n一、围绕中心服务大局，引导职工建功立业\n（一）深入开展职工劳动技能竞赛\n" in md


def test_template_typo_is_a_located_error(tmp_path: Path):
    (tmp_path / "plan.md.j2").write_text("# {{ doc.title }}\n\n{{ doc.titel }}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, tmp_path)
    (problem,) = info.value.problems
    assert problem.code == "PF004" and problem.file.endswith("plan.md.j2") and problem.line == 3
    assert "titel" in problem.format()


@pytest.mark.parametrize(
    "template, needle",
    [
        ("{{ doc.__class__.__mro__ }}", "PF004"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "PF004"),
        ("{{ 'x' * 10**9 }}", "PF004"),
        ("{% for i in range(10**9) %}{% endfor %}", "PF004"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "PF004"),
        ("{% include '../../etc/passwd' %}", "PF004"),
        ("{{ doc.title", "PF004"),
        # the view carries the model nodes it was made from; a template sees only the view
        ("{{ doc.plan.title }}", "PF004"),
        ("{{ doc['plan'] }}", "PF004"),
        ("{{ doc.sections[0].item.model_dump() }}", "PF004"),
        ("{{ doc.targets_table[0].target.what }}", "PF004"),
        ("{{ doc.schedule | map(attribute='entry.when') | list }}", "PF004"),
    ],
)
def test_hostile_templates_are_refused(tmp_path: Path, template, needle):
    (tmp_path / "plan.md.j2").write_text(template, encoding="utf-8")
    with pytest.raises(InputError) as info:
        render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, tmp_path)
    assert needle in info.value.problems[0].format()


@pytest.mark.skipif(sys.platform == "win32", reason="confinement needs fork; Windows relies on the sandbox alone")
@pytest.mark.parametrize(
    "template, english",
    [
        # legal inside Jinja2's sandbox, yet one would run for hours and the other take ten gigabytes
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "longer than 1 s"),
        ('{% set x = "x" * 999999 %}{{ ([x] * 5000) | join }}', "memory"),
    ],
)
def test_a_users_template_is_bounded_in_time_and_memory(tmp_path: Path, monkeypatch, template, english):
    import planforge.limits

    monkeypatch.setattr(planforge.limits, "TEMPLATE_SECONDS", 1.0)
    (tmp_path / "plan.md.j2").write_text(template, encoding="utf-8")
    with pytest.raises(InputError) as info:
        render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, tmp_path)
    (problem,) = info.value.problems
    assert problem.code == "PF004" and english in problem.format("en")
    assert problem.file.endswith("plan.md.j2")


def test_a_users_template_that_behaves_renders_as_usual(tmp_path: Path):
    (tmp_path / "plan.md.j2").write_text("# {{ doc.title }}\n\n{% for s in doc.sections %}{{ s.marker }}{{ s.title }}\n{% endfor %}", encoding="utf-8")
    text = render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, tmp_path)
    assert text.startswith("# ") and "\n一、" in text


def test_a_template_written_for_subscripts_still_reads_the_view(tmp_path: Path):
    # templates written when the view was a dict of dicts index it; the typed view answers alike
    (tmp_path / "plan.md.j2").write_text(
        '{{ doc["title"] }}|{{ doc.sections[0]["marker"] }}{{ doc.sections[0]["children"][0]["title"] }}|'
        '{{ doc.attachment_parts[0]["tables"][0]["header"] | join(",") }}', encoding="utf-8")
    text = render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, tmp_path)
    assert text == "市卫生健康局工会2027年工作计划|一、深入开展职工劳动技能竞赛|月份,工作内容,责任部门,完成时限\n"


def test_a_view_a_template_prints_reads_the_same_every_run(tmp_path: Path):
    """A template that prints a view (a user debugging theirs) gets its fields, the same in every
    run: no memory address, and none of the model node it was made from."""
    (tmp_path / "plan.md.j2").write_text("{{ doc.timeline[0] }}\n{{ doc.sections[0].children[0] }}", encoding="utf-8")
    text = render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, tmp_path)
    first, item = text.splitlines()
    assert first == "MonthRow(label='（一）深入开展职工劳动技能竞赛', months=[4, 5, 6])"
    assert item.startswith("ItemView(id=") and "title='深入开展职工劳动技能竞赛'" in item
    assert " at 0x" not in text and "item=" not in text and "source=" not in text


def test_symlink_out_of_the_template_dir_is_refused(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plan.md.j2").symlink_to(secret)
    with pytest.raises(InputError) as info:
        render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, templates)
    (problem,) = info.value.problems
    assert problem.code == "PF004" and problem.key == "template_outside"
    assert problem.format() == "plan.md.j2: PF004 error 模板 plan.md.j2 指向模板目录以外的文件（可能是符号链接），已拒绝读取"


def test_one_attachment_is_not_numbered_in_markdown_either(tmp_path):
    """As in the DOCX (GB/T 9704 numbers attachments only when there are several), and the
    importer reads the plan back whole from it: its targets and its signature."""
    from planforge.readers import import_document
    from planforge.spec.load import load_plan, load_plan_text

    text = render_markdown(load_plan_text(ONE_ATTACHMENT, "one.yaml").plan)
    lines = text.splitlines()
    assert "附件：2027年工作进度安排" in lines and "附件" in lines
    assert not [line for line in lines if re.match(r"附件(\d|：\d\.)", line)]
    assert "附件1" in render_markdown(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan).splitlines()
    (tmp_path / "one.md").write_text(text, encoding="utf-8")
    back = import_document(tmp_path / "one.md").plans[0].plan
    assert back.signature == load_plan_text(ONE_ATTACHMENT, "one.yaml").plan.signer


def test_a_number_before_a_title_that_opens_with_a_figure_stands_apart(tmp_path):
    """1.4月左右组织春游 reads as 1.4 months: the marker keeps a space before a figure, in the
    body and in the progress grid, as the attachment note does (附件：1. 2027年…), and so do the
    other numbers of that list (one list, set one way) but not of the lists around it; read back,
    the titles are the same."""
    spec = ("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections:\n  - title: 文体活动\n    items:\n"
            "      - title: 春秋游\n        items:\n          - {title: 4月左右组织一次春游活动, when: 4月}\n"
            "          - {title: 组织秋游活动, when: 10月}\n"
            "      - title: 读书活动\n        items:\n          - {title: 开展读书征文, when: 5月}\n")
    markdown = render_markdown(load_plan_text(spec).plan)
    assert "**1. 4月左右组织一次春游活动**" in markdown and "**2. 组织秋游活动**" in markdown
    assert "| 一（一）2. 组织秋游活动 |" in markdown and "**1.开展读书征文**" in markdown
    assert "| 一（一）1. 4月左右组织一次春游活动 |" in markdown
    from planforge.readers import import_document

    (tmp_path / "plan.md").write_text(markdown, encoding="utf-8")
    back = import_document(tmp_path / "plan.md").plans[0].plan
    assert [item.title for item in back.sections[0].items[0].items] == ["4月左右组织一次春游活动", "组织秋游活动"]


MONTHS_ONLY = ("planforge: 1\ntitle: 测试工会2027年工作计划\norganization: 测试工会\nyear: 2027\nsections: []\nschedule:\n"
               "  - when: 一月份\n    tasks:\n      - {text: 走访慰问困难职工, owner: 工会办公室}\n      - {text: 召开工会全委会}\n"
               "  - when: 3-4月\n    tasks:\n      - {text: 3.8妇女节女职工联欢}\n      - {text: 举办职工运动会}\n")


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_plan_of_months_alone_sets_its_months_as_its_body(fmt, tmp_path):
    """一月份：1.… 2.… with no parts: each month a heading of its own and its tasks numbered under
    it (a figure opening a task sets every month's numbers apart, so the months read alike), with
    who does them; no attachment holds the whole plan under an empty body. Read back, the schedule
    is the same. The house style numbers them 1、."""
    from planforge.readers import import_document

    plan = load_plan_text(MONTHS_ONLY).plan
    data = render_document(plan, fmt)
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(data)
    if fmt == "md":
        body = data.decode("utf-8")
        assert "## 一月份\n\n**1. 走访慰问困难职工**。（责任部门：工会办公室）\n\n**2. 召开工会全委会**。" in body
        assert "## 3—4月\n\n**1. 3.8妇女节女职工联欢**。\n\n**2. 举办职工运动会**。" in body
        assert "附件" not in body
    else:
        import docx

        texts = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
        assert texts[1:7] == ["一月份", "1. 走访慰问困难职工。（责任部门：工会办公室）", "2. 召开工会全委会。",
                              "3—4月", "1. 3.8妇女节女职工联欢。", "2. 举办职工运动会。"]
        assert not any(text.startswith("附件") for text in texts)
    back = import_document(path).plans[0].plan
    assert back.sections == []
    assert [(e.when.months, [(t.text, t.owner) for t in e.tasks]) for e in back.schedule] == [
        ((1,), [("走访慰问困难职工", "工会办公室"), ("召开工会全委会", None)]),
        ((3, 4), [("3.8妇女节女职工联欢", None), ("举办职工运动会", None)])]
    house = load_plan_text(MONTHS_ONLY.replace("year: 2027\n", "year: 2027\nstyle: {numbering: house}\n")).plan
    assert "1、走访慰问困难职工" in render_document(house, "md").decode("utf-8")


NOT_ONLY_MONTHS = ("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections: []\nschedule:\n"
                   "  - when: 9月\n    tasks:\n      - {text: 召开工会委员会，制定本学年工作计划。审议经费预算, owner: 工会办公室}\n"
                   "      - {text: 开展教师节庆祝活动}\n"
                   "  - when: 第一季度\n    tasks:\n      - {text: 一是走访慰问退休教师；二是组织迎新年联欢}\n"
                   "  - when: 每月\n    tasks:\n      - {text: 为当月过生日的教职工送上生日蛋糕}\n")
CUT_BY_HEADINGS = [  # each alone would not read back from month headings
    "  - when: 9月\n    tasks:\n      - {text: 召开工会委员会，制定本学年工作计划。审议经费预算, owner: 工会办公室}\n",
    "  - when: 第一季度\n    tasks:\n      - {text: 一是走访慰问退休教师；二是组织迎新年联欢}\n",
    "  - when: 每月\n    tasks:\n      - {text: 为当月过生日的教职工送上生日蛋糕}\n",
    "  - when: 6月\n    tasks:\n      - {text: 组织第1、第2批职工疗休养, owner: 保障部}\n",
    "  - when: 3月\n    tasks:\n      - {text: 组织教职工体检, owner: 办公室（工会）}\n      - {text: 开展读书活动}\n",
]


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("entry", CUT_BY_HEADINGS)
def test_a_schedule_that_headings_would_cut_stays_a_table(entry, fmt, tmp_path):
    """每月 heads no month's list; a task of two sentences (…。审议经费预算), of 一是…二是… or
    holding a number (第1、第2批) would read back as two, and an owner in brackets would end the
    bracket it is set in: such a plan's schedule keeps its table, where a cell stays whole, and
    its empty owner cells (—) read back as no owner."""
    from planforge.readers import import_document

    plan = load_plan_text(NOT_ONLY_MONTHS.split("schedule:\n")[0] + "schedule:\n" + entry).plan
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(render_document(plan, fmt))
    if fmt == "md":
        assert "附件：2027年月度工作安排" in path.read_text(encoding="utf-8")
    back = import_document(path).plans[0].plan
    assert [(e.when.text, [(t.text, t.owner) for t in e.tasks]) for e in back.schedule] == [
        (e.when.text, [(t.text, t.owner) for t in e.tasks]) for e in plan.schedule]


def test_a_half_width_stop_after_chinese_is_not_doubled():
    """慰问劳模. ends its sentence with a mistyped stop: the renderer adds no 。 after it (劳模.。),
    and lint reports the half-width mark for the author to mend; 提高到1. is no such stop."""
    spec = ("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections:\n  - title: 关爱职工\n    items:\n"
            "      - {title: 走访慰问, text: 探访因病住院的职工，慰问劳模., when: 1月}\n")
    markdown = render_markdown(load_plan_text(spec).plan)
    assert "慰问劳模." in markdown and "慰问劳模.。" not in markdown
    from planforge.model.wording import closed

    assert closed("提高到1.") == "提高到1.。" and closed("慰问劳模!") == "慰问劳模!"
