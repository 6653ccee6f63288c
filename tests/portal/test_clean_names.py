"""Names with invisible formatting or text-direction characters are refused.

A right-to-left override (U+202E) in a name on a signed declaration would make
it read differently from what it holds.
"""

import pytest
from django.core.exceptions import ValidationError

from declarations.drafting.forms import ProductForm
from declarations.publishing.forms import AttestForm
from portal.forms import OrganizationForm, ProfileForm, SignupForm
from portal.validators import validate_clean_name

TRICKS = ["Acme\u202eproC", "Acme\u200b", "\ufeffAcme", "Ac\u2066me\u2069", "Ac\u200fme"]


@pytest.mark.parametrize("value", TRICKS)
def test_a_name_with_an_invisible_control_character_is_refused(value):
    with pytest.raises(ValidationError, match=r"U\+[0-9A-F]{4}"):
        validate_clean_name(value)


@pytest.mark.parametrize(
    "value", ["アクメ株式会社", "Acme Corp. (Japan)", "株式会社アクメ・ジャパン"]
)
def test_ordinary_names_pass(value):
    validate_clean_name(value)


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (SignupForm, "full_name"),
        (ProfileForm, "full_name"),
        (OrganizationForm, "name_ja"),
        (OrganizationForm, "name_en"),
        (ProductForm, "name"),
        (ProductForm, "version"),
        (AttestForm, "signatory_name"),
        (AttestForm, "signatory_title"),
    ],
)
def test_every_name_like_field_refuses_a_right_to_left_override(form_class, field):
    fields = OrganizationForm().fields if form_class is OrganizationForm else form_class.base_fields

    with pytest.raises(ValidationError, match="U\\+202E"):
        fields[field].clean("Acme\u202eproC")


def test_the_profile_page_shows_the_error(client, alice):
    client.force_login(alice)

    page = client.post(
        "/en/accounts/profile/", {"full_name": "Alice\u202eecilA", "language": "en"}
    ).content.decode()

    assert "invisible formatting" in page
    alice.refresh_from_db()
    assert "\u202e" not in alice.full_name
