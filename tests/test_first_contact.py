"""The first-contact figures (benchmarks/first_contact.py): the README's three-column table is the
one the benchmark writes, the kept first-contact record is whole, and every finding the current
code gives on the unseen texts has been judged (a new finding must be judged before it counts)."""

import json

import pytest
from conftest import CORPUS, ROOT, load_benchmark

UNSEEN = CORPUS / "unseen"
needs_unseen = pytest.mark.skipif(not UNSEEN.is_dir(), reason="../shared/corpus/unseen is not beside the project")


def test_the_first_contact_record_covers_both_sets_and_names_its_commit():
    record = json.loads((ROOT / "benchmarks" / "first_contact.json").read_text(encoding="utf-8"))
    assert len(record["commit"]) == 40 and set(record) >= {"tuning", "check", "all"}
    assert record["all"]["import"]["plans"] == 20
    judged = sum(total for _right, total in record["all"]["lint"]["families"].values())
    assert judged == 361 and not record["all"]["lint"]["unjudged"]
    once = record["check_once"]  # the check set, scored once by the rules written on the tuning set
    assert len(once["after"]) == 40 and once["import"]["plans"] == 10 and not once["lint"]["unjudged"]


@needs_unseen
def test_readme_quotes_the_three_columns_and_every_finding_is_judged():
    bench = load_benchmark("first_contact")
    result = bench.measure(UNSEEN)
    assert not result["all"]["lint"]["unjudged"], "judge them in tests/lint/unseen_judged.yaml: " + \
        ", ".join(result["all"]["lint"]["unjudged"][:10])
    table = bench.readme_rows(result)
    assert "\n".join(table) in (ROOT / "README.md").read_text(encoding="utf-8"), \
        "run python benchmarks/first_contact.py --readme"
