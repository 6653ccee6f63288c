"""The canonical record is serialised by RFC 8785, so the same content gives the same bytes."""

import json

import rfc8785

from declarations.publishing import records


def test_the_stored_record_is_its_own_canonical_form(published):
    data = published.canonical_json.encode()
    assert rfc8785.dumps(json.loads(data)) == data


def test_canonical_bytes_do_not_depend_on_key_order():
    a = {"b": 1, "a": {"y": "日本", "x": [1, 2]}}
    b = {"a": {"x": [1, 2], "y": "日本"}, "b": 1}
    assert records.canonical_bytes(a) == records.canonical_bytes(b)
    assert records.canonical_bytes(a) == '{"a":{"x":[1,2],"y":"日本"},"b":1}'.encode()


def test_serials_are_readable_and_unique():
    from datetime import date

    serials = {records.new_serial(date(2026, 11, 26)) for _ in range(200)}
    assert len(serials) == 200
    assert all(s.startswith("JPD-2026-") and len(s) == 18 for s in serials)
    assert not any(ch in s[9:] for s in serials for ch in "01OIL")


def test_only_gaps_carry_a_remediation_plan(complete_draft, sam, portal_pki):
    from datetime import date

    from declarations.models import Answer
    from tests.conftest import attest

    Answer.objects.filter(declaration=complete_draft, statement__code="(1)-2").update(
        status="not_conformant", remediation_plan="署名を導入する", target_date=date(2027, 3, 31)
    )
    record = json.loads(attest(complete_draft, sam).canonical_json)
    assert record["answers"]["(1)-2"]["remediation"] == {
        "plan": {"ja": "署名を導入する", "en": ""},
        "target_date": "2027-03-31",
    }
    others = [a for code, a in record["answers"].items() if code != "(1)-2"]
    assert all(answer["remediation"] is None for answer in others)
