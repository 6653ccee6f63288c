"""Who reads what of an issued declaration's answers.

Everyone — no login, another vendor, a procurer organization not yet approved —
sees each statement's status and the vendor's public statement, on the
registry's summary, the verification page, the CSV and the API. The
explanation, evidence and remediation plan, and the signed PDF that carries
them, are for the vendor's members, approved procurers and site staff
(``access.may_read_answers``). Distinctive markers in every private field show
that none of it leaks; the public statement's markers show what is public.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse

from declarations import tasks
from declarations.access import may_read_answers
from declarations.models import Answer
from portal.models import Organization, Role
from tests.conftest import attest
from tests.factories import MembershipFactory, OrganizationFactory

EXPLANATION = "EXPLANATION-MARK-7Q 非公開の説明"
EVIDENCE = "EVIDENCE-MARK-7Q 非公開の根拠"
EVIDENCE_LINK = "https://evidence-mark-7q.example/report"
PLAN = "PLAN-MARK-7Q 非公開の改善計画"
JUSTIFICATION = "JUSTIFICATION-MARK-7Q 非公開の理由"
PRIVATE = (EXPLANATION, EVIDENCE, "evidence-mark-7q", PLAN, JUSTIFICATION)
PUBLIC_JA = "公開用の記述-MARK-JA：全リリースで静的解析を実施しています。"
PUBLIC_EN = "PUBLIC-MARK-EN: static analysis runs on every release."

PUBLIC_ROLES = ["anonymous", "otto", "unapproved_procurer"]
READERS = ["vera", "alice", "pat", "quinn", "root"]


@pytest.fixture
def secretive(complete_draft, sam, portal_pki):
    """Acme's declaration with a private marker in every private field of its answers:
    a gap with its plan, a statement that does not apply, the rest conformant."""
    answers = list(
        complete_draft.answers.filter(statement__packages=complete_draft.package).order_by(
            "statement__category__number", "statement__position"
        )
    )
    everything = Answer.objects.filter(pk__in=[a.pk for a in answers])
    everything.update(explanation=EXPLANATION, evidence=EVIDENCE, evidence_links=EVIDENCE_LINK)
    Answer.objects.filter(pk=answers[0].pk).update(
        status=Answer.Status.PARTIAL,
        remediation_plan=PLAN,
        target_date=datetime.date.today() + datetime.timedelta(days=60),
        public_statement_ja=PUBLIC_JA,
        public_statement_en=PUBLIC_EN,
    )
    Answer.objects.filter(pk=answers[1].pk).update(
        status=Answer.Status.NOT_APPLICABLE, explanation=JUSTIFICATION
    )
    return attest(complete_draft, sam)


@pytest.fixture
def unapproved_procurer(db):
    pending = OrganizationFactory(
        kind=Organization.Kind.PROCURER,
        name_ja="承認待ち庁",
        status=Organization.Status.PENDING,
    )
    return MembershipFactory(organization=pending, role=Role.ADMIN).user


def _sign_in(client, request, who):
    if who != "anonymous":
        user = request.getfixturevalue(who)
        client.force_login(user)
        return user
    return None


def _leaks(text: str) -> list[str]:
    return [marker for marker in PRIVATE if marker in text]


def _pages(client, declaration) -> dict[str, str]:
    serial = declaration.serial
    pages = {}
    for name, url in (
        ("summary (ja)", f"/registry/{serial}/"),
        ("summary (en)", f"/en/registry/{serial}/"),
        ("verify by serial", f"/verify/{serial}/"),
        ("verify by serial (en)", f"/en/verify/{serial}/"),
        ("registry list", f"/registry/?q={serial}"),
        ("api list", "/api/v1/declarations/"),
        ("api detail", f"/api/v1/declarations/{serial}/"),
        ("api verify by serial", f"/api/v1/verify/{serial}/"),
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[name] = response.content.decode()
    response = client.get("/registry/export.csv")
    assert isinstance(response, StreamingHttpResponse)
    pages["csv"] = b"".join(response.streaming_content).decode("utf-8-sig")
    return pages


@pytest.mark.parametrize("who", PUBLIC_ROLES)
def test_the_public_never_sees_explanations_evidence_or_plans(client, secretive, who, request):
    user = _sign_in(client, request, who)
    assert user is None or not may_read_answers(user, secretive)
    pages = _pages(client, secretive)
    leaks = {name: _leaks(text) for name, text in pages.items() if _leaks(text)}
    assert not leaks
    assert '"record"' not in pages["api detail"]


@pytest.mark.parametrize("who", PUBLIC_ROLES)
def test_the_public_sees_statuses_and_public_statements(client, secretive, who, request):
    _sign_in(client, request, who)
    pages = _pages(client, secretive)
    assert PUBLIC_JA in pages["summary (ja)"] and PUBLIC_EN in pages["summary (en)"]
    assert "一部適合" in pages["summary (ja)"] and "Not applicable" in pages["summary (en)"]
    # The API gives both languages; JSON escapes the Japanese.
    assert "PUBLIC-MARK-EN" in pages["api detail"] and "MARK-JA" in pages["api detail"]


@pytest.mark.parametrize("who", READERS)
def test_vendor_members_approved_procurers_and_staff_read_the_answers(
    client, secretive, who, request
):
    user = _sign_in(client, request, who)
    assert may_read_answers(user, secretive)
    pages = _pages(client, secretive)
    for name in ("summary (ja)", "summary (en)", "api detail"):
        assert set(_leaks(pages[name])) == set(PRIVATE), name
    assert PUBLIC_JA in pages["summary (ja)"]
    # The CSV and the verification page are the same for everyone.
    assert not _leaks(pages["csv"]) and not _leaks(pages["verify by serial"])


@pytest.fixture
def with_signed_pdf(secretive, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(secretive.pk)  # eager in tests
    secretive.refresh_from_db()
    assert secretive.pdf_state == "ready"
    return secretive


@pytest.mark.parametrize("who", ["anonymous", "otto", "unapproved_procurer"])
def test_the_public_is_told_who_may_download_the_pdf_and_where_to_verify_a_copy(
    client, with_signed_pdf, who, request
):
    _sign_in(client, request, who)
    response = client.get(f"/en/registry/{with_signed_pdf.serial}/pdf/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'id="pdf-refused"' in html and "approved customer organizations" in html
    assert 'href="/en/verify/"' in html and "Verify a copy you hold" in html
    assert f'href="/en/registry/{with_signed_pdf.serial}/"' in html
    assert ('id="pdf-sign-in"' in html) is (who == "anonymous")
    assert not _leaks(html) and b"%PDF" not in response.content


def test_an_anonymous_link_to_the_workspace_pdf_gets_the_same_page_naming_nothing(
    client, with_signed_pdf
):
    response = client.get(f"/en/declarations/{with_signed_pdf.pk}/pdf/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="pdf-refused"' in html and 'href="/en/verify/"' in html
    # A guessed number must not tell whether a declaration is behind it.
    assert with_signed_pdf.serial not in html
    assert client.get("/en/declarations/999999/pdf/").content.decode().count("pdf-refused") == 1


@pytest.mark.parametrize("who", ["otto", "unapproved_procurer"])
def test_outsiders_learn_nothing_from_the_workspace_pdf_url(client, with_signed_pdf, who, request):
    _sign_in(client, request, who)
    assert client.get(f"/declarations/{with_signed_pdf.pk}/pdf/").status_code == 404


@pytest.mark.parametrize("who", READERS)
def test_readers_download_the_signed_pdf_by_serial_and_from_the_workspace(
    client, with_signed_pdf, who, request
):
    _sign_in(client, request, who)
    for url in (
        f"/registry/{with_signed_pdf.serial}/pdf/",
        f"/declarations/{with_signed_pdf.pk}/pdf/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        body = b"".join(response.streaming_content)
        assert body == with_signed_pdf.pdf_file.open("rb").read()


def test_the_summary_links_readers_to_the_pdf_and_tells_the_public_who_may(
    client, with_signed_pdf, pat
):
    url = f"/en/registry/{with_signed_pdf.serial}/"
    public = client.get(url).content.decode()
    assert 'id="pdf-download"' not in public and 'id="answers-restricted"' in public
    client.force_login(pat)
    html = client.get(url).content.decode()
    assert f'href="/en/registry/{with_signed_pdf.serial}/pdf/"' in html


def test_anyone_still_verifies_an_uploaded_copy_of_the_pdf(client, with_signed_pdf):
    data = with_signed_pdf.pdf_file.open("rb").read()
    page = client.post("/en/verify/", {"pdf": SimpleUploadedFile("copy.pdf", data)})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-outcome="current"' in html and not _leaks(html)
    api = client.post("/api/v1/verify/", {"pdf": SimpleUploadedFile("copy.pdf", data)})
    assert api.status_code == 200 and api.json()["outcome"] == "current"
    assert not _leaks(api.content.decode())


def test_a_draft_is_nobodys_to_read_here(acme_draft, alice, pat, root):
    for user in (alice, pat, root):
        assert not may_read_answers(user, acme_draft)
