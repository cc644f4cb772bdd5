"""Paraphrased duplicates: does any similarity measure tell the same activity in other words
from two different activities of one kind, without false positives?

    python benchmarks/paraphrase.py

The pairs below are hand-labelled, in the style of the corpus plans: `same` is one activity
written twice in different words (what a reviewer would call a duplicate), `different` is two
activities that share the plan's vocabulary (what PF302 must stay quiet about). For each measure
it prints the lowest `same` score, the highest `different` score, and how many `same` pairs a
threshold just above every `different` pair would catch (recall at no false positive).
Word-level similarity uses jieba when it is importable (it is not a planforge dependency).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)

from planforge.lint.rules_duplicates import normalise

SAME = [
    ("组织全体职工开展读书分享活动", "开展全员读书交流活动，组织职工分享读书心得"),
    ("举办职工运动会，设置田径、球类和趣味项目", "组织召开教职工田径运动会，开展球类和趣味比赛"),
    ("开展“三八”妇女节系列活动", "组织女职工庆祝三八国际妇女节系列活动"),
    ("做好困难职工帮扶工作，春节前走访慰问困难职工", "春节期间走访慰问困难职工，做好帮扶救助"),
    ("召开教职工代表大会，审议学校年度工作报告", "组织召开教代会，审议年度学校工作报告"),
    ("开展职工健康体检，组织全体会员参加年度体检", "组织会员进行年度健康体检"),
    ("加强工会干部培训，提高履职能力", "组织工会干部参加业务培训，提升工会干部履职能力"),
    ("开展金秋助学活动，资助困难职工子女上大学", "做好困难职工子女金秋助学工作"),
    ("组织开展劳动技能竞赛，评选岗位能手", "举办职工劳动技能比赛，评出岗位技术能手"),
    ("做好工会经费收缴和财务管理工作", "加强工会经费收缴管理，规范财务工作"),
    ("开展“送清凉”活动，慰问高温一线职工", "夏季高温期间为一线职工送清凉"),
    ("推进职工书屋建设，更新图书500册", "加强职工书屋建设，新增图书500册"),
]
DIFFERENT = [
    ("组织全体职工开展读书分享活动", "组织全体职工开展健步走活动"),
    ("举办职工运动会，设置田径、球类和趣味项目", "举办职工文艺汇演，设置歌舞、器乐和朗诵节目"),
    ("开展“三八”妇女节系列活动", "开展“五一”劳动节系列活动"),
    ("做好困难职工帮扶工作，春节前走访慰问困难职工", "做好劳模疗休养工作，暑期前组织劳模疗休养"),
    ("召开教职工代表大会，审议学校年度工作报告", "召开工会委员会会议，研究部署年度工作"),
    ("开展职工健康体检，组织全体会员参加年度体检", "开展职工心理健康讲座，组织全体会员参加"),
    ("加强工会干部培训，提高履职能力", "加强工会宣传工作，提高宣传能力"),
    ("开展金秋助学活动，资助困难职工子女上大学", "开展单身青年联谊活动，帮助青年职工交友"),
    ("组织开展劳动技能竞赛，评选岗位能手", "组织开展合理化建议征集，评选优秀建议"),
    ("做好工会经费收缴和财务管理工作", "做好工会会员发展和会籍管理工作"),
    ("开展“送清凉”活动，慰问高温一线职工", "开展“送温暖”活动，慰问困难一线职工"),
    ("推进职工书屋建设，更新图书500册", "推进职工之家建设，更新健身器材50件"),
    ("组织教职工参加市羽毛球比赛", "组织教职工参加市乒乓球比赛"),
    ("3月组织女职工登山活动", "10月组织教职工登山活动"),
]


def _grams(n: int) -> Callable[[str], set[str]]:
    return lambda text: {text[i:i + n] for i in range(len(text) - n + 1)}


def _words() -> Callable[[str], set[str]] | None:
    try:
        import jieba
    except ImportError:
        return None
    jieba.setLogLevel(60)
    return lambda text: {w for w in jieba.lcut(text) if re.search(r"\w", w)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def main() -> None:
    splitters = {"char 2-grams": _grams(2), "char 3-grams (PF302)": _grams(3)}
    words = _words()
    if words:
        splitters["jieba words"] = words
    else:
        print("jieba not importable: word-level similarity not measured")
    print(f"{len(SAME)} paraphrase pairs, {len(DIFFERENT)} different-activity pairs")
    print("| measure | lowest same | highest different | same pairs caught at no false positive |")
    print("|---|---|---|---|")
    for name, split in splitters.items():
        for score_name, score in (("Jaccard", jaccard), ("containment", containment)):
            same = [score(split(normalise(a)), split(normalise(b))) for a, b in SAME]
            different = [score(split(normalise(a)), split(normalise(b))) for a, b in DIFFERENT]
            ceiling = max(different)
            caught = sum(s > ceiling for s in same)
            print(f"| {name} {score_name} | {min(same):.2f} | {ceiling:.2f} | {caught} of {len(same)} |")


if __name__ == "__main__":
    main()
