"""Helpers for the review-thread tests: open a thread and write in it as people would."""

from declarations.models import ReviewThread
from declarations.services import reviews
from guidelines.models import Statement


def statement(declaration, code: str) -> Statement:
    return Statement.objects.get(edition=declaration.edition, code=code)


def open_thread(declaration, procurer, code: str | None = "(2)-1", **fields) -> ReviewThread:
    values = {
        "kind": ReviewThread.Kind.QUESTION,
        "subject": "脆弱性診断の範囲について",
        "body": "診断の対象に管理画面は含まれますか。",
    } | fields
    return reviews.open_thread(
        declaration=declaration,
        user=procurer,
        statement=statement(declaration, code) if code else None,
        **values,
    )


def reply(thread, user, body: str = "はい、含まれます。", **fields):
    return reviews.reply_to_thread(thread=thread, user=user, body=body, **fields)
