"""A request is private to the procurer organization that made it and the vendor it asks.

Another procurer sees none of it; the requester sees the draft's progress as a
count, never its answers.
"""

from django.urls import reverse

from declarations.models import Answer
from declarations.services.requests import start_draft_for_request
from tests.conftest import ANSWER_TEXT

from .requesting import request_from

SECRET_NOTE = "入札番号 X-99 の内部メモ"


def test_another_procurer_sees_none_of_the_request(client, pat, quinn, acme_product):
    made = request_from(pat, acme_product, note=SECRET_NOTE, reference="X-99")
    client.force_login(quinn)
    detail = reverse("declarations:request_detail", kwargs={"request_pk": made.pk})
    assert client.get(detail).status_code == 404
    for name in ("request_list",):
        response = client.get(reverse(f"declarations:{name}"))
        html = response.content.decode()
        assert response.status_code == 200
        assert list(response.context["requests"]) == []
        assert SECRET_NOTE not in html and "X-99" not in html and "Acme Cloud" not in html
    for name in ("request_accept", "request_decline", "request_start"):
        url = reverse(f"declarations:{name}", kwargs={"request_pk": made.pk})
        assert client.post(url).status_code == 404


def test_another_vendor_sees_none_of_the_request(client, pat, otto, acme_product):
    made = request_from(pat, acme_product, note=SECRET_NOTE)
    client.force_login(otto)
    assert list(client.get(reverse("declarations:request_incoming")).context["requests"]) == []
    detail = reverse("declarations:request_detail", kwargs={"request_pk": made.pk})
    assert client.get(detail).status_code == 404


def test_the_requester_sees_progress_as_a_count_and_no_answer(
    client, pat, sam, acme_product, guideline
):
    made = request_from(pat, acme_product)
    drafting = start_draft_for_request(declaration_request=made, user=sam, product=acme_product)
    draft = drafting.declaration
    answered = Answer.objects.filter(declaration=draft, statement__packages=draft.package)[:4]
    Answer.objects.filter(pk__in=[a.pk for a in answered]).update(
        status="partial", explanation=ANSWER_TEXT, remediation_plan="秘密の改善計画"
    )
    client.force_login(pat)
    for url in (
        reverse("declarations:request_detail", kwargs={"request_pk": made.pk}),
        reverse("declarations:request_list"),
    ):
        html = client.get(url).content.decode()
        assert "4/19" in html
        assert ANSWER_TEXT not in html and "秘密の改善計画" not in html
        # No way into the draft itself either.
        assert f"/declarations/{draft.pk}/" not in html
    assert client.get(f"/declarations/{draft.pk}/").status_code == 404


def test_the_vendor_sees_the_request_and_a_link_to_its_draft(client, pat, vera, sam, acme_product):
    made = request_from(pat, acme_product, note=SECRET_NOTE)
    drafting = start_draft_for_request(declaration_request=made, user=sam, product=acme_product)
    client.force_login(vera)
    html = client.get(f"/requests/{made.pk}/").content.decode()
    assert SECRET_NOTE in html
    assert f"/declarations/{drafting.declaration_id}/" in html
    assert 'id="respond"' not in html  # a viewer reads, and does not answer
