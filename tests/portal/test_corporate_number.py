import pytest
from django.core.exceptions import ValidationError

from portal.validators import normalize_corporate_number, validate_corporate_number


@pytest.mark.parametrize("number", ["7000012050002", "6010001000001", "5010001000002"])
def test_valid_corporate_numbers_pass(number):
    validate_corporate_number(number)  # 7000012050002 is the National Tax Agency's own


@pytest.mark.parametrize(
    "number", ["8000012050002", "700001205000", "70000120500021", "7OOOO12O5OOO2"]
)
def test_wrong_check_digits_and_lengths_are_refused(number):
    with pytest.raises(ValidationError):
        validate_corporate_number(number)


def test_full_width_digits_and_hyphens_are_normalised():
    assert normalize_corporate_number("７０００-０１２０-５０００２") == "7000012050002"


def test_every_dash_people_type_is_taken_as_a_separator():
    from portal.validators import normalize_corporate_number

    for dash in "-‐‑‒–—−ー－ｰ":
        assert normalize_corporate_number(f"6010001{dash}000001") == "6010001000001"
    assert normalize_corporate_number("６０１０００１　０００００１") == "6010001000001"
