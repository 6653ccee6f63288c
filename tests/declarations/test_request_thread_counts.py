"""The procurer's request list counts the open review threads on the declaration each
request led to — its own organization's threads only."""

import datetime

from declarations.services.requests import create_request
from declarations.services.reviews import open_thread


def _request_fulfilled_by(published, pat):
    return create_request(
        user=pat,
        corporate_number=published.organization.corporate_number,
        product=published.product,
        package_kind=published.package.kind,
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )


def test_the_request_list_counts_the_open_threads_on_the_fulfilling_declaration(
    client, published, pat, quinn
):
    made = _request_fulfilled_by(published, pat)
    assert made.declaration_id == published.pk
    open_thread(declaration=published, user=pat, kind="question", subject="SBOM", body="範囲は?")
    open_thread(declaration=published, user=quinn, kind="question", subject="他省", body="別件")

    client.force_login(pat)
    page = client.get("/en/requests/").content.decode()
    assert 'data-open-threads="1"' in page  # pat's thread, not quinn's


def test_a_request_without_threads_shows_none_open(client, published, pat):
    _request_fulfilled_by(published, pat)
    client.force_login(pat)
    assert 'data-open-threads="0"' in client.get("/en/requests/").content.decode()
