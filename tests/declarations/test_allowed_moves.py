"""What each role may do now: one table of roles per act, combined with the state.

The pages draw their buttons from ``allowed_moves``; the services ask the
same table before they write.
"""

import pytest

from declarations import services
from declarations.access import ROLES_FOR, Act
from declarations.errors import DeclarationError
from declarations.models import Declaration
from declarations.publishing.lifecycle import allowed_moves

A = Act


@pytest.mark.parametrize(
    "who,expected",
    [
        ("alice", {A.READ, A.EDIT}),
        ("ada", {A.READ, A.EDIT}),
        ("sam", {A.READ, A.ATTEST}),
        ("vera", {A.READ}),
        ("otto", set()),
        ("pat", set()),  # drafts stay inside the vendor
        ("root", set()),
    ],
)
def test_on_a_draft(acme_draft, who, expected, request):
    assert allowed_moves(acme_draft, request.getfixturevalue(who)) == expected


@pytest.mark.parametrize(
    "who,expected",
    [
        ("alice", {A.READ, A.RENEW}),
        ("ada", {A.READ, A.RENEW}),
        ("sam", {A.READ, A.WITHDRAW, A.RENEW}),
        ("vera", {A.READ}),
        ("otto", set()),
        ("pat", {A.READ}),
        ("root", {A.READ, A.REVOKE}),
    ],
)
def test_on_a_published_declaration(published, who, expected, request):
    assert allowed_moves(published, request.getfixturevalue(who)) == expected


def test_a_failed_pdf_may_be_retried_by_the_vendor(published, alice, sam, vera):
    Declaration.objects.filter(pk=published.pk).update(pdf_state=Declaration.PdfState.FAILED)
    published.refresh_from_db()
    assert A.RETRY_PDF in allowed_moves(published, alice)
    assert A.RETRY_PDF in allowed_moves(published, sam)
    assert A.RETRY_PDF not in allowed_moves(published, vera)


def test_a_withdrawn_declaration_can_be_renewed_but_not_withdrawn_or_revoked(published, sam, root):
    withdrawn = services.withdraw_declaration(declaration=published, user=sam, reason="販売終了")
    assert allowed_moves(withdrawn, sam) == {A.READ, A.RENEW}
    assert allowed_moves(withdrawn, root) == {A.READ}


def test_every_act_has_a_row():
    assert set(ROLES_FOR) == set(Act)


@pytest.mark.parametrize(
    "act,who",
    [
        ("withdraw_declaration", "alice"),
        ("withdraw_declaration", "pat"),
        ("revoke_declaration", "sam"),
        ("revoke_declaration", "pat"),
    ],
)
def test_the_services_ask_the_same_table(published, act, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(DeclarationError):
        getattr(services, act)(declaration=published, user=user, reason="x")
    published.refresh_from_db()
    assert published.status == Declaration.Status.PUBLISHED


def test_only_a_signatory_attests_even_through_the_service(complete_draft, ada, portal_pki):
    with pytest.raises(DeclarationError):
        services.attest_declaration(
            declaration=complete_draft,
            user=ada,
            password="correct horse battery",
            signatory_name="管理 者",
            signatory_title="管理者",
            confirmed=True,
        )
