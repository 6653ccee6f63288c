"""Validation of the Japanese corporate number (法人番号), and of names."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def corporate_number_check_digit(base: str) -> int:
    """Check digit for the 12-digit base of a corporate number.

    The National Tax Agency's rule: weight the base digits 1, 2, 1, 2, …
    counting from the rightmost, take the sum modulo 9, and subtract from 9.
    The check digit is written *first*, before the 12 base digits.
    """
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base)))
    return 9 - total % 9


def validate_corporate_number(value: str) -> None:
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("A corporate number is 13 digits (half-width)."), code="corporate_number_format"
        )
    if int(value[0]) != corporate_number_check_digit(value[1:]):
        raise ValidationError(
            _("This corporate number's check digit is wrong; please check the number."),
            code="corporate_number_check_digit",
        )


def normalize_corporate_number(value: str) -> str:
    """Accept full-width digits, spaces and hyphens as people type them."""
    table = str.maketrans("０１２３４５６７８９", "0123456789")
    return "".join(ch for ch in value.translate(table) if ch not in _SEPARATORS)


# Spaces and every dash a keyboard, an input method or a pasted PDF produces:
# hyphen-minus, hyphen, non-breaking hyphen, figure dash, en and em dash, minus
# sign (U+2212, what macOS's Japanese input types), katakana prolonged sound
# mark, full-width hyphen-minus, half-width prolonged mark; ideographic space.
_SEPARATORS = frozenset(" \u00a0\u3000-\u2010\u2011\u2012\u2013\u2014\u2212ー－ｰ")


def validate_clean_name(value: str) -> None:
    """Refuse invisible formatting and control characters in a name.

    Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069),
    zero-width characters (U+200B–U+200F), the byte order mark (U+FEFF) and
    their kin (Unicode categories Cf and Cc) can make a name on a signed
    declaration read differently from what it holds.
    """
    for char in value:
        if unicodedata.category(char) in ("Cf", "Cc"):
            raise ValidationError(
                _(
                    "Names cannot contain invisible formatting or text-direction characters "
                    "(found U+%(code)s)."
                ),
                code="invisible_character",
                params={"code": f"{ord(char):04X}"},
            )
