"""The linter judged as the README states it (benchmarks/lint_precision.py): every planted defect
found, every corpus finding judged by a person, each rule family at its precision goal."""

import functools

import pytest
from conftest import CORPUS, ROOT, load_benchmark

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")


def _benchmark():
    return load_benchmark("lint_precision")


def test_every_planted_defect_is_found():
    recall = _benchmark().planted_recall()
    assert recall["spec"][2] == [] and recall["document"][2] == []  # the misses, as `file line CODE`
    assert (recall["spec"][1], recall["document"][1]) == (15, 38)


@functools.cache
def _judged_corpus():
    bench = _benchmark()
    findings = bench.corpus_findings(CORPUS)
    counts, unjudged = bench.judge(findings, bench.load_judged())
    return bench, findings, counts, unjudged


@needs_corpus
def test_every_corpus_finding_has_been_judged():
    _bench, _findings, _counts, unjudged = _judged_corpus()
    assert [f"{name} {key}" for name, key, _finding in unjudged] == []  # run the benchmark with --draft


@needs_corpus
def test_each_rule_family_meets_its_precision_goal():
    bench, _findings, counts, _unjudged = _judged_corpus()
    for name, _right, total, precision, goal in bench.family_precision(counts):
        assert total == 0 or precision >= goal, name


@needs_corpus
def test_readme_quotes_the_benchmark_table():
    bench, findings, counts, _unjudged = _judged_corpus()
    table = bench.table(counts, bench.planted_recall(), bench.half_width_coverage(CORPUS, findings))
    assert "\n".join(table) in (ROOT / "README.md").read_text(encoding="utf-8")
