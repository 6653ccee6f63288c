"""The declaration side's data, one module per kind of record.

``declaration`` holds products, declarations, their answers and events; the
modules beside it hold what is exchanged around a declaration. Everything is
importable from ``declarations.models``, which is where Django looks.
"""

from .declaration import (
    SERIAL_PATTERN,
    Answer,
    AnswerQuerySet,
    Declaration,
    DeclarationEvent,
    DeclarationQuerySet,
    ImmutableDeclarationError,
    Language,
    Product,
    normalise_serial,
)
from .requests import DeclarationRequest, RequestEvent
from .reviews import ReviewMessage, ReviewThread, ReviewThreadEvent
from .selfcheck import SelfCheck, SelfCheckAnswer
from .watching import Watch, WatchNotice

__all__ = [
    "SERIAL_PATTERN",
    "Answer",
    "AnswerQuerySet",
    "Declaration",
    "DeclarationEvent",
    "DeclarationQuerySet",
    "DeclarationRequest",
    "ImmutableDeclarationError",
    "Language",
    "Product",
    "ReviewMessage",
    "ReviewThread",
    "ReviewThreadEvent",
    "SelfCheck",
    "SelfCheckAnswer",
    "RequestEvent",
    "Watch",
    "WatchNotice",
    "normalise_serial",
]
