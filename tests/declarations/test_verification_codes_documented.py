"""The reason codes are a public contract: docs/verification.md lists exactly the codes in use."""

import re
from pathlib import Path

from declarations.documents import signing
from declarations.verification.codes import RATE_LIMITED, Checked, Outcome, Reason

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "verification.md"


def table_codes(heading: str) -> set[str]:
    """The first column's codes of the table under ``## heading``."""
    section = DOC.read_text(encoding="utf-8").split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))


def sources() -> str:
    files = (REPO / "declarations").rglob("*.py")
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.name != "codes.py")


def test_the_doc_lists_exactly_the_reason_codes():
    assert table_codes("Reason codes of the checks") == {reason.value for reason in Reason}


def test_the_doc_lists_exactly_the_outcomes_and_other_codes():
    assert table_codes("Outcomes") == {outcome.value for outcome in Outcome}
    assert table_codes("Other error codes") == {RATE_LIMITED}
    assert all(f"`{checked.value}`" in DOC.read_text() for checked in Checked)


def test_every_problem_of_a_signature_check_is_a_reason_code():
    assert set(signing.PROBLEM_MESSAGES) <= {reason.value for reason in Reason}


def test_every_reason_code_is_given_somewhere():
    code = sources()
    signing_source = Path(signing.__file__).read_text(encoding="utf-8")
    unused = [
        reason.name
        for reason in Reason
        if not re.search(rf"\bReason\.{reason.name}\b", code)
        and not re.search(rf"(_failed\(|problems\.append\(){reason.name}\b", signing_source)
    ]
    assert unused == []


def test_the_readme_links_the_doc():
    assert "(docs/verification.md)" in (REPO / "README.md").read_text(encoding="utf-8")
