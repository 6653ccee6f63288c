"""Demo content for `manage.py seed_demo`: drafts to work on, and published declarations.

Made through the services, as people would through the pages, so that the
demo data is exactly what the portal itself makes. Running it again changes
nothing.
"""

from .drafts import seed_demo_declaration, seed_ready_draft
from .published import DEMOS, People, seed_published
from .requests import seed_requests
from .reviews import seed_review_threads
from .watching import seed_watch

__all__ = [
    "DEMOS",
    "People",
    "seed_demo_declaration",
    "seed_published",
    "seed_ready_draft",
    "seed_review_threads",
    "seed_requests",
    "seed_watch",
]
