"""What a lint rule is: a small function with a code, a name and a default severity.

Its sentences (the finding's message and the one-line summary `planforge rules` prints) live in
the message catalogue under the rule's code, in Chinese and English; its docstring says why the
rule exists and gives PASS and FAIL examples, which docs/rules.md shows and the tests run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from planforge.i18n import translate

SEVERITIES = ("error", "warning", "info")


class InternalRuleError(Exception):
    """A rule raised: a bug in planforge, reported as one (exit 2), never read as "no findings"."""

    def __init__(self, code: str, file: str, error: BaseException):
        super().__init__(f"{code} on {file}: {type(error).__name__}: {error}")
        self.code, self.file, self.error = code, file, error


@dataclass(frozen=True, eq=False)
class Rule:
    """A check with its code, name and default severity (see `rule`)."""

    code: str
    name: str
    severity: str
    check: Callable | None = None  # None: reported by the loader or the engine, not by a check
    documents_only: bool = False

    def message(self, lang: str, **args) -> str:
        return translate(self.code, lang, **args)

    def summary(self, lang: str) -> str:
        return translate(f"{self.code}.summary", lang)

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "") if self.check else ""


def rule(code: str, name: str, severity: str, documents_only: bool = False):
    """Mark a check: a generator over a LintContext yielding (line, col, args, fix). The mark is
    all it does; `lint.registry` lists the rule modules and collects the marked checks."""

    def mark(check: Callable[..., Iterator]):
        check.rule = Rule(code, name, severity, check, documents_only)  # type: ignore[attr-defined]
        return check

    return mark


@dataclass(frozen=True, eq=False)
class Example:
    """One line of a rule's docstring: `FAIL  <spec fragment>` or `PASS doc  <document text>`.

    A spec fragment is a YAML flow mapping laid over `EXAMPLE_SPEC`; a document's lines are
    separated by `\\n`. docs/rules.md shows them, and a test lints each one: a FAIL must report
    the rule, a PASS must not."""

    verdict: str  # PASS | FAIL
    kind: str  # spec | doc
    text: str

    def file_text(self) -> str:
        if self.kind == "doc":
            return self.text.replace("\\n", "\n") + "\n"
        import yaml

        data = dict(EXAMPLE_SPEC)
        data.update(yaml.safe_load("{" + self.text.split(" || ")[0] + "}"))
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    def progress_text(self) -> str | None:
        """For a `progress` example (`spec fragment || record fragment`): the record beside it,
        laid over a record of the example plan."""
        if self.kind != "progress":
            return None
        import yaml

        data = {"progress": 1, "plan": EXAMPLE_SPEC["title"], "year": EXAMPLE_SPEC["year"]}
        data.update(yaml.safe_load("{" + self.text.split(" || ")[1] + "}"))
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style=None)


# The plan every spec example is laid over: complete, so that only the example's fault shows.
EXAMPLE_SPEC = {
    "planforge": 1, "title": "测试工会2027年工作计划", "organization": "测试工会", "year": 2027,
    "date": "2027-01-08", "sections": [{"title": "加强学习", "text": "组织职工学习。"}],
}


def examples(rule: Rule) -> list[Example]:
    found = []
    for line in rule.doc.splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2 and parts[0] in ("PASS", "FAIL"):
            rest = parts[1]
            kind = "spec"
            if rest.startswith("doc "):
                kind, rest = "doc", rest[4:]
            elif rest.startswith("progress "):
                kind, rest = "progress", rest[9:]
            found.append(Example(parts[0], kind, rest.strip()))
    return found
