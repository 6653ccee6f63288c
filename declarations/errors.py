"""The one error type for refusals that people see.

A service raises ``DeclarationError`` when it will not do what was asked (a
second draft for a product, an edit to a declaration that is no longer a
draft…). Its message is written for the person at the screen; views turn it
into a message or a form error, never a 500.
"""

from __future__ import annotations


class DeclarationError(Exception):
    def __init__(self, message: str, *, existing=None):
        super().__init__(message)
        self.message = message
        # The object the refusal is about, when there is one to link to
        # (for example the draft that already exists for a product).
        self.existing = existing

    def __str__(self) -> str:
        return str(self.message)
