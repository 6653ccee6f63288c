"""Site staff, who are emailed when a PDF keeps failing, retry it from their home."""

from declarations.models import Declaration
from tests.conftest import login_verified

P = Declaration.PdfState


def test_staff_retry_a_failed_pdf_from_their_home_and_it_is_made(
    client, published, root, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    Declaration.objects.filter(pk=published.pk).update(
        pdf_state=P.FAILED, pdf_error="RuntimeError: the font was missing", pdf_attempts=5
    )
    login_verified(client, root)
    home = client.get("/").content.decode()
    assert f'action="/declarations/{published.pk}/pdf/retry/"' in home

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/declarations/{published.pk}/pdf/retry/", follow=True)
    published.refresh_from_db()
    assert published.pdf_state == P.READY and published.pdf_attempts == 1
    # Back on the declaration's page, where the PDF panel shows the new state.
    assert response.redirect_chain[-1][0] == f"/declarations/{published.pk}/"


def test_a_customer_may_not_retry(client, published, pat):
    Declaration.objects.filter(pk=published.pk).update(pdf_state=P.FAILED)
    client.force_login(pat)
    assert client.post(f"/declarations/{published.pk}/pdf/retry/").status_code == 403
    published.refresh_from_db()
    assert published.pdf_state == P.FAILED
