"""Every page links to itself in the other language; the language is in the URL."""

import pytest


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/guideline/", 'href="/en/guideline/" class="btn btn-sm btn-outline-light" lang="en"'),
        ("/en/guideline/", 'href="/guideline/" class="btn btn-sm btn-outline-light" lang="ja"'),
        (
            "/registry/?q=%E5%AF%8C%E5%A3%AB&page=1",
            'href="/en/registry/?q=%E5%AF%8C%E5%A3%AB&amp;page=1"',
        ),
    ],
)
def test_the_link_is_the_same_page_in_the_other_language(client, guideline, path, link):
    assert link in client.get(path).content.decode()


def test_a_page_without_a_url_in_the_other_language_links_to_its_home(client, db):
    html = client.get("/no-such-page/").content.decode()
    assert 'href="/en/" class="btn btn-sm btn-outline-light" lang="en"' in html


def test_switching_sets_no_cookie_and_needs_no_form(client, guideline):
    response = client.get("/guideline/")
    assert not response.cookies and 'id="language-links"' in response.content.decode()
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 404


def test_the_sign_in_page_sends_the_reader_on_in_the_language_they_chose(client, db):
    html = client.get("/accounts/login/", {"next": "/declarations/1/"}).content.decode()
    assert 'href="/en/accounts/login/?next=/en/declarations/1/"' in html
    english = client.get("/en/accounts/login/", {"next": "/en/declarations/1/"}).content.decode()
    assert 'href="/accounts/login/?next=/declarations/1/"' in english


def test_a_next_page_elsewhere_is_left_as_it_is(client, db):
    html = client.get("/accounts/login/", {"next": "//evil.example/"}).content.decode()
    assert 'href="/en/accounts/login/?next=%2F%2Fevil.example%2F"' in html
