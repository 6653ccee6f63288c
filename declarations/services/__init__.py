"""The declaration side's writers, one module per thing that changes.

``declarations`` is the one writer for products, declarations, their answers
and their PDF state; the modules beside it write what procurers and vendors
exchange around a declaration. They may call ``declarations``; it never calls
them back, so the writers stay a one-way chain.
"""

from .declarations import (
    PDF_MAX_ATTEMPTS,
    PDF_TASK,
    REMINDER_DAYS,
    archive_product,
    attest_declaration,
    begin_pdf_attempt,
    change_language,
    change_package,
    create_product,
    delete_draft,
    expire_due_declarations,
    fail_pdf,
    mark_pdfs_queued,
    queue_pdf,
    record_event,
    renew_declaration,
    renew_pdf_timestamp,
    renewable_pdf_ids,
    retry_pdf,
    revoke_declaration,
    save_answers,
    send_renewal_reminders,
    start_declaration,
    store_pdf,
    transition,
    unarchive_product,
    update_product,
    withdraw_declaration,
)
from .selfcheck import save_self_check
from .watching import send_watch_expiry_notices, unsubscribe, unwatch, watch

__all__ = [
    "PDF_MAX_ATTEMPTS",
    "PDF_TASK",
    "REMINDER_DAYS",
    "archive_product",
    "attest_declaration",
    "begin_pdf_attempt",
    "change_language",
    "change_package",
    "create_product",
    "delete_draft",
    "expire_due_declarations",
    "fail_pdf",
    "mark_pdfs_queued",
    "queue_pdf",
    "record_event",
    "renew_declaration",
    "renew_pdf_timestamp",
    "renewable_pdf_ids",
    "retry_pdf",
    "revoke_declaration",
    "save_answers",
    "save_self_check",
    "send_renewal_reminders",
    "send_watch_expiry_notices",
    "start_declaration",
    "store_pdf",
    "transition",
    "unarchive_product",
    "unsubscribe",
    "unwatch",
    "update_product",
    "watch",
    "withdraw_declaration",
]
