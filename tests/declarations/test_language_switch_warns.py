"""Switching a draft's authoritative language says which answers now lack their text
in it, rather than leaving the next save to fail on an answer saved long before."""

import re

from django.contrib.messages import get_messages
from django.urls import reverse

from declarations.publishing.attestation import package_answers
from tests.conftest import answer_everything


def test_switching_to_english_names_the_answers_without_english_text(client, acme_draft, alice):
    answer_everything(acme_draft, status="not_applicable")  # justified in Japanese only
    translated = package_answers(acme_draft)[0]
    translated.explanation_en = "Not applicable: the product has no build of its own."
    translated.save()
    client.force_login(alice)

    url = reverse("declarations:declaration_language", kwargs={"declaration_pk": acme_draft.pk})
    response = client.post(url, {"language": "en"})
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    untranslated = {a.statement.code for a in package_answers(acme_draft)[1:]}
    [warning] = warnings
    assert set(re.findall(r"\(\d\)-\d", warning)) == untranslated
    assert f"{len(untranslated)} 件" in warning and "英語" in warning


def test_switching_back_warns_of_nothing(client, acme_draft, alice):
    answer_everything(acme_draft, status="not_applicable")
    client.force_login(alice)
    url = reverse("declarations:declaration_language", kwargs={"declaration_pk": acme_draft.pk})
    client.post(url, {"language": "en"}, follow=True)  # its warning shown, and gone
    response = client.post(url, {"language": "ja"})
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
