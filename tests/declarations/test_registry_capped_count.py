"""The registry counts its matches up to a cap: past it, the page says "more than"
and lists the first ones, so that no page costs a COUNT(*) over the whole registry."""

import pytest

from declarations.registry import paging

from .test_registry_at_scale import _copies, _serial


@pytest.fixture
def six(published, monkeypatch):
    monkeypatch.setattr(paging.CappedPaginator, "cap", 5)
    _copies(published, 5)
    return published


def test_more_matches_than_the_cap_say_more_than(client, six):
    html = client.get("/en/registry/").content.decode()
    assert "More than 5 declarations: the first 5 are listed." in html
    assert client.get("/registry/", {"page": 2}).status_code == 200  # the last page, not an error


def test_up_to_the_cap_the_count_is_exact(client, published, monkeypatch):
    monkeypatch.setattr(paging.CappedPaginator, "cap", 5)
    _copies(published, 4)
    html = client.get("/en/registry/").content.decode()
    assert "5 declarations" in html and "More than" not in html


def test_a_narrow_search_is_counted_exactly(client, six):
    html = client.get("/en/registry/", {"q": _serial(3)}).content.decode()
    assert "1 declaration" in html and "More than" not in html


def _listed(client, **query) -> list[str]:
    html = client.get("/en/registry/", query).content.decode()
    listed = [serial for serial in (_serial(n) for n in range(12)) if serial in html]
    return sorted(listed, key=html.index)


@pytest.mark.parametrize("sort", ["", "valid_until", "vendor"])
def test_under_the_cap_the_page_read_by_key_is_the_same_page(client, published, monkeypatch, sort):
    _copies(published, 11)
    monkeypatch.setattr(paging.CappedPaginator, "cap", 100)
    by_key = _listed(client, sort=sort)
    monkeypatch.setattr(paging.CappedPaginator, "cap", 5)  # every page past the cap: not by key
    as_is = _listed(client, sort=sort)
    assert len(by_key) == 11 and by_key[:5] == as_is[:5]
