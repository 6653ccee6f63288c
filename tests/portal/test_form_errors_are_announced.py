"""A form sent back with errors says so at its top and ties each error to its field.

The summary (#error-summary, role=alert) is what static/js/error-summary.js focuses
on load; each field with an error is aria-invalid and aria-describedby its message.
"""

import re

import pytest


def _input(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


def _described_by(tag: str) -> list[str]:
    return re.search(r'aria-describedby="([^"]*)"', tag).group(1).split()


@pytest.mark.parametrize(
    "path,data,fields",
    [
        ("/accounts/signup/", {}, ["email", "password1"]),
        ("/verify/", {"serial": ""}, ["serial"]),
        ("/en/accounts/password_reset/", {"email": "not an address"}, ["email"]),
    ],
)
def test_each_error_is_tied_to_its_field_and_summarised_at_the_top(client, db, path, data, fields):
    response = client.post(path, data)
    assert response.status_code in (200, 400)  # the verify page answers a bad lookup with 400
    page = response.content.decode()
    summary = page.index('id="error-summary"')
    assert 'role="alert"' in page[page.rindex("<div", 0, summary) : summary + 200]
    assert summary < page.index('<form method="post"', page.index("<main"))
    for name in fields:
        tag = _input(page, name)
        assert 'aria-invalid="true"' in tag
        field_id = re.search(r'\sid="([^"]+)"', tag).group(1)
        error_id = f"{field_id}_error"
        assert error_id in _described_by(tag)
        assert f'id="{error_id}"' in page
        assert f'href="#{field_id}"' in page[summary:]


def test_a_wrong_password_is_announced_in_the_summary(client, db):
    response = client.post("/accounts/login/", {"username": "x@example.test", "password": "no"})
    page = response.content.decode()
    start = page.index('id="error-summary"')
    summary = page[start : page.index("</ul>", start)]
    assert "正しいメールアドレスとパスワードを入力してください" in summary


def test_every_page_loads_the_script_that_focuses_the_summary(client, db):
    assert "js/error-summary.js" in client.get("/").content.decode()
