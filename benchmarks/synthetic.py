"""Synthetic plans of a chosen size, for benchmarks and for the large-input tests.

Items are spread over sections of up to four levels with targets, owners, times and a twelve-month
schedule, so every renderer path runs; the text varies so nothing is accidentally a duplicate.
"""

from __future__ import annotations

OWNERS = ["办公室", "组织部", "宣教部", "法律保障部", "女工委", "经审会"]
WHENS = ["1月", "3-4月", "二季度", "9月底", "下半年", "全年", "五一", "每季度"]
VERBS = ["深入开展", "扎实推进", "认真组织", "切实加强", "持续深化", "积极探索"]
THEMES = ["职工技能竞赛", "劳模选树", "困难职工帮扶", "工资集体协商", "职工书屋建设", "女职工权益保护", "工会干部培训", "经费审查审计"]


def plan_dict(items: int, year: int = 2027) -> dict:
    """A valid spec (as data) with `items` items below about items/20 sections."""
    sections = []
    count = 0
    section_index = 0
    while count < items:
        section_index += 1
        section = {"id": f"s{section_index}", "title": f"第{section_index}方面重点工作：{THEMES[section_index % len(THEMES)]}提质增效", "items": []}
        for i in range(min(20, items - count)):
            count += 1
            item = {
                "id": f"i{count}",
                "title": f"{VERBS[count % len(VERBS)]}{THEMES[count % len(THEMES)]}第{count}项任务",
                "text": f"围绕年度目标，{VERBS[(count + 1) % len(VERBS)]}第{count}项工作，完善制度，落实责任，确保取得实效",
                "owner": OWNERS[count % len(OWNERS)],
                "when": WHENS[count % len(WHENS)],
            }
            if count % 3 == 0:
                item["targets"] = [{"what": f"第{count}项工作覆盖面", "value": 60 + count % 40, "unit": "%", "op": ">=", "baseline": 55 + count % 40}]
            if count % 10 == 0 and i > 0:
                item["items"] = [{"title": f"细化第{count}项任务的第{k}个步骤", "when": f"{k + 1}月"} for k in range(1, 3)]
            section["items"].append(item)
        sections.append(section)
    schedule = [{"when": f"{m}月", "tasks": [{"text": f"{m}月重点工作推进", "item": f"i{min(m, count)}"}]} for m in range(1, 13)]
    return {
        "planforge": 1, "title": f"合成测试工会{year}年工作计划", "organization": "合成测试工会",
        "year": year, "date": f"{year}-01-08", "preamble": "现制定工作计划如下：",
        "sections": sections, "schedule": schedule, "signature": "合成测试工会委员会",
    }


def plan_yaml(items: int, year: int = 2027, block: bool = False) -> str:
    """The spec as text: JSON form by default (JSON is YAML, and fast to write), or the block
    YAML a person writes when `block` is set."""
    if block:
        import yaml

        return yaml.safe_dump(plan_dict(items, year), allow_unicode=True, sort_keys=False, width=1000)
    import json

    return json.dumps(plan_dict(items, year), ensure_ascii=False, indent=1)


def plan_markdown_like(items: int) -> str:
    """The same content as plain Markdown, for converters that read Markdown (pandoc)."""
    data = plan_dict(items)
    lines = [f"# {data['title']}", ""]
    for s_index, section in enumerate(data["sections"], start=1):
        lines += [f"## {s_index}. {section['title']}", ""]
        for i_index, item in enumerate(section["items"], start=1):
            lines += [f"### （{i_index}）{item['title']}", "", item["text"] + "。", ""]
            for k, sub in enumerate(item.get("items", []), start=1):
                lines += [f"**{k}.{sub['title']}。**", ""]
    return "\n".join(lines)
