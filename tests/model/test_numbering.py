import pytest

from planforge.model.numbering import cn_to_int, marker, split_marker, to_chinese


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_to_chinese(n, text):
    assert to_chinese(n) == text
    assert cn_to_int(text) == n


@pytest.mark.parametrize("text, n", [("两", 2), ("伍佰", 500), ("二〇二七", 2027), ("3千", 3000), ("一万二千", 12000), ("12", 12), ("xx", None), ("", None),
                                     ("１２", 12), ("３千", 3000), ("²", None), ("二²", None)])
def test_cn_to_int(text, n):
    assert cn_to_int(text) == n


def test_markers_gbt9704_and_house():
    assert [marker(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert [marker(level, 3, "house") for level in (1, 2, 3, 4)] == ["三、", "3、", "（3）", "③"]
    assert marker(1, 12) == "十二、"


@pytest.mark.parametrize(
    "text, family, value, rest",
    [
        ("一、加强学习", "cn_dun", 1, "加强学习"),
        ("（二）开展活动", "cn_paren", 2, "开展活动"),
        ("(三)开展活动", "cn_paren", 3, "开展活动"),
        ("12、完善制度", "arabic", 12, "完善制度"),
        ("２．推进校务公开", "arabic", 2, "推进校务公开"),  # full-width, as Word types it in Chinese input
        ("（３）做好", "arabic_paren", 3, "做好"),
        ("3. 做好", "arabic", 3, "做好"),
        ("（4）落实", "arabic_paren", 4, "落实"),
        ("③落实", "circled", 3, "落实"),
        # a number and a point before a month or a year: the item's number, then the time
        ("1.4月左右组织春游", "arabic", 1, "4月左右组织春游"),
        ("1.2022-2023学年度先进个人评选", "arabic", 1, "2022-2023学年度先进个人评选"),
        ("2.2023年教职工篮球比赛", "arabic", 2, "2023年教职工篮球比赛"),
        # a month after a numeral that cannot list months with it: the part's number, then its month
        ("一、一月份", "cn_dun", 1, "一月份"),
        ("十、十月", "cn_dun", 10, "十月"),
        ("五、三月", "cn_dun", 5, "三月"),
        ("十、一月", "cn_dun", 10, "一月"),
    ],
)
def test_split_marker(text, family, value, rest):
    assert split_marker(text)[0::1][:2] == (family, value)
    assert split_marker(text)[3] == rest


@pytest.mark.parametrize("text", ["2027年工作要点", "5G网络建设", "1.5倍", "加强学习", "十分重要", "1.2022亿元", "3.2023",
                                  # months listed: neighbours, across the new year, or three and more in order
                                  "七、八月份", "十一、十二月", "十二、一月", "三、六、九、十二月", "十一、十二、一月份",
                                  "三、九月份", "六、十二月份", "一、二月份"])
def test_split_marker_leaves_ordinary_titles(text):
    assert split_marker(text) is None
