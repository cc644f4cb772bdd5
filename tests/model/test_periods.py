"""The `when` grammar: every form of plan-spec.md and the festival table, whole values and
expressions found inside sentences."""

import pytest

from planforge.model.periods import FESTIVALS, find_periods, first_time, parse_when

ALL = tuple(range(1, 13))

WHOLE_VALUES = [
    # text, months, kind, extra attributes
    ("3月", (3,), "month", {}),
    ("三月份", (3,), "month", {}),
    ("十一月", (11,), "month", {}),
    ("十二月份", (12,), "month", {}),
    ("3-4月", (3, 4), "range", {}),
    ("3—4月", (3, 4), "range", {}),
    ("一至二月份", (1, 2), "range", {}),
    ("七月份至八月份", (7, 8), "range", {}),
    ("七月-----八月份", (7, 8), "range", {}),
    ("七、八月份", (7, 8), "range", {}),
    ("三、六、九、十二月", (3, 6, 9, 12), "range", {}),
    ("十二月至二月", (12, 1, 2), "range", {}),
    ("3月中旬", (3,), "month", {"part": "中旬"}),
    ("3月上旬", (3,), "month", {"part": "上旬"}),
    ("9月底", (9,), "month", {"part": "底", "deadline": True}),
    ("9月底前", (9,), "month", {"deadline": True}),
    ("3月前", (3,), "month", {"deadline": True}),
    ("5月1日", (5,), "date", {"day": 1}),
    ("5月1日前", (5,), "date", {"day": 1, "deadline": True}),
    ("一季度", (1, 2, 3), "quarter", {}),
    ("第二季度", (4, 5, 6), "quarter", {}),
    ("第一、二季度", (1, 2, 3, 4, 5, 6), "quarter", {}),
    ("四季度末", (12,), "quarter", {"deadline": True}),
    ("上半年", (1, 2, 3, 4, 5, 6), "half", {}),
    ("下半年", (7, 8, 9, 10, 11, 12), "half", {}),
    ("全年", ALL, "year", {}),
    ("年内", ALL, "year", {}),
    ("年初", (1, 2), "year", {}),
    ("年中", (6, 7), "year", {}),
    ("年底", (12,), "year", {"deadline": True}),
    ("年终", (12,), "year", {}),
    ("2027-05-01", (5,), "date", {"day": 1, "year": 2027}),
    ("2027年5月1日", (5,), "date", {"day": 1, "year": 2027}),
    ("2027.5.1", (5,), "date", {"day": 1, "year": 2027}),
    ("2027年6月", (6,), "month", {"year": 2027}),
    ("每月", ALL, "recurrence", {"recurrence": "monthly"}),
    ("每季度", ALL, "recurrence", {"recurrence": "quarterly"}),
    ("每年", ALL, "recurrence", {"recurrence": "yearly"}),
    ("定期", ALL, "recurrence", {"recurrence": "regular"}),
    ("秋季学期", (9, 10, 11, 12, 1), "term", {}),
    ("适时", (), "vague", {}),
    ("时间待定", (), "vague", {}),
    ("“十一”", (10,), "festival", {}),
    ("３月", (3,), "month", {}),  # full-width digit
    (" 4月 ", (4,), "month", {}),
    ("4月份完成", (4,), "month", {}),
]


@pytest.mark.parametrize("text, months, kind, extra", WHOLE_VALUES, ids=[w[0] for w in WHOLE_VALUES])
def test_whole_values(text, months, kind, extra):
    period = parse_when(text)
    assert period is not None, text
    assert period.months == months
    assert period.kind == kind
    for attribute, value in extra.items():
        assert getattr(period, attribute) == value


@pytest.mark.parametrize("festival, months", sorted(FESTIVALS.items()))
def test_every_festival_of_the_table(festival, months):
    text = "“十一”" if festival == "十一" else festival
    period = parse_when(text)
    assert period is not None and period.months == months and period.kind == "festival"


@pytest.mark.parametrize("text", ["某个时候", "xx月", "13月", "尽快", "", "十一五", "三个月", "当月", "第四届", "一年来"])
def test_rejected_values(text):
    assert parse_when(text) is None


@pytest.mark.parametrize("text, months", [
    ("九月份（教师节）", (9,)),  # the festival the month holds
    ("3月（学雷锋月）", (3,)),  # a note that names no time
    ("第一季度（1-3月）", (1, 2, 3)),  # the months the quarter is
    ("5月 (暂定)", (5,)),
    ("7月（七一）", (7,)),  # a festival written in numerals is a word, not a list's number
    ("3月（三八）", (3,)),
])
def test_a_note_in_brackets_after_a_time_is_the_times(text, months):
    """A note after the time is kept in its text (a render shows it as written) and says nothing
    of when: the time is still the one before it."""
    period = parse_when(text)
    assert period is not None and (period.text, period.months) == (text.strip(), months)


@pytest.mark.parametrize("text", ["3月（4月底前完成）", "3月（教师节）", "9月底（国庆前）", "（教师节）3月", "3月（开展读书活动，组织全体职工参加）",
                                  # a note that unsettles the time, names no day that exists, or numbers a list
                                  "4月（另行通知）", "3月（时间待定）", "3月（适时）", "9月（9月31日）", "九月份（1）", "三月（二）", "3月（①）"])
