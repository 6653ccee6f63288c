"""How long the signed PDF of a declaration may be, estimated before it is made.

The PDF is rendered by a worker after the attestation has committed, so a
declaration too long to render in reasonable time must be refused before it
is signed. Rendering it to count the pages would cost what the budget is
there to save (a 464-page PDF took 34 s), so the pages are estimated from the
answers' text as the template lays it out: text wraps at the width of the
page (a Japanese character is about twice as wide as a Latin one), each line
break starts a new line, and each answer adds its heading and labels.

Measured on the template (A4, 9.5 pt): about 94 Latin-width characters to a
line, 42 lines to a page, and five pages for a Minimum declaration with
one-line answers. The estimate rounds towards more pages. An answer that
nearly fills a page can still push the next one to a new page, so the real
count may run a little higher than the estimate, never hundreds of pages.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import Answer

PAGE_BUDGET = 60
LINE_WIDTH = 90  # in Latin-character widths; measured 94
LINES_PER_PAGE = 42
FIRST_PAGES = 2  # the title page and the summary table, before the answers
LINES_PER_ANSWER = 8  # statement heading, status, labels and spacing
TEXT_FIELDS = (
    "explanation",
    "explanation_en",
    "evidence_links",
    "evidence",
    "evidence_en",
    "remediation_plan",
    "remediation_plan_en",
    "public_statement_ja",
    "public_statement_en",
)
LONGEST_NAMED = 3


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_lines(text: str) -> int:
    """The lines ``text`` takes in the PDF: each paragraph wrapped to the page's width."""
    if not text:
        return 0
    return sum(max(1, math.ceil(_width(line) / LINE_WIDTH)) for line in text.split("\n"))


def answer_lines(answer: Answer) -> int:
    return LINES_PER_ANSWER + sum(text_lines(getattr(answer, name)) for name in TEXT_FIELDS)


def estimated_pages(answers: Sequence[Answer]) -> int:
    lines = sum(answer_lines(answer) for answer in answers)
    return FIRST_PAGES + math.ceil(lines / LINES_PER_PAGE)


def answer_length(answer: Answer) -> int:
    return sum(len(getattr(answer, name)) for name in TEXT_FIELDS)


def problems(answers: Sequence[Answer]) -> list[str]:
    """Why the PDF of these answers would be too long to issue; empty when it fits."""
    pages = estimated_pages(answers)
    if pages <= PAGE_BUDGET:
        return []
    longest = sorted(answers, key=answer_lines, reverse=True)[:LONGEST_NAMED]
    named = _(", ").join(
        _("%(code)s (%(length)s characters)")
        % {
            "code": answer.statement.code,
            "length": number_format(answer_length(answer), force_grouping=True),
        }
        for answer in longest
    )
    return [
        _(
            "The signed PDF would run to about %(pages)s pages, more than the %(budget)s "
            "pages a declaration may have. Shorten the longest answers: %(answers)s."
        )
        % {"pages": pages, "budget": PAGE_BUDGET, "answers": named}
    ]
