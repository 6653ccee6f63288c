"""Messages are plain text of a bounded length, links are web addresses; nothing else."""

import pytest

from declarations.errors import DeclarationError
from declarations.models import ReviewThread
from declarations.reviews import rules

from .reviews import open_thread, reply


@pytest.fixture
def thread(published, pat):
    return open_thread(published, pat)


@pytest.mark.parametrize(
    "body",
    [
        "NUL \x00 byte",
        "escape \x1b[31m red",
        "bell \x07",
        "C1 \x85 control",
        "bidi \u202e override",
        "x" * (rules.MAX_BODY + 1),
        "   \n  ",
    ],
    ids=["nul", "escape", "bell", "c1", "bidi", "too-long", "blank"],
)
def test_a_bad_message_is_a_form_error_not_a_500(client, alice, thread, body):
    client.force_login(alice)
    response = client.post(f"/threads/{thread.pk}/reply/", {"body": body, "links": ""})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert thread.messages.count() == 1
    with pytest.raises(DeclarationError):
        reply(thread, alice, body)


@pytest.mark.parametrize(
    "links",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.jp/file",
        "//example.jp/path",
        "https://example.jp/\x00",
        "https://" + "a" * 600 + ".jp/",
        "\n".join(f"https://example.jp/{n}" for n in range(rules.MAX_LINKS + 1)),
        "not a url",
    ],
    ids=["javascript", "data", "ftp", "scheme-relative", "nul", "long", "too-many", "text"],
)
def test_only_web_links_are_accepted(client, alice, thread, links):
    client.force_login(alice)
    response = client.post(f"/threads/{thread.pk}/reply/", {"body": "本文", "links": links})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert thread.messages.count() == 1
    with pytest.raises(DeclarationError):
        reply(thread, alice, "本文", links=links.split("\n"))


def test_text_is_shown_as_text_and_links_with_noopener_nofollow(client, alice, pat, thread):
    reply(
        thread,
        alice,
        "<script>alert('x')</script>\n<b>太字</b>",
        links=["https://example.jp/a?b=1&c=2"],
    )
    client.force_login(pat)
    page = client.get(f"/threads/{thread.pk}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>太字</b>" not in page
    assert '<a href="https://example.jp/a?b=1&amp;c=2" rel="noopener nofollow">' in page


def test_line_breaks_and_tabs_are_kept(alice, thread):
    message = reply(thread, alice, "一行目\r\n\t二行目\r三行目  ")
    assert message.body == "一行目\n\t二行目\n三行目"


@pytest.mark.parametrize("subject", ["改行\n入り", "NUL\x00", "x" * 201, ""])
def test_a_bad_subject_is_a_form_error(client, pat, published, subject):
    client.force_login(pat)
    response = client.post(
        f"/declarations/{published.pk}/threads/new/",
        {"statement": "", "kind": "question", "subject": subject, "body": "本文"},
    )
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert not ReviewThread.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"statement": "(9)-9", "kind": "question"},
        {"statement": "(2)-1", "kind": "gossip"},
        {"statement": "\x00", "kind": "question"},
    ],
)
def test_unknown_choices_are_form_errors(client, pat, published, data):
    client.force_login(pat)
    response = client.post(
        f"/declarations/{published.pk}/threads/new/",
        {**data, "subject": "件名", "body": "本文"},
    )
    assert response.status_code == 200
    assert not ReviewThread.objects.exists()


def test_errors_are_tied_to_their_fields_for_screen_readers(client, alice, thread):
    client.force_login(alice)
    page = client.post(f"/threads/{thread.pk}/reply/", {"body": "\x00"}).content.decode()
    assert 'href="#id_body"' in page
    field = page.split('id="id_body"')[0].rsplit("<textarea", 1)[1]
    assert "aria-describedby" in field or 'aria-invalid="true"' in field