def test_a_note_that_names_another_time_or_is_no_note_is_refused(text):
    assert parse_when(text) is None


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("力争全年创建市级优秀工人先锋号1个，二季度举办比武", [("全年", ALL), ("二季度", (4, 5, 6))]),
        ("迎“五一”拔河赛", [("五一", (5,))]),
        ("五一期间开展劳模表彰", [("五一", (5,))]),  # 期间 is a festival's time; 五一期刊 or 第五一期 is none
        ("出版五一期刊", []),
        ("组织职工参加十一届三次会议", []),
        ("三个月内完成", []),
        ("认真做好2014年全市第四届劳模评选", []),
        ("十一五规划", []),
        ("每月召开一次例会", [("每月", ALL)]),
        ("十一月份召开总结会", [("十一月份", (11,))]),
        ("“十一”前后开展安全检查", [("“十一”", (10,))]),
        ("3至4月开展植树活动", [("3至4月", (3, 4))]),
        ("于9月底前完成", [("9月底前", (9,))]),
        ("选派5名代表", []),
    ],
)
def test_find_inside_sentences(sentence, found):
    got = [(p.text, p.months) for p in find_periods(sentence)]
    assert got == found


def test_spans_point_into_the_original_text():
    sentence = "工会将于３月中旬召开会议"
    (period,) = find_periods(sentence)
    assert sentence[period.start:period.end] == "３月中旬" == period.text


@pytest.mark.parametrize(
    "line, day",
    [
        ("2027年1月5日", (2027, 1, 5)),
        (" 2027 年 1 月 5 日 ", (2027, 1, 5)),
        ("2013.2.20", (2013, 2, 20)),
        ("2013-02-20", (2013, 2, 20)),
        ("2013/2/20日", (2013, 2, 20)),
        ("二〇二七年一月五日", (2027, 1, 5)),
        ("二OO五年元月十日", (2005, 1, 10)),
        ("二〇二六年十二月三十一日", (2026, 12, 31)),
        ("2027年2月30日", None),  # dated, wrongly: still the document's date line
        ("二〇二七年二月三十日", None),
    ],
)
def test_a_documents_date_line(line, day):
    import datetime as dt

    from planforge.model.periods import date_of_line, is_date_line

    assert is_date_line(line)
    assert date_of_line(line) == (dt.date(*day) if day else None)


@pytest.mark.parametrize("line", ["2027年1月", "于2027年1月5日召开", "1月5日", "2027年1月5日前完成", "第二〇二七年一月五日", "3.5"])
def test_a_line_that_is_more_or_less_than_a_date_is_no_date_line(line):
    from planforge.model.periods import date_of_line, is_date_line

    assert not is_date_line(line) and date_of_line(line) is None


@pytest.mark.parametrize("text, when, months, words", [
    # festivals named together are one time, their months together, across the new year too
    ("春节、元宵节期间走访慰问困难职工", "1-3月", (1, 2, 3), "春节、元宵"),
    ("两节、元宵期间走访慰问", "12-3月", (12, 1, 2, 3), "两节、元宵"),
    ("利用五一、国庆等节日开展活动", "5月、10月", (5, 10), "五一、国庆"),
    # one that spans the others is the time: a festival named twice, or one inside another
    ("五一劳动节期间开展劳模表彰", "五一", (5,), "五一劳动节"),
    ("元旦、春节期间走访慰问困难职工", "春节", (1, 2), "元旦、春节"),
    ("元旦、两节期间走访", "两节", (12, 1, 2), "元旦、两节"),
    # one festival, or one a comma leaves to another clause, is itself
    ("两节期间走访慰问", "两节", (12, 1, 2), "两节"),
    ("做好元旦，春节期间另行安排", "元旦", (1,), "元旦"),
    ("全年开展读书活动，4月启动", "全年", tuple(range(1, 13)), "全年"),
])
def test_the_first_time_an_item_names(text, when, months, words):
    found = first_time(text)
    assert found is not None
    period, quoted = found
    assert (period.text, period.months, quoted) == (when, months, words)


def test_no_first_time_where_none_can_be_held():
    assert first_time("加强职工之家建设") is None


def test_every_month_or_quarter_heading_holds_month_or_quarter():
    """The importer asks parse_when of a short line only when it holds 月 or 季 (readers/infer.py
    _is_period_heading): every time of those kinds a whole line can be does hold one."""
    import random

    rnd = random.Random(20261207)
    alphabet = list("0123456789一二三四五六七八九十第至到-~—、和及份月季度初底末上中下旬元正腊春夏秋冬年节 ：")
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12))) for _ in range(20000)]
    texts += ["元月", "正月", "腊月", "第一季度", "一季度末", "1-2月", "十一月至十二月份", "Q1", "春季", "年底"]
    numerals = ["1", "3", "12", "一", "三", "十一", "十二", "第一", "第四"]
    texts += [f"{a}{joint}{b}{unit}" for a in numerals for b in numerals for joint in ("", "至", "-", "、", "和")
              for unit in ("月", "月份", "季度", "季度末", "月上旬", "")]
    held = 0
    for text in texts:
        period = parse_when(text)
        if period and period.months and period.kind in ("month", "range", "quarter"):
            assert "月" in text or "季" in text, text
            held += 1
    assert held > 200  # the strings made many such times, not none (most from the numerals)
