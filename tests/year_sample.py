"""One plan and its record, the year's sample for the model's and the renderers' tests: four items,
two targets (one reached at 1650 of 500, one at 80 of 100), one postponed, one not begun."""

from __future__ import annotations

from planforge.model.plan import Plan
from planforge.model.record import Progress

PLAN = Plan.model_validate({
    "title": "测试工会2027年工作计划", "year": 2027,
    "sections": [
        {"title": "建功立业", "items": [
            {"id": "a", "title": "技能竞赛", "when": "3月", "targets": [{"what": "参赛职工", "value": 500, "unit": "人"}]},
            {"id": "b", "title": "合理化建议", "when": "5月", "targets": [{"what": "建议", "value": 100, "unit": "条"}]},
            {"id": "c", "title": "职工培训", "when": "下半年"},
        ]},
        {"id": "d", "title": "送温暖", "when": "每月"},
    ],
})
RECORD = Progress.model_validate({
    "plan": PLAN.title, "year": 2027,
    "items": {"a": {"status": "已完成", "targets": [{"what": "参赛职工", "actual": 1650, "date": "2027-03-30"}]},
              "b": {"status": "in-progress", "note": "已征集80条", "targets": [{"what": "建议", "actual": 80}]},
              "d": {"status": "延期"}},
})
